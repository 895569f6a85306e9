#include "regions/RegionGeometry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <type_traits>

#include "regions/PlaneModel.h"
#include "regions/SkyGeometry.h"

namespace xsky::regions {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr int kGauss = 16;

// Gauss-Legendre nodes and weights on [-1, 1] (Newton on the Legendre polynomial).
struct GaussRule {
  std::array<double, kGauss> x{}, w{};
  GaussRule() {
    for (int i = 0; i < kGauss; ++i) {
      double z = std::cos(std::numbers::pi * (i + 0.75) / (kGauss + 0.5));
      double dp = 0;
      for (int it = 0; it < 100; ++it) {
        double p0 = 1, p1 = 0;
        for (int k = 1; k <= kGauss; ++k) {
          const double p2 = p1;
          p1 = p0;
          p0 = ((2.0 * k - 1) * z * p1 - (k - 1.0) * p2) / k;
        }
        dp = kGauss * (z * p0 - p1) / (z * z - 1);
        const double dz = p0 / dp;
        z -= dz;
        if (std::abs(dz) < 1e-16) break;
      }
      x[i] = z;
      w[i] = 2.0 / ((1 - z * z) * dp * dp);
    }
  }
};

const GaussRule& gauss() {
  static const GaussRule rule;
  return rule;
}

// Integrates f(phi) over [a, b] degrees (phi in degrees, dphi in radians), split at `breaks` and
// into panels of at most 3 degrees.
template <class F>
double integrateAngle(double a, double b, std::vector<double> breaks, F f) {
  std::vector<double> cuts{a};
  for (double c : breaks) {
    for (double k = -720; k <= 720; k += 360) {
      if (c + k > a && c + k < b) cuts.push_back(c + k);
    }
  }
  cuts.push_back(b);
  std::sort(cuts.begin(), cuts.end());
  const GaussRule& g = gauss();
  double total = 0;
  for (size_t i = 1; i < cuts.size(); ++i) {
    const int panels = std::max(1, static_cast<int>(std::ceil((cuts[i] - cuts[i - 1]) / 3.0)));
    const double h = (cuts[i] - cuts[i - 1]) / panels;
    for (int p = 0; p < panels; ++p) {
      const double mid = cuts[i - 1] + (p + 0.5) * h;
      for (int k = 0; k < kGauss; ++k) total += g.w[k] * f(mid + 0.5 * h * g.x[k]) * 0.5 * h * kDeg;
    }
  }
  return total;
}

double ringStart(const PlaneModel& m) { return m.hasSector ? m.sectorStart : 0.0; }
double ringEnd(const PlaneModel& m) { return m.hasSector ? m.sectorEnd : 360.0; }

std::vector<Vec3> unitVertices(const std::vector<Vec2>& v) {
  std::vector<Vec3> out;
  for (const Vec2& p : v) out.push_back(unitVector({p.x, p.y}));
  return out;
}

Vec3 meanDirection(const std::vector<Vec3>& v) {
  Vec3 m{0, 0, 0};
  for (const Vec3& u : v) {
    for (int k = 0; k < 3; ++k) m[k] += u[k];
  }
  return normalized(m);
}

// Planar polygon centroid.
Vec2 planarCentroid(const std::vector<Vec2>& v) {
  double a = 0, cx = 0, cy = 0;
  for (size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    const double x0 = v[j].x - v[0].x, y0 = v[j].y - v[0].y, x1 = v[i].x - v[0].x, y1 = v[i].y - v[0].y;
    const double c = x0 * y1 - x1 * y0;
    a += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  if (a == 0) return v.front();
  return {v[0].x + cx / (3 * a), v[0].y + cy / (3 * a)};
}

// Plane points of a ring outline: outer boundary (sector arc closed through the inner one).
std::vector<std::vector<Vec2>> ringOutlinePlane(const PlaneModel& m, int n) {
  std::vector<std::vector<Vec2>> curves;
  const double a = ringStart(m), b = ringEnd(m);
  auto arc = [&](bool outer, double from, double to) {
    std::vector<Vec2> pts;
    std::vector<double> phis;
    for (int i = 0; i <= n; ++i) phis.push_back(from + (to - from) * i / n);
    for (double c : m.cornerAngles()) {
      for (double k = -720; k <= 720; k += 360) {
        if ((c + k - from) * (c + k - to) < 0) phis.push_back(c + k);
      }
    }
    std::sort(phis.begin(), phis.end());
    if (to < from) std::reverse(phis.begin(), phis.end());
    for (double phi : phis) {
      const double r = outer ? m.outerRadius(phi) : m.innerRadius(phi);
      pts.push_back({r * std::cos(phi * kDeg), r * std::sin(phi * kDeg)});
    }
    return pts;
  };
  const bool hole = m.inner.x > 0 && m.inner.y > 0;
  if (!m.hasSector) {
    curves.push_back(arc(true, 0, 360));
    if (hole) curves.push_back(arc(false, 0, 360));
    return curves;
  }
  std::vector<Vec2> c = arc(true, a, b);
  if (hole) {
    const std::vector<Vec2> in = arc(false, b, a);
    c.insert(c.end(), in.begin(), in.end());
  } else {
    c.push_back({0, 0});
  }
  c.push_back(c.front());
  curves.push_back(c);
  return curves;
}

}  // namespace

double area(const Region& region) {
  const auto m = planeModel(region);
  if (!m) return 0;
  const bool sky = region.frame == Frame::Sky;
  if (m->kind == PlaneModel::Kind::Polygon) {
    if (m->vertices.size() < 3) return 0;
    if (sky) return sphericalPolygonArea(unitVertices(m->vertices));
    double a = 0;
    const auto& v = m->vertices;
    for (size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) a += (v[j].x - v[0].x) * (v[i].y - v[0].y) - (v[i].x - v[0].x) * (v[j].y - v[0].y);
    return std::abs(0.5 * a);
  }
  auto F = [sky](double rho) { return sky ? rho * rho / (1.0 + std::sqrt(1.0 + rho * rho)) / std::sqrt(1.0 + rho * rho) : 0.5 * rho * rho; };
  return integrateAngle(ringStart(*m), ringEnd(*m), m->cornerAngles(), [&](double phi) {
    return F(m->outerRadius(phi)) - F(m->innerRadius(phi));
  });
}

Vec2 centroid(const Region& region) {
  const auto m = planeModel(region);
  if (!m) return anchorOf(region.shape);
  const bool sky = region.frame == Frame::Sky;
  if (m->kind == PlaneModel::Kind::Polygon) {
    if (!sky) return planarCentroid(m->vertices);
    const std::vector<Vec3> u = unitVertices(m->vertices);
    const Vec3 mid = meanDirection(u);
    Vec3 sum{0, 0, 0};
    for (size_t i = 0; i < u.size(); ++i) {
      const Vec3& a = u[i];
      const Vec3& b = u[(i + 1) % u.size()];
      const double w = signedTriangleSolidAngle(mid, a, b);
      const Vec3 c = normalized({mid[0] + a[0] + b[0], mid[1] + a[1] + b[1], mid[2] + a[2] + b[2]});
      for (int k = 0; k < 3; ++k) sum[k] += w * c[k];
    }
    const wcs::SkyPoint p = toSkyPoint(sum);
    return {p.lon, p.lat};
  }
  if (!m->hasSector) return m->centre;  // symmetric about the centre
  // First moments over the sector in the plane (rho from the inner to the outer boundary).
  const GaussRule& g = gauss();
  auto moment = [&](int which) {
    return integrateAngle(ringStart(*m), ringEnd(*m), m->cornerAngles(), [&](double phi) {
      const double r0 = m->innerRadius(phi), r1 = m->outerRadius(phi);
      double acc = 0;
      for (int k = 0; k < kGauss; ++k) {
        const double rho = 0.5 * (r0 + r1) + 0.5 * (r1 - r0) * g.x[k];
        const double w = g.w[k] * 0.5 * (r1 - r0) * rho * (sky ? std::pow(1 + rho * rho, -1.5) : 1.0);
        acc += which == 0 ? w : (which == 1 ? w * rho * std::cos(phi * kDeg) : w * rho * std::sin(phi * kDeg));
      }
      return acc;
    });
  };
  const double m0 = moment(0), mx = moment(1) / m0, my = moment(2) / m0;
  if (!sky) return {m->centre.x + mx, m->centre.y + my};
  // On the sky the mean plane position, projected back, is the centroid to second order.
  const wcs::SkyPoint p = TangentPlane({m->centre.x, m->centre.y}).unproject({mx, my});
  return {p.lon, p.lat};
}

bool contains(const Region& region, Vec2 point) {
  const auto m = planeModel(region);
  if (!m) return false;
  const bool sky = region.frame == Frame::Sky;
  if (m->kind == PlaneModel::Kind::Polygon) {
    if (!sky) return polygonContains(m->vertices, point);
    const std::vector<Vec3> u = unitVertices(m->vertices);
    const TangentPlane tp(toSkyPoint(meanDirection(u)));
    std::vector<Vec2> plane;
    for (const Vec3& v : u) {
      const auto q = tp.project(v);
      if (!q) return false;
      plane.push_back(*q);
    }
    const auto q = tp.project(wcs::SkyPoint{point.x, point.y});
    return q && polygonContains(plane, *q);
  }
  if (!sky) return m->ringContains({point.x - m->centre.x, point.y - m->centre.y});
  const auto q = TangentPlane({m->centre.x, m->centre.y}).project(wcs::SkyPoint{point.x, point.y});
  return q && m->ringContains(*q);
}

std::vector<std::vector<Vec2>> outline(const Region& region, int samples) {
  const auto m = planeModel(region);
  const bool sky = region.frame == Frame::Sky;
  if (!m) return {{anchorOf(region.shape)}};
  if (m->kind == PlaneModel::Kind::Polygon) {
    if (!sky) return {m->vertices};
    const std::vector<Vec3> u = unitVertices(m->vertices);
    const TangentPlane tp(toSkyPoint(meanDirection(u)));
    std::vector<Vec2> pts;
    for (size_t i = 0; i < u.size(); ++i) {
      const auto a = tp.project(u[i]), b = tp.project(u[(i + 1) % u.size()]);
      if (!a || !b) continue;
      for (int k = 0; k < 8; ++k) {  // great-circle edges are straight in the tangent plane
        const wcs::SkyPoint p = tp.unproject({a->x + (b->x - a->x) * k / 8.0, a->y + (b->y - a->y) * k / 8.0});
        pts.push_back({p.lon, p.lat});
      }
    }
    return {pts};
  }
  std::vector<std::vector<Vec2>> curves = ringOutlinePlane(*m, std::max(8, samples));
  const TangentPlane tp({m->centre.x, m->centre.y});
  for (auto& c : curves) {
    for (Vec2& p : c) {
      if (sky) {
        const wcs::SkyPoint s = tp.unproject(p);
        p = {s.lon, s.lat};
      } else {
        p = {p.x + m->centre.x, p.y + m->centre.y};
      }
    }
  }
  return curves;
}

Bounds boundingBox(const Region& region) {
  const auto curves = outline(region, 256);
  Bounds b;
  bool first = true;
  const bool sky = region.frame == Frame::Sky;
  const Vec2 c = centroid(region);
  for (const auto& curve : curves) {
    for (Vec2 p : curve) {
      if (sky) p.x = c.x + std::remainder(p.x - c.x, 360.0);
      if (first) {
        b = {p.x, p.x, p.y, p.y};
        first = false;
      }
      b.xMin = std::min(b.xMin, p.x);
      b.xMax = std::max(b.xMax, p.x);
      b.yMin = std::min(b.yMin, p.y);
      b.yMax = std::max(b.yMax, p.y);
    }
  }
  if (sky) {
    if (contains(region, {0, 90})) {
      b = {0, 360, b.yMin, 90};
    } else if (contains(region, {0, -90})) {
      b = {0, 360, -90, b.yMax};
    } else {
      b.xMin = std::fmod(b.xMin + 720.0, 360.0);
      b.xMax = std::fmod(b.xMax + 720.0, 360.0);
    }
  }
  return b;
}

double boundingRadius(const Region& region) {
  const Vec2 c = centroid(region);
  double r = 0;
  for (const auto& curve : outline(region, 256)) {
    for (const Vec2& p : curve) {
      r = std::max(r, region.frame == Frame::Sky ? wcs::angularDistanceDeg({c.x, c.y}, {p.x, p.y})
                                                 : std::hypot(p.x - c.x, p.y - c.y));
    }
  }
  return r * 1.001;  // outline samples can miss the extreme by ~1e-4 of the radius
}

}  // namespace xsky::regions
