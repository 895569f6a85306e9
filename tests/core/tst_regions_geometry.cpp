// Region geometry against hand computations: containment just inside/outside each shape (with
// rotation), areas against analytic values (a sky circle is a cap of 2 pi (1 - cos r)), centroids,
// degenerate shapes refused, a 10,000-vertex polygon, and the fast projected test agreeing with
// the exact one on a TAN pixel frame.

#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

#include "TestSupport.h"
#include "fits/FitsError.h"
#include "regions/ProjectedRegion.h"
#include "regions/RegionGeometry.h"
#include "regions/RegionValidation.h"
#include "regions/SkyGeometry.h"

using namespace xsky::regions;
using xsky::wcs::SkyPoint;

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;

Region make(Shape s, Frame f) {
  Region r;
  r.shape = std::move(s);
  r.frame = f;
  return r;
}
Region pixel(Shape s) { return make(std::move(s), Frame::Physical); }
Region sky(Shape s) { return make(std::move(s), Frame::Sky); }

// The point at angular distance d (degrees) from c in direction of sky angle theta (degrees,
// counter-clockwise from West through North), exactly (along the great circle).
Vec2 offset(Vec2 c, double thetaDeg, double dDeg) {
  const TangentPlane tp({c.x, c.y});
  const double t = std::tan(dDeg * kDeg);
  const SkyPoint p = tp.unproject({t * std::cos(thetaDeg * kDeg), t * std::sin(thetaDeg * kDeg)});
  return {p.lon, p.lat};
}

// A TAN frame of 0.05"/pixel around (150, 60), like an XMM sky pixel grid.
xsky::wcs::SkyWcs tanFrame(double rotationDeg = 0) {
  const double s = 0.05 / 3600.0, c = std::cos(rotationDeg * kDeg), n = std::sin(rotationDeg * kDeg);
  QByteArray cards;
  auto card = [&cards](const QString& k, const QString& v) {
    cards += QStringLiteral("%1= %2").arg(k.leftJustified(8), v).leftJustified(80).toLatin1();
  };
  card(QStringLiteral("CTYPE1"), QStringLiteral("'RA---TAN'"));
  card(QStringLiteral("CTYPE2"), QStringLiteral("'DEC--TAN'"));
  card(QStringLiteral("CRPIX1"), QStringLiteral("25500.5"));
  card(QStringLiteral("CRPIX2"), QStringLiteral("25500.5"));
  card(QStringLiteral("CRVAL1"), QStringLiteral("150.0"));
  card(QStringLiteral("CRVAL2"), QStringLiteral("60.0"));
  card(QStringLiteral("CD1_1"), QString::number(-s * c, 'g', 17));
  card(QStringLiteral("CD1_2"), QString::number(s * n, 'g', 17));
  card(QStringLiteral("CD2_1"), QString::number(s * n, 'g', 17));
  card(QStringLiteral("CD2_2"), QString::number(s * c, 'g', 17));
  card(QStringLiteral("RADESYS"), QStringLiteral("'ICRS'"));
  return xsky::wcs::SkyWcs::fromHeaderCards(cards, 11, QStringLiteral("test frame"));
}

}  // namespace

class TestRegionsGeometry : public QObject {
  Q_OBJECT

