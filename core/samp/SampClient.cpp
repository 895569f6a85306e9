#include "samp/SampClient.h"

#include <QLoggingCategory>
#include <QMutex>

#include "samp/ClientCallback.h"
#include "samp/XmlRpcServer.h"
#include "util/BlockingCall.h"
#include "util/PostToThread.h"

Q_LOGGING_CATEGORY(lcSamp, "xsky.samp", QtInfoMsg)

namespace xsky::samp {

QVariantMap ClientMetadata::toMap() const {
  QVariantMap map = extra;
  map.insert(QStringLiteral("samp.name"), name);
  if (!description.isEmpty()) map.insert(QStringLiteral("samp.description.text"), description);
  if (!iconUrl.isEmpty()) map.insert(QStringLiteral("samp.icon.url"), iconUrl);
  if (!documentationUrl.isEmpty())
    map.insert(QStringLiteral("samp.documentation.url"), documentationUrl);
  return map;
}

// What the I/O thread needs: the private key to check, guarded.
struct SampClient::Shared {
  QMutex mutex;
  QString privateKey;
  QString key() {
    QMutexLocker lock(&mutex);
    return privateKey;
  }
  void setKey(const QString& key) {
    QMutexLocker lock(&mutex);
    privateKey = key;
  }
};

struct SampClient::Session {
  bool ok = false;
  QString error;
  HubLocation hub;
  QString privateKey, selfId, hubId;
  ClientList clients;
};

SampClient::SampClient(QObject* parent) : QObject(parent), shared_(std::make_shared<Shared>()) {
  pool_.setMaxThreadCount(4);
  io_.setObjectName(QStringLiteral("samp-callbacks"));
  io_.start();
  std::shared_ptr<Shared> shared = shared_;
  auto handler = [this, shared](const XmlRpcCall& call, const XmlRpcReply& reply) {
    ClientCallback cb;
    QString error;
    if (!parseClientCallback(call, shared->key(), &cb, &error)) {
      reply.fault(1, error);
      postTo(
          this, [this, error] { emit warning(QStringLiteral("refused callback: ") + error); });
      return;
    }
    reply.value(QString());
    IncomingMessage message{cb.senderId, cb.msgId, cb.message};
    const int kind = int(cb.kind);
    postTo(
        this,
        [this, kind, message, tag = cb.msgTag, response = cb.response] {
          onCallback(kind, message, tag, response);
        });
  };
  server_ = new XmlRpcServer(handler);
  server_->moveToThread(&io_);
  connect(server_, &XmlRpcServer::requestRefused, this, [this](const QString& why) {
    emit warning(QStringLiteral("callback server refused a request: ") + why);
  });
  bool listening = false;
  invokeBlocking(server_, [this, &listening] { listening = server_->listen(); });
  if (listening) {
    callbackUrl_ = server_->url();
  } else {
    qCWarning(lcSamp) << "SAMP callback server cannot listen on 127.0.0.1";
  }
  poll_.setInterval(3000);
  connect(&poll_, &QTimer::timeout, this, [this] {
    if (!connected_ || pollInFlight_) return;
    pollInFlight_ = true;
    const quint64 generation = generation_;
    hubCall(
        QStringLiteral("ping"), {},
        [this, generation](const SampResult& r) {
          pollInFlight_ = false;
          if (!r.ok && generation == generation_ && connected_) {
            lose(QStringLiteral("the SAMP hub stopped answering: ") + r.error);
          }
        },
        5000);
  });
}

SampClient::~SampClient() {
  poll_.stop();
  if (connected_) {
    const HubProxy hub = proxy();
    hub.call(QStringLiteral("unregister"), {}, 2000);
    connected_ = false;
  }
  shared_->setKey(QString());
  pool_.waitForDone();
  XmlRpcServer* server = server_;
  invokeBlocking(server, [server] { delete server; });
  io_.stop();
}

void SampClient::setMetadata(const ClientMetadata& metadata) {
  metadata_ = metadata;
  if (!connected_) return;
  clients_.setMetadata(selfId_, metadata_.toMap());
  hubCall(QStringLiteral("declareMetadata"), {metadata_.toMap()}, {});
}

void SampClient::setHubPollInterval(int ms) {
  poll_.setInterval(ms > 0 ? ms : 3000);
  if (ms <= 0) {
    poll_.stop();
  } else if (connected_) {
    poll_.start();
  }
}

QVariantMap SampClient::allSubscriptions() const {
  QVariantMap subs = dispatch_.subscriptions();
  subs.insert(QStringLiteral("samp.app.ping"), QVariantMap());
  subs.insert(QStringLiteral("samp.hub.event.*"), QVariantMap());
  subs.insert(QStringLiteral("samp.hub.disconnect"), QVariantMap());
  return subs;
}

void SampClient::runAsync(std::function<SampResult()> work, ResultFn done) {
  pool_.start([this, work = std::move(work), done = std::move(done)] {
    SampResult result = work();
    if (!done) return;
    postTo(
        this, [done, result] { done(result); });
  });
}

SampClient::Session SampClient::runConnect(HubLocation hub, const ConnectArgs& args) const {
  // Runs on a worker (or, blocking, on the owner): touches only its arguments and shared_.
  Session s;
  if (args.callbackUrl.isEmpty()) {
    s.error = QStringLiteral("the SAMP callback server could not listen on 127.0.0.1");
    return s;
  }
  if (!hub.isValid() && !discoverHub(&hub, &s.error)) return s;
  s.hub = hub;
  const SampResult reg =
      xmlRpcCall(hub.xmlrpcUrl, QStringLiteral("samp.hub.register"), {hub.secret}, 10000);
  if (!reg.ok) {
    s.error =
        QStringLiteral("cannot register with the SAMP hub at %1: %2").arg(hub.xmlrpcUrl, reg.error);
    return s;
  }
  const QVariantMap info = reg.value.toMap();
  s.privateKey = info.value(QStringLiteral("samp.private-key")).toString();
  s.selfId = info.value(QStringLiteral("samp.self-id")).toString();
  s.hubId = info.value(QStringLiteral("samp.hub-id")).toString();
  if (s.privateKey.isEmpty()) {
    s.error = QStringLiteral("the SAMP hub's register answer has no samp.private-key");
    return s;
  }
  shared_->setKey(s.privateKey);  // callbacks may arrive as soon as the URL is known
  const HubProxy p(hub.xmlrpcUrl, s.privateKey);
  const QVariantMap& subs = args.subscriptions;
  for (const auto& [method, arg] :
       {std::pair{QStringLiteral("setXmlrpcCallback"), QVariant(args.callbackUrl)},
        std::pair{QStringLiteral("declareMetadata"), QVariant(args.metadata)},
        std::pair{QStringLiteral("declareSubscriptions"), QVariant(subs)}}) {
    const SampResult r = p.call(method, {arg});
    if (!r.ok) {
      p.call(QStringLiteral("unregister"), {}, 2000);
      s.error = r.error;
      return s;
    }
  }
  const SampResult ids = p.call(QStringLiteral("getRegisteredClients"), {});
  for (const QVariant& v : ids.value.toList()) {
    const QString id = v.toString();
    ClientInfo c{id, p.call(QStringLiteral("getMetadata"), {id}).value.toMap(),
                 p.call(QStringLiteral("getSubscriptions"), {id}).value.toMap()};
    s.clients.setClient(c);
  }
  s.clients.setClient(ClientInfo{s.selfId, args.metadata, subs});
  s.ok = true;
  return s;
}

void SampClient::apply(Session session) {
  hub_ = session.hub;
  privateKey_ = session.privateKey;
  selfId_ = session.selfId;
  hubId_ = session.hubId;
  // Clients announced by hub events while we were connecting stay listed.
  for (const ClientInfo& c : clients_.all()) {
    if (!session.clients.find(c.id)) session.clients.setClient(c);
  }
  clients_ = session.clients;
  connected_ = true;
  if (poll_.interval() > 0) poll_.start();
  qCDebug(lcSamp) << "registered with SAMP hub" << hub_.xmlrpcUrl << "as" << selfId_;
  emit connected();
  emit clientsChanged();
}

void SampClient::connectToHub(const HubLocation& hub, ResultFn done) {
  if (connected_) disconnectFromHub();
  const quint64 generation = ++generation_;
  clients_.clear();
  const ConnectArgs args{callbackUrl_, metadata_.toMap(), allSubscriptions()};
  pool_.start([this, hub, args, done, generation] {
    auto session = std::make_shared<Session>(runConnect(hub, args));
    postTo(
        this,
        [this, session, done, generation] {
          if (generation != generation_) {  // superseded (disconnect or another connect)
            if (session->ok)
              HubProxy(session->hub.xmlrpcUrl, session->privateKey)
                  .call(QStringLiteral("unregister"), {}, 2000);
            if (done) done(SampResult::failure(QStringLiteral("connection superseded")));
            return;
          }
          if (!session->ok) {
            shared_->setKey(QString());
            if (done) done(SampResult::failure(session->error));
            return;
          }
          apply(std::move(*session));
          if (done) done(SampResult::success(selfId_));
        });
  });
}

bool SampClient::connectBlocking(const HubLocation& hub, QString* error) {
  if (connected_) disconnectBlocking();
  ++generation_;
  clients_.clear();
  Session session = runConnect(hub, {callbackUrl_, metadata_.toMap(), allSubscriptions()});
  if (!session.ok) {
    shared_->setKey(QString());
    if (error) *error = session.error;
    return false;
  }
  apply(std::move(session));
  return true;
}

void SampClient::disconnectFromHub() {
  if (!connected_) return;
  const HubProxy hub = proxy();
  pool_.start([hub] { hub.call(QStringLiteral("unregister"), {}, 3000); });
  lose(QString());
}

void SampClient::disconnectBlocking() {
  if (!connected_) return;
  proxy().call(QStringLiteral("unregister"), {}, 3000);
  lose(QString());
}

void SampClient::lose(const QString& reason) {
  if (!connected_) return;
  ++generation_;
  connected_ = false;
  poll_.stop();
  pollInFlight_ = false;
  shared_->setKey(QString());
  privateKey_.clear();
  clients_.clear();
  failPending(reason.isEmpty() ? QStringLiteral("disconnected from the SAMP hub") : reason);
  if (!reason.isEmpty()) qCWarning(lcSamp) << reason;
  emit clientsChanged();
  emit disconnected(reason);
}

void SampClient::hubCall(const QString& method, const QVariantList& params, ResultFn done,
                         int timeoutMs) {
  if (!connected_) {
    const QString error = QStringLiteral("not connected to a SAMP hub");
    postTo(
        this,
        [done, error] {
          if (done) done(SampResult::failure(error));
        });
    return;
  }
  const HubProxy hub = proxy();
  runAsync([hub, method, params, timeoutMs] { return hub.call(method, params, timeoutMs); },
           std::move(done));
}

SampResult SampClient::hubCallBlocking(const QString& method, const QVariantList& params,
                                       int timeoutMs) const {
  if (!connected_) return SampResult::failure(QStringLiteral("not connected to a SAMP hub"));
  return proxy().call(method, params, timeoutMs);
}

void SampClient::updateSubscriptions(ResultFn done) {
  clients_.setSubscriptions(selfId_, allSubscriptions());
  hubCall(QStringLiteral("declareSubscriptions"), {allSubscriptions()}, std::move(done));
}

void SampClient::notify(const QString& recipientId, const SampMessage& message, ResultFn done) {
  hubCall(QStringLiteral("notify"), {recipientId, message.toMap()}, std::move(done));
}

void SampClient::notifyAll(const SampMessage& message, ResultFn done) {
  hubCall(QStringLiteral("notifyAll"), {message.toMap()}, std::move(done));
}

QString SampClient::addPending(ResponseFn fn, int timeoutSeconds, bool multi) {
  const QString tag = QStringLiteral("xsky-%1").arg(nextTag_++);
  Pending p{std::move(fn), nullptr, multi};
  if (timeoutSeconds > 0) {
    p.timer = new QTimer(this);
    p.timer->setSingleShot(true);
    connect(p.timer, &QTimer::timeout, this, [this, tag, multi, timeoutSeconds] {
      if (multi) {  // callAll: the collection period is over
        auto it = pending_.find(tag);
        if (it == pending_.end()) return;
        it->timer->deleteLater();
        pending_.erase(it);
        return;
      }
      finishPending(
          tag, QString(),
          SampResponse::error(QStringLiteral("no reply within %1 s").arg(timeoutSeconds)));
    });
    p.timer->start(timeoutSeconds * 1000);
  }
  pending_.insert(tag, p);
  return tag;
}

void SampClient::finishPending(const QString& tag, const QString& responderId,
                               const SampResponse& response) {
  auto it = pending_.find(tag);
  if (it == pending_.end()) return;
  const ResponseFn fn = it->fn;
  if (!it->multi) {
    if (it->timer) it->timer->deleteLater();
    pending_.erase(it);
  }
  if (fn) fn(responderId, response);
}

void SampClient::failPending(const QString& reason) {
  const auto pending = std::exchange(pending_, {});
  for (auto it = pending.begin(); it != pending.end(); ++it) {
    if (it->timer) it->timer->deleteLater();
    if (!it->multi && it->fn) it->fn(QString(), SampResponse::error(reason));
  }
}

void SampClient::call(const QString& recipientId, const SampMessage& message, ResponseFn onResponse,
                      int timeoutSeconds) {
  const QString tag = addPending(std::move(onResponse), timeoutSeconds, false);
  hubCall(QStringLiteral("call"), {recipientId, tag, message.toMap()},
          [this, tag, recipientId](const SampResult& r) {
            if (!r.ok) finishPending(tag, recipientId, SampResponse::error(r.error));
          });
}

void SampClient::callAll(const SampMessage& message, ResponseFn onResponse, int timeoutSeconds,
                         ResultFn sent) {
  const QString tag =
      addPending(std::move(onResponse), timeoutSeconds > 0 ? timeoutSeconds : 60, true);
  hubCall(QStringLiteral("callAll"), {tag, message.toMap()},
          [this, tag, sent](const SampResult& r) {
            if (!r.ok) {
              auto it = pending_.find(tag);
              if (it != pending_.end()) {
                if (it->timer) it->timer->deleteLater();
                pending_.erase(it);
              }
            }
            if (sent) sent(r);
          });
}

void SampClient::callAndWait(const QString& recipientId, const SampMessage& message,
                             int timeoutSeconds, ResponseFn done) {
  hubCall(
      QStringLiteral("callAndWait"),
      {recipientId, message.toMap(), QString::number(timeoutSeconds)},
      [recipientId, done](const SampResult& r) {
        if (!done) return;
        done(recipientId,
             r.ok ? SampResponse::fromMap(r.value.toMap()) : SampResponse::error(r.error));
      },
      (timeoutSeconds + 5) * 1000);
}

SampResponse SampClient::callAndWaitBlocking(const QString& recipientId, const SampMessage& message,
                                             int timeoutSeconds) const {
  const SampResult r = hubCallBlocking(
      QStringLiteral("callAndWait"),
      {recipientId, message.toMap(), QString::number(timeoutSeconds)}, (timeoutSeconds + 5) * 1000);
  return r.ok ? SampResponse::fromMap(r.value.toMap()) : SampResponse::error(r.error);
}

void SampClient::onCallback(int kind, const IncomingMessage& message, const QString& msgTag,
                            const SampResponse& response) {
  switch (ClientCallback::Kind(kind)) {
    case ClientCallback::Kind::Response:
      finishPending(msgTag, message.senderId, response);
      break;
    case ClientCallback::Kind::Notification:
    case ClientCallback::Kind::Call:
      handleIncoming(message);
      break;
  }
}

void SampClient::handleIncoming(const IncomingMessage& message) {
  emit messageReceived(message);
  const QString& mtype = message.message.mtype;
  if (mtype.startsWith(QLatin1String("samp.hub.event."))) {
    if (mtype == QLatin1String("samp.hub.event.shutdown")) {
      sendReply(message, SampResponse::ok());
      lose(QStringLiteral("the SAMP hub shut down"));
      return;
    }
    if (clients_.applyHubEvent(mtype, message.message.params)) emit clientsChanged();
    sendReply(message, SampResponse::ok());
    return;
  }
  if (mtype == QLatin1String("samp.hub.disconnect")) {
    const QString why = message.message.params.value(QStringLiteral("reason")).toString();
    lose(QStringLiteral("the SAMP hub disconnected XSky") +
         (why.isEmpty() ? QString() : QStringLiteral(": ") + why));
    return;
  }
  if (mtype == QLatin1String("samp.app.ping") && !dispatch_.subscriptions().contains(mtype)) {
    sendReply(message, SampResponse::ok());
    return;
  }
  auto replied = std::make_shared<bool>(false);
  const quint64 generation = generation_;
  dispatch_.dispatch(message, [this, message, replied, generation](const SampResponse& response) {
    if (*replied || generation != generation_) return;
    *replied = true;
    sendReply(message, response);
  });
}

void SampClient::sendReply(const IncomingMessage& message, const SampResponse& response) {
  if (!message.isCall()) return;
  emit replySent(message, response);
  hubCall(QStringLiteral("reply"), {message.msgId, response.toMap()}, [this](const SampResult& r) {
    if (!r.ok) emit warning(QStringLiteral("could not send a SAMP reply: ") + r.error);
  });
}

}  // namespace xsky::samp
