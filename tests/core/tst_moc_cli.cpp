// xsky-cli moc info / moc build: output, JSON, files written, errors.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

#include "TestSupport.h"
#include "moc/MocIo.h"
#include "moc/MocText.h"
#include "sim/DemoSky.h"

using namespace xsky;
using xsky::test::runCli;

class TestMocCli : public QObject {
  Q_OBJECT

 private slots:
  void info() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    QByteArray out, err;
    const QString smoc = test::sharedData(QStringLiteral("moc/mocpy__resources_P-GALEXGR6-AIS-FUV.fits"));
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("info"), smoc, QStringLiteral("--json")}, &out, &err), 0);
    const QJsonObject doc = QJsonDocument::fromJson(out).object();
    QCOMPARE(doc.value(QStringLiteral("dimension")).toString(), QStringLiteral("SPACE"));
    const QJsonObject space = doc.value(QStringLiteral("space")).toObject();
    QCOMPARE(space.value(QStringLiteral("cells")).toInt(), 71002);
    QCOMPARE(space.value(QStringLiteral("order")).toInt(), 29);
    const double deg2 = space.value(QStringLiteral("area_deg2")).toDouble();
    QVERIFY(std::abs(deg2 - 8.571565063374154 * 3282.806350011744) < 1e-6);

    const QString tmoc = test::sharedData(QStringLiteral("moc/mocpy__resources_TMOC_HST_SDSSg_TMoc.fits"));
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("info"), tmoc}, &out, &err), 0);
    QVERIFY2(out.contains("TIME MOC") && out.contains("span"), out.constData());

    const QString st = test::sharedData(QStringLiteral("moc/mocpy__resources_MOC2.0_stmoc.ascii.txt"));
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("info"), st, QStringLiteral("--json")}, &out, &err), 0);
    QCOMPARE(QJsonDocument::fromJson(out).object().value(QStringLiteral("dimension")).toString(), QStringLiteral("TIME.SPACE"));

    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("info"), QStringLiteral("/nonexistent.fits")}, &out, &err), 1);
    QVERIFY(err.contains("error"));
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("bogus")}, &out, &err), 2);
  }

  void buildFromRegionAndEvents() {
    QTemporaryDir tmp;
    const QString reg = tmp.filePath(QStringLiteral("r.reg"));
    QFile f(reg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# Region file format: DS9\nicrs\ncircle(150.1,2.2,60\")\n-circle(150.1,2.2,10\")\n");
    f.close();
    QByteArray out, err;
    const QString mocPath = tmp.filePath(QStringLiteral("r.fits"));
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("build"), QStringLiteral("--region"), reg,
                     QStringLiteral("--order"), QStringLiteral("15"), QStringLiteral("-o"), mocPath,
                     QStringLiteral("--json")}, &out, &err), 0);
    const moc::SpaceMoc m = moc::readSpaceMocFits(mocPath);
    QCOMPARE(m.order(), 15);
    QVERIFY(m.contains({150.1, 2.2 + 30.0 / 3600}));
    QVERIFY(!m.contains({150.1, 2.2}));
    const double area = QJsonDocument::fromJson(out).object().value(QStringLiteral("space")).toObject()
                            .value(QStringLiteral("area_deg2")).toDouble();
    const double expect = std::numbers::pi * (60.0 * 60.0 - 10.0 * 10.0) / (3600.0 * 3600.0);
    QVERIFY2(std::abs(area / expect - 1) < 0.05, qPrintable(QString::number(area / expect)));

    // Footprints of two event lists; ASCII output.
    sim::simulateDemoSky(tmp.filePath(QStringLiteral("demo")), {});
    const QString txt = tmp.filePath(QStringLiteral("fp.txt"));
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("build"),
                     tmp.filePath(QStringLiteral("demo/0901230101/mos1_events.fits")),
                     tmp.filePath(QStringLiteral("demo/0901230201/mos1_events.fits")),
                     QStringLiteral("-o"), txt}, &out, &err), 0);
    const moc::MocFile fp = moc::readMocText(txt);
    QCOMPARE(fp.space.order(), 14);
    QVERIFY(fp.space.contains({150.1, 2.2}));

    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("build"), QStringLiteral("-o"), txt}, &out, &err), 2);
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("build"), reg, QStringLiteral("-o"), txt}, &out, &err), 1);
  }
};

QTEST_GUILESS_MAIN(TestMocCli)
#include "tst_moc_cli.moc"
