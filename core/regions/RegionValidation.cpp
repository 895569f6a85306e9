#include "regions/RegionValidation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "regions/SkyGeometry.h"

namespace xsky::regions {

namespace {

Validation invalid(const QString& why) { return {Degeneracy::Invalid, why}; }

bool finite(Vec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }

Validation checkRadii(const std::vector<double>& r, const char* what) {
  if (r.size() < 2) return invalid(QStringLiteral("%1 needs at least two radii").arg(QLatin1String(what)));
  for (size_t i = 0; i < r.size(); ++i) {
    if (!std::isfinite(r[i]) || r[i] < 0) return invalid(QStringLiteral("%1 radius %2 is negative").arg(QLatin1String(what)).arg(r[i]));
    if (i > 0 && !(r[i] > r[i - 1])) {
      return invalid(QStringLiteral("%1 radii must increase (inner %2 >= outer %3)")
                         .arg(QLatin1String(what))
                         .arg(r[i - 1])
                         .arg(r[i]));
    }
  }
  return {};
}

Validation checkPairs(const std::vector<Vec2>& r, const char* what) {
  if (r.size() < 2) return invalid(QStringLiteral("%1 needs at least two sizes").arg(QLatin1String(what)));
  for (size_t i = 0; i < r.size(); ++i) {
    if (!finite(r[i]) || r[i].x < 0 || r[i].y < 0) return invalid(QStringLiteral("%1 has a negative size").arg(QLatin1String(what)));
    if (i > 0 && !(r[i].x > r[i - 1].x && r[i].y > r[i - 1].y)) {
      return invalid(QStringLiteral("%1 sizes must increase (inner is not inside outer)").arg(QLatin1String(what)));
    }
  }
  return {};
}

Validation checkAngles(const std::vector<double>& a) {
  if (a.size() < 2) return invalid(QStringLiteral("panda needs at least two angles"));
  for (size_t i = 1; i < a.size(); ++i) {
    if (!(a[i] > a[i - 1])) return invalid(QStringLiteral("panda angles must increase"));
  }
  if (a.back() - a.front() > 360.0 + 1e-9) return invalid(QStringLiteral("panda angles span more than 360 degrees"));
  return {};
}

Validation checkSize(Vec2 s, const char* what) {
  if (!finite(s) || !(s.x > 0) || !(s.y > 0)) {
    return invalid(QStringLiteral("%1 has a zero or negative size (%2 x %3)").arg(QLatin1String(what)).arg(s.x).arg(s.y));
  }
  return {};
}

Validation checkPolygon(const Region& region, const std::vector<Vec2>& raw) {
  std::vector<Vec2> v;
  for (const Vec2& p : raw) {
    if (!finite(p)) return invalid(QStringLiteral("polygon has a non-finite vertex"));
    if (v.empty() || !(p == v.back())) v.push_back(p);
  }
  if (v.size() > 1 && v.front() == v.back()) v.pop_back();
  if (v.size() < 3) return invalid(QStringLiteral("polygon needs at least 3 distinct vertices (has %1)").arg(v.size()));
  std::vector<Vec2> plane = v;
  if (region.frame == Frame::Sky) {
    Vec3 m{0, 0, 0};
    for (const Vec2& p : v) {
      const Vec3 u = unitVector({p.x, p.y});
      for (int k = 0; k < 3; ++k) m[k] += u[k];
    }
    const TangentPlane tp(toSkyPoint(m));
    for (size_t i = 0; i < v.size(); ++i) {
      const auto q = tp.project(wcs::SkyPoint{v[i].x, v[i].y});
      if (!q) return invalid(QStringLiteral("polygon spans more than a hemisphere"));
      plane[i] = *q;
    }
  }
  double extent = 0;
  for (const Vec2& p : plane) extent = std::max({extent, std::abs(p.x - plane[0].x), std::abs(p.y - plane[0].y)});
  double spread = 0;  // sum of |fan triangle areas|: zero only when all vertices are collinear
  for (size_t i = 2; i < plane.size(); ++i) {
    spread += std::abs((plane[i - 1].x - plane[0].x) * (plane[i].y - plane[0].y) -
                       (plane[i].x - plane[0].x) * (plane[i - 1].y - plane[0].y));
  }
  if (spread <= 1e-14 * extent * extent) return invalid(QStringLiteral("polygon has no area (collinear vertices)"));
  if (isSelfIntersecting(plane)) return {Degeneracy::SelfIntersecting, QStringLiteral("polygon edges cross (self-intersecting)")};
  if (std::abs(signedArea(plane)) <= 1e-14 * extent * extent) return invalid(QStringLiteral("polygon has no area (collinear vertices)"));
  return {};
}

}  // namespace

double signedArea(const std::vector<Vec2>& v) {
  double a = 0;
  const size_t n = v.size();
  for (size_t i = 0, j = n - 1; i < n; j = i++) a += (v[j].x - v[0].x) * (v[i].y - v[0].y) - (v[i].x - v[0].x) * (v[j].y - v[0].y);
  return 0.5 * a;
}

namespace {

double orient(Vec2 a, Vec2 b, Vec2 c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

bool onSegment(Vec2 a, Vec2 b, Vec2 p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

bool segmentsTouch(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
  const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (o1 == 0 && onSegment(a, b, c)) || (o2 == 0 && onSegment(a, b, d)) ||
         (o3 == 0 && onSegment(c, d, a)) || (o4 == 0 && onSegment(c, d, b));
}

}  // namespace

bool isSelfIntersecting(const std::vector<Vec2>& v) {
  const size_t n = v.size();
  if (n < 4) return false;
  auto adjacent = [n](size_t i, size_t j) { return j == i + 1 || (i == 0 && j == n - 1); };
  if (n <= 64) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) {
        if (adjacent(i, j)) continue;
        if (segmentsTouch(v[i], v[(i + 1) % n], v[j], v[(j + 1) % n])) return true;
      }
    }
    return false;
  }
  // Uniform grid of about n cells; each edge is registered in every cell its box overlaps and
  // tested against the edges already there.
  double x0 = v[0].x, x1 = v[0].x, y0 = v[0].y, y1 = v[0].y;
  for (const Vec2& p : v) {
    x0 = std::min(x0, p.x);
    x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y);
    y1 = std::max(y1, p.y);
  }
  const int cells = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(n))));
  const double w = (x1 - x0) / cells + 1e-300, h = (y1 - y0) / cells + 1e-300;
  std::vector<std::vector<uint32_t>> grid(static_cast<size_t>(cells) * cells);
  auto cellOf = [&](double x, double lo, double size) {
    return std::clamp(static_cast<int>((x - lo) / size), 0, cells - 1);
  };
  for (size_t i = 0; i < n; ++i) {
    const Vec2 a = v[i], b = v[(i + 1) % n];
    const int cx0 = cellOf(std::min(a.x, b.x), x0, w), cx1 = cellOf(std::max(a.x, b.x), x0, w);
    const int cy0 = cellOf(std::min(a.y, b.y), y0, h), cy1 = cellOf(std::max(a.y, b.y), y0, h);
    for (int cy = cy0; cy <= cy1; ++cy) {
      for (int cx = cx0; cx <= cx1; ++cx) {
        auto& bucket = grid[static_cast<size_t>(cy) * cells + cx];
        for (uint32_t j : bucket) {
          const size_t lo = std::min<size_t>(i, j), hi = std::max<size_t>(i, j);
          if (adjacent(lo, hi)) continue;
          if (segmentsTouch(a, b, v[j], v[(j + 1) % n])) return true;
        }
        bucket.push_back(static_cast<uint32_t>(i));
      }
    }
  }
  return false;
}

