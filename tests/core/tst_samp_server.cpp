// The callback server's defences: private key on every call, loopback only, 10 MB limit,
// malformed XML and DOCTYPE refused, slow clients cut off. Driven over raw sockets and XML-RPC.

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <atomic>

#include "samp/HubProxy.h"
#include "samp/SampClient.h"
#include "samp/XmlRpcServer.h"
#include "util/BlockingCall.h"

using namespace xsky::samp;

namespace {

// Sends raw bytes to the server and returns what comes back before it closes (bounded).
QByteArray exchange(quint16 port, const QByteArray& request, int waitMs = 5000) {
  QTcpSocket s;
  s.connectToHost(QHostAddress::LocalHost, port);
  if (!s.waitForConnected(2000)) return "no connection";
  s.write(request);
  s.flush();
  QByteArray out;
  QElapsedTimer t;
  t.start();
  while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < waitMs) {
    if (s.waitForReadyRead(100)) out += s.readAll();
  }
  out += s.readAll();
  return out;
}

QByteArray post(const QByteArray& body) {
  return "POST /xmlrpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: " +
         QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

class TestSampServer : public QObject {
  Q_OBJECT
 private slots:
  void listensOnLoopbackOnly() {
    XmlRpcServer server([](const XmlRpcCall&, const XmlRpcReply& r) { r.value(QString()); });
    QVERIFY(server.listen());
    QVERIFY(server.url().startsWith(QStringLiteral("http://127.0.0.1:")));
    QVERIFY(XmlRpcServer::isAllowedPeer(QHostAddress::LocalHost));
    QVERIFY(XmlRpcServer::isAllowedPeer(QHostAddress::LocalHostIPv6));
    QVERIFY(XmlRpcServer::isAllowedPeer(QHostAddress(QStringLiteral("::ffff:127.0.0.1"))));
    QVERIFY(!XmlRpcServer::isAllowedPeer(QHostAddress(QStringLiteral("192.168.1.20"))));
    QVERIFY(!XmlRpcServer::isAllowedPeer(QHostAddress(QStringLiteral("10.0.0.1"))));
  }

  void clientChecksPrivateKey() {
    SampClient client;
    QVERIFY(!client.callbackUrl().isEmpty());
    const QVariantMap msg{{QStringLiteral("samp.mtype"), QStringLiteral("samp.app.ping")},
                          {QStringLiteral("samp.params"), QVariantMap()}};
    // Not registered: every callback is refused, whatever the key.
    SampResult r =
        xmlRpcCall(client.callbackUrl(), QStringLiteral("samp.client.receiveNotification"),
                   {QStringLiteral("guess"), QStringLiteral("c1"), msg}, 5000);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("not registered")), qPrintable(r.error));
    r = xmlRpcCall(client.callbackUrl(), QStringLiteral("samp.client.receiveCall"), {}, 5000);
    QVERIFY(!r.ok);
  }

  void refusesOversizeMalformedSlow() {
    // Server on its own thread, like in SampClient, so this thread can block on sockets.
    QThread thread;
    thread.start();
    std::atomic<int> handled{0};  // counted on the server thread
    auto* server = new XmlRpcServer([&](const XmlRpcCall&, const XmlRpcReply& r) {
      ++handled;
      r.value(QStringLiteral("fine"));
    });
    server->setRequestTimeoutMs(700);
    server->moveToThread(&thread);
    bool ok = false;
    xsky::invokeBlocking(server, [&] { ok = server->listen(); });
    QVERIFY(ok);
    const quint16 port = server->port();

    // over 10 MB: refused from the header, before any body is read
    QByteArray out = exchange(port, "POST / HTTP/1.1\r\nContent-Length: 10485761\r\n\r\n");
    QVERIFY2(out.startsWith("HTTP/1.1 413"), out.constData());
    // malformed XML: an XML-RPC fault
    out = exchange(port, post("<methodCall><methodName>x</methodName><params>"));
    QVERIFY2(out.contains("<fault>") && out.contains("malformed"), out.constData());
    // DOCTYPE: a fault, never expanded
    out = exchange(port, post("<?xml version='1.0'?><!DOCTYPE a [<!ENTITY e "
                              "'boom'>]><methodCall><methodName>&e;</methodName></methodCall>"));
    QVERIFY2(out.contains("<fault>") && out.contains("DOCTYPE"), out.constData());
    // not POST
    out = exchange(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(out.startsWith("HTTP/1.1 405"), out.constData());
    // no Content-Length
    out = exchange(port, "POST / HTTP/1.1\r\nHost: x\r\n\r\n<methodCall/>");
    QVERIFY2(out.startsWith("HTTP/1.1 411"), out.constData());
    // a slow client that never finishes its request is cut off after the timeout
    QElapsedTimer t;
    t.start();
    out = exchange(port, "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n<methodCall>", 8000);
    QVERIFY2(out.isEmpty(), out.constData());
    QVERIFY2(t.elapsed() >= 600 && t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    // headers that never end, too
    t.restart();
    out = exchange(port, "POST / HTTP/1.1\r\nContent-Le", 8000);
    QVERIFY(t.elapsed() < 5000);
    QCOMPARE(handled.load(), 0);
    // DS9's Tcl client: HTTP/1.0 with bare \n line endings
    const QByteArray ds9Body = encodeCall(QStringLiteral("m"), {QStringLiteral("x")});
    out = exchange(port, "POST /xmlrpc HTTP/1.0\nContent-Type: text/xml\nContent-length: " +
                             QByteArray::number(ds9Body.size()) + "\n\n" + ds9Body);
    QVERIFY2(out.startsWith("HTTP/1.1 200") && out.contains("fine"), out.constData());
    QCOMPARE(handled.load(), 1);
    // and the server still serves a good request afterwards
    out = exchange(port, post(encodeCall(QStringLiteral("m"), {})));
    QVERIFY2(out.contains("fine"), out.constData());
    QCOMPARE(handled.load(), 2);
    xsky::invokeBlocking(server, [server] { delete server; });
    thread.quit();
    thread.wait();
  }
};

QTEST_GUILESS_MAIN(TestSampServer)
#include "tst_samp_server.moc"
