// XSky against the real headless SAMP programs: the JSAMP hub, the astropy hub, STILTS, the JSAMP
// message sender and snooper, and an astropy client; and XSky's own hub serving astropy.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "PeerSupport.h"
#include "XskyPeer.h"
#include "samp/SampHub.h"

using namespace xsky::peers;
using namespace xsky::samp;

namespace {
const QString kJava = QStringLiteral("java");

QString jsampMissing() {
  if (!have(kJava)) return missing(kJava, QStringLiteral("default-jre-headless"));
  if (!have(PeerRun::jsampJar())) return missing(PeerRun::jsampJar(), QStringLiteral("jsamp"));
  return {};
}

QJsonObject findClient(const QJsonObject& clients, const QString& name) {
  for (const QJsonValue& c : clients) {
    if (c[QStringLiteral("metadata")][QStringLiteral("samp.name")].toString() == name)
      return c.toObject();
  }
  return {};
}

QStringList jsampTool(const QStringList& args) {
  return QStringList{QStringLiteral("-Djava.awt.headless=true"), QStringLiteral("-cp"),
                     PeerRun::jsampJar(), QStringLiteral("org.astrogrid.samp.JSamp")} +
         args;
}
}  // namespace

class TestPeersHubs : public QObject {
  Q_OBJECT
  std::unique_ptr<PeerRun> run_;
  std::unique_ptr<XskyPeer> xsky_;
  QString jsampProblem_;
  QString votable_;

 private slots:
  void initTestCase() {
    if (!have(PeerRun::python())) QSKIP("python3 (with astropy) is not installed");
    run_ = std::make_unique<PeerRun>();
    votable_ = writeVotable(run_->path(QString()));
    jsampProblem_ = jsampMissing();
    if (jsampProblem_.isEmpty()) {
      QString error;
      QVERIFY2(run_->startJsampHub(&error), qPrintable(error));
    }
    qputenv("SAMP_HUB", ("std-lockurl:file://" + run_->lockFile()).toUtf8());
    xsky_ = std::make_unique<XskyPeer>();
  }

  void cleanupTestCase() {
    xsky_.reset();
    run_.reset();
  }

  void registersWithJsampHub() {
    if (!jsampProblem_.isEmpty()) QSKIP(qPrintable(jsampProblem_));
    QString error;
    QVERIFY2(xsky_->client.connectBlocking({}, &error),
             qPrintable(error));  // discovered via SAMP_HUB
    QVERIFY(xsky_->client.hub().xmlrpcUrl.endsWith(QStringLiteral("/xmlrpc")));
    QVERIFY(xsky_->client.clients().find(xsky_->client.hubId()));
    const QJsonObject me = findClient(run_->listClients(), QStringLiteral("XSky"));
    QVERIFY2(!me.isEmpty(), "astropy does not list XSky on the JSAMP hub");
    QCOMPARE(me[QStringLiteral("metadata")][QStringLiteral("samp.documentation.url")].toString(),
             QStringLiteral("https://example.org/xsky/docs"));
    QCOMPARE(me[QStringLiteral("metadata")][QStringLiteral("samp.icon.url")].toString(),
             QStringLiteral("https://example.org/xsky.png"));
    QCOMPARE(me[QStringLiteral("metadata")][QStringLiteral("samp.description.text")].toString(),
             QStringLiteral("XSky peer test"));
    const QJsonArray subs = me[QStringLiteral("subscriptions")].toArray();
    QVERIFY(subs.contains(QStringLiteral("table.load.votable")));
    QVERIFY(subs.contains(QStringLiteral("coord.pointAt.sky")));
    QVERIFY(subs.contains(QStringLiteral("samp.app.ping")));
    // and the lister showed up in XSky's live client list, then left it
    QTRY_VERIFY_WITH_TIMEOUT(!xsky_->client.clients().findByName(QStringLiteral("peer-lister")),
                             10000);
  }

