#pragma once
// A small HTTP/1.1 file server on 127.0.0.1 for tests of remote archives: it serves the files of a
// folder on a thread of its own (so a test may call blocking clients, or run xsky-cli, meanwhile),
// honours Range requests (206 Partial Content) and can be told to misbehave the way real servers
// and networks do: break a transfer off after some bytes, ignore Range, send corrupted bytes.
// Every request is logged (path, Range header, status) for the test to check.

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QThread;
class QObject;
class QTcpServer;
class QTcpSocket;

namespace xsky::test {

class LocalHttpServer {
 public:
  struct Request {
    QString path;   ///< URL path, e.g. "/obs/events.fits"
    QString range;  ///< the Range header ("" when none)
    int status = 0; ///< what was answered
  };

  /// Serves `rootDir` (GET and HEAD) on a free port until destroyed.
  explicit LocalHttpServer(const QString& rootDir);
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  /// http://127.0.0.1:PORT/<path>
  QString url(const QString& path = {}) const;

  /// The next `times` responses for `path` announce the whole length but close the connection
  /// after `bytes` bytes of body.
  void breakOffAfter(const QString& path, qint64 bytes, int times = 1);
  /// Answer every request with the whole file (status 200), as servers without Range support do.
  void setIgnoreRange(bool ignore);
  /// Flip one byte in the middle of the body of `path` (a corrupted transfer or a changed file).
  void setCorrupt(const QString& path, bool corrupt);

  /// Answers requests itself: called (on the server's thread) with the URL path and the
  /// percent-decoded query string; a body is sent as 200 OK (Content-Type `contentType`), nullopt
  /// falls back to serving files. For services that route on the query (e.g. CDS Sesame).
  using Handler = std::function<std::optional<QByteArray>(const QString& path, const QString& query)>;
  void setHandler(Handler handler, const QByteArray& contentType = "text/xml");

  QList<Request> requests() const;
  void clearRequests();

 private:
  struct Rules;
  void serve(QTcpSocket* socket);
  QString root_;
  QThread* thread_ = nullptr;
  QObject* anchor_ = nullptr;
  QTcpServer* server_ = nullptr;
  quint16 port_ = 0;
  mutable QMutex mutex_;
  std::unique_ptr<Rules> rules_;
  QList<Request> log_;
};

}  // namespace xsky::test
