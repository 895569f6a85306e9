#include "regions/SkyGeometry.h"

#include <cmath>
#include <numbers>

namespace xsky::regions {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
}

Vec3 unitVector(wcs::SkyPoint p) {
  const double a = p.lon * kDeg, d = p.lat * kDeg;
  return {std::cos(d) * std::cos(a), std::cos(d) * std::sin(a), std::sin(d)};
}

wcs::SkyPoint toSkyPoint(const Vec3& v) {
  const double r = std::hypot(v[0], v[1]);
  double lon = r == 0 ? 0.0 : std::atan2(v[1], v[0]) / kDeg;
  if (lon < 0) lon += 360.0;
  if (lon >= 360.0) lon -= 360.0;
  return {lon, std::atan2(v[2], r) / kDeg};
}

double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

Vec3 normalized(const Vec3& v) {
  const double n = std::sqrt(dot(v, v));
  if (n == 0) return v;
  return {v[0] / n, v[1] / n, v[2] / n};
}

TangentPlane::TangentPlane(wcs::SkyPoint centre) : centre_(centre) {
  const double a = centre.lon * kDeg, d = centre.lat * kDeg;
  c_ = unitVector(centre);
  // East = (-sin a, cos a, 0); North = (-sin d cos a, -sin d sin a, cos d). West = -East.
  west_ = {std::sin(a), -std::cos(a), 0.0};
  north_ = {-std::sin(d) * std::cos(a), -std::sin(d) * std::sin(a), std::cos(d)};
}

std::optional<Vec2> TangentPlane::project(const Vec3& p) const {
  const double w = dot(p, c_);
  if (w <= 1e-12) return std::nullopt;
  return Vec2{dot(p, west_) / w, dot(p, north_) / w};
}

std::optional<Vec2> TangentPlane::project(wcs::SkyPoint p) const { return project(unitVector(p)); }

Vec3 TangentPlane::unprojectVector(Vec2 uv) const {
  return normalized({c_[0] + uv.x * west_[0] + uv.y * north_[0],
                     c_[1] + uv.x * west_[1] + uv.y * north_[1],
                     c_[2] + uv.x * west_[2] + uv.y * north_[2]});
}

wcs::SkyPoint TangentPlane::unproject(Vec2 uv) const { return toSkyPoint(unprojectVector(uv)); }

double signedTriangleSolidAngle(const Vec3& a, const Vec3& b, const Vec3& c) {
  // Van Oosterom & Strackee (1983): tan(Omega/2) = a.(b x c) / (1 + a.b + b.c + c.a).
  const double num = dot(a, cross(b, c));
  const double den = 1.0 + dot(a, b) + dot(b, c) + dot(c, a);
  return 2.0 * std::atan2(num, den);
}

double sphericalPolygonArea(const std::vector<Vec3>& vertices) {
  const size_t n = vertices.size();
  if (n < 3) return 0;
  // Fan from the normalised mean direction (inside for any polygon smaller than a hemisphere).
  Vec3 m{0, 0, 0};
  for (const Vec3& v : vertices) {
    for (int k = 0; k < 3; ++k) m[k] += v[k];
  }
  m = normalized(m);
  double total = 0;
  for (size_t i = 0; i < n; ++i) {
    total += signedTriangleSolidAngle(m, vertices[i], vertices[(i + 1) % n]);
  }
  return std::abs(total);
}

}  // namespace xsky::regions
