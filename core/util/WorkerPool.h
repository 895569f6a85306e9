#pragma once
// A small pool of worker threads for short blocking jobs (SAMP's HTTP calls), built on std::thread,
// std::mutex and std::condition_variable so that ThreadSanitizer sees every hand-off (Debian's
// QThreadPool synchronises inside an uninstrumented Qt, which TSan reports as races in its own
// queue). Threads start on demand up to the maximum and stay until the pool is destroyed.
//
// Threading: every method may be called from any thread; the destructor drops queued jobs and
// waits for the running ones.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace xsky {

class WorkerPool {
 public:
  explicit WorkerPool(int maxThreads = 4) : max_(maxThreads < 1 ? 1 : maxThreads) {}
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void setMaxThreadCount(int n);
  void start(std::function<void()> job);
  /// Drops the jobs not started yet.
  void clear();
  /// Waits until no job is queued or running; false when `timeoutMs` (>= 0) passed first.
  bool waitForDone(int timeoutMs = -1);

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  int max_;
  int busy_ = 0;
  int waiting_ = 0;  // threads blocked on wake_
  bool stopping_ = false;
};

}  // namespace xsky
