// core/moc: set algebra against hand-computed ranges, cone/polygon conformance with HEALPix C++'s
// exact and inclusive queries, region MOCs, and observation footprints (the demo simulator's pn
// list with its known CCD gaps, the real XMM MOS lists).

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include <healpix_base.h>
#include <pointing.h>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "moc/MocBuilders.h"
#include "moc/MocFootprint.h"
#include "moc/RangeAlgebra.h"
#include "moc/SpaceMoc.h"
#include "regions/RegionGeometry.h"
#include "sim/DemoSky.h"

using namespace xsky;
using namespace xsky::moc;

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr uint64_t kN29 = uint64_t(12) << 58;

pointing ptg(wcs::SkyPoint p) { return pointing((90.0 - p.lat) * kDeg, p.lon * kDeg); }

SpaceMoc fromSet(const rangeset<int64>& s, int order) {
  std::vector<Range> r;
  for (tsize i = 0; i < s.nranges(); ++i) r.push_back({uint64_t(s.ivbegin(i)), uint64_t(s.ivend(i))});
  return mocFromOrderRanges(r, order);
}

/// exact <= moc <= inclusive, as the conformance rule states.
void checkConformance(const SpaceMoc& moc, const SpaceMoc& exact, const SpaceMoc& inclusive) {
  QVERIFY2(exact.difference(moc).empty(), "the MOC misses cells of the exact query");
  QVERIFY2(moc.difference(inclusive).empty(), "the MOC has cells outside the inclusive query");
}

wcs::SkyPoint cellCentre(int order, uint64_t cell) {
  const Healpix_Base2 base(order, NEST);
  const pointing p = base.pix2ang(int64(cell));
  return {p.phi / kDeg, 90.0 - p.theta / kDeg};
}

}  // namespace

class TestMoc : public QObject {
  Q_OBJECT

 private slots:
  void algebraByHand() {
    const SpaceMoc a = SpaceMoc::fromRanges({{20, 30}, {0, 10}}, 29);
    const SpaceMoc b = SpaceMoc::fromRanges({{5, 25}}, 29);
    QCOMPARE(a.ranges(), (std::vector<Range>{{0, 10}, {20, 30}}));
    QCOMPARE(a.unionWith(b).ranges(), (std::vector<Range>{{0, 30}}));
    QCOMPARE(a.intersection(b).ranges(), (std::vector<Range>{{5, 10}, {20, 25}}));
    QCOMPARE(a.difference(b).ranges(), (std::vector<Range>{{0, 5}, {25, 30}}));
    QCOMPARE(b.difference(a).ranges(), (std::vector<Range>{{10, 20}}));
    QCOMPARE(a.complement().ranges(), (std::vector<Range>{{10, 20}, {30, kN29}}));
    QVERIFY(a.complement().complement() == a);
    QVERIFY(a.overlaps(b));
    QVERIFY(!a.overlaps(SpaceMoc::fromRanges({{10, 20}}, 29)));
    // Adjacent ranges merge; empty ones vanish.
    QCOMPARE(SpaceMoc::fromRanges({{0, 4}, {4, 8}, {9, 9}}, 29).ranges(), (std::vector<Range>{{0, 8}}));
    // Rounded outwards to whole cells of the order.
    QCOMPARE(SpaceMoc::fromRanges({{1, 2}}, 28).ranges(), (std::vector<Range>{{0, 4}}));
    QCOMPARE(SpaceMoc::fromRanges({{5, 6}}, 29).degraded(28).ranges(), (std::vector<Range>{{4, 8}}));
    QCOMPARE(SpaceMoc::fromRanges({{5, 6}}, 20).degraded(25).order(), 25);
  }

