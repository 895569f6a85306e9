#pragma once
// The routing inside XSky's embedded hub (see SampHub.h for the threading model): clients, their
// keys, metadata, subscriptions and callback URLs; notify/call/callAll/callAndWait/reply; hub
// events. Lives on the hub thread only.

#include <QHash>
#include <QObject>
#include <QVariantMap>

#include "samp/XmlRpcServer.h"
#include "util/WorkerPool.h"

class QTimer;

namespace xsky::samp {

class HubCore : public QObject {
  Q_OBJECT
 public:
  HubCore(QString secret, int requestTimeoutMs);
  ~HubCore() override;

  bool listen(QString* url);
  /// Tells every client samp.hub.event.shutdown (bounded) and closes the server.
  void shutdown();

 private:
  struct Client {
    QString id, key, callbackUrl;
    QVariantMap metadata, subscriptions;
  };
  struct PendingCall {
    QString senderId, recipientId, tag;
    bool sync = false;
    XmlRpcReply reply;  // sync: the held callAndWait request
    QTimer* timer = nullptr;
  };

  void handle(const XmlRpcCall& call, const XmlRpcReply& reply);
  // Each returns the XML-RPC result or throws QString (a fault message).
  QVariant doRegister(const QVariantList& p);
  QVariant doNotify(Client& sender, const QString& recipient, const QVariantMap& msg);
  QVariant doCall(Client& sender, const QString& recipient, const QString& tag,
                  const QVariantMap& msg, const XmlRpcReply* syncReply, int timeoutSeconds);
  void doReply(Client& responder, const QString& msgId, const QVariantMap& response);

  Client& byKey(const QVariant& key);
  Client& byId(const QString& id);
  bool subscribed(const Client& c, const QString& mtype) const;
  QVariantMap subscriptionEntry(const Client& c, const QString& mtype) const;
  void broadcastEvent(const QString& mtype, const QVariantMap& params);
  void deliver(const Client& to, const QString& method, const QVariantList& args,
               const QString& msgId);
  void completeCall(const QString& msgId, const QString& responderId, const QVariantMap& response);
  void removeClient(QString id);
  void handleHubMessage(const QString& senderId, const QString& msgId, const QVariantMap& msg);

  QString secret_;
  int requestTimeoutMs_;
  XmlRpcServer* server_ = nullptr;
  QString hubId_ = QStringLiteral("hub");
  QHash<QString, Client> clients_;  // by id
  QHash<QString, QString> idByKey_;
  QHash<QString, PendingCall> pending_;  // by msg-id
  quint64 nextClient_ = 1, nextMsg_ = 1;
  WorkerPool pool_;
};

}  // namespace xsky::samp
