#pragma once
// A minimal HTTP/1.x XML-RPC server on QTcpServer, for the SAMP callback server and the hub.
//
// Threading: the server object and its sockets live on the thread that owns it (typically a
// dedicated I/O thread); the handler runs there. The handler answers through an XmlRpcReply,
// which may be copied and used later from any thread (the hub answers callAndWait that way).
//
// Safety: listens on 127.0.0.1 only and drops any non-loopback peer; refuses requests whose body
// exceeds maxRequestBytes (HTTP 413), requests that are not POST, chunked bodies, and clients that
// do not deliver a whole request within requestTimeoutMs (the connection is closed). Malformed
// XML-RPC (see XmlRpc.h) is answered with an XML-RPC fault. Each connection serves one request.

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

#include <functional>
#include <memory>

#include "samp/XmlRpc.h"

class QTcpSocket;

namespace xsky::samp {

class XmlRpcServer;

/// Answers one XML-RPC request; callable once, from any thread. Later calls are ignored; when the
/// server or the connection is gone the answer is dropped.
class XmlRpcReply {
 public:
  void value(const QVariant& v) const;
  void fault(int code, const QString& message) const;
  bool isValid() const { return channel_ != nullptr; }

 private:
  friend class XmlRpcServer;
  struct Channel;
  std::shared_ptr<Channel> channel_;
  quint64 connection_ = 0;
  void send(const QByteArray& body) const;
};

class XmlRpcServer : public QObject {
  Q_OBJECT
 public:
  using Handler = std::function<void(const XmlRpcCall& call, const XmlRpcReply& reply)>;

  explicit XmlRpcServer(Handler handler, QObject* parent = nullptr);
  ~XmlRpcServer() override;

  void setMaxRequestBytes(qint64 bytes) { maxBytes_ = bytes; }
  void setRequestTimeoutMs(int ms) { timeoutMs_ = ms; }

  /// Listens on 127.0.0.1 (port 0 = any free port). Call on the owning thread.
  bool listen(quint16 port = 0);
  void close();
  /// http://127.0.0.1:PORT/xmlrpc (any path is accepted).
  QString url() const;
  quint16 port() const { return server_.serverPort(); }

  /// Whether a peer may talk to us at all: loopback addresses only.
  static bool isAllowedPeer(const QHostAddress& peer);

 signals:
  /// A request was refused before reaching the handler (for logs): the peer and the reason.
  void requestRefused(const QString& reason);

 private:
  friend class XmlRpcReply;
  struct Connection;
  void onNewConnection();
  void onReadyRead(quint64 id);
  void refuse(quint64 id, int status, const QString& reason);
  void finish(quint64 id, const QByteArray& httpResponse);
  void drop(quint64 id);
  void deliver(quint64 id, const QByteArray& body);

  Handler handler_;
  QTcpServer server_;
  qint64 maxBytes_ = kMaxXmlRpcBytes;
  int timeoutMs_ = 10000;
  quint64 nextId_ = 1;
  QHash<quint64, Connection*> connections_;
  std::shared_ptr<XmlRpcReply::Channel> channel_;
};

}  // namespace xsky::samp
