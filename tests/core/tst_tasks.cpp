// The task system: stages, log and progress reach the owner thread; the result comes back there;
// a failure carries its message; cancelling mid-way stops the work at its next check and leaves
// no file behind (AtomicFile); queued tasks wait for a free thread; ETA from progress.

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

#include "TestSupport.h"
#include "tasks/TaskManager.h"
#include "util/AtomicFile.h"

using namespace xsky;
using tasks::TaskContext;
using tasks::TaskInfo;
using tasks::TaskManager;
using tasks::TaskState;

class TestTasks : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void resultStagesAndProgressReachTheOwner() {
    TaskManager manager;
    Qt::HANDLE workerThread = nullptr;
    TaskInfo delivered;
    Qt::HANDLE deliveredOn = nullptr;
    const quint64 id = manager.start(
        QStringLiteral("sum"),
        [&](TaskContext& ctx) -> QVariant {
          workerThread = QThread::currentThreadId();
          ctx.stage(QStringLiteral("reading"));
          long long sum = 0;
          for (int i = 1; i <= 100; ++i) {
            sum += i;
            ctx.progress(i, 100);
          }
          ctx.stage(QStringLiteral("writing"));
          ctx.log(QStringLiteral("sum is %1").arg(sum));
          return sum;
        },
        [&](const TaskInfo& info) {
          delivered = info;
          deliveredOn = QThread::currentThreadId();
        });
    QSignalSpy finished(&manager, &TaskManager::taskFinished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().first().toULongLong(), id);
    QVERIFY(workerThread != QThread::currentThreadId());
    QCOMPARE(deliveredOn, QThread::currentThreadId());
    QCOMPARE(delivered.state, TaskState::Succeeded);
    QCOMPARE(delivered.result.toLongLong(), 5050LL);
    QCOMPARE(delivered.stages, QStringList({QStringLiteral("reading"), QStringLiteral("writing")}));
    QVERIFY(delivered.log.contains(QStringLiteral("sum is 5050")));
    QCOMPARE(delivered.done, 100LL);
    QCOMPARE(delivered.fraction, 1.0);
    QCOMPARE(manager.info(id).state, TaskState::Succeeded);
  }

  void failureCarriesItsMessage() {
    TaskManager manager;
    const quint64 id = manager.start(QStringLiteral("bad"), [](TaskContext&) -> QVariant {
      throw Error(QStringLiteral("ev.fits: the event list has no PI column"));
    });
    QVERIFY(manager.waitForAll(5000));
    const TaskInfo info = manager.info(id);
    QCOMPARE(info.state, TaskState::Failed);
    QCOMPARE(info.error, QStringLiteral("ev.fits: the event list has no PI column"));
    QVERIFY(info.log.last().contains(QStringLiteral("no PI column")));
  }

  void cancellingLeavesNoFile() {
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("spectrum.pha"));
    TaskManager manager;
    std::atomic<bool> started{false};
    const quint64 id = manager.start(QStringLiteral("extract"), [&](TaskContext& ctx) -> QVariant {
      AtomicFile out(target);
      QFile f(out.temporaryPath());
      if (!f.open(QIODevice::WriteOnly)) throw Error(QStringLiteral("cannot write"));
      for (int i = 0;; ++i) {  // writes until cancelled
        f.write(QByteArray(1024, 'x'));
        f.flush();
        started = true;
        ctx.progress(0.5);
        QThread::msleep(1);
      }
      out.commit();
      return {};
    });
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 5000);
    QVERIFY(!QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());  // the partial file exists
    manager.cancel(id);
    QVERIFY(manager.waitForAll(5000));
    QCOMPARE(manager.info(id).state, TaskState::Cancelled);
    QVERIFY(!QFile::exists(target));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
  }

  void committedFileAppearsWhole() {
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("lc.fits"));
    QFile old(target);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    {
      AtomicFile out(target);
      QFile f(out.temporaryPath());
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("new contents");
      f.close();
      QFile check(target);
      QVERIFY(check.open(QIODevice::ReadOnly));
      QCOMPARE(check.readAll(), QByteArray("old"));  // untouched until commit
      out.commit();
    }
    QFile check(target);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray("new contents"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList({QStringLiteral("lc.fits")}));
  }

  void queuedTasksWaitAndCanBeCancelledBeforeStarting() {
    TaskManager manager(nullptr, 1);
    std::atomic<int> ran{0};
    std::atomic<bool> release{false};
    const quint64 first = manager.start(QStringLiteral("first"), [&](TaskContext&) -> QVariant {
      while (!release) QThread::msleep(1);
      ++ran;
      return {};
    });
    const quint64 second = manager.start(QStringLiteral("second"), [&](TaskContext&) -> QVariant {
      ++ran;
      return {};
    });
    QCOMPARE(manager.info(second).state, TaskState::Queued);
    manager.cancel(second);
    release = true;
    QVERIFY(manager.waitForAll(5000));
    QCOMPARE(manager.info(first).state, TaskState::Succeeded);
    QCOMPARE(manager.info(second).state, TaskState::Cancelled);
    QCOMPARE(ran.load(), 1);
  }

  void etaFollowsProgress() {
    TaskManager manager;
    std::atomic<bool> half{false}, release{false};
    const quint64 id = manager.start(QStringLiteral("slow"), [&](TaskContext& ctx) -> QVariant {
      QThread::msleep(200);
      ctx.progress(0.5);
      half = true;
      while (!release) QThread::msleep(1);
      return {};
    });
    QTRY_VERIFY_WITH_TIMEOUT(half.load(), 5000);
    const TaskInfo info = manager.info(id);
    // Half done after ~0.2 s: about 0.2 s to go.
    QVERIFY2(info.etaSeconds > 0.1 && info.etaSeconds < 1.0, qPrintable(QString::number(info.etaSeconds)));
    release = true;
    QVERIFY(manager.waitForAll(5000));
  }
};

QTEST_MAIN(TestTasks)
#include "tst_tasks.moc"
