#include "samp/XmlRpcServer.h"

#include <QMutex>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include "util/PostToThread.h"

namespace xsky::samp {

struct XmlRpcReply::Channel {
  QMutex mutex;
  XmlRpcServer* server = nullptr;
};

struct XmlRpcServer::Connection {
  QTcpSocket* socket = nullptr;
  QTimer* timer = nullptr;
  QByteArray buffer;
  qsizetype headerEnd = -1;
  qint64 contentLength = -1;
  bool handled = false;  // the request went to the handler; waiting for its reply
};

void XmlRpcReply::send(const QByteArray& body) const {
  if (!channel_) return;
  QMutexLocker lock(&channel_->mutex);
  if (!channel_->server) return;
  const quint64 id = connection_;
  XmlRpcServer* server = channel_->server;
  postTo(
      server, [server, id, body] { server->deliver(id, body); });
}

void XmlRpcReply::value(const QVariant& v) const { send(encodeResponse(v)); }
void XmlRpcReply::fault(int code, const QString& message) const {
  send(encodeFault(code, message));
}

XmlRpcServer::XmlRpcServer(Handler handler, QObject* parent)
    : QObject(parent),
      handler_(std::move(handler)),
      server_(this),
      channel_(std::make_shared<XmlRpcReply::Channel>()) {
  channel_->server = this;
  connect(&server_, &QTcpServer::newConnection, this, &XmlRpcServer::onNewConnection);
}

XmlRpcServer::~XmlRpcServer() {
  {
    QMutexLocker lock(&channel_->mutex);
    channel_->server = nullptr;
  }
  close();
}

bool XmlRpcServer::listen(quint16 port) { return server_.listen(QHostAddress::LocalHost, port); }

void XmlRpcServer::close() {
  server_.close();
  const auto ids = connections_.keys();
  for (quint64 id : ids) drop(id);
}

QString XmlRpcServer::url() const {
  return QStringLiteral("http://127.0.0.1:%1/xmlrpc").arg(server_.serverPort());
}

bool XmlRpcServer::isAllowedPeer(const QHostAddress& peer) {
  if (peer.isLoopback()) return true;
  bool ok = false;
  const QHostAddress v4(peer.toIPv4Address(&ok));
  return ok && v4.isLoopback();
}

void XmlRpcServer::onNewConnection() {
  while (QTcpSocket* socket = server_.nextPendingConnection()) {
    if (!isAllowedPeer(socket->peerAddress())) {
      emit requestRefused(
          QStringLiteral("non-loopback peer %1").arg(socket->peerAddress().toString()));
      socket->abort();
      socket->deleteLater();
      continue;
    }
    const quint64 id = nextId_++;
    auto* c = new Connection;
    c->socket = socket;
    socket->setParent(this);
    c->timer = new QTimer(this);
    c->timer->setSingleShot(true);
    connections_.insert(id, c);
    connect(c->timer, &QTimer::timeout, this, [this, id] {
      emit requestRefused(
          QStringLiteral("client too slow: no complete request within %1 ms").arg(timeoutMs_));
      drop(id);
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, id] { onReadyRead(id); });
    connect(socket, &QTcpSocket::disconnected, this, [this, id] {
      auto it = connections_.find(id);
      if (it != connections_.end() && !(*it)->handled) drop(id);
    });
    c->timer->start(timeoutMs_);
    if (socket->bytesAvailable() > 0) onReadyRead(id);
  }
}

void XmlRpcServer::onReadyRead(quint64 id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Connection* c = *it;
  if (c->handled) {
    c->socket->readAll();  // ignore anything after the request
    return;
  }
  c->buffer += c->socket->readAll();
  if (c->headerEnd < 0) {
    // Headers end at an empty line; DS9's Tcl client ends lines with a bare \n.
    const qsizetype crlf = c->buffer.indexOf("\r\n\r\n");
    const qsizetype lf = c->buffer.indexOf("\n\n");
    const bool useLf = lf >= 0 && (crlf < 0 || lf < crlf);
    const qsizetype end = useLf ? lf : crlf;
    if (end < 0) {
      if (c->buffer.size() > 64 * 1024) refuse(id, 431, QStringLiteral("HTTP headers too large"));
      return;
    }
    c->headerEnd = end + (useLf ? 2 : 4);
    const QList<QByteArray> lines = c->buffer.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() < 2 || requestLine[0] != "POST") {
      refuse(id, 405, QStringLiteral("only POST is served"));
      return;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
      const QByteArray line = lines[i].trimmed();
      const qsizetype colon = line.indexOf(':');
      if (colon <= 0) continue;
      const QByteArray name = line.left(colon).trimmed().toLower();
      const QByteArray value = line.mid(colon + 1).trimmed();
      if (name == "content-length") {
        bool ok = false;
        c->contentLength = value.toLongLong(&ok);
        if (!ok || c->contentLength < 0) {
          refuse(id, 400, QStringLiteral("bad Content-Length"));
          return;
        }
      } else if (name == "transfer-encoding" && value.toLower() != "identity") {
        refuse(id, 411, QStringLiteral("chunked requests are not supported"));
        return;
      }
    }
    if (c->contentLength < 0) {
      refuse(id, 411, QStringLiteral("Content-Length required"));
      return;
    }
    if (c->contentLength > maxBytes_) {
      refuse(id, 413,
             QStringLiteral("request of %1 bytes exceeds the %2-byte limit")
                 .arg(c->contentLength)
                 .arg(maxBytes_));
      return;
    }
  }
  const qint64 have = c->buffer.size() - c->headerEnd;
  if (have > c->contentLength && have > maxBytes_) {
    refuse(id, 413, QStringLiteral("request exceeds the size limit"));
    return;
  }
  if (have < c->contentLength) return;
  c->timer->stop();
  c->handled = true;
  const QByteArray body = c->buffer.mid(c->headerEnd, c->contentLength);
  c->buffer.clear();
  XmlRpcReply reply;
  reply.channel_ = channel_;
  reply.connection_ = id;
  XmlRpcCall call;
  QString error;
  if (!decodeCall(body, &call, &error)) {
    emit requestRefused(error);
    reply.fault(1, error);
    return;
  }
  handler_(call, reply);
}

