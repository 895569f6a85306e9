#include "gui/ProductsPanel.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <set>

#include "fits/FitsError.h"
#include "products/ProductExport.h"
#include "products/ProductPlot.h"
#include "products/ProductSketch.h"
#include "products/ProductThumbnail.h"

namespace xsky::app {

namespace {
enum Column { kPreview, kObs, kCamera, kKind, kBand, kCounts, kFile, kColumns };
const QSize kPreviewSize(72, 28);
constexpr int kResultRole = Qt::UserRole + 1;  // index into results_
}

ProductsPanel::ProductsPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("productsPanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  tree_ = new QTreeWidget(splitter);
  tree_->setObjectName(QStringLiteral("productsTree"));
  tree_->setColumnCount(kColumns);
  tree_->setHeaderLabels({tr("Preview"), tr("Obsid"), tr("Camera"), tr("Product"), tr("Band"), tr("Counts"), tr("File")});
  tree_->setRootIsDecorated(false);
  tree_->setIconSize(kPreviewSize);
  tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  plot_ = new widgets::ProductPlot(splitter);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  auto* buttons = new QHBoxLayout;
  export_ = new QPushButton(tr("Export…"), this);
  export_->setObjectName(QStringLiteral("exportProducts"));
  export_->setToolTip(tr("Copy the selected products (all when none is selected) to a folder, with the "
                         "background spectra and responses their spectra name"));
  export_->setEnabled(false);
  buttons->addWidget(export_);
  buttons->addStretch(1);
  layout->addLayout(buttons);
  layout->addWidget(splitter);
  connect(export_, &QPushButton::clicked, this, &ProductsPanel::chooseExportFolder);
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item != nullptr) showRow(tree_->indexOfTopLevelItem(item));
  });
  connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    if (item->text(kKind) == QLatin1String("image")) Q_EMIT openImage(item->data(kFile, Qt::UserRole).toString());
    const QStringList curves = lightCurvePaths(tree_->indexOfTopLevelItem(item));
    if (!curves.isEmpty()) Q_EMIT openLightCurves(curves);
  });
}

void ProductsPanel::addResult(const products::ExtractionResult& result) {
  results_.push_back(result);
  std::vector<QTreeWidgetItem*> items;
  for (const products::ProductRecord& p : result.products) {
    auto* item = new QTreeWidgetItem(tree_);
    items.push_back(item);
    item->setData(kObs, kResultRole, static_cast<int>(results_.size() - 1));
    item->setText(kObs, result.obsId);
    item->setText(kCamera, result.instrument);
    item->setText(kKind, p.kind);
    item->setText(kBand, p.band);
    item->setText(kCounts, QString::number(p.counts));
    item->setText(kFile, QFileInfo(p.path).fileName());
    item->setData(kFile, Qt::UserRole, p.path);
    item->setToolTip(kFile, p.path);
  }
  export_->setEnabled(true);
  sketch(result, items);
}

void ProductsPanel::sketch(const products::ExtractionResult& result, const std::vector<QTreeWidgetItem*>& items) {
  std::vector<std::pair<QString, QString>> files;
  for (const products::ProductRecord& p : result.products) files.emplace_back(p.path, p.kind);
  auto* watcher = new QFutureWatcher<std::vector<std::optional<products::ProductSketch>>>(this);
  // The rows may be gone when the sketches come back (the table cleared): follow them by pointer
  // into the tree, checked against the rows still there.
  std::vector<QTreeWidgetItem*> rows = items;
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, rows] {
    watcher->deleteLater();
    const auto sketches = watcher->result();
    for (size_t i = 0; i < rows.size() && i < sketches.size(); ++i) {
      if (tree_->indexOfTopLevelItem(rows[i]) < 0) continue;
      if (sketches[i]) {
        rows[i]->setIcon(kPreview, QIcon(widgets::productThumbnail(*sketches[i], kPreviewSize)));
        ++previews_;
      }
    }
    Q_EMIT previewsReady();
  });
  watcher->setFuture(QtConcurrent::run([files] {
    std::vector<std::optional<products::ProductSketch>> out;
    for (const auto& [path, kind] : files) out.push_back(products::sketchProduct(path, kind));
    return out;
  }));
}

void ProductsPanel::chooseExportFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Products To"));
  if (!folder.isEmpty()) exportTo(folder);
}

void ProductsPanel::exportTo(const QString& folder) {
  std::set<int> chosen;
  for (QTreeWidgetItem* item : tree_->selectedItems()) chosen.insert(item->data(kObs, kResultRole).toInt());
  std::vector<products::ExtractionResult> results;
  if (chosen.empty()) {
    results = results_;
  } else {
    for (const int i : chosen) results.push_back(results_[static_cast<size_t>(i)]);
  }
  export_->setEnabled(false);
  struct Outcome {
    products::ExportOutcome files;
    QString error;
  };
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, folder] {
    watcher->deleteLater();
    export_->setEnabled(true);
    const Outcome o = watcher->result();
    QStringList problems = o.files.warnings;
    if (!o.error.isEmpty()) problems.prepend(o.error);
    Q_EMIT message(o.error.isEmpty()
                       ? tr("Exported %n file(s) to %1", nullptr, static_cast<int>(o.files.written.size())).arg(folder) +
                             (o.files.skipped.isEmpty() ? QString() : tr("; %n already there, kept", nullptr, static_cast<int>(o.files.skipped.size())))
                       : tr("Export to %1 stopped: %2").arg(folder, o.error));
    for (const QString& w : o.files.warnings) Q_EMIT message(tr("Export: %1").arg(w));
    Q_EMIT exported(o.files.written, problems);
  });
  watcher->setFuture(QtConcurrent::run([results, folder] {
    Outcome o;
    try {
      o.files = products::exportProducts(results, folder);
    } catch (const Error& e) {
      o.error = e.message();
    }
    return o;
  }));
}

QStringList ProductsPanel::lightCurvePaths(int row) const {
  const QTreeWidgetItem* item = tree_->topLevelItem(row);
  QStringList paths;
  if (item == nullptr || (item->text(kKind) != QLatin1String("lightcurve") &&
                          item->text(kKind) != QLatin1String("hardness_ratio")))
    return paths;
  for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
    const QTreeWidgetItem* other = tree_->topLevelItem(i);
    if (other->text(kKind) == QLatin1String("lightcurve") && other->text(kObs) == item->text(kObs) &&
        other->text(kCamera) == item->text(kCamera))
      paths << other->data(kFile, Qt::UserRole).toString();
  }
  return paths;
}

bool ProductsPanel::showRow(int row) {
  QTreeWidgetItem* item = tree_->topLevelItem(row);
  if (item == nullptr) return false;
  const QString kind = item->text(kKind);
  if (kind == QLatin1String("image")) return false;
  QString error;
  if (!plot_->showFile(item->data(kFile, Qt::UserRole).toString(), &error)) {
    Q_EMIT message(error);
    return false;
  }
  return true;
}

}  // namespace xsky::app
