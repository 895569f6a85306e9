#include "regions/PlaneModel.h"

#include <cmath>
#include <numbers>
#include <type_traits>

namespace xsky::regions {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

double radiusAlong(PlaneModel::Boundary b, Vec2 axes, double psiDeg) {
  if (axes.x <= 0 || axes.y <= 0) return 0;
  const double c = std::cos(psiDeg * kDeg), s = std::sin(psiDeg * kDeg);
  if (b == PlaneModel::Boundary::Ellipse) {
    return 1.0 / std::sqrt(c * c / (axes.x * axes.x) + s * s / (axes.y * axes.y));
  }
  const double rx = std::abs(c) > 0 ? axes.x / std::abs(c) : HUGE_VAL;
  const double ry = std::abs(s) > 0 ? axes.y / std::abs(s) : HUGE_VAL;
  return std::min(rx, ry);
}

bool insideBoundary(PlaneModel::Boundary b, Vec2 axes, double p, double q) {
  if (b == PlaneModel::Boundary::Ellipse) {
    return (p / axes.x) * (p / axes.x) + (q / axes.y) * (q / axes.y) <= 1.0;
  }
  return std::abs(p) <= axes.x && std::abs(q) <= axes.y;
}

}  // namespace

double PlaneModel::outerRadius(double phiDeg) const { return radiusAlong(boundary, outer, phiDeg - rotation); }

double PlaneModel::innerRadius(double phiDeg) const { return radiusAlong(boundary, inner, phiDeg - rotation); }

std::vector<double> PlaneModel::cornerAngles() const {
  std::vector<double> out;
  if (kind != Kind::Ring || boundary != Boundary::Box) return out;
  for (const Vec2& a : {outer, inner}) {
    if (a.x <= 0 || a.y <= 0) continue;
    const double c = std::atan2(a.y, a.x) / kDeg;
    for (double corner : {c, 180.0 - c, 180.0 + c, 360.0 - c}) {
      out.push_back(std::fmod(corner + rotation + 720.0, 360.0));
    }
  }
  return out;
}

bool PlaneModel::ringContains(Vec2 uv) const {
  const double c = std::cos(rotation * kDeg), s = std::sin(rotation * kDeg);
  const double p = uv.x * c + uv.y * s, q = -uv.x * s + uv.y * c;
  if (!insideBoundary(boundary, outer, p, q)) return false;
  // The ring keeps its inner boundary's points out (outer boundary included).
  if (inner.x > 0 && inner.y > 0) {
    const bool inHole = boundary == Boundary::Ellipse
                            ? (p / inner.x) * (p / inner.x) + (q / inner.y) * (q / inner.y) < 1.0
                            : std::abs(p) < inner.x && std::abs(q) < inner.y;
    if (inHole) return false;
  }
  if (hasSector) {
    const double phi = std::atan2(uv.y, uv.x) / kDeg;
    const double offset = std::fmod(phi - sectorStart + 720.0, 360.0);
    if (offset > sectorEnd - sectorStart) return false;
  }
  return true;
}

bool polygonContains(const std::vector<Vec2>& v, Vec2 p) {
  bool inside = false;
  const size_t n = v.size();
  for (size_t i = 0, j = n - 1; i < n; j = i++) {
    if ((v[i].y > p.y) != (v[j].y > p.y)) {
      const double x = v[j].x + (p.y - v[j].y) * (v[i].x - v[j].x) / (v[i].y - v[j].y);
      if (p.x < x) inside = !inside;
    }
  }
  return inside;
}

std::optional<PlaneModel> planeModel(const Region& region) {
  const bool sky = region.frame == Frame::Sky;
  auto L = [sky](double len) { return sky ? std::tan(len * kDeg) : len; };
  auto L2 = [&](Vec2 v, double factor) { return Vec2{L(v.x * factor), L(v.y * factor)}; };
  PlaneModel m;
  m.frame = region.frame;
  auto sector = [&m](const std::vector<double>& a) {
    if (a.size() >= 2 && a.back() - a.front() < 360.0 - 1e-9) {
      m.hasSector = true;
      m.sectorStart = std::fmod(a.front() + 720.0, 360.0);
      m.sectorEnd = m.sectorStart + (a.back() - a.front());
    }
  };
  return std::visit(
      [&](const auto& s) -> std::optional<PlaneModel> {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, Circle>) {
          m.centre = s.centre;
          m.outer = {L(s.radius), L(s.radius)};
        } else if constexpr (std::is_same_v<T, Ellipse>) {
          m.centre = s.centre;
          m.rotation = s.angle;
          m.outer = L2(s.radii, 1.0);
        } else if constexpr (std::is_same_v<T, Box>) {
          m.centre = s.centre;
          m.boundary = PlaneModel::Boundary::Box;
          m.rotation = s.angle;
          m.outer = L2(s.size, 0.5);
        } else if constexpr (std::is_same_v<T, Polygon>) {
          m.kind = PlaneModel::Kind::Polygon;
          m.vertices = s.vertices;
          if (!s.vertices.empty()) m.centre = s.vertices.front();
        } else if constexpr (std::is_same_v<T, Annulus> || std::is_same_v<T, Panda>) {
          if (s.radii.size() < 2) return std::nullopt;
          m.centre = s.centre;
          m.inner = {L(s.radii.front()), L(s.radii.front())};
          m.outer = {L(s.radii.back()), L(s.radii.back())};
          if constexpr (std::is_same_v<T, Panda>) sector(s.angles);
        } else if constexpr (std::is_same_v<T, EllipseAnnulus> || std::is_same_v<T, Epanda>) {
          if (s.radii.size() < 2) return std::nullopt;
          m.centre = s.centre;
          m.rotation = s.angle;
          m.inner = L2(s.radii.front(), 1.0);
          m.outer = L2(s.radii.back(), 1.0);
          if constexpr (std::is_same_v<T, Epanda>) sector(s.angles);
        } else if constexpr (std::is_same_v<T, BoxAnnulus> || std::is_same_v<T, Bpanda>) {
          if (s.sizes.size() < 2) return std::nullopt;
          m.centre = s.centre;
          m.boundary = PlaneModel::Boundary::Box;
          m.rotation = s.angle;
          m.inner = L2(s.sizes.front(), 0.5);
          m.outer = L2(s.sizes.back(), 0.5);
          if constexpr (std::is_same_v<T, Bpanda>) sector(s.angles);
        } else {
          return std::nullopt;
        }
        return m;
      },
      region.shape);
}

}  // namespace xsky::regions