void XmlRpcServer::deliver(quint64 id, const QByteArray& body) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  QByteArray response =
      "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n"
      "Content-Length: " +
      QByteArray::number(body.size()) + "\r\n\r\n" + body;
  finish(id, response);
}

void XmlRpcServer::refuse(quint64 id, int status, const QString& reason) {
  emit requestRefused(reason);
  const QByteArray text = reason.toUtf8() + '\n';
  finish(id, "HTTP/1.1 " + QByteArray::number(status) +
                 " Refused\r\nContent-Type: text/plain\r\n"
                 "Connection: close\r\nContent-Length: " +
                 QByteArray::number(text.size()) + "\r\n\r\n" + text);
}

void XmlRpcServer::finish(quint64 id, const QByteArray& httpResponse) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Connection* c = *it;
  connections_.erase(it);
  c->timer->stop();
  c->timer->deleteLater();
  QTcpSocket* socket = c->socket;
  delete c;
  socket->disconnect(this);
  connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
  socket->write(httpResponse);
  socket->disconnectFromHost();  // after the pending bytes are written
  // A peer that never reads its answer must not keep the socket forever.
  QTimer::singleShot(timeoutMs_, socket, [socket] {
    socket->abort();
    socket->deleteLater();
  });
}

void XmlRpcServer::drop(quint64 id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Connection* c = *it;
  connections_.erase(it);
  c->timer->stop();
  c->timer->deleteLater();
  c->socket->disconnect(this);
  c->socket->abort();
  c->socket->deleteLater();
  delete c;
}

}  // namespace xsky::samp
