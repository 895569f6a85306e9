// Region statistics: counts, exact and integrated areas, background scaling, net counts and
// their error, checked on synthetic points in physical pixels and on the real MOS event list.

#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "regions/Ds9RegionReader.h"
#include "regions/RegionStats.h"

using namespace xsky::regions;

namespace {

Region pixelRegion(Shape s, bool include = true, Role role = Role::Source) {
  Region r;
  r.shape = std::move(s);
  r.frame = Frame::Physical;
  r.include = include;
  r.role = role;
  return r;
}

}  // namespace

class TestRegionsStats : public QObject {
  Q_OBJECT

 private slots:
  // A uniform grid of points, one per pixel: counts equal areas in pixels.
  void netCountsOnAGrid() {
    std::vector<float> x, y;
    for (int j = 0; j < 400; ++j) {
      for (int i = 0; i < 400; ++i) {
        x.push_back(static_cast<float>(i) + 0.5f);
        y.push_back(static_cast<float>(j) + 0.5f);
      }
    }
    RegionSet set;
    set.source.push_back(pixelRegion(Circle{{200, 200}, 20}));
    set.background.push_back(pixelRegion(Annulus{{200, 200}, {40, 80}}, true, Role::Background));
    // Two exclusions: one inside the annulus, one overlapping its edge (forces integration).
    set.backgroundExclusions.push_back(pixelRegion(Circle{{260, 200}, 10}, false, Role::Background));
    set.backgroundExclusions.push_back(pixelRegion(Circle{{200, 280}, 10}, false, Role::Background));
    const RegionStatistics s = computeRegionStatistics(set, {nullptr, Frame::Physical}, x, y);
    const double pi = std::numbers::pi;
    // Without a WCS the areas are in square pixels.
    XSKY_COMPARE_NEAR(static_cast<double>(s.source.counts), pi * 400, 40);
    QVERIFY(s.source.exactArea);
    XSKY_COMPARE_NEAR(s.source.areaArcsec2, 0, 0);  // no sky scale: square pixels are not arcsec^2
    QVERIFY(!s.background.exactArea);
  }

  void formulas() {
    std::vector<float> x, y;
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(0, 1000);
    for (int i = 0; i < 200000; ++i) {
      x.push_back(u(rng));
      y.push_back(u(rng));
    }
    for (int i = 0; i < 500; ++i) {  // a source of 500 counts
      x.push_back(500.0f + static_cast<float>(i % 7));
      y.push_back(500.0f + static_cast<float>(i % 5));
    }
    // A 1"/pixel TAN frame so that areas are in arcsec^2.
    QByteArray cards;
    for (const char* c : {"CTYPE1  = 'RA---TAN'", "CTYPE2  = 'DEC--TAN'", "CRPIX1  = 500", "CRPIX2  = 500",
                          "CRVAL1  = 10", "CRVAL2  = 20", "CDELT1  = -0.000277777777777778",
                          "CDELT2  = 0.000277777777777778"}) {
      cards += QByteArray(c).leftJustified(80);
    }
    const auto wcs = xsky::wcs::SkyWcs::fromHeaderCards(cards, 8, QStringLiteral("1 arcsec frame"));
    RegionSet set;
    set.source.push_back(pixelRegion(Circle{{503, 502}, 30}));
    set.background.push_back(pixelRegion(Annulus{{503, 502}, {60, 150}}, true, Role::Background));
    const RegionStatistics s = computeRegionStatistics(set, {&wcs, Frame::Physical}, x, y);
    const double pi = std::numbers::pi;
    XSKY_COMPARE_NEAR(s.source.areaArcsec2 / (pi * 900), 1.0, 1e-6);
    XSKY_COMPARE_NEAR(s.background.areaArcsec2 / (pi * (150 * 150 - 60 * 60)), 1.0, 1e-6);
    XSKY_COMPARE_NEAR(s.backgroundScale, 900.0 / (150 * 150 - 60 * 60), 1e-8);
    const double ns = static_cast<double>(s.source.counts), nb = static_cast<double>(s.background.counts);
    XSKY_COMPARE_NEAR(s.netCounts, ns - nb * s.backgroundScale, 1e-9);
    XSKY_COMPARE_NEAR(s.netError, std::sqrt(ns + nb * s.backgroundScale * s.backgroundScale), 1e-9);
    XSKY_COMPARE_NEAR(s.signalToNoise, s.netCounts / s.netError, 1e-12);
    XSKY_COMPARE_NEAR(s.netCounts, 500, 5 * s.netError);  // the injected source comes out
    XSKY_COMPARE_NEAR(s.source.surfaceBrightness, ns / s.source.areaArcsec2, 1e-15);
  }

  // On the real MOS list through its sky WCS: counts agree with testing every event exactly.
  void realEvents() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent: the MOS event list is needed");
    const auto ev = xsky::events::readEventList(
        xsky::test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
    const auto& sky = ev.sky();
    const RegionReadResult r = Ds9RegionReader().readText(QStringLiteral(
        "fk5\ncircle(149.67286,-11.07385,60\")\nannulus(149.67286,-11.07385,120\",240\") # background\n"
        "-circle(149.67286,-11.12385,15\") # background\nbox(149.55,-11.08,90\",40\",30)\n"), QStringLiteral("inline"));
    QVERIFY(r.errors.isEmpty());
    const RegionSet set = RegionSet::fromRegions(r.regions);
    const RegionStatistics s = computeRegionStatistics(set, {&sky, Frame::Physical}, ev.x, ev.y);
    size_t src = 0, bkg = 0;
    for (size_t i = 0; i < ev.x.size(); ++i) {
      const auto p = sky.pixelToIcrs({ev.x[i], ev.y[i]});
      const Vec2 v{p->lon, p->lat};
      const bool inSource = contains(set.source[0], v) || contains(set.source[1], v);
      src += inSource ? 1 : 0;
      bkg += (contains(set.background[0], v) && !contains(set.backgroundExclusions[0], v) && !inSource) ? 1 : 0;
    }
    QCOMPARE(s.source.counts, src);
    QCOMPARE(s.background.counts, bkg);
    QVERIFY(src > 100 && bkg > 100);
    // Two disjoint source regions: integrated area; the annulus minus an inner hole: exact.
    QVERIFY(!s.source.exactArea);
    XSKY_COMPARE_NEAR(s.source.areaArcsec2 / (std::numbers::pi * 3600 + 3600), 1.0, 0.003);
    QVERIFY(s.background.exactArea);
  }
};

QTEST_GUILESS_MAIN(TestRegionsStats)
#include "tst_regions_stats.moc"
