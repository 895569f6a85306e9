#pragma once
// Who handles which incoming mtype. The GUI (or the CLI, or a test) registers one handler per
// mtype; the registered mtypes become the client's subscriptions. A handler answers through a
// Replier with samp.ok and a result, or samp.error with an errortxt saying what is wrong; it may
// answer later (after a task finished), but exactly once. For notifications the answer is dropped.
//
// Threading: used on the thread that owns the SampClient; handlers run there.

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <map>

#include "samp/SampMessage.h"

namespace xsky::samp {

class MessageDispatch {
 public:
  using Replier = std::function<void(const SampResponse&)>;
  using Handler = std::function<void(const IncomingMessage&, const Replier&)>;
  using SyncHandler = std::function<SampResponse(const IncomingMessage&)>;

  /// Registers (or replaces) the handler for an exact mtype or a wildcard ("table.*").
  void add(const QString& mtype, Handler handler);
  void addSync(const QString& mtype, SyncHandler handler);
  void remove(const QString& mtype);

  /// The subscriptions map for declareSubscriptions: {mtype: {}}.
  QVariantMap subscriptions() const;
  QStringList mtypes() const;
  bool handles(const QString& mtype) const;

  /// Runs the handler for the message (exact mtype first, then the longest wildcard); replies
  /// samp.error "XSky does not handle MTYPE" when none matches, and samp.error with the
  /// exception's text when a handler throws.
  void dispatch(const IncomingMessage& message, const Replier& reply) const;

 private:
  std::map<QString, Handler> handlers_;
};

}  // namespace xsky::samp
