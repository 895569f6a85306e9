#include "moc/MocBuilders.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <healpix_base.h>
#include <pointing.h>

#include "fits/FitsError.h"
#include "moc/RangeAlgebra.h"
#include "regions/CoordinateMapper.h"
#include "regions/PlaneModel.h"
#include "regions/RegionGeometry.h"
#include "regions/ShapeTransform.h"
#include "regions/SkyGeometry.h"

namespace xsky::moc {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

void checkOrder(int order) {
  if (order < 0 || order > kMaxSpaceOrder)
    throw Error(QStringLiteral("MOC order %1 is outside 0..29").arg(order));
}

pointing toPointing(wcs::SkyPoint p) { return pointing((90.0 - p.lat) * kDeg, p.lon * kDeg); }

SpaceMoc fromRangeset(const rangeset<int64>& set, int order) {
  std::vector<Range> ranges;
  ranges.reserve(set.nranges());
  for (tsize i = 0; i < set.nranges(); ++i)
    ranges.push_back({uint64_t(set.ivbegin(i)), uint64_t(set.ivend(i))});
  return mocFromOrderRanges(ranges, order);
}

/// Planar cross product of (b - a) and (c - b).
double turn(regions::Vec2 a, regions::Vec2 b, regions::Vec2 c) {
  return (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
}

double signedArea(const std::vector<regions::Vec2>& p) {
  double s = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const auto& a = p[i];
    const auto& b = p[(i + 1) % p.size()];
    s += a.x * b.y - b.x * a.y;
  }
  return 0.5 * s;
}

bool inTriangle(regions::Vec2 p, regions::Vec2 a, regions::Vec2 b, regions::Vec2 c) {
  const double d1 = turn(a, b, p), d2 = turn(b, c, p), d3 = turn(c, a, p);
  return d1 >= 0 && d2 >= 0 && d3 >= 0;
}

SpaceMoc convexPolygonMoc(const std::vector<wcs::SkyPoint>& vertices, int order) {
  const Healpix_Base2 base(order, NEST);
  std::vector<pointing> v;
  v.reserve(vertices.size());
  for (const auto& p : vertices) v.push_back(toPointing(p));
  rangeset<int64> set;
  try {
    base.query_polygon(v, set);
  } catch (const PlanckError& e) {
    throw Error(QStringLiteral("HEALPix polygon query failed: %1")
                    .arg(QString::fromStdString(e.what())));
  }
  return fromRangeset(set, order);
}

/// Vertices of a ring boundary (ellipse or box) in the tangent plane about `centre`, on the sky.
std::vector<wcs::SkyPoint> boundaryPolygon(wcs::SkyPoint centre, regions::PlaneModel::Boundary kind,
                                           double rotationDeg, regions::Vec2 semi, int order) {
  const regions::TangentPlane plane(centre);
  const double c = std::cos(rotationDeg * kDeg), s = std::sin(rotationDeg * kDeg);
  auto rotate = [c, s](double u, double v) { return regions::Vec2{u * c - v * s, u * s + v * c}; };
  std::vector<wcs::SkyPoint> out;
  if (kind == regions::PlaneModel::Boundary::Box) {
    for (auto [fu, fv] : {std::pair{1, 1}, {-1, 1}, {-1, -1}, {1, -1}})
      out.push_back(plane.unproject(rotate(fu * semi.x, fv * semi.y)));
    return out;
  }
  // Chord sagitta ~ A dt^2 / 8 <= cell / 16  =>  n >= 2 pi sqrt(2 A / cell).
  const double cell = std::sqrt(4.0 * std::numbers::pi / (12.0 * std::pow(4.0, order)));
  const double a = std::max(semi.x, semi.y);
  const int n = std::clamp(int(std::ceil(2.0 * std::numbers::pi * std::sqrt(2.0 * a / cell))),
                           32, 20000);
  for (int k = 0; k < n; ++k) {
    const double t = 2.0 * std::numbers::pi * k / n;
    out.push_back(plane.unproject(rotate(semi.x * std::cos(t), semi.y * std::sin(t))));
  }
  return out;
}

SpaceMoc boundaryMoc(wcs::SkyPoint centre, regions::PlaneModel::Boundary kind, double rotationDeg,
                     regions::Vec2 semi, int order) {
  if (!(semi.x > 0) || !(semi.y > 0))
    throw Error(QStringLiteral("degenerate shape (a zero size) cannot make a MOC"));
  if (kind == regions::PlaneModel::Boundary::Ellipse && semi.x == semi.y)
    return coneMoc(centre, std::atan(semi.x) / kDeg, order);
  return polygonMoc(boundaryPolygon(centre, kind, rotationDeg, semi, order), order);
}

/// Cells whose centre the region contains, tested one by one among the cells of its bounding cap.
SpaceMoc cellByCellMoc(const regions::Region& region, int order) {
  const Healpix_Base2 base(order, NEST);
  const regions::Vec2 c = regions::centroid(region);
  const double radius = regions::boundingRadius(region) * kDeg + base.max_pixrad();
  rangeset<int64> candidates;
  base.query_disc(toPointing({c.x, c.y}), std::min(radius, std::numbers::pi), candidates);
  uint64_t total = 0;
  for (tsize i = 0; i < candidates.nranges(); ++i)
    total += uint64_t(candidates.ivend(i) - candidates.ivbegin(i));
  if (total > kMaxBuilderCells)
    throw Error(QStringLiteral("%1 at order %2 needs %3 cells tested one by one; use a lower order")
                    .arg(regions::describe(region))
                    .arg(order)
                    .arg(total));
  std::vector<uint64_t> cells;
  for (tsize i = 0; i < candidates.nranges(); ++i) {
    for (int64 p = candidates.ivbegin(i); p < candidates.ivend(i); ++p) {
      const pointing ptg = base.pix2ang(p);
      const regions::Vec2 sky{ptg.phi / kDeg, 90.0 - ptg.theta / kDeg};
      if (regions::contains(region, sky)) cells.push_back(uint64_t(p));
    }
  }
  return SpaceMoc::fromCells(order, cells);
}

SpaceMoc skyRegionMoc(const regions::Region& region, int order) {
  const auto model = regions::planeModel(region);
  if (!model) return SpaceMoc::fromRanges({}, order);
  if (model->kind == regions::PlaneModel::Kind::Polygon) {
    std::vector<wcs::SkyPoint> v;
    for (const auto& p : model->vertices) v.push_back({p.x, p.y});
    return polygonMoc(v, order);
  }
  if (model->hasSector) return cellByCellMoc(region, order);
  const wcs::SkyPoint centre{model->centre.x, model->centre.y};
  SpaceMoc moc = boundaryMoc(centre, model->boundary, model->rotation, model->outer, order);
  if (model->inner.x > 0 && model->inner.y > 0)
    moc = moc.difference(boundaryMoc(centre, model->boundary, model->rotation, model->inner, order));
  return moc;
}

SpaceMoc unionOf(const std::vector<regions::Region>& list, int order,
                 const regions::ReferenceImage* image) {
  SpaceMoc moc = SpaceMoc::fromRanges({}, order);
  for (const auto& r : list) moc = moc.unionWith(regionMoc(r, order, image));
  return moc;
}

}  // namespace

