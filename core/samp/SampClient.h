#pragma once
// XSky as a SAMP client (Standard Profile 1.3): registers with a hub, declares metadata and
// subscriptions, sends messages, receives them through its own callback server, and keeps a live
// list of the other clients.
//
// Threading model
//  - A SampClient lives on one thread, its owner (the GUI thread in the application, the main
//    thread in xsky-cli and tests). Every public method is called there; every signal and every
//    callback (ResultFn, ResponseFn, MessageDispatch handlers) runs there.
//  - Outgoing XML-RPC (libcurl, blocking) runs on the client's own worker pool (4 threads), never
//    on the owner thread, for the asynchronous API. Results come back as queued calls.
//  - The callback server (XmlRpcServer, 127.0.0.1 only) runs on a dedicated I/O thread. It checks
//    the private key and the arguments there, answers the hub at once, and forwards the message to
//    the owner thread, where MessageDispatch picks the handler. A call's reply goes back to the
//    hub (samp.hub.reply) from the worker pool, whenever the handler answers.
//  - The *Blocking methods do the XML-RPC on the calling thread: for the CLI and tests only,
//    never on the GUI thread. Incoming messages still need the owner's event loop to be handled.
//  - While connected the owner pings the hub every few seconds (asynchronously); a hub that stops
//    answering, shuts down or disconnects us is reported by disconnected(reason) within seconds,
//    and connectToHub() may be called again.
//  - The destructor unregisters (bounded, 2 s) and waits for in-flight calls, each bounded by its
//    own timeout.

#include <QHash>
#include <QObject>
#include <QThread>

#include "util/PostToThread.h"
#include <QTimer>

#include <functional>
#include <memory>

#include "samp/ClientList.h"
#include "samp/HubProxy.h"
#include "samp/LockFile.h"
#include "samp/MessageDispatch.h"
#include "samp/SampMessage.h"
#include "util/WorkerPool.h"

namespace xsky::samp {

class XmlRpcServer;

/// What other applications show about us (samp.name, samp.description.text, samp.icon.url,
/// samp.documentation.url, plus any extra keys).
struct ClientMetadata {
  QString name = QStringLiteral("XSky");
  QString description = QStringLiteral("XSky: X-ray astronomy images, event lists and spectra");
  QString iconUrl;
  QString documentationUrl;
  QVariantMap extra;
  QVariantMap toMap() const;
};

class SampClient : public QObject {
  Q_OBJECT
 public:
  using ResultFn = std::function<void(const SampResult&)>;
  using ResponseFn = std::function<void(const QString& responderId, const SampResponse&)>;

  explicit SampClient(QObject* parent = nullptr);
  ~SampClient() override;

  /// Metadata declared at registration (and re-declared at once when connected).
  void setMetadata(const ClientMetadata& metadata);
  const ClientMetadata& metadata() const { return metadata_; }
  /// Handlers for incoming mtypes. After changing it while connected call updateSubscriptions().
  /// samp.app.ping and samp.hub.event.* / samp.hub.disconnect are handled by the client itself.
  MessageDispatch& dispatch() { return dispatch_; }

  // ---- asynchronous API (owner thread; results on the owner thread)
  /// Registers with `hub`, or with the discovered hub (SAMP_HUB / ~/.samp) when hub is not valid.
  void connectToHub(const HubLocation& hub = {}, ResultFn done = {});
  /// Unregisters (in the background) and forgets the session; emits disconnected("").
  void disconnectFromHub();
  void updateSubscriptions(ResultFn done = {});
  void notify(const QString& recipientId, const SampMessage& message, ResultFn done = {});
  /// done's value: the list of recipient ids.
  void notifyAll(const SampMessage& message, ResultFn done = {});
  /// Sends a call; onResponse runs once with the recipient's response, or with a samp.error
  /// response saying why (send failed, timeout after timeoutSeconds > 0, disconnected).
  void call(const QString& recipientId, const SampMessage& message, ResponseFn onResponse,
            int timeoutSeconds = 60);
  /// Calls every subscriber; onResponse runs once per responder until timeoutSeconds.
  void callAll(const SampMessage& message, ResponseFn onResponse, int timeoutSeconds = 60,
               ResultFn sent = {});
  /// The hub's callAndWait, run on the worker pool; done gets the response (or a samp.error).
  void callAndWait(const QString& recipientId, const SampMessage& message, int timeoutSeconds,
                   ResponseFn done);
  /// Any samp.hub.* method (without the prefix), private key added.
  void hubCall(const QString& method, const QVariantList& params, ResultFn done,
               int timeoutMs = 10000);

