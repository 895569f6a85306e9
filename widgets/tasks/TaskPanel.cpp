#include "tasks/TaskPanel.h"

#include <QHeaderView>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "tasks/TaskManager.h"

namespace xsky::widgets {

namespace {

enum Column { kTitle, kState, kStage, kProgress, kElapsed, kCancel, kColumns };

QString seconds(double s) {
  if (s < 0) return QStringLiteral("-");
  if (s < 60) return QStringLiteral("%1 s").arg(s, 0, 'f', s < 10 ? 1 : 0);
  return QStringLiteral("%1 min %2 s").arg(int(s) / 60).arg(int(s) % 60);
}

}  // namespace

TaskPanel::TaskPanel(tasks::TaskManager* manager, QWidget* parent) : QWidget(parent), manager_(manager) {
  setObjectName(QStringLiteral("taskPanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  tree_ = new QTreeWidget(splitter);
  tree_->setObjectName(QStringLiteral("taskTree"));
  tree_->setColumnCount(kColumns);
  tree_->setHeaderLabels({tr("Task"), tr("State"), tr("Stage"), tr("Progress"), tr("Elapsed / ETA"), QString()});
  tree_->setRootIsDecorated(false);
  tree_->header()->setSectionResizeMode(kTitle, QHeaderView::Stretch);
  log_ = new QPlainTextEdit(splitter);
  log_->setObjectName(QStringLiteral("taskLog"));
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(5000);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter);
  connect(manager_, &tasks::TaskManager::taskAdded, this, &TaskPanel::added);
  connect(manager_, &tasks::TaskManager::taskChanged, this, &TaskPanel::refresh);
  connect(manager_, &tasks::TaskManager::taskFinished, this, &TaskPanel::refresh);
  connect(tree_, &QTreeWidget::currentItemChanged, this, &TaskPanel::showLog);
  for (const tasks::TaskInfo& t : manager_->tasks()) added(t.id);
}

void TaskPanel::added(quint64 id) {
  auto* item = new QTreeWidgetItem(tree_);
  item->setData(0, Qt::UserRole, id);
  auto* bar = new QProgressBar(tree_);
  bar->setRange(0, 1000);
  bar->setTextVisible(true);
  tree_->setItemWidget(item, kProgress, bar);
  auto* cancel = new QToolButton(tree_);
  cancel->setObjectName(QStringLiteral("cancelTask%1").arg(id));
  cancel->setText(tr("Cancel"));
  connect(cancel, &QToolButton::clicked, this, [this, id] { manager_->cancel(id); });
  tree_->setItemWidget(item, kCancel, cancel);
  items_[id] = item;
  tree_->setCurrentItem(item);
  refresh(id);
}

void TaskPanel::refresh(quint64 id) {
  const auto it = items_.find(id);
  if (it == items_.end()) return;
  const tasks::TaskInfo info = manager_->info(id);
  QTreeWidgetItem* item = it->second;
  item->setText(kTitle, info.title);
  item->setText(kState, tasks::stateName(info.state));
  item->setText(kStage, info.stage);
  item->setToolTip(kState, info.error);
  auto* bar = static_cast<QProgressBar*>(tree_->itemWidget(item, kProgress));
  bar->setValue(static_cast<int>(info.fraction * 1000));
  bar->setFormat(info.total > 0 ? tr("%1 of %2").arg(info.done).arg(info.total) : QStringLiteral("%p%"));
  item->setText(kElapsed, info.finished() ? seconds(info.elapsedSeconds)
                                          : QStringLiteral("%1 / %2").arg(seconds(info.elapsedSeconds), seconds(info.etaSeconds)));
  if (QWidget* cancel = tree_->itemWidget(item, kCancel)) cancel->setEnabled(!info.finished());
  if (tree_->currentItem() == item) showLog();
}

void TaskPanel::showLog() {
  QTreeWidgetItem* item = tree_->currentItem();
  if (item == nullptr) {
    log_->clear();
    return;
  }
  const tasks::TaskInfo info = manager_->info(item->data(0, Qt::UserRole).toULongLong());
  const QString text = info.log.join(QLatin1Char('\n'));
  if (log_->toPlainText() != text) {
    log_->setPlainText(text);
    log_->moveCursor(QTextCursor::End);
  }
}

}  // namespace xsky::widgets