SpaceMoc mocFromOrderRanges(const std::vector<Range>& cellRanges, int order) {
  checkOrder(order);
  const int shift = 2 * (kMaxSpaceOrder - order);
  std::vector<Range> ranges;
  ranges.reserve(cellRanges.size());
  for (const Range& r : cellRanges) ranges.push_back({r.first << shift, r.last << shift});
  return SpaceMoc::fromRanges(std::move(ranges), order);
}

SpaceMoc coneMoc(wcs::SkyPoint centre, double radiusDeg, int order) {
  checkOrder(order);
  if (!(radiusDeg > 0)) throw Error(QStringLiteral("cone radius must be positive"));
  const Healpix_Base2 base(order, NEST);
  rangeset<int64> set;
  base.query_disc(toPointing(centre), std::min(radiusDeg * kDeg, std::numbers::pi), set);
  return fromRangeset(set, order);
}

SpaceMoc polygonMoc(const std::vector<wcs::SkyPoint>& input, int order) {
  checkOrder(order);
  // Drop consecutive duplicates (and a closing vertex equal to the first).
  std::vector<regions::Vec3> unit;
  std::vector<wcs::SkyPoint> vertices;
  for (const auto& p : input) {
    const regions::Vec3 u = regions::unitVector(p);
    if (!unit.empty() && regions::dot(u, unit.back()) > 1.0 - 1e-15) continue;
    unit.push_back(u);
    vertices.push_back(p);
  }
  while (unit.size() > 1 && regions::dot(unit.front(), unit.back()) > 1.0 - 1e-15) {
    unit.pop_back();
    vertices.pop_back();
  }
  if (vertices.size() < 3)
    throw Error(QStringLiteral("a polygon needs at least 3 distinct vertices"));
  regions::Vec3 mean{0, 0, 0};
  for (const auto& u : unit)
    for (int k = 0; k < 3; ++k) mean[k] += u[k];
  const regions::TangentPlane plane(regions::toSkyPoint(mean));
  std::vector<regions::Vec2> uv;
  std::vector<size_t> index;
  for (size_t i = 0; i < unit.size(); ++i) {
    const auto q = plane.project(unit[i]);
    if (!q) throw Error(QStringLiteral("a polygon must fit in one hemisphere"));
    uv.push_back(*q);
    index.push_back(i);
  }
  if (signedArea(uv) < 0) {
    std::reverse(uv.begin(), uv.end());
    std::reverse(index.begin(), index.end());
  }
  // Drop collinear vertices (HEALPix needs proper corners), then test convexity.
  const double scale = std::sqrt(std::abs(signedArea(uv)));
  for (size_t i = 0; uv.size() > 3 && i < uv.size();) {
    const size_t n = uv.size();
    if (std::abs(turn(uv[(i + n - 1) % n], uv[i], uv[(i + 1) % n])) <= 1e-12 * scale * scale) {
      uv.erase(uv.begin() + long(i));
      index.erase(index.begin() + long(i));
    } else {
      ++i;
    }
  }
  bool convex = true;
  for (size_t i = 0; i < uv.size() && convex; ++i)
    convex = turn(uv[(i + uv.size() - 1) % uv.size()], uv[i], uv[(i + 1) % uv.size()]) > 0;
  auto sky = [&](size_t i) { return vertices[index[i]]; };
  if (convex) {
    std::vector<wcs::SkyPoint> v;
    for (size_t i = 0; i < uv.size(); ++i) v.push_back(sky(i));
    return convexPolygonMoc(v, order);
  }
  // Ear clipping (counter-clockwise polygon), each ear queried as a convex triangle.
  SpaceMoc moc = SpaceMoc::fromRanges({}, order);
  std::vector<size_t> ring(uv.size());
  for (size_t i = 0; i < ring.size(); ++i) ring[i] = i;
  while (ring.size() > 3) {
    bool clipped = false;
    for (size_t k = 0; k < ring.size(); ++k) {
      const size_t a = ring[(k + ring.size() - 1) % ring.size()], b = ring[k],
                   c = ring[(k + 1) % ring.size()];
      if (turn(uv[a], uv[b], uv[c]) <= 0) continue;
      bool ear = true;
      for (size_t m : ring)
        if (m != a && m != b && m != c && inTriangle(uv[m], uv[a], uv[b], uv[c])) {
          ear = false;
          break;
        }
      if (!ear) continue;
      moc = moc.unionWith(convexPolygonMoc({sky(a), sky(b), sky(c)}, order));
      ring.erase(ring.begin() + long(k));
      clipped = true;
      break;
    }
    if (!clipped) throw Error(QStringLiteral("the polygon is self-intersecting"));
  }
  if (turn(uv[ring[0]], uv[ring[1]], uv[ring[2]]) > 0)
    moc = moc.unionWith(convexPolygonMoc({sky(ring[0]), sky(ring[1]), sky(ring[2])}, order));
  return moc;
}