 private slots:
  void pixelContainment() {
    const Region c = pixel(Circle{{100, 100}, 10});
    QVERIFY(contains(c, {109.999, 100}));
    QVERIFY(!contains(c, {110.001, 100}));
    // Box 40 x 20 rotated by 30 degrees: the long axis points at 30 degrees.
    const Region b = pixel(Box{{100, 100}, {40, 20}, 30});
    const double c30 = std::cos(30 * kDeg), s30 = std::sin(30 * kDeg);
    QVERIFY(contains(b, {100 + 19.99 * c30, 100 + 19.99 * s30}));
    QVERIFY(!contains(b, {100 + 20.01 * c30, 100 + 20.01 * s30}));
    QVERIFY(contains(b, {100 - 9.99 * s30, 100 + 9.99 * c30}));
    QVERIFY(!contains(b, {100 - 10.01 * s30, 100 + 10.01 * c30}));
    QVERIFY(contains(b, {105, 112}));  // outside the same box unrotated
    // Ellipse semi-axes 20, 10 at 45 degrees.
    const Region e = pixel(Ellipse{{0, 0}, {20, 10}, 45});
    const double r = std::sqrt(0.5);
    QVERIFY(contains(e, {19.99 * r, 19.99 * r}));
    QVERIFY(!contains(e, {20.01 * r, 20.01 * r}));
    QVERIFY(contains(e, {-9.99 * r, 9.99 * r}));
    QVERIFY(!contains(e, {-10.01 * r, 10.01 * r}));
    // Annulus 5..10: the hole and the outside are out.
    const Region a = pixel(Annulus{{0, 0}, {5, 7, 10}});
    QVERIFY(!contains(a, {4.99, 0}));
    QVERIFY(contains(a, {5.01, 0}));
    QVERIFY(contains(a, {0, -9.99}));
    QVERIFY(!contains(a, {0, -10.01}));
    // Panda 0..90 degrees, radii 0..10; and a wide one 0..270.
    const Region p = pixel(Panda{{0, 0}, {0, 45, 90}, {0, 10}});
    QVERIFY(contains(p, {5, 5}));
    QVERIFY(!contains(p, {-5, 5}));
    QVERIFY(!contains(p, {5, -0.01}));
    const Region w = pixel(Panda{{0, 0}, {0, 270}, {2, 10}});
    QVERIFY(contains(w, {-5, -5}));
    QVERIFY(!contains(w, {5, -5}));
    QVERIFY(!contains(w, {1, 1}));
    // Concave polygon (an L).
    const Region l = pixel(Polygon{{{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 10}, {0, 10}}});
    QVERIFY(contains(l, {1, 9}));
    QVERIFY(contains(l, {9, 1}));
    QVERIFY(!contains(l, {5, 5}));
    // Box annulus and elliptical panda.
    const Region ba = pixel(BoxAnnulus{{0, 0}, {{10, 10}, {20, 20}}, 0});
    QVERIFY(!contains(ba, {4.9, 4.9}));
    QVERIFY(contains(ba, {5.1, 4.9}));
    QVERIFY(!contains(ba, {10.1, 0}));
    const Region ep = pixel(Epanda{{0, 0}, {0, 90}, {{0, 0}, {20, 10}}, 0});
    QVERIFY(contains(ep, {19.9, 0.01}));
    QVERIFY(!contains(ep, {0.01, 10.1}));
    QVERIFY(!contains(ep, {-1, 1}));
  }

  // Sky angles: 0 is West, 90 North; sizes are arcs on the sky.
  void skyContainment() {
    const Vec2 c{150, 60};
    const double r = 1.0 / 60;  // 1 arcmin
    const Region circle = sky(Circle{c, r});
    for (double theta : {0.0, 37.0, 90.0, 200.0, 311.0}) {
      QVERIFY(contains(circle, offset(c, theta, r * (1 - 1e-6))));
      QVERIFY(!contains(circle, offset(c, theta, r * (1 + 1e-6))));
    }
    // Box 60" (East-West) x 20" (North-South) at angle 0.
    const Region box = sky(Box{c, {60.0 / 3600, 20.0 / 3600}, 0});
    QVERIFY(contains(box, {c.x - 25.0 / 3600 / std::cos(60 * kDeg), c.y}));  // 25" West
    QVERIFY(!contains(box, {c.x, c.y + 25.0 / 3600}));                        // 25" North
    QVERIFY(contains(box, {c.x, c.y + 9.9 / 3600}));
    // The same box turned to 90: now long North-South.
    const Region turned = sky(Box{c, {60.0 / 3600, 20.0 / 3600}, 90});
    QVERIFY(contains(turned, {c.x, c.y + 25.0 / 3600}));
    QVERIFY(!contains(turned, {c.x - 25.0 / 3600 / std::cos(60 * kDeg), c.y}));
    // Rotated ellipse: just inside/outside along both axes.
    const Region e = sky(Ellipse{c, {30.0 / 3600, 10.0 / 3600}, 30});
    QVERIFY(contains(e, offset(c, 30, 29.99 / 3600)));
    QVERIFY(!contains(e, offset(c, 30, 30.01 / 3600)));
    QVERIFY(contains(e, offset(c, 120, 9.99 / 3600)));
    QVERIFY(!contains(e, offset(c, 120, 10.01 / 3600)));
    // Polygon across RA 0.
    const Region poly = sky(Polygon{{{359.9, -0.1}, {0.1, -0.1}, {0.1, 0.1}, {359.9, 0.1}}});
    QVERIFY(contains(poly, {0.0, 0.0}));
    QVERIFY(contains(poly, {359.95, 0.05}));
    QVERIFY(!contains(poly, {0.2, 0.0}));
  }

