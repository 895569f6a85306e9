// The process panel shows a running task's stage, progress (n of N) and log, and its Cancel
// button stops the task.

#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <QTreeWidget>

#include <atomic>

#include "TestSupport.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskPanel.h"

using namespace xsky;

class TestTaskPanel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void showsProgressAndCancels() {
    tasks::TaskManager manager;
    widgets::TaskPanel panel(&manager);
    panel.resize(900, 300);
    panel.show();
    std::atomic<bool> reached{false};
    const quint64 id = manager.start(QStringLiteral("Extract 3 observations"), [&](tasks::TaskContext& ctx) -> QVariant {
      ctx.stage(QStringLiteral("filtering events"));
      ctx.log(QStringLiteral("0901230101 pn: 1234 events"));
      ctx.progress(1, 3);
      reached = true;
      for (;;) {
        ctx.checkCancelled();
        QThread::msleep(2);
      }
    });
    QTRY_VERIFY_WITH_TIMEOUT(reached.load(), 5000);
    QTreeWidgetItem* item = panel.tree()->topLevelItem(0);
    QTRY_COMPARE_WITH_TIMEOUT(item->text(2), QStringLiteral("filtering events"), 5000);
    auto* bar = qobject_cast<QProgressBar*>(panel.tree()->itemWidget(item, 3));
    QTRY_COMPARE_WITH_TIMEOUT(bar->text(), QStringLiteral("1 of 3"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.logView()->toPlainText().contains(QStringLiteral("1234 events")), 5000);
    auto* cancel = panel.findChild<QToolButton*>(QStringLiteral("cancelTask%1").arg(id));
    QVERIFY(cancel != nullptr && cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(manager.waitForAll(5000));
    QTRY_COMPARE_WITH_TIMEOUT(item->text(1), QStringLiteral("cancelled"), 5000);
    QVERIFY(!cancel->isEnabled());
  }
};

QTEST_MAIN(TestTaskPanel)
#include "tst_task_panel.moc"
