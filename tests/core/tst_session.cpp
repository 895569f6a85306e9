// The session format (core/session/Session.h): a session written and read back is the same work;
// a file of an older, sparser form of the format loads with defaults; a newer version, a JSON file
// of something else and a broken file are refused with a clear message; the write is atomic.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "fits/FitsError.h"
#include "session/Session.h"

using namespace xsky;

class TestSession : public QObject {
  Q_OBJECT

  static session::SessionState sample() {
    session::SessionState s;
    session::FrameState a;
    a.path = QStringLiteral("/data/0901230101/pn_events.fits");
    imaging::BinningSpec b;
    b.binFactor = 40;
    b.centre = wcs::PixelPoint{24000.5, 25123.25};
    b.width = 800;
    b.height = 600;
    b.energyMin = 500;
    b.energyMax = 2000;
    b.patternMax = 4;
    b.flagReject = 0xfa000c;
    a.binning = b;
    a.display.scale = imaging::ScaleFunction::Log;
    a.display.limits = imaging::LimitMode::Percentile;
    a.display.percentile = 99.9;
    a.display.colormap = QStringLiteral("heat");
    a.display.invert = true;
    a.display.contrast = 1.7;
    a.display.bias = 0.31;
    a.hasView = true;
    a.centreX = 412.25;
    a.centreY = 377.5;
    a.zoom = 2.5;
    session::FrameState c;
    c.path = QStringLiteral("/data/cube.fits");
    c.hdu = 2;
    c.plane = 7;
    c.display.limits = imaging::LimitMode::User;
    c.display.userLow = -3;
    c.display.userHigh = 1e4;
    s.frames = {a, c, session::FrameState{}};
    s.currentFrame = 1;
    s.regionsDs9 = QStringLiteral("# Region file format: DS9 version 4.1\nicrs\ncircle(150.1,2.2,30\")\n");
    s.observationIndex = QStringLiteral("/data/xsky-index.sqlite");
    s.switchedOff = {QStringLiteral("/data/0901230201/mos1_events.fits")};
    s.products.append(QJsonObject{{QStringLiteral("obs_id"), QStringLiteral("0901230101")}});
    s.sampConnected = true;
    s.cataloguePath = QStringLiteral("/data/4xmm_field.fits");
    s.catalogueQuery = QStringLiteral("sc_det_ml > 10 AND cone('150.1 2.2', '5arcmin')");
    s.catalogueSelected = {3, 17, 250000};
    return s;
  }

 private Q_SLOTS:
  void roundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.json"));
    const session::SessionState s = sample();
    session::writeSession(path, s);
    const session::SessionState back = session::readSession(path);
    QVERIFY(back.sameWork(s));
    QVERIFY(!back.savedAt.isEmpty());
    // Nothing but the file itself is left in the folder (no temporary).
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("s.json")});
    // Any change is seen.
    session::SessionState other = s;
    other.frames[0].display.bias = 0.32;
    QVERIFY(!other.sameWork(s));
    other = s;
    other.frames[0].binning->energyMax.reset();
    QVERIFY(!other.sameWork(s));
    other = s;
    other.catalogueSelected.pop_back();
    QVERIFY(!other.sameWork(s));
  }

  void version1FileLoads() {
    // A whole file as XSky wrote it with format version 1 (before the Catalogue dock was kept;
    // it is also a fuzzing seed): everything loads, the dock stays empty, and saving it again
    // writes version 2 with the same work.
    const session::SessionState s =
        session::readSession(QStringLiteral(XSKY_TESTS_DIR "/fuzz/seeds/session/full.json"));
    QCOMPARE(s.frames.size(), size_t(3));
    QCOMPARE(s.currentFrame, 1);
    QCOMPARE(s.frames[0].path, QStringLiteral("/data/0901230101/pn_events.fits"));
    QVERIFY(s.frames[0].binning.has_value());
    QCOMPARE(s.frames[0].binning->binFactor, 40.0);
    QCOMPARE(*s.frames[0].binning->energyMax, 2000.0);
    QCOMPARE(s.frames[0].display.scale, imaging::ScaleFunction::Log);
    QCOMPARE(s.frames[0].display.colormap, QStringLiteral("heat"));
    QVERIFY(s.frames[0].hasView);
    QCOMPARE(s.frames[0].zoom, 2.5);
    QCOMPARE(s.frames[1].plane, 7L);
    QVERIFY(s.regionsDs9.contains(QStringLiteral("circle(150.1,2.2,30\")")));
    QCOMPARE(s.observationIndex, QStringLiteral("/data/xsky-index.sqlite"));
    QCOMPARE(s.products.size(), qsizetype(1));
    QVERIFY(s.sampConnected);
    QVERIFY(s.cataloguePath.isEmpty() && s.catalogueQuery.isEmpty() && s.catalogueSelected.empty());
    QTemporaryDir dir;
    const QString again = dir.filePath(QStringLiteral("v2.json"));
    session::writeSession(again, s);
    QFile f(again);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("version")).toInt(), session::kSessionVersion);
    QVERIFY(session::readSession(again).sameWork(s));
  }

  void olderSparseFileLoads() {
    // Version 1 as a hand-written or early file: most keys absent.
    const QJsonObject old{{QStringLiteral("format"), QStringLiteral("xsky-session")},
                          {QStringLiteral("version"), 1},
                          {QStringLiteral("frames"), QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("/x.fits")}}}}};
    const session::SessionState s = session::sessionFromJson(old);
    QCOMPARE(s.frames.size(), size_t(1));
    QCOMPARE(s.frames[0].path, QStringLiteral("/x.fits"));
    QCOMPARE(s.frames[0].hdu, -1);
    QVERIFY(!s.frames[0].binning);
    QCOMPARE(s.frames[0].display.colormap, imaging::DisplaySettings{}.colormap);
    QCOMPARE(s.currentFrame, 0);
    QVERIFY(!s.sampConnected);
  }

  void refusedClearly_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("newer") << QByteArray("{\"format\":\"xsky-session\",\"version\":99}") << "newer than this XSky reads";
    QTest::newRow("other json") << QByteArray("{\"format\":\"xsky-archive-listing\",\"version\":1}") << "not an XSky session";
    QTest::newRow("truncated") << QByteArray("{\"format\":\"xsky-session\",\"vers") << "JSON error";
    QTest::newRow("empty") << QByteArray() << "not an XSky session";
  }

  void refusedClearly() {
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    try {
      session::readSession(path);
      QFAIL("accepted");
    } catch (const Error& e) {
      QVERIFY2(e.message().contains(message) && e.message().contains(path), qPrintable(e.message()));
    }
  }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
