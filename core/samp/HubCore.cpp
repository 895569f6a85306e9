#include "samp/HubCore.h"

#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

#include "samp/HubProxy.h"
#include "samp/SampMessage.h"
#include "util/PostToThread.h"

Q_LOGGING_CATEGORY(lcSampHub, "xsky.samp.hub", QtInfoMsg)

namespace xsky::samp {
namespace {

QString randomKey() { return QUuid::createUuid().toString(QUuid::Id128); }

QVariantMap hubMetadata() {
  return {{QStringLiteral("samp.name"), QStringLiteral("Hub")},
          {QStringLiteral("samp.description.text"), QStringLiteral("XSky's SAMP hub")},
          {QStringLiteral("author.name"), QStringLiteral("XSky")}};
}

QVariantMap hubSubscriptions() { return {{QStringLiteral("samp.app.ping"), QVariantMap()}}; }

}  // namespace

HubCore::HubCore(QString secret, int requestTimeoutMs)
    : secret_(std::move(secret)), requestTimeoutMs_(requestTimeoutMs) {
  pool_.setMaxThreadCount(4);
  clients_.insert(hubId_, Client{hubId_, randomKey(), {}, hubMetadata(), hubSubscriptions()});
  idByKey_.insert(clients_[hubId_].key, hubId_);
}

HubCore::~HubCore() {
  pool_.clear();
  pool_.waitForDone();
  delete server_;
}

bool HubCore::listen(QString* url) {
  server_ =
      new XmlRpcServer([this](const XmlRpcCall& c, const XmlRpcReply& r) { handle(c, r); }, this);
  server_->setRequestTimeoutMs(requestTimeoutMs_);
  connect(server_, &XmlRpcServer::requestRefused, this,
          [](const QString& why) { qCWarning(lcSampHub) << "refused a request:" << why; });
  if (!server_->listen()) return false;
  *url = server_->url();
  return true;
}

void HubCore::shutdown() {
  pool_.clear();
  const QVariantMap msg = SampMessage{QStringLiteral("samp.hub.event.shutdown"), {}, {}}.toMap();
  for (const Client& c : std::as_const(clients_)) {
    if (c.id == hubId_ || c.callbackUrl.isEmpty() ||
        !subscribed(c, QStringLiteral("samp.hub.event.shutdown")))
      continue;
    const QString url = c.callbackUrl;
    const QVariantList args{c.key, hubId_, msg};
    pool_.start([url, args] {
      xmlRpcCall(url, QStringLiteral("samp.client.receiveNotification"), args, 2000);
    });
  }
  pool_.waitForDone(3000);
  for (PendingCall& p : pending_) {
    if (p.sync) p.reply.fault(1, QStringLiteral("the hub is shutting down"));
  }
  pending_.clear();
  if (server_) server_->close();
}

HubCore::Client& HubCore::byKey(const QVariant& key) {
  const auto it = idByKey_.constFind(key.toString());
  if (it == idByKey_.constEnd() || *it == hubId_) throw QStringLiteral("unknown private key");
  return clients_[*it];
}

HubCore::Client& HubCore::byId(const QString& id) {
  auto it = clients_.find(id);
  if (it == clients_.end()) throw QStringLiteral("no client with id %1").arg(id);
  return *it;
}

bool HubCore::subscribed(const Client& c, const QString& mtype) const {
  for (auto it = c.subscriptions.begin(); it != c.subscriptions.end(); ++it) {
    if (mtypeMatches(it.key(), mtype)) return true;
  }
  return false;
}

QVariantMap HubCore::subscriptionEntry(const Client& c, const QString& mtype) const {
  for (auto it = c.subscriptions.begin(); it != c.subscriptions.end(); ++it) {
    if (mtypeMatches(it.key(), mtype)) return it.value().toMap();
  }
  return {};
}

void HubCore::handle(const XmlRpcCall& call, const XmlRpcReply& reply) {
  const QVariantList& p = call.params;
  const auto need = [&](int n) {
    if (p.size() < n)
      throw QStringLiteral("%1 needs %2 arguments, got %3").arg(call.method).arg(n).arg(p.size());
  };
  const auto mapArg = [&](int i) {
    if (p.value(i).typeId() != QMetaType::QVariantMap)
      throw QStringLiteral("%1: argument %2 must be a map").arg(call.method).arg(i + 1);
    return p[i].toMap();
  };
  try {
    const QString m =
        call.method.startsWith(QLatin1String("samp.hub.")) ? call.method.mid(9) : QString();
    QVariant result = QString();
    if (m == QLatin1String("ping")) {
      // any arguments (some clients ping without a key)
    } else if (m == QLatin1String("register")) {
      result = doRegister(p);
    } else {
      need(1);
      Client& self = byKey(p[0]);
      if (m == QLatin1String("unregister")) {
        removeClient(self.id);
      } else if (m == QLatin1String("setXmlrpcCallback")) {
        need(2);
        self.callbackUrl = p[1].toString();
      } else if (m == QLatin1String("declareMetadata")) {
        need(2);
        self.metadata = mapArg(1);
        broadcastEvent(
            QStringLiteral("samp.hub.event.metadata"),
            {{QStringLiteral("id"), self.id}, {QStringLiteral("metadata"), self.metadata}});
      } else if (m == QLatin1String("getMetadata")) {
        need(2);
        result = byId(p[1].toString()).metadata;
      } else if (m == QLatin1String("declareSubscriptions")) {
        need(2);
        self.subscriptions = mapArg(1);
        broadcastEvent(QStringLiteral("samp.hub.event.subscriptions"),
                       {{QStringLiteral("id"), self.id},
                        {QStringLiteral("subscriptions"), self.subscriptions}});
      } else if (m == QLatin1String("getSubscriptions")) {
        need(2);
        result = byId(p[1].toString()).subscriptions;
      } else if (m == QLatin1String("getRegisteredClients")) {
        QVariantList ids;
        for (const Client& c : std::as_const(clients_)) {
          if (c.id != self.id) ids << c.id;
        }
        result = ids;
      } else if (m == QLatin1String("getSubscribedClients")) {
        need(2);
        QVariantMap subs;
        for (const Client& c : std::as_const(clients_)) {
          if (c.id != self.id && subscribed(c, p[1].toString()))
            subs.insert(c.id, subscriptionEntry(c, p[1].toString()));
        }
        result = subs;
      } else if (m == QLatin1String("notify")) {
        need(3);
        result = doNotify(self, p[1].toString(), mapArg(2));
      } else if (m == QLatin1String("notifyAll")) {
        need(2);
        const QVariantMap msg = mapArg(1);
        QVariantList ids;
        const QString mtype = msg.value(QStringLiteral("samp.mtype")).toString();
        for (const Client& c : std::as_const(clients_)) {
          if (c.id != self.id && subscribed(c, mtype)) {
            doNotify(self, c.id, msg);
            ids << c.id;
          }
        }
        result = ids;
      } else if (m == QLatin1String("call")) {
        need(4);
        result = doCall(self, p[1].toString(), p[2].toString(), mapArg(3), nullptr, 0);
      } else if (m == QLatin1String("callAll")) {
        need(3);
        const QVariantMap msg = mapArg(2);
        const QString mtype = msg.value(QStringLiteral("samp.mtype")).toString();
        QVariantMap ids;
        const QStringList keys = clients_.keys();
        for (const QString& id : keys) {
          const Client& c = clients_[id];
          if (c.id != self.id && subscribed(c, mtype))
            ids.insert(c.id, doCall(self, c.id, p[1].toString(), msg, nullptr, 0));
        }
        result = ids;
      } else if (m == QLatin1String("callAndWait")) {
        need(4);
        bool ok = false;
        const int timeout = p[3].toString().toInt(&ok);
        doCall(self, p[1].toString(), QString(), mapArg(2), &reply,
               ok && timeout > 0 ? timeout : 0);
        return;  // answered when the reply (or the timeout) comes
      } else if (m == QLatin1String("reply")) {
        need(3);
        doReply(self, p[1].toString(), mapArg(2));
      } else {
        throw QStringLiteral("unknown method %1").arg(call.method);
      }
    }
    reply.value(result);
  } catch (const QString& fault) {
    reply.fault(1, fault);
  }
}

QVariant HubCore::doRegister(const QVariantList& p) {
  if (p.value(0).toString() != secret_) throw QStringLiteral("wrong samp.secret");
  Client c;
  c.id = QStringLiteral("c%1").arg(nextClient_++);
  c.key = randomKey();
  clients_.insert(c.id, c);
  idByKey_.insert(c.key, c.id);
  broadcastEvent(QStringLiteral("samp.hub.event.register"), {{QStringLiteral("id"), c.id}});
  return QVariantMap{{QStringLiteral("samp.private-key"), c.key},
                     {QStringLiteral("samp.hub-id"), hubId_},
                     {QStringLiteral("samp.self-id"), c.id}};
}

void HubCore::removeClient(QString id) {  // by value: `id` may belong to the erased client
  auto it = clients_.find(id);
  if (it == clients_.end() || id == hubId_) return;
  idByKey_.remove(it->key);
  clients_.erase(it);
  // Calls waiting for this client's reply will not get one.
  const QStringList ids = pending_.keys();
  for (const QString& msgId : ids) {
    const PendingCall& pc = pending_[msgId];
    if (pc.recipientId == id) {
      completeCall(msgId, id,
                   SampResponse::error(QStringLiteral("the recipient unregistered")).toMap());
    } else if (pc.senderId == id) {
      if (pc.timer) pc.timer->deleteLater();
      pending_.remove(msgId);
    }
  }
  broadcastEvent(QStringLiteral("samp.hub.event.unregister"), {{QStringLiteral("id"), id}});
}

QVariant HubCore::doNotify(Client& sender, const QString& recipientId, const QVariantMap& msg) {
  const QString mtype = msg.value(QStringLiteral("samp.mtype")).toString();
  if (mtype.isEmpty()) throw QStringLiteral("message without samp.mtype");
  Client& to = byId(recipientId);
  if (!subscribed(to, mtype))
    throw QStringLiteral("client %1 is not subscribed to %2").arg(recipientId, mtype);
  if (to.id == hubId_) return QString();
  if (to.callbackUrl.isEmpty()) throw QStringLiteral("client %1 is not callable").arg(recipientId);
  deliver(to, QStringLiteral("samp.client.receiveNotification"), {to.key, sender.id, msg},
          QString());
  return QString();
}

QVariant HubCore::doCall(Client& sender, const QString& recipientId, const QString& tag,
                         const QVariantMap& msg, const XmlRpcReply* syncReply, int timeoutSeconds) {
  const QString mtype = msg.value(QStringLiteral("samp.mtype")).toString();
  if (mtype.isEmpty()) throw QStringLiteral("message without samp.mtype");
  Client& to = byId(recipientId);
  if (!subscribed(to, mtype))
    throw QStringLiteral("client %1 is not subscribed to %2").arg(recipientId, mtype);
  if (to.id != hubId_ && to.callbackUrl.isEmpty())
    throw QStringLiteral("client %1 is not callable").arg(recipientId);
  if (!syncReply && sender.callbackUrl.isEmpty())
    throw QStringLiteral("a caller must be callable to receive the reply");
  const QString msgId = QStringLiteral("m%1-%2").arg(nextMsg_++).arg(sender.id);
  PendingCall pc{
      sender.id, to.id, tag, syncReply != nullptr, syncReply ? *syncReply : XmlRpcReply(), nullptr};
  if (syncReply && timeoutSeconds > 0) {
    pc.timer = new QTimer(this);
    pc.timer->setSingleShot(true);
    connect(pc.timer, &QTimer::timeout, this, [this, msgId, timeoutSeconds] {
      auto it = pending_.find(msgId);
      if (it == pending_.end()) return;
      it->reply.fault(1, QStringLiteral("no reply within %1 s").arg(timeoutSeconds));
      it->timer->deleteLater();
      pending_.erase(it);
    });
    pc.timer->start(timeoutSeconds * 1000);
  }
  pending_.insert(msgId, pc);
  if (to.id == hubId_) {
    handleHubMessage(sender.id, msgId, msg);
  } else {
    deliver(to, QStringLiteral("samp.client.receiveCall"), {to.key, sender.id, msgId, msg}, msgId);
  }
  return msgId;
}

void HubCore::handleHubMessage(const QString&, const QString& msgId, const QVariantMap& msg) {
  const QString mtype = msg.value(QStringLiteral("samp.mtype")).toString();
  const SampResponse r =
      mtype == QLatin1String("samp.app.ping")
          ? SampResponse::ok()
          : SampResponse::error(QStringLiteral("the hub does not handle %1").arg(mtype));
  postTo(
      this, [this, msgId, r] { completeCall(msgId, hubId_, r.toMap()); });
}

void HubCore::doReply(Client& responder, const QString& msgId, const QVariantMap& response) {
  auto it = pending_.find(msgId);
  if (it == pending_.end()) throw QStringLiteral("no pending call with msg-id %1").arg(msgId);
  if (it->recipientId != responder.id)
    throw QStringLiteral("msg-id %1 was not sent to you").arg(msgId);
  completeCall(msgId, responder.id, response);
}

void HubCore::completeCall(const QString& msgId, const QString& responderId,
                           const QVariantMap& response) {
  auto it = pending_.find(msgId);
  if (it == pending_.end()) return;
  const PendingCall pc = *it;
  pending_.erase(it);
  if (pc.timer) pc.timer->deleteLater();
  if (pc.sync) {
    pc.reply.value(response);
    return;
  }
  auto sender = clients_.find(pc.senderId);
  if (sender == clients_.end() || sender->callbackUrl.isEmpty()) return;
  deliver(*sender, QStringLiteral("samp.client.receiveResponse"),
          {sender->key, responderId, pc.tag, response}, QString());
}

void HubCore::broadcastEvent(const QString& mtype, const QVariantMap& params) {
  const QVariantMap msg = SampMessage{mtype, params, {}}.toMap();
  for (const Client& c : std::as_const(clients_)) {
    if (c.id == hubId_ || c.callbackUrl.isEmpty() || !subscribed(c, mtype)) continue;
    deliver(c, QStringLiteral("samp.client.receiveNotification"), {c.key, hubId_, msg}, QString());
  }
}

void HubCore::deliver(const Client& to, const QString& method, const QVariantList& args,
                      const QString& msgId) {
  const QString url = to.callbackUrl;
  const QString recipientId = to.id;
  // Encoded here: the worker gets bytes, not Qt values shared with this thread (Qt's const
  // accessors may still rewrite a shared string in place).
  const QByteArray body = encodeCall(method, args);
  pool_.start([this, url, method, body, msgId, recipientId] {
    const SampResult r = xmlRpcPost(url, method, body, 10000);
    if (r.ok) return;
    const QString error =
        QStringLiteral("could not deliver the message to %1: %2").arg(recipientId, r.error);
    const bool gone = r.unreachable;
    postTo(
        this,
        [this, msgId, recipientId, error, gone, url] {
          if (!msgId.isEmpty())
            completeCall(msgId, recipientId, SampResponse::error(error).toMap());
          // Nothing listens at its callback URL any more: the client died without unregistering.
          auto it = clients_.find(recipientId);
          if (gone && it != clients_.end() && it->callbackUrl == url) {
            qCInfo(lcSampHub) << "dropping unreachable client" << recipientId;
            removeClient(recipientId);
          }
        });
  });
}

}  // namespace xsky::samp
