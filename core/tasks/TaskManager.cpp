#include "tasks/TaskManager.h"
#include "util/PostToThread.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <algorithm>

namespace xsky::tasks {

namespace {
constexpr int kMaxLogLines = 2000;
constexpr qint64 kPublishIntervalMs = 50;
}  // namespace

QString stateName(TaskState state) {
  switch (state) {
    case TaskState::Queued: return QStringLiteral("queued");
    case TaskState::Running: return QStringLiteral("running");
    case TaskState::Succeeded: return QStringLiteral("done");
    case TaskState::Failed: return QStringLiteral("failed");
    case TaskState::Cancelled: return QStringLiteral("cancelled");
  }
  return {};
}

// What the worker and the owner thread share about one task.
struct TaskContext::Shared {
  mutable QMutex mutex;
  TaskInfo info;
  QElapsedTimer clock;
  qint64 lastPublishMs = -kPublishIntervalMs;
  std::function<void()> notify;  // asks the owner thread to publish (thread-safe; set once)

  void changed(bool force) {
    // Called with the mutex held.
    info.elapsedSeconds = clock.isValid() ? clock.nsecsElapsed() * 1e-9 : 0.0;
    if (info.fraction > 0.01 && info.fraction < 1) {
      info.etaSeconds = info.elapsedSeconds * (1 - info.fraction) / info.fraction;
    }
    const qint64 now = clock.isValid() ? clock.elapsed() : 0;
    if (force || now - lastPublishMs >= kPublishIntervalMs) {
      lastPublishMs = now;
      if (notify) notify();
    }
  }
};

void TaskContext::stage(const QString& name) {
  checkCancelled();
  QMutexLocker lock(&shared_->mutex);
  shared_->info.stage = name;
  shared_->info.stages << name;
  shared_->info.log << name;
  shared_->changed(true);
}

void TaskContext::log(const QString& line) {
  QMutexLocker lock(&shared_->mutex);
  QStringList& log = shared_->info.log;
  log << line;
  if (log.size() > kMaxLogLines) log.erase(log.begin(), log.begin() + (log.size() - kMaxLogLines));
  shared_->changed(false);
}

void TaskContext::progress(double fraction) {
  checkCancelled();
  QMutexLocker lock(&shared_->mutex);
  shared_->info.fraction = std::clamp(fraction, 0.0, 1.0);
  shared_->changed(false);
}

void TaskContext::progress(long long done, long long total) {
  checkCancelled();
  QMutexLocker lock(&shared_->mutex);
  shared_->info.done = done;
  shared_->info.total = total;
  if (total > 0) shared_->info.fraction = std::clamp(double(done) / double(total), 0.0, 1.0);
  shared_->changed(done == total);
}

void TaskContext::checkCancelled() const {
  if (cancelled_->load()) throw Cancelled();
}

ProgressFn TaskContext::progressFn(double from, double to) {
  return [this, from, to](double fraction, const QString& stageName) {
    if (cancelled_->load()) return false;
    {
      QMutexLocker lock(&shared_->mutex);
      if (!stageName.isEmpty() && stageName != shared_->info.stage) {
        shared_->info.stage = stageName;
        shared_->info.stages << stageName;
      }
      shared_->info.fraction = std::clamp(from + (to - from) * fraction, 0.0, 1.0);
      shared_->changed(false);
    }
    return !cancelled_->load();
  };
}

struct TaskManager::Entry {
  std::shared_ptr<TaskContext::Shared> shared = std::make_shared<TaskContext::Shared>();
  std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<std::atomic<bool>> publishQueued = std::make_shared<std::atomic<bool>>(false);
  Done done;
  bool ended = false;  // finish() ran (owner thread only)
};

TaskManager::TaskManager(QObject* parent, int maxThreads) : QObject(parent) {
  qRegisterMetaType<xsky::tasks::TaskInfo>();
  pool_.setMaxThreadCount(maxThreads > 0 ? maxThreads : std::max(1, QThread::idealThreadCount()));
}

TaskManager::~TaskManager() {
  for (auto& [id, e] : entries_) e->cancelled->store(true);
  pool_.waitForDone();
}

quint64 TaskManager::start(const QString& title, Work work, Done done) {
  const quint64 id = next_++;
  auto entry = std::make_shared<Entry>();
  entry->done = std::move(done);
  entry->shared->info.id = id;
  entry->shared->info.title = title;
  entries_[id] = entry;
  // Publishing is coalesced: one queued call at a time per task.
  QPointer<TaskManager> self(this);
  std::weak_ptr<std::atomic<bool>> queued = entry->publishQueued;
  entry->shared->notify = [self, id, queued] {
    const auto flag = queued.lock();
    if (!flag || flag->exchange(true)) return;
    postTo(
        self.data(),
        [self, id, flag] {
          flag->store(false);
          if (self) self->publish(id);
        });
  };
  Q_EMIT taskAdded(id);
  pool_.start([self, id, entry, work = std::move(work)] {
    auto shared = entry->shared;
    {
      QMutexLocker lock(&shared->mutex);
      if (entry->cancelled->load()) {
        shared->info.state = TaskState::Cancelled;
      } else {
        shared->info.state = TaskState::Running;
        shared->clock.start();
        shared->changed(true);
      }
    }
    bool skip = false;
    {
      QMutexLocker lock(&shared->mutex);
      skip = shared->info.state == TaskState::Cancelled;
    }
    if (!skip) {
      TaskContext context(shared, entry->cancelled);
      TaskState state = TaskState::Succeeded;
      QString error;
      QVariant result;
      try {
        result = work(context);
        if (entry->cancelled->load()) state = TaskState::Cancelled;
      } catch (const Cancelled&) {
        state = TaskState::Cancelled;
      } catch (const std::exception& e) {
        state = TaskState::Failed;
        error = QString::fromUtf8(e.what());
      } catch (...) {
        state = TaskState::Failed;
        error = QStringLiteral("unknown error");
      }
      QMutexLocker lock(&shared->mutex);
      shared->info.state = state;
      shared->info.error = error;
      shared->info.result = result;
      if (state == TaskState::Succeeded) shared->info.fraction = 1;
      shared->info.etaSeconds = state == TaskState::Succeeded ? 0 : -1;
      shared->info.elapsedSeconds = shared->clock.isValid() ? shared->clock.nsecsElapsed() * 1e-9 : 0.0;
      if (state == TaskState::Failed) shared->info.log << QStringLiteral("error: ") + error;
      if (state == TaskState::Cancelled) shared->info.log << QStringLiteral("cancelled");
    }
    postTo(
        self.data(),
        [self, id] {
          if (self) self->finish(id);
        });
  });
  return id;
}

void TaskManager::publish(quint64 id) {
  if (entries_.count(id) != 0) Q_EMIT taskChanged(id);
}

void TaskManager::finish(quint64 id) {
  const auto it = entries_.find(id);
  if (it == entries_.end() || it->second->ended) return;
  std::shared_ptr<Entry> entry = it->second;
  entry->ended = true;
  const TaskInfo snapshot = info(id);
  Q_EMIT taskChanged(id);
  if (entry->done) entry->done(snapshot);
  Q_EMIT taskFinished(id);
}

void TaskManager::cancel(quint64 id) {
  const auto it = entries_.find(id);
  if (it == entries_.end()) return;
  it->second->cancelled->store(true);
  QMutexLocker lock(&it->second->shared->mutex);
  if (it->second->shared->info.state == TaskState::Queued) it->second->shared->info.log << QStringLiteral("cancel requested");
}

void TaskManager::cancelAll() {
  for (auto& [id, e] : entries_) cancel(id);
}

TaskInfo TaskManager::info(quint64 id) const {
  const auto it = entries_.find(id);
  if (it == entries_.end()) return {};
  QMutexLocker lock(&it->second->shared->mutex);
  TaskInfo copy = it->second->shared->info;
  if (copy.state == TaskState::Running && it->second->shared->clock.isValid()) {
    copy.elapsedSeconds = it->second->shared->clock.nsecsElapsed() * 1e-9;
  }
  // Until finish() ran on this thread the task is still running for the owner.
  if (copy.finished() && !it->second->ended) copy.state = TaskState::Running;
  return copy;
}

std::vector<TaskInfo> TaskManager::tasks() const {
  std::vector<TaskInfo> out;
  for (const auto& [id, e] : entries_) out.push_back(info(id));
  return out;
}

void TaskManager::clearFinished() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = it->second->ended ? entries_.erase(it) : std::next(it);
  }
}

bool TaskManager::waitForAll(int timeoutMs) {
  QDeadlineTimer deadline(timeoutMs);
  for (;;) {
    const bool all = std::all_of(entries_.begin(), entries_.end(), [](const auto& e) { return e.second->ended; });
    if (all) return true;
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(2);
  }
}

}  // namespace xsky::tasks