  void skyAreas() {
    for (double rDeg : {1.0 / 3600, 1.0 / 60, 1.0, 10.0, 60.0}) {
      // 2 pi (1 - cos r), written without cancellation for tiny r.
      const double cap = 4 * kPi * std::pow(std::sin(rDeg * kDeg / 2), 2);
      XSKY_COMPARE_NEAR(area(sky(Circle{{10, -30}, rDeg})) / cap, 1.0, 1e-12);
      const double ring = 4 * kPi * (std::pow(std::sin(rDeg * kDeg / 2), 2) - std::pow(std::sin(rDeg * kDeg / 4), 2));
      XSKY_COMPARE_NEAR(area(sky(Annulus{{10, -30}, {0.5 * rDeg, rDeg}})) / ring, 1.0, 1e-12);
      XSKY_COMPARE_NEAR(area(sky(Panda{{10, -30}, {10, 100}, {0.5 * rDeg, rDeg}})) / (ring / 4), 1.0, 1e-12);
    }
    // A box is a spherical quadrilateral with great-circle edges; compare with the triangle sum.
    const Vec2 c{200, 45};
    const double w = 2.0, h = 1.0;
    const TangentPlane tp({c.x, c.y});
    std::vector<Vec3> corners;
    const double tw = std::tan(w / 2 * kDeg), th = std::tan(h / 2 * kDeg);
    const double ct = std::cos(25 * kDeg), st = std::sin(25 * kDeg);
    for (auto [u, v] : {std::pair{tw, th}, {-tw, th}, {-tw, -th}, {tw, -th}}) {
      corners.push_back(tp.unprojectVector({u * ct - v * st, u * st + v * ct}));
    }
    XSKY_COMPARE_NEAR(area(sky(Box{c, {w, h}, 25})) / sphericalPolygonArea(corners), 1.0, 1e-12);
    // An ellipse against a 20,000-gon of great-circle chords on its boundary.
    const Region e = sky(Ellipse{c, {3.0, 1.0}, 25});
    std::vector<Vec3> ring;
    const auto curves = outline(e, 20000);
    for (const Vec2& p : curves.front()) ring.push_back(unitVector({p.x, p.y}));
    XSKY_COMPARE_NEAR(area(e) / sphericalPolygonArea(ring), 1.0, 1e-7);
    // Small shapes tend to the plane formulas.
    const double a = 10.0 / 3600, b = 4.0 / 3600;
    XSKY_COMPARE_NEAR(area(sky(Ellipse{c, {a, b}, 70})) / (kPi * a * b * kDeg * kDeg), 1.0, 1e-8);
  }

