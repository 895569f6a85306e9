// XSky with the real desktop peers under Xvfb: TOPCAT and DS9 on a JSAMP hub, and DS9 on XSky's
// own hub. Each peer is started once for the whole binary.

#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

#include "PeerSupport.h"
#include "XskyPeer.h"
#include "samp/SampHub.h"

using namespace xsky::peers;
using namespace xsky::samp;

class TestPeersGui : public QObject {
  Q_OBJECT
  std::unique_ptr<PeerRun> run_;
  std::unique_ptr<XskyPeer> xsky_;
  QString problem_, votable_, image_;
  bool ds9_ = false, topcat_ = false;

  QString idOf(const QString& name) {
    const ClientInfo* c = xsky_->client.clients().findByName(name);
    return c ? c->id : QString();
  }
  SampResponse ds9Get(const QString& id, const QString& cmd) {
    return xsky_->client.callAndWaitBlocking(
        id, {QStringLiteral("ds9.get"), {{QStringLiteral("cmd"), cmd}}, {}}, 20);
  }

 private slots:
  void initTestCase() {
    if (!have(QStringLiteral("Xvfb")))
      QSKIP(qPrintable(missing(QStringLiteral("Xvfb"), QStringLiteral("xvfb"))));
    if (!have(QStringLiteral("java")))
      QSKIP(qPrintable(missing(QStringLiteral("java"), QStringLiteral("default-jre-headless"))));
    if (!have(PeerRun::jsampJar()))
      QSKIP(qPrintable(missing(PeerRun::jsampJar(), QStringLiteral("jsamp"))));
    run_ = std::make_unique<PeerRun>();
    votable_ = writeVotable(run_->path(QString()));
    image_ = writeFitsImage(run_->path(QString()));
    QVERIFY(!image_.isEmpty());
    QString error;
    QVERIFY2(run_->startXvfb(&error), qPrintable(error));
    QVERIFY2(run_->startJsampHub(&error), qPrintable(error));
    ds9_ = have(QStringLiteral("ds9"));
    topcat_ = have(QStringLiteral("topcat"));
    if (ds9_)
      run_->start(QStringLiteral("ds9"), QStringLiteral("ds9"),
                  {QStringLiteral("-samp"), QStringLiteral("connect")});
    if (topcat_)
      run_->start(QStringLiteral("topcat"), QStringLiteral("topcat"),
                  {QStringLiteral("-samp"), QStringLiteral("-nohub")});
    xsky_ = std::make_unique<XskyPeer>();
    HubLocation hub;
    QVERIFY2(readLockFile(run_->lockFile(), &hub, &error), qPrintable(error));
    QVERIFY2(xsky_->client.connectBlocking(hub, &error), qPrintable(error));
  }

  void cleanupTestCase() {
    xsky_.reset();
    run_.reset();
  }

  void topcatLoadsTable() {
    if (!topcat_) QSKIP(qPrintable(missing(QStringLiteral("topcat"), QStringLiteral("topcat"))));
    QTRY_VERIFY2_WITH_TIMEOUT(!idOf(QStringLiteral("topcat")).isEmpty(),
                              qPrintable(run_->log(QStringLiteral("topcat"))), 90000);
    const QString topcat = idOf(QStringLiteral("topcat"));
    QTRY_VERIFY_WITH_TIMEOUT(
        xsky_->client.clients().find(topcat)->subscribes(QStringLiteral("table.load.votable")),
        20000);
    const QString url = QStringLiteral("file://") + votable_;
    SampResponse r = xsky_->client.callAndWaitBlocking(
        topcat,
        {QStringLiteral("table.load.votable"),
         {{QStringLiteral("url"), url},
          {QStringLiteral("table-id"), QStringLiteral("xsky-t1")},
          {QStringLiteral("name"), QStringLiteral("xsky sources")}},
         {}},
        60);
    QVERIFY2(r.isOk(), qPrintable(r.errorText));
    // TOPCAT answers the load before the table reaches its table list: retry briefly.
    const SampMessage highlight{QStringLiteral("table.highlight.row"),
                                {{QStringLiteral("url"), url},
                                 {QStringLiteral("table-id"), QStringLiteral("xsky-t1")},
                                 {QStringLiteral("row"), QStringLiteral("2")}},
                                {}};
    QElapsedTimer t;
    t.start();
    do {
      r = xsky_->client.callAndWaitBlocking(topcat, highlight, 30);
      if (!r.isOk()) QTest::qWait(300);
    } while (!r.isOk() && t.elapsed() < 20000);
    QVERIFY2(r.isOk(), qPrintable(r.errorText));
    // and TOPCAT does not pretend for a table it never loaded
    r = xsky_->client.callAndWaitBlocking(
        topcat,
        {QStringLiteral("table.highlight.row"),
         {{QStringLiteral("url"), QStringLiteral("file:///nonexistent.vot")},
          {QStringLiteral("table-id"), QStringLiteral("nope")},
          {QStringLiteral("row"), QStringLiteral("1")}},
         {}},
        30);
    QVERIFY(r.isError());
  }

