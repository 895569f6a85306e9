// XSky's embedded hub with two XSky clients in one process: lock file, registration, metadata,
// live client list, notify/call/callAndWait/callAll, replies with samp.error, unregister,
// shutdown noticed by clients, lock file removed; a hub that dies is noticed within seconds.

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include "TestSupport.h"
#include "samp/HubConnector.h"
#include "samp/SampClient.h"
#include "samp/SampHub.h"

using namespace xsky::samp;

class TestSampHub : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString lock_;

 private slots:
  void initTestCase() {
    lock_ = dir_.filePath(QStringLiteral("samp-lock"));
    qputenv("SAMP_HUB", ("std-lockurl:file://" + lock_).toUtf8());
  }

  void hubServesClients() {
    SampHub hub;
    QString error;
    QVERIFY2(hub.start(lock_, &error), qPrintable(error));
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(lock_).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    {
      SampHub second;
      QVERIFY(!second.start(lock_, &error));
      QVERIFY2(error.contains(QStringLiteral("already running")), qPrintable(error));
    }
    QVERIFY(QFile::exists(lock_));  // the refused hub did not touch it

    SampClient a, b;
    ClientMetadata meta;
    meta.name = QStringLiteral("xsky-a");
    meta.iconUrl = QStringLiteral("http://127.0.0.1/icon.png");
    meta.documentationUrl = QStringLiteral("https://example.org/xsky");
    a.setMetadata(meta);
    meta.name = QStringLiteral("xsky-b");
    b.setMetadata(meta);
    QList<IncomingMessage> bGot;
    connect(&b, &SampClient::messageReceived, this, [&](const IncomingMessage& m) {
      if (!m.message.mtype.startsWith(QLatin1String("samp.hub."))) bGot << m;
    });
    b.dispatch().addSync(QStringLiteral("test.echo"), [](const IncomingMessage& m) {
      if (auto missing = missingParams(m.message.params, {QStringLiteral("text")}))
        return SampResponse::error(*missing);
      return SampResponse::ok(
          {{QStringLiteral("text"), m.message.params.value(QStringLiteral("text"))}});
    });
    b.dispatch().addSync(QStringLiteral("coord.pointAt.sky"),
                         [](const IncomingMessage&) { return SampResponse::ok(); });

    QVERIFY2(a.connectBlocking({}, &error), qPrintable(error));  // discovered through SAMP_HUB
    QCOMPARE(a.hub().xmlrpcUrl, hub.url());
    bool bConnected = false;
    b.connectToHub(hub.location(), [&](const SampResult& r) {
      bConnected = r.ok;
      error = r.error;
    });
    QTRY_VERIFY2_WITH_TIMEOUT(bConnected, qPrintable(error), 10000);
    QVERIFY(b.isConnected());

    // a sees b through the hub events, with metadata and subscriptions
    QTRY_VERIFY_WITH_TIMEOUT(
        a.clients().find(b.selfId()) &&
            a.clients().find(b.selfId())->subscribes(QStringLiteral("test.echo")),
        10000);
    const ClientInfo* seen = a.clients().find(b.selfId());
    QCOMPARE(seen->name(), QStringLiteral("xsky-b"));
    QCOMPARE(seen->metadata.value(QStringLiteral("samp.documentation.url")).toString(),
             QStringLiteral("https://example.org/xsky"));
    QVERIFY(seen->subscribes(QStringLiteral("samp.app.ping")));
    QVERIFY(a.clients().find(a.hubId()));
    QCOMPARE(a.clients().subscribedTo(QStringLiteral("test.echo"), a.selfId()).size(), 1);
    // the hub answers getMetadata for b too
    const SampResult md = a.hubCallBlocking(QStringLiteral("getMetadata"), {b.selfId()});
    QVERIFY(md.ok);
    QCOMPARE(md.value.toMap().value(QStringLiteral("samp.icon.url")).toString(),
             QStringLiteral("http://127.0.0.1/icon.png"));

    // callAndWait: ok with result, and samp.error saying what is wrong
    SampResponse got;
    bool done = false;
    a.callAndWait(
        b.selfId(),
        {QStringLiteral("test.echo"), {{QStringLiteral("text"), QStringLiteral("hi")}}, {}}, 10,
        [&](const QString&, const SampResponse& r) {
          got = r;
          done = true;
        });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QVERIFY2(got.isOk(), qPrintable(got.errorText));
    QCOMPARE(got.result.value(QStringLiteral("text")).toString(), QStringLiteral("hi"));
    done = false;
    a.callAndWait(b.selfId(), {QStringLiteral("test.echo"), {}, {}}, 10,
                  [&](const QString&, const SampResponse& r) {
                    got = r;
                    done = true;
                  });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QVERIFY(got.isError());
    QCOMPARE(got.errorText, QStringLiteral("missing parameter: text"));

    // asynchronous call + receiveResponse
    done = false;
    QString responder;
    a.call(b.selfId(),
           {QStringLiteral("test.echo"), {{QStringLiteral("text"), QStringLiteral("async")}}, {}},
           [&](const QString& id, const SampResponse& r) {
             responder = id;
             got = r;
             done = true;
           });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QCOMPARE(responder, b.selfId());
    QCOMPARE(got.result.value(QStringLiteral("text")).toString(), QStringLiteral("async"));

    // callAll reaches every subscriber (b and the hub for ping)
    QStringList responders;
    a.callAll(
        {QStringLiteral("samp.app.ping"), {}, {}},
        [&](const QString& id, const SampResponse& r) {
          if (r.isOk()) responders << id;
        },
        10);
    QTRY_COMPARE_WITH_TIMEOUT(responders.size(), 2, 15000);

    // notify and notifyAll
    bGot.clear();
    done = false;
    a.notify(b.selfId(),
             {QStringLiteral("coord.pointAt.sky"),
              {{QStringLiteral("ra"), QStringLiteral("10.5")},
               {QStringLiteral("dec"), QStringLiteral("-3")}},
              {}},
             [&](const SampResult& r) { done = r.ok; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bGot.size(), 1, 10000);
    QCOMPARE(bGot[0].senderId, a.selfId());
    QCOMPARE(bGot[0].message.params.value(QStringLiteral("ra")).toString(), QStringLiteral("10.5"));
    QVERIFY(!bGot[0].isCall());
    QVariantList ids;
    a.notifyAll({QStringLiteral("coord.pointAt.sky"),
                 {{QStringLiteral("ra"), QStringLiteral("1")},
                  {QStringLiteral("dec"), QStringLiteral("2")}},
                 {}},
                [&](const SampResult& r) { ids = r.value.toList(); });
    QTRY_COMPARE_WITH_TIMEOUT(ids, QVariantList{b.selfId()}, 10000);
    // notifying a client about an mtype it does not subscribe to is a fault
    const SampResult bad = a.hubCallBlocking(
        QStringLiteral("notify"),
        {b.selfId(), SampMessage{QStringLiteral("image.load.fits"), {}, {}}.toMap()});
    QVERIFY(!bad.ok);
    QVERIFY2(bad.error.contains(QStringLiteral("not subscribed")), qPrintable(bad.error));
    // wrong private key at the hub
    const SampResult wrongKey = HubProxy(hub.url(), QStringLiteral("nope"))
                                    .call(QStringLiteral("getRegisteredClients"), {});
    QVERIFY(!wrongKey.ok);

    // b leaves: a's list follows
    const QString bId = b.selfId();
    QSignalSpy bGone(&b, &SampClient::disconnected);
    b.disconnectFromHub();
    QCOMPARE(bGone.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!a.clients().find(bId), 10000);

    // the hub shuts down: a is told, and the lock file is gone
    QSignalSpy aGone(&a, &SampClient::disconnected);
    hub.stop();
    QTRY_COMPARE_WITH_TIMEOUT(aGone.size(), 1, 10000);
    QVERIFY2(aGone[0][0].toString().contains(QStringLiteral("shut down")),
             qPrintable(aGone[0][0].toString()));
    QVERIFY(!QFile::exists(lock_));
  }

  void connectStartsHubWhenNoneRuns() {
    QVERIFY(!QFile::exists(lock_));
    SampHub hub, spare;
    SampClient first, second;
    SampResult result;
    bool started = false, done = false;
    connectOrStartHub(&first, &hub, [&](const SampResult& r, bool s) {
      result = r;
      started = s;
      done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(started && hub.isRunning() && first.isConnected());
    QCOMPARE(hub.lockFile(), lock_);
    // a second application finds that hub and does not start another
    done = false;
    connectOrStartHub(&second, &spare, [&](const SampResult& r, bool s) {
      result = r;
      started = s;
      done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(!started && !spare.isRunning());
    QCOMPARE(second.hub().xmlrpcUrl, hub.url());
    QTRY_VERIFY_WITH_TIMEOUT(first.clients().find(second.selfId()), 10000);
    // a registered client still refuses callbacks that do not carry its private key
    const SampResult forged =
        xmlRpcCall(first.callbackUrl(), QStringLiteral("samp.client.receiveNotification"),
                   {QStringLiteral("forged"), second.selfId(),
                    SampMessage{QStringLiteral("samp.app.ping"), {}, {}}.toMap()},
                   5000);
    QVERIFY(!forged.ok);
    QVERIFY2(forged.error.contains(QStringLiteral("wrong or missing private key")),
             qPrintable(forged.error));
    second.disconnectBlocking();
    first.disconnectBlocking();
    hub.stop();
    QVERIFY(!QFile::exists(lock_));
  }

  void deadClientIsDropped() {
    SampHub hub;
    QString error;
    QVERIFY2(hub.start(lock_, &error), qPrintable(error));
    SampClient watcher;
    QVERIFY2(watcher.connectBlocking(hub.location(), &error), qPrintable(error));
    // a client registers with a callback URL where nothing listens, as if its process died
    const SampResult reg =
        xmlRpcCall(hub.url(), QStringLiteral("samp.hub.register"), {hub.location().secret}, 5000);
    QVERIFY(reg.ok);
    const QString key = reg.value.toMap().value(QStringLiteral("samp.private-key")).toString();
    const QString id = reg.value.toMap().value(QStringLiteral("samp.self-id")).toString();
    const HubProxy dead(hub.url(), key);
    QVERIFY(dead.call(QStringLiteral("setXmlrpcCallback"),
                      {QStringLiteral("http://127.0.0.1:1/xmlrpc")})
                .ok);
    QVERIFY(dead.call(QStringLiteral("declareSubscriptions"),
                      {QVariantMap{{QStringLiteral("samp.app.ping"), QVariantMap()}}})
                .ok);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.clients().find(id), 10000);
    SampResponse got;
    bool done = false;
    watcher.call(id, {QStringLiteral("samp.app.ping"), {}, {}},
                 [&](const QString&, const SampResponse& r) {
                   got = r;
                   done = true;
                 });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QVERIFY(got.isError());
    QVERIFY2(got.errorText.contains(QStringLiteral("could not deliver")),
             qPrintable(got.errorText));
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.clients().find(id), 10000);
  }

  void vanishedHubIsNoticed() {
    // xsky-cli samp hub in another process, killed hard: the client notices within seconds.
    QProcess proc;
    proc.setProgram(QStringLiteral(XSKY_CLI));
    proc.setArguments({QStringLiteral("samp"), QStringLiteral("hub"), QStringLiteral("--lockfile"),
                       lock_, QStringLiteral("--seconds"), QStringLiteral("60")});
    proc.start();
    QVERIFY(proc.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(lock_), 10000);
    SampClient a;
    a.setHubPollInterval(500);
    QString error;
    QVERIFY2(a.connectBlocking({}, &error), qPrintable(error));
    QSignalSpy gone(&a, &SampClient::disconnected);
    proc.kill();  // SIGKILL: no shutdown event
    proc.waitForFinished(5000);
    QTRY_COMPARE_WITH_TIMEOUT(gone.size(), 1, 8000);
    QVERIFY2(gone[0][0].toString().contains(QStringLiteral("stopped answering")),
             qPrintable(gone[0][0].toString()));
    // a new hub can replace the stale lock file, and the client reconnects
    SampHub hub;
    QVERIFY2(hub.start(lock_, &error), qPrintable(error));
    QVERIFY2(a.connectBlocking({}, &error), qPrintable(error));
    QVERIFY(a.isConnected());
  }

  void cliTalksToTheHub() {
    SampHub hub;
    QString error;
    QVERIFY2(hub.start(lock_, &error), qPrintable(error));
    SampClient b;
    ClientMetadata meta;
    meta.name = QStringLiteral("receiver");
    b.setMetadata(meta);
    b.dispatch().addSync(QStringLiteral("test.echo"), [](const IncomingMessage& m) {
      return SampResponse::ok(
          {{QStringLiteral("got"), m.message.params.value(QStringLiteral("x"))}});
    });
    QVERIFY2(b.connectBlocking({}, &error), qPrintable(error));
    // The CLI blocks in its own process while this thread keeps b answering.
    QProcess cli;
    cli.start(QStringLiteral(XSKY_CLI),
              {QStringLiteral("samp"), QStringLiteral("status"), QStringLiteral("--json")});
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 20000);
    QCOMPARE(cli.exitCode(), 0);
    const QByteArray status = cli.readAllStandardOutput();
    QVERIFY2(status.contains("\"receiver\"") && status.contains("test.echo"), status.constData());
    cli.start(QStringLiteral(XSKY_CLI),
              {QStringLiteral("samp"), QStringLiteral("send"), QStringLiteral("--mtype"),
               QStringLiteral("test.echo"), QStringLiteral("--param"), QStringLiteral("x=42"),
               QStringLiteral("--to"), QStringLiteral("receiver"), QStringLiteral("--wait"),
               QStringLiteral("10"), QStringLiteral("--json")});
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 20000);
    const QByteArray sent = cli.readAllStandardOutput();
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QVERIFY2(sent.contains("\"samp.ok\"") && sent.contains("\"got\": \"42\""), sent.constData());
    cli.start(QStringLiteral(XSKY_CLI),
              {QStringLiteral("samp"), QStringLiteral("send"), QStringLiteral("--mtype"),
               QStringLiteral("test.echo"), QStringLiteral("--to"), QStringLiteral("nobody")});
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 20000);
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY(cli.readAllStandardError().contains("no SAMP client named nobody"));
  }
};

QTEST_GUILESS_MAIN(TestSampHub)
#include "tst_samp_hub.moc"