  void cellsAndNuniq() {
    const uint64_t cell0 = uint64_t(1) << 58;  // order-0 cell size at order 29
    const uint64_t cells[] = {4, 5, 6, 7};     // the four children of order-0 cell 1
    const SpaceMoc m = SpaceMoc::fromCells(1, cells);
    QCOMPARE(m.ranges(), (std::vector<Range>{{cell0, 2 * cell0}}));
    QCOMPARE(m.cellCount(), size_t(1));
    QCOMPARE(m.toNuniq(), (std::vector<uint64_t>{5}));
    const uint64_t uniq[] = {5, 4 * 4 + 8, 4 * 4 + 9};  // 0/1, 1/8, 1/9
    const SpaceMoc n = SpaceMoc::fromNuniq(uniq);
    QCOMPARE(n.order(), 1);
    QCOMPARE(n.cellCount(), size_t(3));
    QCOMPARE(n.toNuniq(), (std::vector<uint64_t>{5, 24, 25}));
    QCOMPARE(SpaceMoc::fromNuniq(n.toNuniq(), n.order()), n);
    XSKY_COMPARE_NEAR(n.areaSteradians(), 4 * std::numbers::pi / 12 * 1.5, 1e-15);
    XSKY_COMPARE_NEAR(SpaceMoc::fullSky().areaSteradians(), 4 * std::numbers::pi, 1e-12);
    QVERIFY(SpaceMoc::fullSky(3).isFullSky());
    QCOMPARE(SpaceMoc::fullSky().cellCount(), size_t(12));
    XSKY_COMPARE_NEAR(n.coveredFractionBy(SpaceMoc::fromCells(0, std::vector<uint64_t>{1})), 2.0 / 3.0, 1e-15);
  }

  void badValues() {
    const uint64_t three[] = {3};
    QVERIFY_THROWS_EXCEPTION(Error, SpaceMoc::fromNuniq(three));
    const uint64_t order30[] = {(uint64_t(4) << 60) + 1};
    try {
      SpaceMoc::fromNuniq(order30);
      QFAIL("order 30 accepted");
    } catch (const Error& e) {
      QVERIFY2(e.message().contains(QLatin1String("above 29")), qPrintable(e.message()));
    }
    QVERIFY_THROWS_EXCEPTION(Error, SpaceMoc::fromRanges({{5, 4}}, 29));
    QVERIFY_THROWS_EXCEPTION(Error, SpaceMoc::fromRanges({{0, kN29 + 1}}, 29));
    QVERIFY_THROWS_EXCEPTION(Error, SpaceMoc::fromRanges({}, 30));
    const uint64_t tooBig[] = {48};
    QVERIFY_THROWS_EXCEPTION(Error, SpaceMoc::fromCells(1, tooBig));
  }

  void containsUsesOrder29Cells() {
    const SpaceMoc cone = coneMoc({150.1, 2.2}, 0.1, 12);
    QVERIFY(cone.contains({150.1, 2.2}));
    QVERIFY(cone.contains({150.1 + 0.05, 2.2}));
    QVERIFY(!cone.contains({150.1 + 0.2, 2.2}));
    QVERIFY(!cone.contains({330.1, -2.2}));
  }

  void coneConformance_data() {
    QTest::addColumn<double>("ra");
    QTest::addColumn<double>("dec");
    QTest::addColumn<double>("radius");
    QTest::addColumn<int>("order");
    QTest::newRow("small, order 16") << 150.1 << 2.2 << 0.02 << 16;
    QTest::newRow("pole, order 10") << 12.0 << 89.5 << 1.0 << 10;
    QTest::newRow("ra 0 crossing, order 12") << 359.95 << -30.0 << 0.3 << 12;
    QTest::newRow("large, order 6") << 83.6 << 22.0 << 20.0 << 6;
    QTest::newRow("tiny, order 20") << 201.365 << -43.019 << 0.001 << 20;
  }
  void coneConformance() {
    QFETCH(double, ra);
    QFETCH(double, dec);
    QFETCH(double, radius);
    QFETCH(int, order);
    const SpaceMoc moc = coneMoc({ra, dec}, radius, order);
    const Healpix_Base2 base(order, NEST);
    checkConformance(moc, fromSet(base.query_disc(ptg({ra, dec}), radius * kDeg), order),
                     fromSet(base.query_disc_inclusive(ptg({ra, dec}), radius * kDeg, 4), order));
    QVERIFY(!moc.empty());
    // Area close to the cap's 2 pi (1 - cos r) when cells are small against the cone.
    const double cap = 2 * std::numbers::pi * (1 - std::cos(radius * kDeg));
    const double cell = 4 * std::numbers::pi / (12 * std::pow(4.0, order));
    if (cap > 1000 * cell) XSKY_COMPARE_NEAR(moc.areaSteradians() / cap, 1.0, 0.05);
  }

