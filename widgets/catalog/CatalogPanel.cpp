#include "catalog/CatalogPanel.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QThread>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

#include "catalog/CatalogOverlay.h"
#include "catalog/CatalogTableModel.h"
#include "catalog/Query.h"
#include "catalog/TableIndex.h"
#include "catalog/SourceTableFile.h"
#include "regions/RegionDocument.h"
#include "wcs/Angles.h"

namespace xsky::widgets {

namespace {

constexpr int kHistorySize = 30;
constexpr double kDefaultRegionRadiusDeg = 10.0 / 3600.0;
constexpr int kMaxRegionsAtOnce = 200;
const QString kHistoryKey = QStringLiteral("catalog/queryHistory");

struct MatchOutcome {
  std::vector<catalog::NeighbourMatch> nearest;
  QString error;
};

struct QueryOutcome {
  quint64 serial = 0;
  bool ok = false;
  std::vector<size_t> rows;
  QString error;
  int column = 0;
  qint64 ms = 0;
};

// A column that names the sources (for the region's text), -1 when none.
int nameColumn(const catalog::SourceTable& t) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (QString(t.columns[i].meta.ucd)
            .remove(QLatin1Char(' '))
            .compare(QLatin1String("meta.id;meta.main"), Qt::CaseInsensitive) == 0) {
      return static_cast<int>(i);
    }
  }
  for (const char* name :
       {"iauname", "name", "main_id", "source_name", "srcid", "source_id", "id"}) {
    const int c = t.columnIndex(QLatin1String(name));
    if (c >= 0) return c;
  }
  return -1;
}

// The query runs on its own one-thread pool so that the query's own block workers (on the global
// pool) always have threads to run on.
QThreadPool* queryPool() {
  static QThreadPool* pool = [] {
    auto* p = new QThreadPool;
    p->setMaxThreadCount(1);
    return p;
  }();
  return pool;
}

}  // namespace

