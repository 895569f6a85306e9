// World coordinates: pixel -> sky -> pixel round trips on TAN/SIN/AIT/CAR images and event-list
// sky columns, and agreement with astropy.wcs (an independent reading of the same keywords) on
// synthetic and real XMM-Newton / Chandra files.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "fits/FitsFile.h"
#include "wcs/SkyWcs.h"

using namespace xsky;
using wcs::PixelPoint;
using wcs::SkyWcs;

namespace {

struct Projection {
  const char* code;
  double crval1, crval2, cdelt;
  bool useCd;
  const char* lonType;
  const char* latType;
};

QString pointsArg(const std::vector<PixelPoint>& pts) {
  QStringList parts;
  for (const PixelPoint& p : pts) parts << QStringLiteral("%1,%2").arg(p.x, 0, 'g', 17).arg(p.y, 0, 'g', 17);
  return parts.join(QLatin1Char(';'));
}

std::vector<PixelPoint> grid(double x0, double x1, double y0, double y1, int n) {
  std::vector<PixelPoint> pts;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      pts.push_back({x0 + (x1 - x0) * i / (n - 1), y0 + (y1 - y0) * j / (n - 1)});
    }
  }
  return pts;
}

// Compares XSky's pixel -> world with the astropy oracle's on the same points (1e-6 deg).
void compareWithAstropy(const SkyWcs& w, const std::vector<PixelPoint>& pts, const QStringList& oracleArgs) {
  const QByteArray out = test::runPython(QStringLiteral("oracles/wcs_oracle.py"), oracleArgs + QStringList{pointsArg(pts)});
  QVERIFY2(!out.isEmpty(), "the astropy oracle did not run");
  const QJsonArray world = QJsonDocument::fromJson(out).array();
  QCOMPARE(world.size(), static_cast<qsizetype>(pts.size()));
  double worst = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const auto mine = w.pixelToWorld(pts[i]);
    QVERIFY(mine.has_value());
    const QJsonArray ref = world[static_cast<qsizetype>(i)].toArray();
    double dlon = std::remainder(mine->lon - ref[0].toDouble(), 360.0) * std::cos(mine->lat * M_PI / 180);
    worst = std::max({worst, std::abs(dlon), std::abs(mine->lat - ref[1].toDouble())});
  }
  QVERIFY2(worst < 1e-6, qPrintable(QStringLiteral("worst difference from astropy %1 deg").arg(worst)));
}

void checkRoundTrip(const SkyWcs& w, const std::vector<PixelPoint>& pts) {
  double worst = 0;
  for (const PixelPoint& p : pts) {
    const auto sky = w.pixelToIcrs(p);
    QVERIFY(sky.has_value());
    const auto back = w.icrsToPixel(*sky);
    QVERIFY(back.has_value());
    worst = std::max({worst, std::abs(back->x - p.x), std::abs(back->y - p.y)});
  }
  QVERIFY2(worst < 1e-6, qPrintable(QStringLiteral("worst round-trip error %1 pixel").arg(worst)));
}

}  // namespace