  void polygonConformance_data() {
    QTest::addColumn<std::vector<wcs::SkyPoint>>("vertices");
    QTest::addColumn<int>("order");
    QTest::newRow("triangle, order 14") << std::vector<wcs::SkyPoint>{{150, 2}, {150.3, 2.1}, {150.1, 2.4}} << 14;
    QTest::newRow("clockwise quad, order 12")
        << std::vector<wcs::SkyPoint>{{10, 10}, {10, 11}, {11.5, 11}, {11, 10}} << 12;
    QTest::newRow("10-gon across ra 0, order 13") << [] {
      std::vector<wcs::SkyPoint> v;
      for (int k = 0; k < 10; ++k) {
        const double t = 2 * std::numbers::pi * k / 10;
        v.push_back({std::fmod(360.0 + 0.2 * std::cos(t) / std::cos(45 * kDeg), 360.0), 45 + 0.2 * std::sin(t)});
      }
      return v;
    }() << 13;
  }
  void polygonConformance() {
    QFETCH(std::vector<wcs::SkyPoint>, vertices);
    QFETCH(int, order);
    const SpaceMoc moc = polygonMoc(vertices, order);
    std::vector<pointing> v;
    for (const auto& p : vertices) v.push_back(ptg(p));
    const Healpix_Base2 base(order, NEST);
    checkConformance(moc, fromSet(base.query_polygon(v), order),
                     fromSet(base.query_polygon_inclusive(v, 4), order));
    QVERIFY(!moc.empty());
  }

  void concavePolygonFollowsCentres() {
    // An L shape: the MOC holds exactly the cells whose centre the polygon contains.
    // (off the equator and off HEALPix's symmetric meridians, where cell centres lie exactly on edges)
    const std::vector<wcs::SkyPoint> l{{20.013, 10.017}, {20.413, 10.017}, {20.413, 10.117},
                                       {20.113, 10.117}, {20.113, 10.417}, {20.013, 10.417}};
    const int order = 13;
    const SpaceMoc moc = polygonMoc(l, order);
    regions::Region region;
    regions::Polygon poly;
    for (const auto& p : l) poly.vertices.push_back({p.lon, p.lat});
    region.shape = poly;
    const SpaceMoc box = boxMoc({20.213, 10.217}, 0.5, 0.5, 0, order);
    int mismatches = 0, inside = 0;
    box.forEachCell([&](int o, uint64_t ipix) {
      const int shift = 2 * (order - o);
      for (uint64_t c = ipix << shift; c < (ipix + 1) << shift; ++c) {
        const wcs::SkyPoint p = cellCentre(order, c);
        const bool in = regions::contains(region, {p.lon, p.lat});
        inside += in;
        if (in != moc.contains(p)) ++mismatches;
      }
    });
    QVERIFY(inside > 100);
    QCOMPARE(mismatches, 0);
  }