SpaceMoc ellipseMoc(wcs::SkyPoint centre, double semiMajorDeg, double semiMinorDeg,
                    double angleDeg, int order) {
  checkOrder(order);
  return boundaryMoc(centre, regions::PlaneModel::Boundary::Ellipse, angleDeg,
                     {std::tan(semiMajorDeg * kDeg), std::tan(semiMinorDeg * kDeg)}, order);
}

SpaceMoc boxMoc(wcs::SkyPoint centre, double widthDeg, double heightDeg, double angleDeg,
                int order) {
  checkOrder(order);
  return boundaryMoc(centre, regions::PlaneModel::Boundary::Box, angleDeg,
                     {std::tan(0.5 * widthDeg * kDeg), std::tan(0.5 * heightDeg * kDeg)}, order);
}

SpaceMoc regionMoc(const regions::Region& region, int order, const regions::ReferenceImage* image) {
  checkOrder(order);
  if (!regions::hasArea(region.shape)) return SpaceMoc::fromRanges({}, order);
  if (region.frame == regions::Frame::Sky) return skyRegionMoc(region, order);
  if (image == nullptr || !image->hasWcs())
    throw Error(QStringLiteral("%1 is in pixels: a reference image with a WCS is needed for its MOC")
                    .arg(regions::describe(region)));
  const regions::CoordinateMapper mapper(image);
  QString error;
  const auto sky = regions::convertRegion(region, regions::Frame::Sky, mapper, &error);
  if (!sky)
    throw Error(QStringLiteral("%1 cannot be put on the sky: %2")
                    .arg(regions::describe(region), error));
  return skyRegionMoc(*sky, order);
}

RegionSetMocs regionSetMocs(const regions::RegionSet& set, int order,
                            const regions::ReferenceImage* image) {
  RegionSetMocs out;
  const SpaceMoc sourceAll = unionOf(set.source, order, image);
  out.source = sourceAll.difference(unionOf(set.sourceExclusions, order, image));
  out.background = unionOf(set.background, order, image)
                       .difference(unionOf(set.backgroundExclusions, order, image));
  if (set.backgroundExcludesSource) out.background = out.background.difference(sourceAll);
  return out;
}

}  // namespace xsky::moc
