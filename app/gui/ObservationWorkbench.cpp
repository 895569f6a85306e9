#include "gui/ObservationWorkbench.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "archive/ArchiveListing.h"
#include "archive/DownloadCache.h"
#include "archive/FootprintIndex.h"
#include "archive/ObservationIndex.h"
#include "archive/ObservationScanner.h"
#include "fits/FitsError.h"
#include "moc/MocBuilders.h"
#include "regions/RegionDocument.h"
#include "regions/RegionSet.h"
#include "archive/FootprintOverlay.h"
#include "archive/ObservationSelector.h"
#include "sky/SkyView.h"
#include "tasks/TaskManager.h"

namespace xsky::app {

namespace {
constexpr int kIndexOrder = 16;   // footprints: 3.2" cells, CCD gaps resolved
constexpr int kRegionOrder = 16;  // region MOCs for queries

struct QueryOutcome {
  quint64 serial = 0;
  moc::SpaceMoc region;
  std::vector<archive::FootprintHit> hits;
  QString error;
};
}  // namespace

ObservationWorkbench::ObservationWorkbench(QWidget* window, tasks::TaskManager* tasks, widgets::RegionDocument* regions)
    : QObject(window), window_(window), tasks_(tasks), regions_(regions) {
  panel_ = new QWidget(window);
  panel_->setObjectName(QStringLiteral("observationsPanel"));
  auto* layout = new QVBoxLayout(panel_);
  layout->setContentsMargins(0, 0, 0, 0);
  indexLabel_ = new QLabel(tr("No observation index: open a folder of observations."), panel_);
  indexLabel_->setObjectName(QStringLiteral("indexLabel"));
  indexLabel_->setWordWrap(true);
  selector_ = new widgets::ObservationSelector(panel_);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("MOC order drawn"), panel_));
  order_ = new QSlider(Qt::Horizontal, panel_);
  order_->setObjectName(QStringLiteral("mocOrder"));
  order_->setRange(4, 16);
  order_->setValue(12);
  auto* orderValue = new QLabel(QString::number(order_->value()), panel_);
  row->addWidget(order_, 1);
  row->addWidget(orderValue);
  layout->addWidget(indexLabel_);
  layout->addWidget(selector_, 1);
  layout->addLayout(row);
  connect(order_, &QSlider::valueChanged, this, [this, orderValue](int v) {
    orderValue->setText(QString::number(v));
    for (auto& [view, overlay] : overlays_) overlay->setMaxOrder(v);
  });
  connect(selector_, &widgets::ObservationSelector::checkedChanged, this, &ObservationWorkbench::refreshOverlays);
  connect(selector_, &widgets::ObservationSelector::openRequested, this, &ObservationWorkbench::openLocation);
  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(120);
  connect(debounce_, &QTimer::timeout, this, &ObservationWorkbench::runQuery);
  connect(regions_, &widgets::RegionDocument::changed, this, &ObservationWorkbench::scheduleQuery);
}

ObservationWorkbench::~ObservationWorkbench() = default;

void ObservationWorkbench::attach(widgets::SkyView* view) {
  auto* overlay = new widgets::FootprintOverlay(view);
  overlay->setMaxOrder(order_->value());
  view->addOverlay(overlay);
  overlays_[view] = overlay;
  connect(overlay, &QObject::destroyed, this, [this, view] { overlays_.erase(view); });
  refreshOverlays();
}

widgets::FootprintOverlay* ObservationWorkbench::overlay(widgets::SkyView* view) const {
  const auto it = overlays_.find(view);
  return it == overlays_.end() ? nullptr : it->second;
}

void ObservationWorkbench::indexFolder(const QString& folder) {
  QString path = QDir(folder).filePath(QStringLiteral("xsky-index.sqlite"));
  if (!QFileInfo(folder).isWritable()) {
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(data + QStringLiteral("/indexes"));
    path = data + QStringLiteral("/indexes/%1.sqlite").arg(qHash(QFileInfo(folder).absoluteFilePath()), 0, 16);
  }
  loadIndex(path, folder);
}

void ObservationWorkbench::openIndex(const QString& path) { loadIndex(path, QString()); }

void ObservationWorkbench::importListing(const QString& url) {
  const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/indexes");
  QDir().mkpath(data);
  const QString path = data + QStringLiteral("/remote-%1.sqlite").arg(qHash(url), 0, 16);
  tasks_->start(
      tr("Import %1").arg(url),
      [path, url](tasks::TaskContext& ctx) -> QVariant {
        archive::ObservationIndex db(path);
        const archive::ListingImportReport report = archive::importArchiveListing(db, url, ctx.progressFn(0, 1));
        for (const QString& w : report.warnings) ctx.log(QStringLiteral("warning: ") + w);
        ctx.log(QStringLiteral("%1 added, %2 replaced").arg(report.added).arg(report.replaced));
        return report.added + report.replaced;
      },
      [this, path, url](const tasks::TaskInfo& info) {
        if (info.state == tasks::TaskState::Failed) Q_EMIT message(tr("remote archive: %1").arg(info.error));
        if (info.state != tasks::TaskState::Succeeded) return;
        Q_EMIT message(tr("imported the listing of %1").arg(url));
        openIndex(path);
      });
}

