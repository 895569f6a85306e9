#include "gui/ProductsPanel.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "products/ProductPlot.h"

namespace xsky::app {

namespace {
enum Column { kObs, kCamera, kKind, kBand, kCounts, kFile, kColumns };
}

ProductsPanel::ProductsPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("productsPanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  tree_ = new QTreeWidget(splitter);
  tree_->setObjectName(QStringLiteral("productsTree"));
  tree_->setColumnCount(kColumns);
  tree_->setHeaderLabels({tr("Obsid"), tr("Camera"), tr("Product"), tr("Band"), tr("Counts"), tr("File")});
  tree_->setRootIsDecorated(false);
  tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  plot_ = new widgets::ProductPlot(splitter);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  layout->addWidget(splitter);
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
  for (const products::ProductRecord& p : result.products) {
    auto* item = new QTreeWidgetItem(tree_);
    item->setText(kObs, result.obsId);
    item->setText(kCamera, result.instrument);
    item->setText(kKind, p.kind);
    item->setText(kBand, p.band);
    item->setText(kCounts, QString::number(p.counts));
    item->setText(kFile, QFileInfo(p.path).fileName());
    item->setData(kFile, Qt::UserRole, p.path);
    item->setToolTip(kFile, p.path);
  }
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