CatalogPanel::CatalogPanel(QWidget* parent)
    : QWidget(parent), model_(new CatalogTableModel(this)), overlay_(new CatalogOverlay(this)) {
  setObjectName(QStringLiteral("catalogPanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  title_ = new QLabel(tr("No catalogue: File > Open Catalogue..."), this);
  title_->setObjectName(QStringLiteral("catalogTitle"));
  layout->addWidget(title_);

  auto* row = new QHBoxLayout;
  query_ = new QComboBox(this);
  query_->setObjectName(QStringLiteral("catalogQuery"));
  query_->setEditable(true);
  query_->setInsertPolicy(QComboBox::NoInsert);
  query_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  query_->setToolTip(
      tr("A query, e.g. cone('M31', '1deg') AND sc_det_ml > 10; empty shows every row"));
  query_->lineEdit()->setPlaceholderText(
      tr("query, e.g. sc_det_ml > 10 AND cone('M31', '30arcmin')"));
  query_->addItems(QSettings().value(kHistoryKey).toStringList());
  query_->setCurrentIndex(-1);
  query_->setEditText(QString());
  connect(query_->lineEdit(), &QLineEdit::returnPressed, this,
          [this] { runQuery(query_->currentText()); });
  auto* run = new QPushButton(tr("Run"), this);
  run->setObjectName(QStringLiteral("catalogRun"));
  connect(run, &QPushButton::clicked, this, [this] { runQuery(query_->currentText()); });
  auto* all = new QPushButton(tr("All"), this);
  all->setToolTip(tr("Show every row"));
  connect(all, &QPushButton::clicked, this, [this] {
    query_->setEditText(QString());
    runQuery(QString());
  });
  columnsButton_ = new QToolButton(this);
  columnsButton_->setText(tr("Columns"));
  columnsButton_->setPopupMode(QToolButton::InstantPopup);
  columnsMenu_ = new QMenu(columnsButton_);
  columnsMenu_->setObjectName(QStringLiteral("catalogColumnsMenu"));
  columnsButton_->setMenu(columnsMenu_);
  auto* region = new QToolButton(this);
  makeRegion_ = new QAction(tr("Make Source Region Here"), this);
  makeRegion_->setObjectName(QStringLiteral("makeSourceRegionAction"));
  makeRegion_->setToolTip(tr(
      "A circle source region at each selected source (radius: its positional error, else 10\")"));
  makeRegion_->setEnabled(false);
  connect(makeRegion_, &QAction::triggered, this, [this] { makeSourceRegions(); });
  region->setDefaultAction(makeRegion_);
  auto* inRegions = new QToolButton(this);
  inRegions_ = new QAction(tr("Select in Regions"), this);
  inRegions_->setObjectName(QStringLiteral("selectInRegionsAction"));
  inRegions_->setToolTip(tr("Select the sources inside the source regions (exclusions cut out)"));
  connect(inRegions_, &QAction::triggered, this, [this] { selectSourcesInRegions(); });
  inRegions->setDefaultAction(inRegions_);
  auto* match = new QToolButton(this);
  match_ = new QAction(tr("Match With Table..."), this);
  match_->setObjectName(QStringLiteral("matchWithTableAction"));
  match_->setToolTip(
      tr("Select the sources that have a counterpart in another table (VOTable or FITS) within a "
         "radius"));
  match_->setEnabled(false);
  connect(match_, &QAction::triggered, this, &CatalogPanel::matchRequested);
  match->setDefaultAction(match_);
  row->addWidget(query_, 1);
  row->addWidget(run);
  row->addWidget(all);
  layout->addLayout(row);

  // Second row: the outcome of the last query, then the table and region tools.
  auto* tools = new QHBoxLayout;
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("catalogStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  tools->addWidget(status_, 1);
  tools->addWidget(columnsButton_);
  tools->addWidget(region);
  tools->addWidget(inRegions);
  tools->addWidget(match);
  layout->addLayout(tools);

  view_ = new QTableView(this);
  view_->setObjectName(QStringLiteral("catalogTable"));
  view_->setModel(model_);
  view_->setSortingEnabled(true);
  view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 4);
  view_->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
  view_->setContextMenuPolicy(Qt::ActionsContextMenu);
  view_->addAction(makeRegion_);
  connect(
      view_->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
      [this](const QPoint& p) { columnsMenu_->popup(view_->horizontalHeader()->mapToGlobal(p)); });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &CatalogPanel::onSelectionChanged);
  layout->addWidget(view_, 1);

  connect(overlay_, &CatalogOverlay::rowClicked, this, &CatalogPanel::onMarkerClicked);
  updateStatus();
}

CatalogPanel::~CatalogPanel() = default;

void CatalogPanel::setRegionDocument(RegionDocument* document) { regions_ = document; }

// Members in this order: the index (which waits for its builds) goes before the table it reads.
struct CatalogPanel::IndexedTable {
  std::shared_ptr<const catalog::SourceTable> table;
  catalog::TableIndex index;
  explicit IndexedTable(std::shared_ptr<const catalog::SourceTable> t)
      : table(std::move(t)), index(*table, catalog::TableIndex::Build::InBackground) {}
};

void CatalogPanel::setTable(std::shared_ptr<const catalog::SourceTable> table,
                            const QString& label) {
  ++serial_;  // a query still running belongs to the previous table
  table_ = std::move(table);
  indexed_ = table_ ? std::make_shared<IndexedTable>(table_) : nullptr;
  label_ = label;
  columns_ = table_ ? catalog::findPositionColumns(*table_) : catalog::PositionColumns{};
  positions_ = {};
  errorsDeg_.clear();
  counterparts_.clear();
  if (table_ && columns_.found()) {
    try {
      positions_ = catalog::positionsOf(*table_, columns_);
    } catch (const Error& e) {
      columns_ = {};
      Q_EMIT message(e.message());
    }
  }
  if (table_ && columns_.found() && columns_.error >= 0) {
    const catalog::Column& c = table_->columns[static_cast<size_t>(columns_.error)];
    const double scale = catalog::angleScaleToDegrees(c.meta.unit);
    if (std::isfinite(scale)) {
      errorsDeg_ = c.toReals();
      for (double& e : errorsDeg_) e *= scale;
    }
  }
  model_->setTable(table_);
  overlay_->setPositions(positions_, errorsDeg_);
  view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
  view_->resizeColumnsToContents();
  rebuildColumnsMenu();
  makeRegion_->setEnabled(false);
  match_->setEnabled(table_ && columns_.found());
  const QString name = label_.isEmpty() && table_ ? table_->name : label_;
  if (!table_) {
    title_->setText(tr("No catalogue"));
  } else if (columns_.found()) {
    const catalog::ColumnMeta& ra = table_->columns[static_cast<size_t>(columns_.ra)].meta;
    const catalog::ColumnMeta& dec = table_->columns[static_cast<size_t>(columns_.dec)].meta;
    title_->setText(
        tr("%1: %n row(s); positions %2, %3%4", nullptr, static_cast<int>(table_->rowCount()))
            .arg(name, ra.name, dec.name,
                 columns_.error >= 0
                     ? tr(", error %1")
                           .arg(table_->columns[static_cast<size_t>(columns_.error)].meta.name)
                     : QString()));
  } else {
    title_->setText(
        tr("%1: %n row(s); no RA/Dec columns recognised (name them RA and DEC or give them "
           "pos.eq.ra/pos.eq.dec UCDs): no sky markers",
           nullptr, static_cast<int>(table_->rowCount()))
            .arg(name));
  }
  status_->setStyleSheet(QString());
  updateStatus();
  Q_EMIT tableChanged();
}

bool CatalogPanel::queryRunning() const { return running_ > 0; }

void CatalogPanel::runQuery(const QString& text) {
  if (!table_) {
    Q_EMIT queryFinished(false, tr("no catalogue is open"));
    return;
  }
  const quint64 serial = ++serial_;
  const QString trimmed = text.trimmed();
  if (!trimmed.isEmpty()) rememberQuery(trimmed);
  status_->setStyleSheet(QString());
  status_->setText(tr("running ..."));
  ++running_;
  auto table = table_;
  auto indexed = indexed_;
  auto resolver = resolver_;
  auto* watcher = new QFutureWatcher<QueryOutcome>(this);
  connect(watcher, &QFutureWatcher<QueryOutcome>::finished, this, [this, watcher] {
    const QueryOutcome o = watcher->result();
    watcher->deleteLater();
    Q_ASSERT(QThread::currentThread() == thread());
    --running_;
    if (o.serial != serial_) return;  // a newer query or table replaced it
    if (!o.ok) {
      status_->setStyleSheet(QStringLiteral("color: #d04040;"));
      status_->setText(o.error);
      if (o.column > 0) {
        query_->lineEdit()->setCursorPosition(o.column - 1);
        query_->setFocus();
      }
      Q_EMIT queryFinished(false, o.error);
      return;
    }
    const std::vector<size_t> selected = selectedRows();
    model_->setShownRows(o.rows);
    overlay_->setShownRows(o.rows);
    selectRows(selected);  // keeps what is still shown
    status_->setStyleSheet(QString());
    updateStatus();
    if (o.ms > 0) status_->setText(status_->text() + tr(" (%1 ms)").arg(o.ms));
    Q_EMIT queryFinished(true, tr("%n row(s) match", nullptr, static_cast<int>(o.rows.size())));
  });
  watcher->setFuture(QtConcurrent::run(queryPool(), [table, indexed, resolver, trimmed, serial] {
    QueryOutcome o;
    o.serial = serial;
    QElapsedTimer timer;
    timer.start();
    try {
      if (trimmed.isEmpty()) {
        o.rows.resize(table->rowCount());
        for (size_t i = 0; i < o.rows.size(); ++i) o.rows[i] = i;
      } else {
        catalog::QueryOptions options;
        options.resolver = resolver;
        if (indexed) options.index = &indexed->index;
        o.rows = catalog::Query::compile(trimmed, *table, options).rows();
      }
      o.ok = true;
    } catch (const catalog::QueryError& e) {
      o.error = e.message();
      o.column = e.column();
    } catch (const std::exception& e) {
      o.error = QString::fromUtf8(e.what());
    }
    o.ms = timer.elapsed();
    return o;
  }));
}

std::vector<size_t> CatalogPanel::shownRows() const {
  std::vector<size_t> rows = model_->shownRows();
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<size_t> CatalogPanel::selectedRows() const {
  std::vector<size_t> rows;
  for (const QModelIndex& i : view_->selectionModel()->selectedRows())
    rows.push_back(model_->tableRow(i.row()));
  std::sort(rows.begin(), rows.end());
  return rows;
}

void CatalogPanel::selectRows(const std::vector<size_t>& rows) {
  std::vector<int> modelRows;
  for (const size_t r : rows) {
    const int m = model_->modelRow(r);
    if (m >= 0) modelRows.push_back(m);
  }
  std::sort(modelRows.begin(), modelRows.end());
  QItemSelection selection;
  const int lastColumn = std::max(0, model_->columnCount() - 1);
  for (size_t k = 0; k < modelRows.size();) {
    size_t e = k;
    while (e + 1 < modelRows.size() && modelRows[e + 1] == modelRows[e] + 1) ++e;
    selection.select(model_->index(modelRows[k], 0), model_->index(modelRows[e], lastColumn));
    k = e + 1;
  }
  applyingSelection_ = true;
  view_->selectionModel()->select(selection,
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  applyingSelection_ = false;
  if (!modelRows.empty()) view_->scrollTo(model_->index(modelRows.front(), 0));
}

void CatalogPanel::onSelectionChanged() {
  const std::vector<size_t> rows = selectedRows();
  overlay_->setSelectedRows(rows);
  makeRegion_->setEnabled(!rows.empty() && columns_.found());
  if (!applyingSelection_) Q_EMIT selectionEdited(rows);
}

void CatalogPanel::onMarkerClicked(size_t row, bool extend) {
  std::vector<size_t> rows;
  if (extend) {
    rows = selectedRows();
    const auto it = std::lower_bound(rows.begin(), rows.end(), row);
    if (it != rows.end() && *it == row) {
      rows.erase(it);
    } else {
      rows.insert(it, row);
    }
  } else {
    rows = {row};
  }
  selectRows(rows);
  Q_EMIT selectionEdited(selectedRows());
}

int CatalogPanel::makeSourceRegions() {
  if (!regions_ || !table_ || !columns_.found()) return 0;
  const std::vector<size_t> rows = selectedRows();
  if (rows.empty()) return 0;
  if (static_cast<int>(rows.size()) > kMaxRegionsAtOnce) {
    Q_EMIT message(tr("Select at most %1 sources to make regions from (%2 are selected)")
                       .arg(kMaxRegionsAtOnce)
                       .arg(rows.size()));
    return 0;
  }
  const int names = nameColumn(*table_);
  std::vector<regions::Region> made;
  for (const size_t r : rows) {
    if (!std::isfinite(positions_.ra[r]) || !std::isfinite(positions_.dec[r])) continue;
    double radius = kDefaultRegionRadiusDeg;
    if (!errorsDeg_.empty() && std::isfinite(errorsDeg_[r]) && errorsDeg_[r] > 0)
      radius = errorsDeg_[r];
    regions::Region region;
    region.shape = regions::Circle{regions::Vec2{positions_.ra[r], positions_.dec[r]}, radius};
    region.frame = regions::Frame::Sky;
    region.role = regions::Role::Source;
    region.include = true;
    if (names >= 0) region.style.text = table_->columns[static_cast<size_t>(names)].text(r);
    made.push_back(std::move(region));
  }
  if (made.empty()) return 0;
  regions_->addAll(made, made.size() == 1 ? tr("Make source region from catalogue")
                                          : tr("Make source regions from catalogue"));
  Q_EMIT message(
      tr("%n source region(s) made from the catalogue", nullptr, static_cast<int>(made.size())));
  return static_cast<int>(made.size());
}

void CatalogPanel::selectSourcesInRegions() {
  if (!regions_ || !table_ || !columns_.found()) {
    Q_EMIT message(tr("Select in Regions needs a catalogue with positions and drawn regions"));
    Q_EMIT regionSelectionFinished(0);
    return;
  }
  QStringList notes;
  const regions::RegionSet set = regions::RegionSet::fromRegions(regions_->regions(), &notes);
  if (set.source.empty()) {
    Q_EMIT message(tr("Draw a source region first"));
    Q_EMIT regionSelectionFinished(0);
    return;
  }
  const quint64 serial = serial_;
  auto* watcher = new QFutureWatcher<std::vector<size_t>>(this);
  connect(watcher, &QFutureWatcher<std::vector<size_t>>::finished, this, [this, watcher, serial] {
    const std::vector<size_t> rows = watcher->result();
    watcher->deleteLater();
    Q_ASSERT(QThread::currentThread() == thread());
    if (serial != serial_) return;  // the table or the query changed meanwhile
    selectRows(rows);
    const std::vector<size_t> selected = selectedRows();
    Q_EMIT selectionEdited(selected);
    Q_EMIT message(
        tr("%n source(s) inside the source regions", nullptr, static_cast<int>(rows.size())) +
        (selected.size() < rows.size() ? tr(", %1 of them shown by the query").arg(selected.size())
                                       : QString()));
    Q_EMIT regionSelectionFinished(static_cast<int>(rows.size()));
  });
  watcher->setFuture(QtConcurrent::run([positions = positions_, set] {
    return catalog::rowsInRegions(positions, set, catalog::RegionArea::Source);
  }));
}

void CatalogPanel::matchWithFile(const QString& path, double radiusDeg) {
  const QString label = QFileInfo(path).fileName();
  if (!table_ || !columns_.found()) {
    showError(tr("Match With Table needs a catalogue with positions"));
    Q_EMIT matchFinished(-1);
    return;
  }
  if (!(radiusDeg > 0) || radiusDeg > 180) {
    showError(tr("The match radius must be more than 0 and at most 180 deg"));
    Q_EMIT matchFinished(-1);
    return;
  }
  const quint64 serial = serial_;
  status_->setStyleSheet(QString());
  status_->setText(tr("matching with %1 ...").arg(label));
  auto* watcher = new QFutureWatcher<MatchOutcome>(this);
  connect(watcher, &QFutureWatcher<MatchOutcome>::finished, this,
          [this, watcher, serial, label, radiusDeg] {
            MatchOutcome o = watcher->result();
            watcher->deleteLater();
            Q_ASSERT(QThread::currentThread() == thread());
            if (serial != serial_) return;  // the table or the query changed meanwhile
            if (!o.error.isEmpty()) {
              showError(tr("Match with %1 failed: %2").arg(label, o.error));
              Q_EMIT matchFinished(-1);
              return;
            }
            counterparts_ = std::move(o.nearest);
            std::vector<size_t> rows;
            for (size_t i = 0; i < counterparts_.size(); ++i) {
              if (counterparts_[i].index >= 0) rows.push_back(i);
            }
            selectRows(rows);
            const std::vector<size_t> selected = selectedRows();
            Q_EMIT selectionEdited(selected);
            QString text =
                (rows.size() == 1 ? tr("%1 of %2 sources has a counterpart within %3 in %4")
                                  : tr("%1 of %2 sources have a counterpart within %3 in %4"))
                    .arg(rows.size())
                    .arg(table_->rowCount())
                    .arg(wcs::formatAngleSize(radiusDeg), label);
            if (selected.size() < rows.size())
              text += tr(" (%1 of them shown by the query)").arg(selected.size());
            status_->setStyleSheet(QString());
            status_->setText(text);
            Q_EMIT message(text);
            Q_EMIT matchFinished(static_cast<int>(rows.size()));
          });
  watcher->setFuture(QtConcurrent::run([path, positions = positions_, radiusDeg] {
    MatchOutcome o;
    try {
      const catalog::SourceTable other = catalog::readSourceTableFile(path);
      o.nearest = catalog::nearestNeighbours(positions, catalog::positionsOf(other), radiusDeg);
    } catch (const std::exception& e) {
      o.error = QString::fromUtf8(e.what());
    }
    return o;
  }));
}

void CatalogPanel::showError(const QString& text) {
  status_->setStyleSheet(QStringLiteral("color: #d04040;"));
  status_->setText(text);
  Q_EMIT message(text);
}

void CatalogPanel::rememberQuery(const QString& text) {
  const QString current = query_->currentText();
  for (int i = query_->count() - 1; i >= 0; --i) {
    if (query_->itemText(i) == text) query_->removeItem(i);
  }
  query_->insertItem(0, text);
  while (query_->count() > kHistorySize) query_->removeItem(query_->count() - 1);
  query_->setCurrentIndex(-1);
  query_->setEditText(current);
  QStringList history;
  for (int i = 0; i < query_->count(); ++i) history << query_->itemText(i);
  QSettings().setValue(kHistoryKey, history);
}

void CatalogPanel::rebuildColumnsMenu() {
  columnsMenu_->clear();
  columnsButton_->setEnabled(table_ != nullptr);
  if (!table_) return;
  columnsMenu_->addAction(tr("Show All"), this, [this] {
    for (QAction* a : columnsMenu_->actions()) {
      if (a->isCheckable()) a->setChecked(true);
    }
  });
  columnsMenu_->addSeparator();
  for (int c = 0; c < model_->columnCount(); ++c) {
    view_->setColumnHidden(c, false);
    QAction* a = columnsMenu_->addAction(table_->columns[static_cast<size_t>(c)].meta.name);
    a->setCheckable(true);
    a->setChecked(true);
    connect(a, &QAction::toggled, this, [this, c](bool on) { view_->setColumnHidden(c, !on); });
  }
}

void CatalogPanel::updateStatus() {
  if (!table_) {
    status_->setText(QString());
    return;
  }
  const size_t shown = model_->shownRows().size();
  status_->setText(tr("%1 of %2 rows shown").arg(shown).arg(table_->rowCount()));
}

}  // namespace xsky::widgets