  void pixelAreasAndCentroids() {
    XSKY_COMPARE_NEAR(area(pixel(Circle{{0, 0}, 3})), kPi * 9, 1e-9);
    XSKY_COMPARE_NEAR(area(pixel(Ellipse{{0, 0}, {4, 2}, 33})), kPi * 8, 1e-9);
    XSKY_COMPARE_NEAR(area(pixel(Box{{0, 0}, {4, 2}, 33})), 8, 1e-9);
    XSKY_COMPARE_NEAR(area(pixel(Annulus{{0, 0}, {1, 2}})), kPi * 3, 1e-9);
    XSKY_COMPARE_NEAR(area(pixel(BoxAnnulus{{0, 0}, {{2, 2}, {4, 4}}, 10})), 12, 1e-9);
    XSKY_COMPARE_NEAR(area(pixel(Bpanda{{0, 0}, {0, 90}, {{2, 2}, {4, 4}}, 0})), 3, 1e-9);
    XSKY_COMPARE_NEAR(area(pixel(Polygon{{{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 10}, {0, 10}}})), 36, 1e-12);
    // Quarter disc: centroid at 4R/(3 pi) on both axes.
    const Vec2 q = centroid(pixel(Panda{{5, 5}, {0, 90}, {0, 3}}));
    XSKY_COMPARE_NEAR(q.x, 5 + 4.0 / kPi, 1e-9);
    XSKY_COMPARE_NEAR(q.y, 5 + 4.0 / kPi, 1e-9);
    const Vec2 l = centroid(pixel(Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}));
    XSKY_COMPARE_NEAR(l.x, 2, 1e-12);
    const Bounds b = boundingBox(pixel(Ellipse{{0, 0}, {4, 2}, 90}));
    XSKY_COMPARE_NEAR(b.xMax, 2, 1e-3);
    XSKY_COMPARE_NEAR(b.yMax, 4, 1e-3);
  }

  void degenerateShapesRefused() {
    auto reason = [](const Region& r) { return validate(r).reason; };
    QVERIFY(!validate(pixel(Circle{{0, 0}, 0})));
    QVERIFY(reason(pixel(Circle{{0, 0}, 0})).contains(QLatin1String("radius")));
    QVERIFY(!validate(pixel(Polygon{{{0, 0}, {1, 1}}})));
    QVERIFY(!validate(pixel(Polygon{{{0, 0}, {1, 1}, {2, 2}}})));  // collinear
    QVERIFY(!validate(pixel(Annulus{{0, 0}, {30, 20}})));
    QVERIFY(reason(pixel(Annulus{{0, 0}, {30, 20}})).contains(QLatin1String("inner")));
    QVERIFY(!validate(pixel(Box{{0, 0}, {0, 3}, 0})));
    QVERIFY(!validate(pixel(Panda{{0, 0}, {0, 400}, {1, 2}})));
    const Validation bowtie = validate(pixel(Polygon{{{0, 0}, {10, 10}, {10, 0}, {0, 10}}}));
    QCOMPARE(bowtie.kind, Degeneracy::SelfIntersecting);
    // Refused where events are selected, with the reason.
    const auto frame = tanFrame();
    RegionSet set;
    set.source.push_back(sky(Circle{{150, 60}, 0}));
    try {
      project(set, {&frame, Frame::Physical});
      QFAIL("a zero-radius circle was accepted");
    } catch (const xsky::Error& e) {
      QVERIFY(e.message().contains(QLatin1String("radius")));
    }
  }

  void tenThousandVertexPolygon() {
    // A star-shaped polygon with a wavy radius: simple, 10,000 vertices.
    std::vector<Vec2> v;
    const int n = 10000;
    for (int i = 0; i < n; ++i) {
      const double t = 2 * kPi * i / n, r = 100 + 30 * std::sin(37 * t);
      v.push_back({500 + r * std::cos(t), 500 + r * std::sin(t)});
    }
    const Region poly = pixel(Polygon{v});
    QVERIFY(validate(poly));
    double shoelace = 0;
    for (int i = 0, j = n - 1; i < n; j = i++) shoelace += v[j].x * v[i].y - v[i].x * v[j].y;
    XSKY_COMPARE_NEAR(area(poly), std::abs(shoelace) / 2, 1e-6);
    RegionSet set;
    set.source.push_back(poly);
    const ProjectedRegionSet p = project(set, {nullptr, Frame::Physical});
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(350, 650);
    std::vector<float> x(20000), y(20000);
    for (size_t i = 0; i < x.size(); ++i) {
      x[i] = u(rng);
      y[i] = u(rng);
    }
    const std::vector<uint32_t> in = p.source.indices(x, y);
    size_t exact = 0;
    for (size_t i = 0; i < x.size(); ++i) exact += contains(poly, {x[i], y[i]}) ? 1 : 0;
    QCOMPARE(in.size(), exact);
    // Its sky twin (vertices in degrees around Dec 60) is simple too.
    std::vector<Vec2> s;
    for (const Vec2& q : v) s.push_back({150 + (q.x - 500) * 1e-5, 60 + (q.y - 500) * 1e-5});
    QVERIFY(validate(sky(Polygon{s})));
  }

  void projectedMatchesExact_data() {
    QTest::addColumn<double>("frameRotation");
    QTest::newRow("north up") << 0.0;
    QTest::newRow("rotated 33 deg") << 33.0;
  }

  void projectedMatchesExact() {
    QFETCH(double, frameRotation);
    const auto frame = tanFrame(frameRotation);
    const Vec2 c{150.01, 60.005};  // off the frame's tangent point
    const std::vector<Region> shapes = {
        sky(Circle{c, 1.0 / 60}),
        sky(Ellipse{c, {50.0 / 3600, 20.0 / 3600}, 30}),
        sky(Box{c, {90.0 / 3600, 40.0 / 3600}, 70}),
        sky(Annulus{c, {20.0 / 3600, 40.0 / 3600, 60.0 / 3600}}),
        sky(Panda{c, {20, 80, 140, 300}, {10.0 / 3600, 60.0 / 3600}}),
        sky(Epanda{c, {100, 190}, {{10.0 / 3600, 5.0 / 3600}, {50.0 / 3600, 25.0 / 3600}}, 15}),
        sky(Bpanda{c, {-30, 30}, {{10.0 / 3600, 5.0 / 3600}, {50.0 / 3600, 25.0 / 3600}}, 15}),
        sky(Polygon{{offset(c, 0, 0.02), offset(c, 100, 0.01), offset(c, 150, 0.03), offset(c, 260, 0.015)}}),
    };
    const auto centre = frame.icrsToPixel({c.x, c.y});
    QVERIFY(centre.has_value());
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> d(-2600, 2600);
    std::vector<float> x(100000), y(100000);
    for (size_t i = 0; i < x.size(); ++i) {
      x[i] = static_cast<float>(centre->x + d(rng));
      y[i] = static_cast<float>(centre->y + d(rng));
    }
    for (const Region& r : shapes) {
      RegionSet set;
      set.source.push_back(r);
      const ProjectedRegionSet p = project(set, {&frame, Frame::Physical});
      std::vector<uint8_t> mask(x.size());
      p.source.mask(x, y, mask);
      size_t mismatches = 0, inside = 0;
      for (size_t i = 0; i < x.size(); ++i) {
        const auto s = frame.pixelToIcrs({x[i], y[i]});
        const bool exact = contains(r, {s->lon, s->lat});
        inside += exact ? 1 : 0;
        mismatches += (exact != (mask[i] != 0)) ? 1 : 0;
      }
      QVERIFY2(inside > 100, qPrintable(describe(r)));
      QVERIFY2(mismatches == 0, qPrintable(QStringLiteral("%1: %2 mismatches").arg(describe(r)).arg(mismatches)));
      QCOMPARE(p.source.count(x, y), inside);
      // The grid area agrees with the exact area (pixels of 0.05").
      const double px = 0.05 / 3600 * kDeg;
      XSKY_COMPARE_NEAR(p.source.pixelArea(1024) * px * px / area(r), 1.0, 0.01);
    }
  }

  void exclusions() {
    RegionSet set;
    set.background.push_back(pixel(Annulus{{0, 0}, {10, 20}}));
    set.backgroundExclusions.push_back(pixel(Circle{{15, 0}, 2}));
    set.source.push_back(pixel(Circle{{0, 0}, 5}));
    const ProjectedRegionSet p = project(set, {nullptr, Frame::Physical});
    QVERIFY(p.background.contains(0, 15));
    QVERIFY(!p.background.contains(15, 0));
    QVERIFY(!p.background.contains(2, 0));
    QVERIFY(p.source.contains(2, 0));
  }
};

QTEST_GUILESS_MAIN(TestRegionsGeometry)
#include "tst_regions_geometry.moc"
