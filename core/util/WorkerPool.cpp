#include "util/WorkerPool.h"

#include <chrono>

namespace xsky {

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::setMaxThreadCount(int n) {
  std::lock_guard lock(mutex_);
  max_ = n < 1 ? 1 : n;
}

void WorkerPool::start(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    queue_.push_back(std::move(job));
    if (waiting_ == 0 && static_cast<int>(threads_.size()) < max_) threads_.emplace_back([this] { work(); });
  }
  wake_.notify_one();
}

void WorkerPool::clear() {
  std::lock_guard lock(mutex_);
  queue_.clear();
  if (busy_ == 0) idle_.notify_all();
}

bool WorkerPool::waitForDone(int timeoutMs) {
  std::unique_lock lock(mutex_);
  const auto done = [this] { return queue_.empty() && busy_ == 0; };
  if (timeoutMs < 0) {
    idle_.wait(lock, done);
    return true;
  }
  return idle_.wait_for(lock, std::chrono::milliseconds(timeoutMs), done);
}

void WorkerPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    ++waiting_;
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    --waiting_;
    if (stopping_) return;
    std::function<void()> job = std::move(queue_.front());
    queue_.pop_front();
    ++busy_;
    lock.unlock();
    job();
    job = nullptr;  // its captures die before the pool says it is idle
    lock.lock();
    --busy_;
    if (busy_ == 0 && queue_.empty()) idle_.notify_all();
  }
}

}  // namespace xsky
