#pragma once
// Handing work to another object's thread so that ThreadSanitizer sees the hand-off.
//
//   postTo(context, f)         runs f later on context's thread (as QMetaObject::invokeMethod with
//                              Qt::QueuedConnection; f is dropped if context is gone by then);
//   invokeBlocking(context, f) runs f on context's thread and returns when it has (as
//                              Qt::BlockingQueuedConnection; never from context's own thread).
//
// Why not invokeMethod(functor) directly: Debian's Qt is not built for TSan, so the queue it
// passes the functor through is invisible to it, and every capture the posting thread wrote and
// the receiving thread read is reported as a race (scripts/test-tsan.sh). Here the functor
// travels in a Courier whose fields are published with a release store and read after an acquire
// load (std::atomic, which TSan understands); Qt only carries a plain QEvent to it (postEvent
// touches none of the Courier's own code after the release). The blocking form waits on a
// std::promise, also visible to TSan.

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>
#include <future>

namespace xsky {

class Courier : public QObject {
  Q_OBJECT
 public:
  /// `work` runs on context's thread if context still exists; `then`, when given, runs after it
  /// or when the work is dropped (always exactly once).
  Courier(QObject* context, std::function<void()> work, std::function<void()> then = {});
  ~Courier() override;
  /// Publishes the work and asks context's thread to run it. The courier frees itself: do not
  /// touch it after this call.
  void send();

 protected:
  /// Acquires what the sender published, then runs the work on the delivery event.
  bool event(QEvent* e) override;

 private:
  void finish();

  QPointer<QObject> context_;
  std::function<void()> work_, then_;
  std::atomic<bool> published_{false};
};

template <class F>
void postTo(QObject* context, F&& f) {
  (new Courier(context, std::function<void()>(std::forward<F>(f))))->send();
}

template <class F>
void invokeBlocking(QObject* context, F&& f) {
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  (new Courier(context, std::function<void()>(std::forward<F>(f)), [&done] { done.set_value(); }))->send();
  finished.wait();
}

}  // namespace xsky

namespace xsky {

/// A QThread running an event loop whose stop() also makes everything the thread did visible to
/// ThreadSanitizer before the caller goes on (QThread::wait() synchronises inside Qt, unseen).
class EventThread : public QThread {
 public:
  using QThread::QThread;
  /// quit(), wait(), then acquire what the thread released when its loop ended.
  void stop();

 protected:
  void run() override;

 private:
  std::atomic<bool> ended_{false};
};

}  // namespace xsky
