#pragma once
// Long operations (extraction, fitting, index scans, downloads) as tasks: each runs on a thread
// pool, reports named stages, log lines and progress (with an ETA), can be cancelled at any
// point, and hands its result back on the thread that owns the manager (the GUI thread).
//
// Threading model
//  - TaskManager lives on one thread (its owner; the GUI thread in the application). start(),
//    cancel(), info() and tasks() are called there only.
//  - A task's work function runs on the manager's QThreadPool. It talks to the world only through
//    its TaskContext, whose methods are thread-safe: stage(), log(), progress(), cancelled() /
//    checkCancelled(), and progressFn() for core functions that take a ProgressFn.
//  - The context records into a mutex-guarded TaskInfo; the manager publishes changes to its
//    owner thread through queued signals, coalesced (at most one taskChanged per task per 50 ms
//    while running; always one at the end).
//  - cancel() sets an atomic flag. The work sees it at its next checkCancelled()/progress call
//    (which throws xsky::Cancelled); the task then ends Cancelled. Work that writes files writes
//    them through AtomicFile (a temporary name renamed on success), so a cancelled or failed task
//    leaves no partial file.
//  - When the work returns, `done` (if given) runs on the owner thread with the outcome; then
//    taskFinished is emitted. The destructor cancels every running task and waits for them.

#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QVariant>

#include <atomic>
#include <functional>
#include <map>
#include <memory>

#include "util/Progress.h"

namespace xsky::tasks {

enum class TaskState { Queued, Running, Succeeded, Failed, Cancelled };
QString stateName(TaskState state);

struct TaskInfo {
  quint64 id = 0;
  QString title;
  TaskState state = TaskState::Queued;
  QString stage;             // the current stage's name
  QStringList stages;        // every stage entered, in order
  QStringList log;           // log lines, oldest first (the last 2000 kept)
  double fraction = 0;       // 0..1
  long long done = 0, total = 0;  // e.g. observations done of total, when known
  double elapsedSeconds = 0;
  double etaSeconds = -1;    // remaining time estimated from progress; -1 when unknown
  QString error;             // Failed: why
  QVariant result;           // Succeeded: what the work returned
  bool finished() const { return state == TaskState::Succeeded || state == TaskState::Failed || state == TaskState::Cancelled; }
};

class TaskContext {
 public:
  /// Enters a named stage (also logged).
  void stage(const QString& name);
  void log(const QString& line);
  /// Progress as a fraction (0..1); throws Cancelled when the task was cancelled.
  void progress(double fraction);
  /// Progress as n of N items (observations, files); throws Cancelled when cancelled.
  void progress(long long done, long long total);
  bool cancelled() const { return cancelled_->load(); }
  /// Throws xsky::Cancelled when the task was cancelled.
  void checkCancelled() const;
  /// For core functions taking a ProgressFn: fractions map into [from, to] of this task.
  ProgressFn progressFn(double from = 0, double to = 1);

 private:
  friend class TaskManager;
  struct Shared;
  TaskContext(std::shared_ptr<Shared> shared, std::shared_ptr<std::atomic<bool>> cancelled)
      : shared_(std::move(shared)), cancelled_(std::move(cancelled)) {}
  std::shared_ptr<Shared> shared_;
  std::shared_ptr<std::atomic<bool>> cancelled_;
};

class TaskManager : public QObject {
  Q_OBJECT
 public:
  using Work = std::function<QVariant(TaskContext&)>;
  using Done = std::function<void(const TaskInfo&)>;

  explicit TaskManager(QObject* parent = nullptr, int maxThreads = 0);
  ~TaskManager() override;

  /// Queues the work; returns the task's id.
  quint64 start(const QString& title, Work work, Done done = {});
  void cancel(quint64 id);
  void cancelAll();
  /// A snapshot of one task (an empty info with id 0 when unknown).
  TaskInfo info(quint64 id) const;
  std::vector<TaskInfo> tasks() const;
  /// Forgets finished tasks.
  void clearFinished();
  /// Waits (processing events) until every task has finished or `timeoutMs` passed; true when
  /// all finished. For tests and the command line.
  bool waitForAll(int timeoutMs);

 Q_SIGNALS:
  void taskAdded(quint64 id);
  void taskChanged(quint64 id);
  void taskFinished(quint64 id);

 private:
  struct Entry;
  void publish(quint64 id);
  void finish(quint64 id);

  QThreadPool pool_;
  std::map<quint64, std::shared_ptr<Entry>> entries_;
  quint64 next_ = 1;
};

}  // namespace xsky::tasks

Q_DECLARE_METATYPE(xsky::tasks::TaskInfo)