class TestSkyWcs : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  QString writeImage(const Projection& p) {
    const QString path = dir_.filePath(QStringLiteral("%1%2.fits").arg(QLatin1String(p.code)).arg(p.useCd));
    fits::FitsFile f = fits::FitsFile::create(path);
    f.createImage(-32, {300, 200});
    f.writeKey(QStringLiteral("CTYPE1"), QStringLiteral("%1-%2").arg(QLatin1String(p.lonType), QLatin1String(p.code)));
    f.writeKey(QStringLiteral("CTYPE2"), QStringLiteral("%1-%2").arg(QLatin1String(p.latType), QLatin1String(p.code)));
    f.writeKey(QStringLiteral("CRVAL1"), p.crval1);
    f.writeKey(QStringLiteral("CRVAL2"), p.crval2);
    f.writeKey(QStringLiteral("CRPIX1"), 150.5);
    f.writeKey(QStringLiteral("CRPIX2"), 100.5);
    if (p.useCd) {
      const double rot = 0.3;  // radians
      f.writeKey(QStringLiteral("CD1_1"), -p.cdelt * std::cos(rot));
      f.writeKey(QStringLiteral("CD1_2"), p.cdelt * std::sin(rot));
      f.writeKey(QStringLiteral("CD2_1"), p.cdelt * std::sin(rot));
      f.writeKey(QStringLiteral("CD2_2"), p.cdelt * std::cos(rot));
    } else {
      f.writeKey(QStringLiteral("CDELT1"), -p.cdelt);
      f.writeKey(QStringLiteral("CDELT2"), p.cdelt);
    }
    f.writeKey(QStringLiteral("RADESYS"), "ICRS");
    return path;
  }

 private Q_SLOTS:
  void projections_data() {
    QTest::addColumn<int>("index");
    QTest::newRow("TAN PC") << 0;
    QTest::newRow("TAN CD rotated") << 1;
    QTest::newRow("SIN") << 2;
    QTest::newRow("AIT all-sky") << 3;
    QTest::newRow("CAR") << 4;
    QTest::newRow("TAN galactic") << 5;
  }
  void projections() {
    static const Projection kCases[] = {
        {"TAN", 150.1, 2.2, 1.0 / 3600, false, "RA--", "DEC-"},
        {"TAN", 83.6, 22.0, 4.0 / 3600, true, "RA--", "DEC-"},
        {"SIN", 10.68, 41.27, 2.0 / 3600, false, "RA--", "DEC-"},
        {"AIT", 0.0, 0.0, 0.5, false, "RA--", "DEC-"},
        {"CAR", 180.0, 0.0, 0.2, true, "RA--", "DEC-"},
        {"TAN", 120.0, -5.0, 10.0 / 3600, false, "GLON", "GLAT"},
    };
    QFETCH(int, index);
    const Projection& p = kCases[index];
    const QString path = writeImage(p);
    fits::FitsFile f = fits::FitsFile::open(path);
    const SkyWcs w = SkyWcs::fromImageHeader(f);
    QCOMPARE(w.projection(), QLatin1String(p.code));
    XSKY_COMPARE_NEAR(w.pixelScaleDeg(), p.cdelt, 1e-12);
    const auto pts = grid(1, 300, 1, 200, 7);
    checkRoundTrip(w, pts);
    compareWithAstropy(w, pts, {QStringLiteral("image"), path, QStringLiteral("0")});
    // The reference pixel maps to CRVAL exactly.
    const auto ref = w.pixelToWorld({150.5, 100.5});
    XSKY_COMPARE_NEAR(ref->lon, p.crval1, 1e-10);
    XSKY_COMPARE_NEAR(ref->lat, p.crval2, 1e-10);
  }

  void copiesAreIndependent() {
    fits::FitsFile f = fits::FitsFile::open(writeImage({"TAN", 150.1, 2.2, 1.0 / 3600, false, "RA--", "DEC-"}));
    SkyWcs a = SkyWcs::fromImageHeader(f);
    const SkyWcs b = a;
    a = SkyWcs::fromImageHeader(f);
    const auto pa = a.pixelToWorld({10, 10});
    const auto pb = b.pixelToWorld({10, 10});
    QCOMPARE(pa->lon, pb->lon);
  }

  void rejectsBadWcs() {
    const QString path = dir_.filePath(QStringLiteral("bad.fits"));
    {
      fits::FitsFile f = fits::FitsFile::create(path);
      f.createImage(-32, {10, 10});
      f.writeKey(QStringLiteral("CTYPE1"), "RA---XYZ");
      f.writeKey(QStringLiteral("CTYPE2"), "DEC--XYZ");
      f.writeKey(QStringLiteral("CDELT1"), -0.001);
      f.writeKey(QStringLiteral("CDELT2"), 0.001);
    }
    fits::FitsFile f = fits::FitsFile::open(path);
    QVERIFY_THROWS_EXCEPTION(Error, SkyWcs::fromImageHeader(f));
    const QString none = dir_.filePath(QStringLiteral("none.fits"));
    {
      fits::FitsFile g = fits::FitsFile::create(none);
      g.createImage(-32, {10, 10});
    }
    fits::FitsFile g = fits::FitsFile::open(none);
    QVERIFY_THROWS_EXCEPTION(Error, SkyWcs::fromImageHeader(g));
  }

  void frames() {
    // Astropy 5.2 (Debian 12): ICRS (150.1, 2.2) is Galactic (236.81366468125702, 42.10264795597322)
    // and FK4 B1950 (149.45372211725663, 2.4405468612857173).
    const wcs::SkyPoint g = wcs::fromIcrs({150.1, 2.2}, wcs::CelestialFrame::Galactic);
    XSKY_COMPARE_NEAR(g.lon, 236.81366468125702, 1e-8);
    XSKY_COMPARE_NEAR(g.lat, 42.10264795597322, 1e-8);
    const wcs::SkyPoint back = wcs::toIcrs(g, wcs::CelestialFrame::Galactic);
    XSKY_COMPARE_NEAR(back.lon, 150.1, 1e-10);
    XSKY_COMPARE_NEAR(back.lat, 2.2, 1e-10);
    // The Galactic centre, by definition (IAU 1958 via FK4): ICRS 266.40499, -28.93617.
    const wcs::SkyPoint gc = wcs::toIcrs({0, 0}, wcs::CelestialFrame::Galactic);
    XSKY_COMPARE_NEAR(gc.lon, 266.4049882, 1e-6);
    XSKY_COMPARE_NEAR(gc.lat, -28.9361778, 1e-6);
    // ... and FK5 J2000 (150.100006225428, 2.199995053149): the frame bias.
    const wcs::SkyPoint fk5 = wcs::fromIcrs({150.1, 2.2}, wcs::CelestialFrame::Fk5);
    XSKY_COMPARE_NEAR(fk5.lon, 150.100006225428, 1e-10);
    XSKY_COMPARE_NEAR(fk5.lat, 2.199995053149, 1e-10);
    const wcs::SkyPoint b1950 = wcs::fromIcrs({150.1, 2.2}, wcs::CelestialFrame::Fk4);
    // SLALIB-style FK45Z and astropy differ by a few mas (fictitious proper motion handling).
    XSKY_COMPARE_NEAR(b1950.lon, 149.45372211725663, 3e-6);
    XSKY_COMPARE_NEAR(b1950.lat, 2.4405468612857173, 3e-6);
    const wcs::SkyPoint j2000 = wcs::toIcrs(b1950, wcs::CelestialFrame::Fk4);
    XSKY_COMPARE_NEAR(j2000.lon, 150.1, 1e-9);
    XSKY_COMPARE_NEAR(j2000.lat, 2.2, 1e-9);
  }

  void realEventLists_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("XMM MOS1 0201901401") << "events/XGA__0201901401_mos1_exp1_clean_evts.fits";
    QTest::newRow("XMM MOS2 0201901401") << "events/XGA__0201901401_mos2_exp1_clean_evts.fits";
    QTest::newRow("XMM MOS1 0201903501") << "events/XGA__0201903501_mos1_exp1_clean_evts.fits";
    QTest::newRow("XMM MOS1 0404910601") << "events/XGA__0404910601_mos1_exp1_clean_evts.fits";
    QTest::newRow("Chandra ACIS M82") << "events/stingray__chandra_test.fits";
    QTest::newRow("Chandra HRC-I") << "events/hyperscreen__hrcI_evt1_testfile.fits.gz";
    QTest::newRow("Chandra HRC-S") << "events/hyperscreen__hrcS_evt1_testfile.fits.gz";
  }
  void realEventLists() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent: real event lists not tested");
    QFETCH(QString, file);
    const events::EventList ev = events::readEventList(test::sharedData(file));
    QVERIFY2(ev.hasSky(), qPrintable(ev.noSkyReason));
    // Points spread over the events' own extent.
    const auto [xlo, xhi] = std::minmax_element(ev.x.begin(), ev.x.end());
    const auto [ylo, yhi] = std::minmax_element(ev.y.begin(), ev.y.end());
    const auto pts = grid(*xlo, *xhi, *ylo, *yhi, 5);
    checkRoundTrip(ev.sky(), pts);
    compareWithAstropy(ev.sky(), pts, {QStringLiteral("events"), test::sharedData(file)});
  }

  void realImageWithPhysicalOffsets() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent: real image not tested");
    const QString path = test::sharedData(QStringLiteral("images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits"));
    fits::FitsFile f = fits::FitsFile::open(path);
    const SkyWcs w = SkyWcs::fromImageHeader(f);
    const wcs::PhysicalTransform phys = wcs::PhysicalTransform::fromHeader(f);
    QVERIFY(!phys.isIdentity());
    const std::vector<long> shape = f.imageShape();
    const auto pts = grid(1, static_cast<double>(shape[0]), 1, static_cast<double>(shape[1]), 6);
    checkRoundTrip(w, pts);
    compareWithAstropy(w, pts, {QStringLiteral("image"), path, QStringLiteral("0")});
    // Physical (event-list sky pixel) <-> image pixel is an exact inverse pair.
    const PixelPoint img{123.25, 77.5};
    const PixelPoint back = phys.toImage(phys.toPhysical(img));
    XSKY_COMPARE_NEAR(back.x, img.x, 1e-9);
    XSKY_COMPARE_NEAR(back.y, img.y, 1e-9);
  }

  void imageAndEventsOfOneObservationAgree() {
    // The pn image was binned from the same observation's sky X/Y: a physical pixel of the image
    // must map to the same sky position as that X/Y through the MOS event list's column WCS.
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    fits::FitsFile f = fits::FitsFile::open(test::sharedData(QStringLiteral("images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits")));
    const SkyWcs image = SkyWcs::fromImageHeader(f);
    const wcs::PhysicalTransform phys = wcs::PhysicalTransform::fromHeader(f);
    const events::EventList ev = events::readEventList(test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
    for (const PixelPoint physical : {PixelPoint{25921, 25921}, PixelPoint{20000, 30000}}) {
      const auto a = image.pixelToIcrs(phys.toImage(physical));
      const auto b = ev.sky().pixelToIcrs(physical);
      XSKY_COMPARE_NEAR(wcs::angularDistanceDeg(*a, *b) * 3600.0, 0.0, 0.5);
    }
  }
};

QTEST_GUILESS_MAIN(TestSkyWcs)
#include "tst_skywcs.moc"