  void receivesFromStiltsAndMessageSender() {
    if (!jsampProblem_.isEmpty()) QSKIP(qPrintable(jsampProblem_));
    QVERIFY(xsky_->client.isConnected());
    QByteArray out;
    if (have(QStringLiteral("stilts"))) {
      // STILTS serves the table over HTTP and sends table.load.votable to every subscriber
      xsky_->tables.clear();
      const int code = run_->run(
          QStringLiteral("stilts"),
          {QStringLiteral("tpipe"), QStringLiteral("in=") + votable_, QStringLiteral("omode=samp")},
          &out, 60000);
      QVERIFY2(code == 0, out.constData());
      QCOMPARE(xsky_->tables.size(), 1);
      QVERIFY2(xsky_->tables[0].url.startsWith(QStringLiteral("http://")),
               qPrintable(xsky_->tables[0].url));
      QVERIFY(xsky_->tables[0].content.contains("202.4696"));
    } else {
      qWarning("%s", qPrintable(missing(QStringLiteral("stilts"), QStringLiteral("stilts"))));
    }
    // JSAMP message sender: a position (notify), a table (sync call), and a bad position
    xsky_->positions.clear();
    QCOMPARE(run_->run(kJava,
                       jsampTool({QStringLiteral("messagesender"), QStringLiteral("-mtype"),
                                  QStringLiteral("coord.pointAt.sky"), QStringLiteral("-param"),
                                  QStringLiteral("ra"), QStringLiteral("202.48"),
                                  QStringLiteral("-param"), QStringLiteral("dec"),
                                  QStringLiteral("47.21"), QStringLiteral("-mode"),
                                  QStringLiteral("notify"), QStringLiteral("-sendername"),
                                  QStringLiteral("tx-jsamp")}),
                       &out, 30000),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(xsky_->positions.size(), 1, 10000);
    QCOMPARE(xsky_->positions[0].ra, 202.48);
    QCOMPARE(xsky_->positions[0].dec, 47.21);
    xsky_->tables.clear();
    const int code = run_->run(
        kJava,
        jsampTool({QStringLiteral("messagesender"), QStringLiteral("-mtype"),
                   QStringLiteral("table.load.votable"), QStringLiteral("-param"),
                   QStringLiteral("url"), QStringLiteral("file://localhost/") + votable_,
                   QStringLiteral("-param"), QStringLiteral("table-id"), QStringLiteral("jsamp-1"),
                   QStringLiteral("-mode"), QStringLiteral("sync"), QStringLiteral("-targetname"),
                   QStringLiteral("XSky"), QStringLiteral("-sendername"),
                   QStringLiteral("tx-jsamp")}),
        &out, 30000);
    QVERIFY2(code == 0 && out.contains("samp.ok"), out.constData());
    QCOMPARE(xsky_->tables.size(), 1);
    QCOMPARE(xsky_->tables[0].tableId, QStringLiteral("jsamp-1"));
    run_->run(
        kJava,
        jsampTool({QStringLiteral("messagesender"), QStringLiteral("-mtype"),
                   QStringLiteral("coord.pointAt.sky"), QStringLiteral("-param"),
                   QStringLiteral("ra"), QStringLiteral("north"), QStringLiteral("-param"),
                   QStringLiteral("dec"), QStringLiteral("1"), QStringLiteral("-mode"),
                   QStringLiteral("sync"), QStringLiteral("-targetname"), QStringLiteral("XSky")}),
        &out, 30000);
    QVERIFY2(out.contains("samp.error") && out.contains("parameter ra is not a number: 'north'"),
             out.constData());
    run_->run(kJava,
              jsampTool({QStringLiteral("messagesender"), QStringLiteral("-mtype"),
                         QStringLiteral("table.load.votable"), QStringLiteral("-param"),
                         QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/missing.vot"),
                         QStringLiteral("-mode"), QStringLiteral("sync"),
                         QStringLiteral("-targetname"), QStringLiteral("XSky")}),
              &out, 30000);
    QVERIFY2(
        out.contains("samp.error") && out.contains("cannot fetch http://127.0.0.1:1/missing.vot"),
        out.constData());
  }

  void spectrumAndCoverageReachReceivers() {
    if (!jsampProblem_.isEmpty()) QSKIP(qPrintable(jsampProblem_));
    QVERIFY(xsky_->client.isConnected());
    run_->start(QStringLiteral("snooper"), kJava,
                jsampTool({QStringLiteral("snooper"), QStringLiteral("-clientname"),
                           QStringLiteral("rx-snooper"), QStringLiteral("-mtype"),
                           QStringLiteral("spectrum.*"), QStringLiteral("-mtype"),
                           QStringLiteral("coverage.*")}));
    run_->start(QStringLiteral("rx-astropy"), PeerRun::python(),
                {PeerRun::astropyPeer(), QStringLiteral("recv"), QStringLiteral("--lockfile"),
                 run_->lockFile(), QStringLiteral("--name"), QStringLiteral("rx-astropy"),
                 QStringLiteral("--seconds"), QStringLiteral("120")});
    const ClientList& list = xsky_->client.clients();
    QTRY_VERIFY_WITH_TIMEOUT(list.findByName(QStringLiteral("rx-snooper")) &&
                                 list.findByName(QStringLiteral("rx-astropy")) &&
                                 list.findByName(QStringLiteral("rx-astropy"))
                                     ->subscribes(QStringLiteral("coverage.load.moc.fits")) &&
                                 list.findByName(QStringLiteral("rx-snooper"))
                                     ->subscribes(QStringLiteral("spectrum.load.ssa-generic")),
                             40000);
    const QString astropyId = list.findByName(QStringLiteral("rx-astropy"))->id;
    const QString snooperId = list.findByName(QStringLiteral("rx-snooper"))->id;
    QCOMPARE(list.subscribedTo(QStringLiteral("spectrum.load.ssa-generic"), xsky_->client.selfId())
                 .size(),
             2);
    const SampMessage spectrum{
        QStringLiteral("spectrum.load.ssa-generic"),
        {{QStringLiteral("url"), QStringLiteral("file:///tmp/xsky/src1_pn.pha")},
         {QStringLiteral("spectrum-id"), QStringLiteral("xsky-spec-1")},
         {QStringLiteral("name"), QStringLiteral("src1 pn")},
         {QStringLiteral("meta"),
          QVariantMap{{QStringLiteral("Access.Format"), QStringLiteral("application/fits")},
                      {QStringLiteral("Target.Pos"),
                       QVariantList{QStringLiteral("202.47"), QStringLiteral("47.2")}}}}},
        {}};
    const SampMessage coverage{
        QStringLiteral("coverage.load.moc.fits"),
        {{QStringLiteral("url"), QStringLiteral("file:///tmp/xsky/region-moc.fits")},
         {QStringLiteral("name"), QStringLiteral("src1 region")}},
        {}};
    for (const SampMessage& m : {spectrum, coverage}) {
      const SampResponse r = xsky_->client.callAndWaitBlocking(astropyId, m, 20);
      QVERIFY2(r.isOk(), qPrintable(r.errorText));
      QCOMPARE(r.result.value(QStringLiteral("received")).toString(), m.mtype);
      QVERIFY(xsky_->client.hubCallBlocking(QStringLiteral("notify"), {snooperId, m.toMap()}).ok);
    }
    // the astropy receiver printed exactly what it got
    QTRY_VERIFY_WITH_TIMEOUT(
        run_->log(QStringLiteral("rx-astropy")).contains(QStringLiteral("coverage.load.moc.fits")),
        10000);
    QJsonObject gotSpectrum, gotCoverage;
    for (const QString& line : run_->log(QStringLiteral("rx-astropy")).split(QLatin1Char('\n'))) {
      const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
      if (o[QStringLiteral("mtype")] == spectrum.mtype)
        gotSpectrum = o[QStringLiteral("params")].toObject();
      if (o[QStringLiteral("mtype")] == coverage.mtype)
        gotCoverage = o[QStringLiteral("params")].toObject();
    }
    QCOMPARE(gotSpectrum.toVariantMap(), spectrum.params);
    QCOMPARE(gotCoverage.toVariantMap(), coverage.params);
    // the snooper logged both, with their parameters
    QTRY_VERIFY_WITH_TIMEOUT(
        run_->log(QStringLiteral("snooper")).contains(QStringLiteral("region-moc.fits")), 10000);
    const QString snooped = run_->log(QStringLiteral("snooper"));
    QVERIFY2(snooped.contains(QStringLiteral("spectrum.load.ssa-generic")) &&
                 snooped.contains(QStringLiteral("src1_pn.pha")) &&
                 snooped.contains(QStringLiteral("application/fits")) &&
                 snooped.contains(QStringLiteral("coverage.load.moc.fits")),
             qPrintable(snooped));
  }

  void registersWithAstropyHub() {
    const QString lock = run_->path(QStringLiteral("astropy-hub.lock"));
    run_->start(QStringLiteral("astropy-hub"), PeerRun::python(),
                {PeerRun::astropyPeer(), QStringLiteral("hub"), QStringLiteral("--lockfile"), lock,
                 QStringLiteral("--seconds"), QStringLiteral("120")},
                170, run_->environment(lock));  // astropy's hub defers to SAMP_HUB's hub otherwise
    HubLocation hub;
    QString error;
    QTRY_VERIFY_WITH_TIMEOUT(readLockFile(lock, &hub, &error), 20000);
    QVERIFY2(!hub.xmlrpcUrl.endsWith(QStringLiteral("/xmlrpc")),
             qPrintable(hub.xmlrpcUrl));  // astropy: no path
    XskyPeer xsky;
    QVERIFY2(xsky.client.connectBlocking(hub, &error), qPrintable(error));
    const QJsonObject me = findClient(run_->listClients(lock), QStringLiteral("XSky"));
    QVERIFY2(!me.isEmpty(), "astropy's hub does not list XSky");
    QCOMPARE(me[QStringLiteral("metadata")][QStringLiteral("samp.documentation.url")].toString(),
             QStringLiteral("https://example.org/xsky/docs"));
    QVERIFY(me[QStringLiteral("subscriptions")].toArray().contains(
        QStringLiteral("table.load.votable")));
    // an astropy client sends XSky a position through the astropy hub
    QByteArray out;
    QCOMPARE(
        run_->run(PeerRun::python(),
                  {PeerRun::astropyPeer(), QStringLiteral("send"), QStringLiteral("--lockfile"),
                   lock, QStringLiteral("--to"), QStringLiteral("XSky"), QStringLiteral("--mtype"),
                   QStringLiteral("coord.pointAt.sky"), QStringLiteral("--param"),
                   QStringLiteral("ra=10.684"), QStringLiteral("--param"),
                   QStringLiteral("dec=41.269"), QStringLiteral("--seconds"), QStringLiteral("20")},
                  &out, 40000),
        0);
    QVERIFY2(out.contains("samp.ok"), out.constData());
    QCOMPARE(xsky.positions.size(), 1);
    QCOMPARE(xsky.positions[0].ra, 10.684);
    xsky.client.disconnectBlocking();
  }

  void xskyHubServesAstropy() {
    const QString lock = run_->path(QStringLiteral("xsky-hub/lock"));
    SampHub hub;
    QString error;
    QVERIFY2(hub.start(lock, &error), qPrintable(error));
    run_->start(QStringLiteral("rx-astropy-2"), PeerRun::python(),
                {PeerRun::astropyPeer(), QStringLiteral("recv"), QStringLiteral("--lockfile"), lock,
                 QStringLiteral("--name"), QStringLiteral("rx-astropy-2"),
                 QStringLiteral("--seconds"), QStringLiteral("120")});
    XskyPeer xsky;
    QVERIFY2(xsky.client.connectBlocking(hub.location(), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(xsky.client.clients().findByName(QStringLiteral("rx-astropy-2")) &&
                                 xsky.client.clients()
                                     .findByName(QStringLiteral("rx-astropy-2"))
                                     ->subscribes(QStringLiteral("table.load.votable")),
                             30000);
    const QString rx = xsky.client.clients().findByName(QStringLiteral("rx-astropy-2"))->id;
    const SampResponse r = xsky.client.callAndWaitBlocking(
        rx,
        {QStringLiteral("table.load.votable"),
         {{QStringLiteral("url"), QStringLiteral("file://") + votable_},
          {QStringLiteral("table-id"), QStringLiteral("t1")}},
         {}},
        20);
    QVERIFY2(r.isOk(), qPrintable(r.errorText));
    // astropy's list and send work against XSky's hub too (its lock file reader accepts ours)
    const QJsonObject me = findClient(run_->listClients(lock), QStringLiteral("XSky"));
    QVERIFY2(!me.isEmpty(), "astropy does not list XSky on XSky's hub");
    QByteArray out;
    QCOMPARE(
        run_->run(PeerRun::python(),
                  {PeerRun::astropyPeer(), QStringLiteral("send"), QStringLiteral("--lockfile"),
                   lock, QStringLiteral("--to"), QStringLiteral("XSky"), QStringLiteral("--mtype"),
                   QStringLiteral("table.load.votable"), QStringLiteral("--param"),
                   QStringLiteral("url=file://") + votable_, QStringLiteral("--seconds"),
                   QStringLiteral("20")},
                  &out, 40000),
        0);
    QVERIFY2(out.contains("samp.ok"), out.constData());
    QCOMPARE(xsky.tables.size(), 1);
    xsky.client.disconnectBlocking();
    hub.stop();
    QVERIFY(!QFile::exists(lock));
  }
};

QTEST_GUILESS_MAIN(TestPeersHubs)
#include "tst_peers_hubs.moc"