  void regionShapes() {
    const int order = 14;
    using regions::Region;
    auto sky = [](regions::Shape s, bool include = true) {
      Region r;
      r.shape = std::move(s);
      r.include = include;
      return r;
    };
    // Ellipse and box: area within 2% of the exact area; every cell centre inside (with a margin
    // of one chord error).
    for (const Region& r : {sky(regions::Ellipse{{150.1, 2.2}, {0.1, 0.04}, 30}),
                            sky(regions::Box{{150.1, 2.2}, {0.2, 0.05}, 70})}) {
      const SpaceMoc moc = regionMoc(r, order);
      XSKY_COMPARE_NEAR(moc.areaSteradians() / regions::area(r), 1.0, 0.02);
      QVERIFY(moc.contains({150.1, 2.2}));
    }
    // Box MOC equals the four-corner polygon query.
    // Annulus = outer cone minus inner cone.
    const SpaceMoc ann = regionMoc(sky(regions::Annulus{{150.1, 2.2}, {0.02, 0.05}}), order);
    QCOMPARE(ann, coneMoc({150.1, 2.2}, 0.05, order).difference(coneMoc({150.1, 2.2}, 0.02, order)));
    QVERIFY(!ann.contains({150.1, 2.2}));
    // A panda is decided cell by cell: its cells are those whose centre it contains.
    const Region panda = sky(regions::Panda{{150.1, 2.2}, {0, 90}, {0.0, 0.05}});
    const SpaceMoc pm = regionMoc(panda, order);
    QVERIFY(!pm.empty());
    pm.forEachCell([&](int o, uint64_t ipix) {
      if (o == order) {
        const auto c = cellCentre(order, ipix);
        QVERIFY(regions::contains(panda, {c.lon, c.lat}));
      }
    });
    // Region set: source minus exclusions, background minus source.
    regions::RegionSet set;
    set.source.push_back(sky(regions::Circle{{150.1, 2.2}, 0.03}));
    set.sourceExclusions.push_back(sky(regions::Circle{{150.11, 2.2}, 0.005}, false));
    set.background.push_back(sky(regions::Circle{{150.1, 2.2}, 0.08}));
    const RegionSetMocs mocs = regionSetMocs(set, order);
    QVERIFY(mocs.source.contains({150.1, 2.2}));
    QVERIFY(!mocs.source.contains({150.11, 2.2}));
    QVERIFY(!mocs.background.contains({150.1, 2.2}));
    QVERIFY(mocs.background.contains({150.1, 2.27}));
    QVERIFY(!mocs.source.overlaps(mocs.background));
    // Pixel regions need a reference image.
    Region pix = sky(regions::Circle{{100, 100}, 10});
    pix.frame = regions::Frame::Image;
    QVERIFY_THROWS_EXCEPTION(Error, regionMoc(pix, order));
  }

  void demoPnFootprintHasCcdGaps() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    sim::simulateDemoSky(dir.path(), {});
    const events::EventList ev = events::readEventList(dir.filePath(QStringLiteral("0901230101/pn_events.fits")));
    FootprintOptions options;
    options.order = 17;  // 1.6" cells against 10"-20" gaps
    const SpaceMoc fp = eventListFootprint(ev, options);
    const double areaArcmin2 = fp.areaSteradians() * (180 / std::numbers::pi * 60) * (180 / std::numbers::pi * 60);
    qInfo("pn footprint: %.1f arcmin^2, %zu cells, %zu ranges", areaArcmin2, fp.cellCount(), fp.ranges().size());
    // 12 CCDs of 262.4" x 820" (~717 arcmin^2) clipped by the 15' field of view (707 arcmin^2).
    QVERIFY2(areaArcmin2 > 450 && areaArcmin2 < 720, qPrintable(QString::number(areaArcmin2)));
    // Per CCD: its event centroid lies in the footprint; between horizontal neighbours the gap
    // (found from the events' own edges along the line joining the centroids) does not.
    std::map<int, std::pair<double, double>> sum;
    std::map<int, int> count;
    for (size_t i = 0; i < ev.x.size(); ++i) {
      if ((ev.flag[i] & 0x10000) != 0) continue;
      sum[ev.ccd[i]].first += ev.x[i];
      sum[ev.ccd[i]].second += ev.y[i];
      ++count[ev.ccd[i]];
    }
    QCOMPARE(int(count.size()), 12);
    const wcs::SkyWcs& w = ev.sky();
    std::map<int, wcs::PixelPoint> centre;
    for (const auto& [ccd, s] : sum) {
      centre[ccd] = {s.first / count[ccd], s.second / count[ccd]};
      const auto p = w.pixelToIcrs(centre[ccd]);
      QVERIFY(p);
      QVERIFY2(fp.contains(*p), qPrintable(QStringLiteral("CCD %1 centroid outside").arg(ccd)));
    }
    int gapsChecked = 0;
    for (int a = 1; a <= 11; ++a) {
      if (a == 6) continue;  // 6 and 7 are not neighbours
      const int b = a + 1;
      // CCD a's long axis (along the gap) from its events' covariance; u points across the gap.
      double sxx = 0, syy = 0, sxy = 0;
      for (size_t i = 0; i < ev.x.size(); ++i) {
        if (ev.ccd[i] != a || (ev.flag[i] & 0x10000) != 0) continue;
        const double dx = ev.x[i] - centre[a].x, dy = ev.y[i] - centre[a].y;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
      const double phi = 0.5 * std::atan2(2 * sxy, sxx - syy);  // major axis angle
      const double vx = std::cos(phi), vy = std::sin(phi);
      double ux = -vy, uy = vx;
      if (ux * (centre[b].x - centre[a].x) + uy * (centre[b].y - centre[a].y) < 0) {
        ux = -ux;
        uy = -uy;
      }
      const double mx = 0.5 * (centre[a].x + centre[b].x), my = 0.5 * (centre[a].y + centre[b].y);
      double edgeA = -1e300, edgeB = 1e300;
      for (size_t i = 0; i < ev.x.size(); ++i) {
        if (ev.ccd[i] != a && ev.ccd[i] != b) continue;
        const double dx = ev.x[i] - mx, dy = ev.y[i] - my;
        if (std::abs(vx * dx + vy * dy) > 400) continue;  // a 40"-long stretch of the gap
        const double t = ux * dx + uy * dy;
        if (ev.ccd[i] == a) edgeA = std::max(edgeA, t);
        else edgeB = std::min(edgeB, t);
      }
      const double gapArcsec = (edgeB - edgeA) * 0.05;
      QVERIFY2(gapArcsec > 5 && gapArcsec < 30, qPrintable(QStringLiteral("gap %1-%2: %3\"").arg(a).arg(b).arg(gapArcsec)));
      const double t = 0.5 * (edgeA + edgeB);
      const auto mid = w.pixelToIcrs({mx + ux * t, my + uy * t});
      QVERIFY(mid);
      QVERIFY2(!fp.contains(*mid), qPrintable(QStringLiteral("gap between CCD %1 and %2 covered").arg(a).arg(b)));
      ++gapsChecked;
    }
    QCOMPARE(gapsChecked, 10);
    // Far outside the field.
    const auto far = w.pixelToIcrs({centre[4].x + 30 * 1200, centre[4].y});
    QVERIFY(far && !fp.contains(*far));
  }