void ObservationWorkbench::openLocation(const QString& location) {
  if (!archive::isRemoteLocation(location)) {
    Q_EMIT openRequested(location);
    return;
  }
  archive::DownloadRequest request;
  request.url = location;
  for (const auto& row : selector_->rows()) {
    if (row.record.location != location) continue;
    request.expectedChecksum = row.record.checksum;
    if (row.record.fileSize > 0) request.expectedSize = row.record.fileSize;
  }
  auto path = std::make_shared<QString>();
  tasks_->start(
      tr("Download %1").arg(archive::fileNameOfUrl(location)),
      [request, path](tasks::TaskContext& ctx) -> QVariant {
        const archive::DownloadResult got = archive::DownloadCache().fetch(request, ctx.progressFn(0, 1));
        *path = got.path;
        ctx.log(got.fromCache ? QStringLiteral("in the download cache: %1").arg(got.path)
                              : QStringLiteral("downloaded to %1").arg(got.path));
        return got.path;
      },
      [this, path](const tasks::TaskInfo& info) {
        if (info.state == tasks::TaskState::Failed) Q_EMIT message(tr("download: %1").arg(info.error));
        if (info.state == tasks::TaskState::Succeeded) Q_EMIT openRequested(*path);
      });
}

void ObservationWorkbench::loadIndex(const QString& path, const QString& folder) {
  auto built = std::make_shared<std::shared_ptr<const archive::FootprintIndex>>();
  const QString title = folder.isEmpty() ? tr("Load index %1").arg(QFileInfo(path).fileName())
                                         : tr("Index %1").arg(QFileInfo(folder).fileName());
  tasks_->start(
      title,
      [path, folder, built](tasks::TaskContext& ctx) -> QVariant {
        archive::IndexOpenOptions options;
        options.readOnly = folder.isEmpty();
        archive::ObservationIndex db(path, options);
        if (!folder.isEmpty()) {
          ctx.stage(QStringLiteral("scanning %1").arg(folder));
          archive::ScanOptions scan;
          scan.footprintOrder = kIndexOrder;
          const archive::ScanReport report = archive::indexFiles(db, {folder}, scan, ctx.progressFn(0, 0.9));
          for (const archive::ScannedFile& f : report.files) {
            ctx.log(QStringLiteral("%1: %2%3").arg(QFileInfo(f.path).fileName(), archive::statusName(f.status),
                                                  f.reason.isEmpty() ? QString() : QStringLiteral(" (") + f.reason + QLatin1Char(')')));
          }
        }
        ctx.stage(QStringLiteral("loading footprints"));
        *built = std::make_shared<const archive::FootprintIndex>(archive::FootprintIndex::fromDatabase(db));
        return static_cast<qulonglong>((*built)->size());
      },
      [this, built, path](const tasks::TaskInfo& info) {
        if (info.state != tasks::TaskState::Succeeded) {
          if (info.state == tasks::TaskState::Failed) Q_EMIT message(tr("observation index: %1").arg(info.error));
          return;
        }
        index_ = *built;
        indexPath_ = path;
        indexLabel_->setText(tr("Index %1: %n observation file(s).", nullptr, static_cast<int>(index_->size()))
                                 .arg(QDir::toNativeSeparators(path)));
        Q_EMIT message(indexLabel_->text());
        runQuery();
      });
}

void ObservationWorkbench::scheduleQuery() { debounce_->start(); }

void ObservationWorkbench::runQuery() {
  const quint64 serial = ++querySerial_;
  const regions::RegionSet set = regions::RegionSet::fromRegions(regions_->regions());
  const std::shared_ptr<const archive::FootprintIndex> index = index_;
  auto* watcher = new QFutureWatcher<QueryOutcome>(this);
  connect(watcher, &QFutureWatcher<QueryOutcome>::finished, this, [this, watcher] {
    QueryOutcome out = watcher->result();
    watcher->deleteLater();
    if (out.serial != querySerial_) return;  // a newer query is on its way
    if (!out.error.isEmpty()) Q_EMIT message(tr("regions: %1").arg(out.error));
    regionMoc_ = out.region;
    hits_ = std::move(out.hits);
    std::vector<widgets::ObservationSelector::Row> rows;
    for (const archive::FootprintHit& h : hits_) rows.push_back({index_ ? index_->record(h.entry) : archive::ObservationRecord{}, h.coveredFraction});
    if (!index_) rows.clear();
    selector_->setRows(std::move(rows), !index_ ? tr("No observation index yet.")
                                        : regionMoc_.empty() ? tr("Draw a source region to find the observations that cover it.")
                                                             : QString());
    refreshOverlays();
    Q_EMIT queried();
  });
  watcher->setFuture(QtConcurrent::run([serial, set, index]() {
    QueryOutcome out;
    out.serial = serial;
    try {
      if (set.empty()) return out;
      const moc::RegionSetMocs mocs = moc::regionSetMocs(set, kRegionOrder);
      out.region = mocs.source.unionWith(mocs.background);
      if (index) out.hits = index->query(out.region);
    } catch (const Error& e) {
      out.error = e.message();
    }
    return out;
  }));
}

void ObservationWorkbench::showExtraCoverage(const moc::SpaceMoc& coverage, const QString& name) {
  extra_.emplace_back(name, coverage);
  refreshOverlays();
}

void ObservationWorkbench::refreshOverlays() {
  std::vector<widgets::FootprintOverlay::Layer> layers;
  if (index_) {
    const std::vector<int> checked = selector_->checkedRows();
    for (const int row : checked) {
      const archive::ObservationRecord& r = selector_->rows()[static_cast<size_t>(row)].record;
      for (const archive::FootprintHit& h : hits_) {
        if (index_->record(h.entry).location != r.location) continue;
        layers.push_back({r.obsId + QLatin1Char(' ') + r.instrument, index_->footprint(h.entry),
                          widgets::footprintColour(r.instrument), true});
      }
    }
  }
  for (const auto& [name, coverage] : extra_) layers.push_back({name, coverage, QColor(255, 240, 80), true});
  if (!regionMoc_.empty()) layers.push_back({tr("region MOC"), regionMoc_, widgets::footprintColour(QStringLiteral("REGION")), true});
  for (auto& [view, overlay] : overlays_) overlay->setLayers(layers);
}

}  // namespace xsky::app