  // ---- blocking convenience (CLI, tests; never on the GUI thread)
  bool connectBlocking(const HubLocation& hub, QString* error);
  void disconnectBlocking();
  SampResult hubCallBlocking(const QString& method, const QVariantList& params,
                             int timeoutMs = 10000) const;
  SampResponse callAndWaitBlocking(const QString& recipientId, const SampMessage& message,
                                   int timeoutSeconds) const;

  // ---- state (owner thread)
  bool isConnected() const { return connected_; }
  QString selfId() const { return selfId_; }
  QString hubId() const { return hubId_; }
  const HubLocation& hub() const { return hub_; }
  /// The other clients (and the hub), kept current from hub events.
  const ClientList& clients() const { return clients_; }
  /// Our callback server's URL (http://127.0.0.1:PORT/xmlrpc).
  QString callbackUrl() const { return callbackUrl_; }
  /// How often the hub is pinged while connected (ms; 0 turns it off). Default 3000.
  void setHubPollInterval(int ms);

 signals:
  void connected();
  /// Empty reason: we disconnected on request. Otherwise why the session ended.
  void disconnected(const QString& reason);
  void clientsChanged();
  /// Every incoming message (after the key check, before dispatch), for a message log.
  void messageReceived(const xsky::samp::IncomingMessage& message);
  /// The answer we gave to an incoming call.
  void replySent(const xsky::samp::IncomingMessage& message,
                 const xsky::samp::SampResponse& response);
  /// A request refused by the callback server, a failed reply, ... (for a log).
  void warning(const QString& text);

 private:
  struct Session;
  struct Shared;
  struct Pending {
    ResponseFn fn;
    QTimer* timer = nullptr;
    bool multi = false;
  };

  struct ConnectArgs {
    QString callbackUrl;
    QVariantMap metadata, subscriptions;
  };
  Session runConnect(HubLocation hub, const ConnectArgs& args) const;
  void apply(Session session);
  void onCallback(int kind, const IncomingMessage& message, const QString& msgTag,
                  const SampResponse& response);
  void handleIncoming(const IncomingMessage& message);
  void sendReply(const IncomingMessage& message, const SampResponse& response);
  void lose(const QString& reason);
  void failPending(const QString& reason);
  void finishPending(const QString& tag, const QString& responderId, const SampResponse& response);
  QString addPending(ResponseFn fn, int timeoutSeconds, bool multi);
  QVariantMap allSubscriptions() const;
  HubProxy proxy() const { return HubProxy(hub_.xmlrpcUrl, privateKey_); }
  void runAsync(std::function<SampResult()> work, ResultFn done);

  ClientMetadata metadata_;
  MessageDispatch dispatch_;
  ClientList clients_;
  HubLocation hub_;
  QString privateKey_, selfId_, hubId_, callbackUrl_;
  bool connected_ = false;
  quint64 generation_ = 0;  // bumped on every connect/disconnect: drops stale async results
  quint64 nextTag_ = 1;
  QHash<QString, Pending> pending_;
  QTimer poll_;
  bool pollInFlight_ = false;
  std::shared_ptr<Shared> shared_;
  WorkerPool pool_;
  EventThread io_;
  XmlRpcServer* server_ = nullptr;
};

}  // namespace xsky::samp
