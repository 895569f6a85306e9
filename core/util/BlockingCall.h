#pragma once
// invokeBlocking(object, f): runs f on object's thread and returns when it has run, like
// QMetaObject::invokeMethod(..., Qt::BlockingQueuedConnection), and makes that hand-off visible to
// ThreadSanitizer: Qt's own wait (a semaphore inside libQt6Core) is invisible with Debian's
// uninstrumented Qt, so everything f wrote would be reported as racing with the caller's later
// reads (scripts/test-tsan.sh). Never call it from object's own thread (that deadlocks, as Qt's
// blocking-queued call does).
#include <atomic>
#include <utility>

#include <QMetaObject>
#include <QObject>

namespace xsky {

template <class F>
void invokeBlocking(QObject* object, F&& f) {
  std::atomic<bool> done{false};
  QMetaObject::invokeMethod(
      object,
      [&] {
        std::forward<F>(f)();
        done.store(true, std::memory_order_release);
      },
      Qt::BlockingQueuedConnection);
  (void)done.load(std::memory_order_acquire);
}

}  // namespace xsky
