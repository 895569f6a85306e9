#include "archive/ObservationSelector.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace xsky::widgets {

namespace {

enum Column { kObsId, kTarget, kCamera, kDate, kExposure, kCoverage, kFile, kColumns };
constexpr int kRowRole = Qt::UserRole + 1;

// Sorts numbers as numbers (exposure, coverage) and groups by their own text otherwise.
class SortableItem : public QTreeWidgetItem {
 public:
  using QTreeWidgetItem::QTreeWidgetItem;
  bool operator<(const QTreeWidgetItem& other) const override {
    const int c = treeWidget() ? treeWidget()->sortColumn() : 0;
    const QVariant a = data(c, Qt::UserRole), b = other.data(c, Qt::UserRole);
    if (a.isValid() && b.isValid()) return a.toDouble() < b.toDouble();
    return text(c) < other.text(c);
  }
};

}  // namespace

ObservationSelector::ObservationSelector(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("observationSelector"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  summary_ = new QLabel(tr("Draw a region to find the observations that cover it."), this);
  summary_->setObjectName(QStringLiteral("observationSummary"));
  summary_->setWordWrap(true);
  tree_ = new QTreeWidget(this);
  tree_->setObjectName(QStringLiteral("observationTree"));
  tree_->setColumnCount(kColumns);
  tree_->setHeaderLabels({tr("Obsid"), tr("Target"), tr("Camera"), tr("Date"), tr("Exposure (ks)"),
                          tr("Coverage"), tr("File")});
  tree_->setSortingEnabled(true);
  tree_->sortByColumn(kObsId, Qt::AscendingOrder);
  tree_->setAlternatingRowColors(true);
  tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  layout->addWidget(summary_);
  layout->addWidget(tree_, 1);
  connect(tree_, &QTreeWidget::itemChanged, this, &ObservationSelector::onItemChanged);
  connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    const QVariant row = item->data(0, kRowRole);
    if (row.isValid()) Q_EMIT openRequested(rows_[static_cast<size_t>(row.toInt())].record.location);
  });
}

void ObservationSelector::setRows(std::vector<Row> rows, const QString& summary) {
  updating_ = true;
  rows_ = std::move(rows);
  tree_->setSortingEnabled(false);
  tree_->clear();
  std::map<QString, QTreeWidgetItem*> cameras;
  for (size_t i = 0; i < rows_.size(); ++i) {
    const archive::ObservationRecord& r = rows_[i].record;
    const QString camera = r.instrument.isEmpty() ? tr("(unknown camera)") : r.instrument;
    QTreeWidgetItem*& group = cameras[camera];
    if (group == nullptr) {
      group = new SortableItem(tree_);
      group->setText(kObsId, camera);
      group->setFlags(group->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
      group->setFirstColumnSpanned(true);
      group->setExpanded(true);
    }
    auto* item = new SortableItem(group);
    item->setData(0, kRowRole, static_cast<int>(i));
    item->setText(kObsId, r.obsId.isEmpty() ? tr("(none)") : r.obsId);
    item->setText(kTarget, r.target);
    item->setText(kCamera, camera);
    item->setText(kDate, r.dateStart.left(10));
    item->setData(kDate, Qt::UserRole, r.hasDates() ? r.mjdStart : 0.0);
    item->setText(kExposure, QString::number(r.exposure / 1000.0, 'f', 1));
    item->setData(kExposure, Qt::UserRole, r.exposure);
    item->setText(kCoverage, QStringLiteral("%1%").arg(100.0 * rows_[i].coveredFraction, 0, 'f', 0));
    item->setData(kCoverage, Qt::UserRole, rows_[i].coveredFraction);
    item->setText(kFile, r.location.section(QLatin1Char('/'), -1));
    item->setToolTip(kFile, r.location);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    const bool off = std::find(switchedOff_.begin(), switchedOff_.end(), r.location) != switchedOff_.end();
    item->setCheckState(0, off ? Qt::Unchecked : Qt::Checked);
  }
  tree_->setSortingEnabled(true);
  summary_->setText(summary.isEmpty() ? tr("%n observation(s) cover the region.", nullptr, static_cast<int>(rows_.size()))
                                      : summary);
  updating_ = false;
  Q_EMIT checkedChanged();
}

QTreeWidgetItem* ObservationSelector::itemOfRow(int row) const {
  for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
    QTreeWidgetItem* group = tree_->topLevelItem(g);
    for (int c = 0; c < group->childCount(); ++c) {
      if (group->child(c)->data(0, kRowRole).toInt() == row) return group->child(c);
    }
  }
  return nullptr;
}

std::vector<int> ObservationSelector::checkedRows() const {
  std::vector<int> out;
  for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
    QTreeWidgetItem* group = tree_->topLevelItem(g);
    for (int c = 0; c < group->childCount(); ++c) {
      if (group->child(c)->checkState(0) == Qt::Checked) out.push_back(group->child(c)->data(0, kRowRole).toInt());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ObservationSelector::setChecked(int row, bool checked) {
  if (QTreeWidgetItem* item = itemOfRow(row)) item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
}

void ObservationSelector::onItemChanged(QTreeWidgetItem* item, int column) {
  if (updating_ || column != 0) return;
  const QVariant row = item->data(0, kRowRole);
  if (row.isValid()) {
    const QString& location = rows_[static_cast<size_t>(row.toInt())].record.location;
    switchedOff_.erase(std::remove(switchedOff_.begin(), switchedOff_.end(), location), switchedOff_.end());
    if (item->checkState(0) == Qt::Unchecked) switchedOff_.push_back(location);
  }
  Q_EMIT checkedChanged();
}

void ObservationSelector::setSwitchedOff(const QStringList& locations) {
  switchedOff_.assign(locations.begin(), locations.end());
  std::vector<Row> rows = rows_;
  setRows(std::move(rows), summary_->text());
  Q_EMIT checkedChanged();
}

}  // namespace xsky::widgets
