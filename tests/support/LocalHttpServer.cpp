#include "LocalHttpServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>
#include "util/BlockingCall.h"

namespace xsky::test {

struct LocalHttpServer::Rules {
  QHash<QString, QPair<qint64, int>> breakOff;  // path -> (bytes, times left)
  QSet<QString> corrupt;
  bool ignoreRange = false;
  LocalHttpServer::Handler handler;
  QByteArray handlerContentType;
};

LocalHttpServer::LocalHttpServer(const QString& rootDir)
    : root_(QDir(rootDir).absolutePath()), rules_(std::make_unique<Rules>()) {
  thread_ = new QThread;
  anchor_ = new QObject;
  anchor_->moveToThread(thread_);
  thread_->start();
  xsky::invokeBlocking(
      anchor_,
      [this] {
        server_ = new QTcpServer;
        QObject::connect(server_, &QTcpServer::newConnection, server_, [this] {
          while (QTcpSocket* socket = server_->nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
              buffer->append(socket->readAll());
              if (!buffer->contains("\r\n\r\n")) return;
              socket->setProperty("request", *buffer);
              buffer->clear();
              serve(socket);
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
          }
        });
        server_->listen(QHostAddress::LocalHost, 0);
        port_ = server_->serverPort();
      });
}

LocalHttpServer::~LocalHttpServer() {
  xsky::invokeBlocking(anchor_, [this] { delete server_; });
  thread_->quit();
  thread_->wait();
  delete anchor_;
  delete thread_;
}

QString LocalHttpServer::url(const QString& path) const {
  return QStringLiteral("http://127.0.0.1:%1/%2").arg(port_).arg(path.startsWith(QLatin1Char('/')) ? path.mid(1) : path);
}

void LocalHttpServer::breakOffAfter(const QString& path, qint64 bytes, int times) {
  QMutexLocker lock(&mutex_);
  rules_->breakOff[path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path] = {bytes, times};
}

void LocalHttpServer::setIgnoreRange(bool ignore) {
  QMutexLocker lock(&mutex_);
  rules_->ignoreRange = ignore;
}

void LocalHttpServer::setCorrupt(const QString& path, bool corrupt) {
  QMutexLocker lock(&mutex_);
  const QString p = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
  if (corrupt) {
    rules_->corrupt.insert(p);
  } else {
    rules_->corrupt.remove(p);
  }
}

void LocalHttpServer::setHandler(Handler handler, const QByteArray& contentType) {
  QMutexLocker lock(&mutex_);
  rules_->handler = std::move(handler);
  rules_->handlerContentType = contentType;
}

QList<LocalHttpServer::Request> LocalHttpServer::requests() const {
  QMutexLocker lock(&mutex_);
  return log_;
}

void LocalHttpServer::clearRequests() {
  QMutexLocker lock(&mutex_);
  log_.clear();
}

void LocalHttpServer::serve(QTcpSocket* socket) {
  const QByteArray request = socket->property("request").toByteArray();
  const QList<QByteArray> lines = request.left(request.indexOf("\r\n\r\n")).split('\n');
  const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
  const QByteArray method = first.value(0);
  const QString path = QUrl::fromPercentEncoding(first.value(1).split('?').value(0));
  QString range;
  for (const QByteArray& line : lines.mid(1)) {
    if (line.toLower().startsWith("range:")) range = QString::fromLatin1(line.mid(6).trimmed());
  }
  qint64 breakAfter = -1;
  bool corrupt = false;
  bool ignoreRange = false;
  Handler handler;
  QByteArray handlerContentType;
  {
    QMutexLocker lock(&mutex_);
    handler = rules_->handler;
    handlerContentType = rules_->handlerContentType;
    auto it = rules_->breakOff.find(path);
    if (it != rules_->breakOff.end() && it->second > 0) {
      breakAfter = it->first;
      --it->second;
    }
    corrupt = rules_->corrupt.contains(path);
    ignoreRange = rules_->ignoreRange;
  }
  auto answer = [&](int status, const QByteArray& reason, const QByteArray& headers, const QByteArray& body) {
    {
      QMutexLocker lock(&mutex_);
      log_.append({path, range, status});
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nConnection: close\r\n" + headers +
                      "\r\n";
    socket->write(head);
    if (method != "HEAD") {
      socket->write(breakAfter >= 0 ? body.left(breakAfter) : body);
    }
    socket->disconnectFromHost();
  };

  if (handler) {
    const QString query = QUrl::fromPercentEncoding(first.value(1).split('?').value(1));
    if (const std::optional<QByteArray> body = handler(path, query)) {
      answer(200, "OK", "Content-Type: " + handlerContentType + "\r\nContent-Length: " + QByteArray::number(body->size()) + "\r\n",
             *body);
      return;
    }
  }
  QFile file(root_ + path);
  if (path.contains(QLatin1String("..")) || !QFileInfo(file).isFile() || !file.open(QIODevice::ReadOnly)) {
    const QByteArray body = "not found\n";
    answer(404, "Not Found", "Content-Length: " + QByteArray::number(body.size()) + "\r\n", body);
    return;
  }
  QByteArray body = file.readAll();
  if (corrupt && !body.isEmpty()) body[body.size() / 2] = static_cast<char>(body[body.size() / 2] ^ 0x5a);
  const qint64 size = body.size();
  static const QRegularExpression rangeForm(QStringLiteral("^bytes=(\\d+)-(\\d*)$"));
  const QRegularExpressionMatch m = rangeForm.match(range);
  if (!range.isEmpty() && !ignoreRange && m.hasMatch()) {
    const qint64 from = m.captured(1).toLongLong();
    const qint64 to = m.captured(2).isEmpty() ? size - 1 : std::min(size - 1, m.captured(2).toLongLong());
    if (from >= size || from > to) {
      answer(416, "Range Not Satisfiable", "Content-Range: bytes */" + QByteArray::number(size) + "\r\nContent-Length: 0\r\n",
             {});
      return;
    }
    const QByteArray part = body.mid(from, to - from + 1);
    answer(206, "Partial Content",
           "Content-Range: bytes " + QByteArray::number(from) + '-' + QByteArray::number(to) + '/' +
               QByteArray::number(size) + "\r\nContent-Length: " + QByteArray::number(part.size()) + "\r\n",
           part);
    return;
  }
  answer(200, "OK", "Content-Length: " + QByteArray::number(size) + "\r\nAccept-Ranges: bytes\r\n", body);
}

}  // namespace xsky::test
