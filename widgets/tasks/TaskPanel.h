#pragma once
// The process panel: every task of a TaskManager with its title, state, current stage, progress
// (n of N when known), elapsed time and ETA, and a cancel button; the selected task's log below.
// Updates come from the manager's signals on the GUI thread (coalesced by the manager).

#include <QWidget>

#include <map>

class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace xsky::tasks {
class TaskManager;
}

namespace xsky::widgets {

class TaskPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TaskPanel(tasks::TaskManager* manager, QWidget* parent = nullptr);
  QTreeWidget* tree() const { return tree_; }
  /// The log view (the selected task's lines).
  QPlainTextEdit* logView() const { return log_; }

 private:
  void added(quint64 id);
  void refresh(quint64 id);
  void showLog();

  tasks::TaskManager* manager_;
  QTreeWidget* tree_;
  QPlainTextEdit* log_;
  std::map<quint64, QTreeWidgetItem*> items_;
};

}  // namespace xsky::widgets