  void ds9LoadsImageAndPans() {
    if (!ds9_) QSKIP(qPrintable(missing(QStringLiteral("ds9"), QStringLiteral("saods9"))));
    QTRY_VERIFY2_WITH_TIMEOUT(!idOf(QStringLiteral("ds9")).isEmpty(),
                              qPrintable(run_->log(QStringLiteral("ds9"))), 90000);
    const QString ds9 = idOf(QStringLiteral("ds9"));
    QTRY_VERIFY_WITH_TIMEOUT(
        xsky_->client.clients().find(ds9)->subscribes(QStringLiteral("image.load.fits")), 20000);
    SampResponse r = xsky_->client.callAndWaitBlocking(
        ds9,
        {QStringLiteral("image.load.fits"),
         {{QStringLiteral("url"), QStringLiteral("file://") + image_},
          {QStringLiteral("image-id"), QStringLiteral("xsky-img-1")},
          {QStringLiteral("name"), QStringLiteral("xsky image")}},
         {}},
        60);
    QVERIFY2(r.isOk(), qPrintable(r.errorText));
    r = ds9Get(ds9, QStringLiteral("file"));
    QVERIFY2(r.isOk(), qPrintable(r.errorText));
    QVERIFY2(r.result.value(QStringLiteral("value"))
                 .toString()
                 .contains(QStringLiteral("xsky-image.fits")),
             qPrintable(r.result.value(QStringLiteral("value")).toString()));
    // coord.pointAt.sky moves DS9
    r = xsky_->client.callAndWaitBlocking(ds9,
                                          {QStringLiteral("coord.pointAt.sky"),
                                           {{QStringLiteral("ra"), QStringLiteral("202.4745")},
                                            {QStringLiteral("dec"), QStringLiteral("47.2052")}},
                                           {}},
                                          30);
    QVERIFY2(r.isOk(), qPrintable(r.errorText));
    r = ds9Get(ds9, QStringLiteral("pan wcs fk5 degrees"));
    QVERIFY2(r.isOk(), qPrintable(r.errorText));
    const QStringList pan =
        r.result.value(QStringLiteral("value"))
            .toString()
            .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    QVERIFY2(pan.size() >= 2, qPrintable(pan.join(QLatin1Char(' '))));
    QVERIFY2(std::abs(pan[0].toDouble() - 202.4745) < 2e-4 &&
                 std::abs(pan[1].toDouble() - 47.2052) < 2e-4,
             qPrintable(pan.join(QLatin1Char(' '))));
  }

  void ds9JoinsXskyHub() {
    if (!ds9_) QSKIP(qPrintable(missing(QStringLiteral("ds9"), QStringLiteral("saods9"))));
    const QString home = run_->path(QStringLiteral("own-home"));
    const QString lock = home + QStringLiteral("/.samp");
    QDir().mkpath(home);
    SampHub hub;
    QString error;
    QVERIFY2(hub.start(lock, &error), qPrintable(error));
    QProcessEnvironment env = run_->environment(lock);
    env.insert(QStringLiteral("HOME"), home);
    QProcess* ds9 = run_->start(QStringLiteral("ds9-own"), QStringLiteral("ds9"),
                                {QStringLiteral("-samp"), QStringLiteral("connect")}, 120, env);
    XskyPeer xsky;
    QVERIFY2(xsky.client.connectBlocking(hub.location(), &error), qPrintable(error));
    QTRY_VERIFY2_WITH_TIMEOUT(xsky.client.clients().findByName(QStringLiteral("ds9")) &&
                                  xsky.client.clients()
                                      .findByName(QStringLiteral("ds9"))
                                      ->subscribes(QStringLiteral("image.load.fits")),
                              qPrintable(run_->log(QStringLiteral("ds9-own"))), 90000);
    const QString id = xsky.client.clients().findByName(QStringLiteral("ds9"))->id;
    SampResponse r = xsky.client.callAndWaitBlocking(
        id,
        {QStringLiteral("image.load.fits"),
         {{QStringLiteral("url"), QStringLiteral("file://") + image_},
          {QStringLiteral("name"), QStringLiteral("xsky image")}},
         {}},
        60);
    QVERIFY2(r.isOk(), qPrintable(r.errorText));
    r = xsky.client.callAndWaitBlocking(
        id, {QStringLiteral("ds9.get"), {{QStringLiteral("cmd"), QStringLiteral("file")}}, {}}, 20);
    QVERIFY2(r.result.value(QStringLiteral("value"))
                 .toString()
                 .contains(QStringLiteral("xsky-image.fits")),
             qPrintable(r.errorText));
    // DS9 leaves politely when told to (ds9.set "samp disconnect"): XSky's hub tells XSky.
    xsky.client.notify(id, {QStringLiteral("ds9.set"),
                            {{QStringLiteral("cmd"), QStringLiteral("samp disconnect")}},
                            {}});
    QTRY_VERIFY_WITH_TIMEOUT(!xsky.client.clients().find(id), 20000);
    run_->stop(ds9);
    xsky.client.disconnectBlocking();
  }
};

QTEST_GUILESS_MAIN(TestPeersGui)
#include "tst_peers_gui.moc"
