// xsky-cli render: the PNG a script gets. A known 4x3 image is drawn pixel by pixel as expected
// (FITS row 1 at the bottom, linear gray levels between the user limits); a region file's circle
// lands at its radius; on a real XMM image the grid's Dec = -11 deg line passes where astropy puts
// that declination; event lists re-bin by band and bin factor; bad requests fail clearly.

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "fits/FitsFile.h"
#include "sim/DemoSky.h"

using namespace xsky;

namespace {

bool isGreen(QRgb c) { return qGreen(c) > 150 && qRed(c) < 100 && qBlue(c) < 100; }
// The grid's translucent antialiased green over a black image.
bool isGridColour(QRgb c) { return qGreen(c) > 40 && qGreen(c) > 1.5 * qRed(c) && qGreen(c) > 1.5 * qBlue(c); }

}  // namespace

class TestRenderCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString ramp_;

 private Q_SLOTS:
  void initTestCase() {
    // Pixel (i, j) (0-based) = 10 j + i; no WCS.
    ramp_ = dir_.filePath(QStringLiteral("ramp.fits"));
    std::vector<float> v;
    for (int j = 0; j < 3; ++j) {
      for (int i = 0; i < 4; ++i) v.push_back(static_cast<float>(10 * j + i));
    }
    fits::FitsFile f = fits::FitsFile::create(ramp_);
    f.createImage(-32, {4, 3});
    f.writeImage(v);
  }

  void drawsEveryPixelWhereItBelongs() {
    const QString png = dir_.filePath(QStringLiteral("ramp.png"));
    QByteArray out, err;
    QCOMPARE(test::runCli({QStringLiteral("render"), ramp_, QStringLiteral("--limits"), QStringLiteral("0:23"),
                           QStringLiteral("--cmap"), QStringLiteral("gray"), QStringLiteral("--size"),
                           QStringLiteral("400x300"), QStringLiteral("-o"), png}, &out, &err), 0);
    QVERIFY2(err.contains("no valid WCS"), err.constData());  // said on stderr, drawn in pixels
    const QImage img(png);
    QCOMPARE(img.size(), QSize(400, 300));
    // Zoom to fit: 100 screen pixels per image pixel; FITS row 1 is the bottom 100 screen rows.
    for (int j = 0; j < 3; ++j) {
      for (int i = 0; i < 4; ++i) {
        const int expected = static_cast<int>(std::lround(255.0 * (10 * j + i) / 23.0));
        const QRgb c = img.pixel(100 * i + 50, 300 - (100 * j + 50));
        QVERIFY2(std::abs(qGray(c) - expected) <= 1,
                 qPrintable(QStringLiteral("pixel %1,%2: %3 vs %4").arg(i).arg(j).arg(qGray(c)).arg(expected)));
      }
    }
  }

  void drawsRegions() {
    const QString reg = dir_.filePath(QStringLiteral("c.reg"));
    QFile f(reg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Centre of image pixel (2, 2) (FITS), radius 0.8 image pixels = 80 screen pixels.
    f.write("# Region file format: DS9 version 4.1\nglobal color=green\nimage\ncircle(2,2,0.8)\n");
    f.close();
    const QString png = dir_.filePath(QStringLiteral("ramp_reg.png"));
    QCOMPARE(test::runCli({QStringLiteral("render"), ramp_, QStringLiteral("--region"), reg, QStringLiteral("--limits"),
                           QStringLiteral("100:200"), QStringLiteral("--size"), QStringLiteral("400x300"),
                           QStringLiteral("-o"), png}, nullptr), 0);
    const QImage img(png);
    // FITS (2, 2) is screen (150, 150); the circle passes 80 px to its right, not 60 or 100.
    QVERIFY(isGreen(img.pixel(230, 150)) || isGreen(img.pixel(229, 150)) || isGreen(img.pixel(231, 150)));
    QVERIFY(!isGreen(img.pixel(210, 150)));
    QVERIFY(!isGreen(img.pixel(250, 150)));
    QVERIFY(isGreen(img.pixel(150, 70)) || isGreen(img.pixel(150, 69)) || isGreen(img.pixel(150, 71)));
  }

  void gridFollowsTheWcs() {
    if (!test::haveSharedData()) QSKIP("no ../shared/data");
    const QString image = test::sharedData(QStringLiteral("images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits"));
    const QString png = dir_.filePath(QStringLiteral("grid.png"));
    // Limits far above the data: the image is black, only the overlays are coloured.
    QCOMPARE(test::runCli({QStringLiteral("render"), image, QStringLiteral("--limits"), QStringLiteral("1e9:2e9"),
                           QStringLiteral("--size"), QStringLiteral("900x600"), QStringLiteral("-o"), png}, nullptr), 0);
    const QImage img(png);
    QCOMPARE(img.size(), QSize(900, 600));
    const QJsonArray px = QJsonDocument::fromJson(test::runPython(QStringLiteral("oracles/world_to_pixel.py"),
        {image, QStringLiteral("0"), QStringLiteral("149.55,-11.0;149.45,-11.0")})).array();
    QCOMPARE(px.size(), 2);
    const double zoom = std::min(900 / 512.0, 600 / 512.0);
    int onLine = 0;
    for (const QJsonValue& p : px) {
      const double sx = 450 + (p.toArray()[0].toDouble() - 256.5) * zoom;
      const double sy = 300 - (p.toArray()[1].toDouble() - 256.5) * zoom;
      bool found = false;
      for (int dy = -2; dy <= 2 && !found; ++dy) found = isGridColour(img.pixel(int(sx), int(std::lround(sy)) + dy));
      onLine += found ? 1 : 0;
    }
    QCOMPARE(onLine, 2);
    // ... and nowhere near it the grid colour does not appear (10 screen pixels away).
    const double sy = 300 - (px[0].toArray()[1].toDouble() - 256.5) * zoom;
    QCOMPARE(qGreen(img.pixel(int(450 + (px[0].toArray()[0].toDouble() - 256.5) * zoom), int(sy) + 10)), 0);
  }

  void eventListsByBandAndBinFactor() {
    const QString demo = dir_.filePath(QStringLiteral("demo"));
    sim::simulateDemoSky(demo, sim::SimulationOptions{});
    const QString events = demo + QStringLiteral("/0901230101/pn_events.fits");
    QByteArray out;
    const QString png = dir_.filePath(QStringLiteral("ev.png"));
    QCOMPARE(test::runCli({QStringLiteral("render"), events, QStringLiteral("--energy"), QStringLiteral("2keV:10keV"),
                           QStringLiteral("--bin"), QStringLiteral("80"), QStringLiteral("--scale"), QStringLiteral("log"),
                           QStringLiteral("--cmap"), QStringLiteral("heat"), QStringLiteral("-o"), png}, &out), 0);
    QVERIFY2(out.contains("binned x80") && out.contains("PI 2000..10000"), out.constData());
    QCOMPARE(QImage(png).size(), QSize(800, 800));
  }

  void badRequestsFailClearly() {
    const QString png = dir_.filePath(QStringLiteral("bad.png"));
    QByteArray err;
    QCOMPARE(test::runCli({QStringLiteral("render"), ramp_, QStringLiteral("--cmap"), QStringLiteral("nosuch"),
                           QStringLiteral("-o"), png}, nullptr, &err), 2);
    QVERIFY2(err.contains("unknown colormap"), err.constData());
    QCOMPARE(test::runCli({QStringLiteral("render"), ramp_, QStringLiteral("--energy"), QStringLiteral("1:2"),
                           QStringLiteral("-o"), png}, nullptr, &err), 2);
    QVERIFY2(err.contains("event lists"), err.constData());
    QCOMPARE(test::runCli({QStringLiteral("render"), dir_.filePath(QStringLiteral("missing.fits")),
                           QStringLiteral("-o"), png}, nullptr, &err), 1);
    QVERIFY2(err.contains("missing.fits"), err.constData());
    QCOMPARE(test::runCli({QStringLiteral("render"), ramp_, QStringLiteral("--limits"), QStringLiteral("5:x"),
                           QStringLiteral("-o"), png}, nullptr, &err), 2);
    QVERIFY(!QFile::exists(png));  // nothing written on failure
  }
};

QTEST_MAIN(TestRenderCli)
#include "tst_render_cli.moc"
