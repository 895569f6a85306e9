#include "samp/MessageDispatch.h"

#include <exception>

namespace xsky::samp {

void MessageDispatch::add(const QString& mtype, Handler handler) {
  handlers_[mtype] = std::move(handler);
}

void MessageDispatch::addSync(const QString& mtype, SyncHandler handler) {
  add(mtype,
      [h = std::move(handler)](const IncomingMessage& m, const Replier& reply) { reply(h(m)); });
}

void MessageDispatch::remove(const QString& mtype) { handlers_.erase(mtype); }

QVariantMap MessageDispatch::subscriptions() const {
  QVariantMap map;
  for (const auto& entry : handlers_) map.insert(entry.first, QVariantMap());
  return map;
}

QStringList MessageDispatch::mtypes() const {
  QStringList list;
  for (const auto& entry : handlers_) list << entry.first;
  return list;
}

bool MessageDispatch::handles(const QString& mtype) const {
  for (const auto& entry : handlers_) {
    if (mtypeMatches(entry.first, mtype)) return true;
  }
  return false;
}

void MessageDispatch::dispatch(const IncomingMessage& message, const Replier& reply) const {
  const Handler* best = nullptr;
  qsizetype bestLength = -1;
  for (const auto& [pattern, handler] : handlers_) {
    if (pattern == message.message.mtype) {
      best = &handler;
      break;
    }
    if (mtypeMatches(pattern, message.message.mtype) && pattern.size() > bestLength) {
      best = &handler;
      bestLength = pattern.size();
    }
  }
  if (!best) {
    reply(
        SampResponse::error(QStringLiteral("XSky does not handle %1").arg(message.message.mtype)));
    return;
  }
  try {
    (*best)(message, reply);
  } catch (const std::exception& e) {
    reply(SampResponse::error(
        QStringLiteral("%1 failed: %2").arg(message.message.mtype, QString::fromUtf8(e.what()))));
  }
}

}  // namespace xsky::samp
