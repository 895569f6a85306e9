// The xsky-cli regions contract: convert writes DS9 8.4.1's text, reports unreadable lines on
// stderr and skips them; usage errors exit 2, failures exit 1 with one line; stats gives counts,
// areas and net counts (JSON) that match an exact per-event test.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "regions/RegionGeometry.h"

using xsky::test::runCli;

class TestRegionsCli : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QByteArray out;
    if (runCli({QStringLiteral("regions"), QStringLiteral("--help")}, &out) != 0) {
      QSKIP("this xsky-cli has no regions command (app/cli/main.cpp does not register it yet)");
    }
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent: the region corpus is needed");
    QVERIFY(dir_.isValid());
  }

  void convertLikeDs9() {
    const QString r = xsky::test::sharedData(QStringLiteral("regions/ds9-tests/"));
    const QString out = dir_.filePath(QStringLiteral("fk5.reg"));
    QByteArray so, se;
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("convert"), r + QStringLiteral("regions/ds9.image.reg"),
                     QStringLiteral("--system"), QStringLiteral("fk5"), QStringLiteral("--image"), r + QStringLiteral("img.fits"),
                     QStringLiteral("-o"), out}, &so, &se), 0);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    // What DS9 8.4.1 writes for this conversion (its rotation is measured at the image centre).
    QVERIFY(text.contains(QLatin1String(
        "-ellipse(202.4824683,47.2047043,7.928\",3.964\",2.3983098) # color=#0ff font=\"helvetica 10 normal italic\" text={Ellipse} background\n")));
    QVERIFY(text.startsWith(QLatin1String("# Region file format: DS9 version 4.1\nglobal color=green")));
  }

  void badLinesReportedAndSkipped() {
    const QString in = dir_.filePath(QStringLiteral("bad.reg"));
    QFile f(in);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("image\ncircle(10,10,3)\ncircle(1,2)\nfoo(1,2,3)\nbox(5,5,2,2,0)\n");
    f.close();
    QByteArray so, se;
    const QString out = dir_.filePath(QStringLiteral("bad.out.reg"));
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("convert"), in, QStringLiteral("--system"),
                     QStringLiteral("image"), QStringLiteral("-o"), out}, &so, &se), 0);
    QVERIFY2(se.contains("bad.reg:3:"), se.constData());
    QVERIFY2(se.contains("bad.reg:4: unknown shape"), se.constData());
    QVERIFY(se.contains("2 line(s) skipped"));
    QFile o(out);
    QVERIFY(o.open(QIODevice::ReadOnly));
    const QByteArray written = o.readAll();
    QVERIFY(written.contains("circle(10,10,3)\nbox(5,5,2,2,0)\n"));
  }

  void usageAndFailures() {
    QByteArray so, se;
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("convert"), QStringLiteral("x.reg"), QStringLiteral("-o"),
                     QStringLiteral("y.reg")}, &so, &se), 2);
    QCOMPARE(se.count('\n'), 1);
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("convert"), QStringLiteral("x.reg"), QStringLiteral("--system"),
                     QStringLiteral("fk6"), QStringLiteral("-o"), QStringLiteral("y.reg")}, &so, &se), 2);
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("convert"), dir_.filePath(QStringLiteral("missing.reg")),
                     QStringLiteral("--system"), QStringLiteral("fk5"), QStringLiteral("-o"), dir_.filePath(QStringLiteral("y.reg"))},
                    &so, &se), 1);
    QVERIFY(se.startsWith("xsky-cli regions convert: error:"));
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("frobnicate")}, &so, &se), 2);
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("stats"), QStringLiteral("--region"), QStringLiteral("r.reg")}, &so, &se), 2);
  }

  void statsJson() {
    const QString events = xsky::test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits"));
    const QString reg = dir_.filePath(QStringLiteral("src.reg"));
    QFile f(reg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# Region file format: DS9 version 4.1\nfk5\ncircle(149.67286,-11.07385,60\")\n"
            "annulus(149.67286,-11.07385,120\",240\") # background\n");
    f.close();
    QByteArray so, se;
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("stats"), QStringLiteral("--events"), events,
                     QStringLiteral("--region"), reg, QStringLiteral("--json")}, &so, &se), 0);
    const QJsonObject d = QJsonDocument::fromJson(so).object();
    const QJsonObject src = d.value(QStringLiteral("source")).toObject();
    const QJsonObject bkg = d.value(QStringLiteral("background")).toObject();
    // Exact per-event test.
    const auto ev = xsky::events::readEventList(events);
    xsky::regions::Region c;
    c.shape = xsky::regions::Circle{{149.67286, -11.07385}, 60.0 / 3600};
    size_t n = 0;
    for (size_t i = 0; i < ev.x.size(); ++i) {
      const auto p = ev.sky().pixelToIcrs({ev.x[i], ev.y[i]});
      n += xsky::regions::contains(c, {p->lon, p->lat}) ? 1 : 0;
    }
    QCOMPARE(static_cast<size_t>(src.value(QStringLiteral("counts")).toDouble()), n);
    XSKY_COMPARE_NEAR(src.value(QStringLiteral("area_arcsec2")).toDouble(), 3.141592653589793 * 3600, 1e-3);
    XSKY_COMPARE_NEAR(bkg.value(QStringLiteral("area_arcsec2")).toDouble(), 3.141592653589793 * (240 * 240 - 120 * 120), 0.2);  // a spherical ring is 1e-7 smaller than the flat one
    const double scale = d.value(QStringLiteral("background_scale")).toDouble();
    XSKY_COMPARE_NEAR(scale, 3600.0 / (240 * 240 - 120 * 120), 1e-7);
    XSKY_COMPARE_NEAR(d.value(QStringLiteral("net_counts")).toDouble(),
                      static_cast<double>(n) - bkg.value(QStringLiteral("counts")).toDouble() * scale, 1e-9);
    QVERIFY(d.value(QStringLiteral("signal_to_noise")).toDouble() > 5);
  }

  void statsRefusesImagePixels() {
    const QString events = xsky::test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits"));
    const QString reg = dir_.filePath(QStringLiteral("img.reg"));
    QFile f(reg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("image\ncircle(100,100,10)\n");
    f.close();
    QByteArray so, se;
    QCOMPARE(runCli({QStringLiteral("regions"), QStringLiteral("stats"), QStringLiteral("--events"), events,
                     QStringLiteral("--region"), reg}, &so, &se), 1);
    QVERIFY2(se.contains("image pixels"), se.constData());
  }

 private:
  QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestRegionsCli)
#include "tst_regions_cli.moc"
