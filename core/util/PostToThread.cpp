#include "util/PostToThread.h"

#include <QCoreApplication>
#include <QEvent>
#include <QThread>

namespace xsky {

namespace {
const QEvent::Type kDeliver = static_cast<QEvent::Type>(QEvent::registerEventType());
}

Courier::Courier(QObject* context, std::function<void()> work, std::function<void()> then)
    : context_(context), work_(std::move(work)), then_(std::move(then)) {}

Courier::~Courier() { finish(); }  // never delivered (its thread ended): still tell the waiter

void Courier::finish() {
  if (then_) {
    const std::function<void()> then = std::move(then_);
    then_ = nullptr;
    then();
  }
}

void Courier::send() {
  QThread* target = context_ ? context_->thread() : nullptr;
  if (target == nullptr) {
    delete this;  // nowhere to run it: dropped, as Qt drops a call to a deleted object
    return;
  }
  auto* delivery = new QEvent(kDeliver);
  moveToThread(target);
  published_.store(true, std::memory_order_release);
  QCoreApplication::postEvent(this, delivery);
  // From here on the courier belongs to the target thread.
}

bool Courier::event(QEvent* e) {
  (void)published_.load(std::memory_order_acquire);
  if (e->type() != kDeliver) return QObject::event(e);
  if (context_) work_();
  finish();
  deleteLater();
  return true;
}

void EventThread::run() {
  QThread::run();
  ended_.store(true, std::memory_order_release);
}

void EventThread::stop() {
  quit();
  wait();
  (void)ended_.load(std::memory_order_acquire);
}

}  // namespace xsky