Validation validate(const Region& region) {
  return std::visit(
      [&](const auto& s) -> Validation {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, Circle>) {
          if (!std::isfinite(s.radius) || !(s.radius > 0)) return invalid(QStringLiteral("circle radius must be > 0 (got %1)").arg(s.radius));
          return {};
        } else if constexpr (std::is_same_v<T, Ellipse>) {
          return checkSize(s.radii, "ellipse");
        } else if constexpr (std::is_same_v<T, Box>) {
          return checkSize(s.size, "box");
        } else if constexpr (std::is_same_v<T, Polygon>) {
          return checkPolygon(region, s.vertices);
        } else if constexpr (std::is_same_v<T, Annulus>) {
          return checkRadii(s.radii, "annulus");
        } else if constexpr (std::is_same_v<T, EllipseAnnulus>) {
          return checkPairs(s.radii, "elliptical annulus");
        } else if constexpr (std::is_same_v<T, BoxAnnulus>) {
          return checkPairs(s.sizes, "box annulus");
        } else if constexpr (std::is_same_v<T, Panda>) {
          if (auto v = checkAngles(s.angles); !v) return v;
          return checkRadii(s.radii, "panda");
        } else if constexpr (std::is_same_v<T, Epanda>) {
          if (auto v = checkAngles(s.angles); !v) return v;
          return checkPairs(s.radii, "epanda");
        } else if constexpr (std::is_same_v<T, Bpanda>) {
          if (auto v = checkAngles(s.angles); !v) return v;
          return checkPairs(s.sizes, "bpanda");
        } else {
          return {};
        }
      },
      region.shape);
}

}  // namespace xsky::regions