  void realMosFootprints() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    const QString path = test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits"));
    const events::EventList ev = events::readEventList(path);
    const SpaceMoc fp = eventListFootprint(ev, {});
    const double areaArcmin2 = fp.areaSteradians() * (180 / std::numbers::pi * 60) * (180 / std::numbers::pi * 60);
    qInfo("MOS1 0201901401 footprint: %.1f arcmin^2, %zu cells at order %d", areaArcmin2, fp.cellCount(), fp.order());
    // 7 MOS CCDs of 10.9' square clipped by the 15' field: between ~400 and 800 arcmin^2.
    QVERIFY2(areaArcmin2 > 300 && areaArcmin2 < 800, qPrintable(QString::number(areaArcmin2)));
    // The median event position lies inside.
    std::vector<float> x(ev.x), y(ev.y);
    std::nth_element(x.begin(), x.begin() + long(x.size() / 2), x.end());
    std::nth_element(y.begin(), y.begin() + long(y.size() / 2), y.end());
    const auto mid = ev.sky().pixelToIcrs({x[x.size() / 2], y[y.size() / 2]});
    QVERIFY(mid && fp.contains(*mid));
    // Almost every event falls in the footprint (events in cells cut as holes are impossible).
    size_t in = 0, n = 0;
    for (size_t i = 0; i < ev.x.size(); i += 97) {
      if (ev.flag.size() == ev.x.size() && (ev.flag[i] & 0x10000)) continue;
      const auto p = ev.sky().pixelToIcrs({ev.x[i], ev.y[i]});
      if (!p) continue;
      ++n;
      in += fp.contains(*p);
    }
    QVERIFY2(double(in) / double(n) > 0.95, qPrintable(QStringLiteral("%1 of %2").arg(in).arg(n)));
  }
};

QTEST_GUILESS_MAIN(TestMoc)
#include "tst_moc.moc"
