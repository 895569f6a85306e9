#include "regions/ShapeEdit.h"

#include <cmath>
#include <numbers>
#include <type_traits>

namespace xsky::regions {

namespace {

// Applies `pos` to every position, `len` to every length, `ang` to every angle of a shape.
template <class Pos, class Len, class Ang>
Shape mapShape(const Shape& shape, Pos pos, Len len, Ang ang) {
  auto pair = [&](Vec2 v) { return Vec2{len(v.x), len(v.y)}; };
  return std::visit(
      [&](auto s) -> Shape {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, Circle>) {
          s.centre = pos(s.centre);
          s.radius = len(s.radius);
        } else if constexpr (std::is_same_v<T, Ellipse>) {
          s.centre = pos(s.centre);
          s.radii = pair(s.radii);
          s.angle = ang(s.angle);
        } else if constexpr (std::is_same_v<T, Box>) {
          s.centre = pos(s.centre);
          s.size = pair(s.size);
          s.angle = ang(s.angle);
        } else if constexpr (std::is_same_v<T, Polygon> || std::is_same_v<T, Segment>) {
          for (Vec2& v : s.vertices) v = pos(v);
        } else if constexpr (std::is_same_v<T, Annulus>) {
          s.centre = pos(s.centre);
          for (double& r : s.radii) r = len(r);
        } else if constexpr (std::is_same_v<T, EllipseAnnulus>) {
          s.centre = pos(s.centre);
          for (Vec2& r : s.radii) r = pair(r);
          s.angle = ang(s.angle);
        } else if constexpr (std::is_same_v<T, BoxAnnulus>) {
          s.centre = pos(s.centre);
          for (Vec2& r : s.sizes) r = pair(r);
          s.angle = ang(s.angle);
        } else if constexpr (std::is_same_v<T, Panda>) {
          s.centre = pos(s.centre);
          for (double& r : s.radii) r = len(r);
          for (double& a : s.angles) a = ang(a);
        } else if constexpr (std::is_same_v<T, Epanda>) {
          s.centre = pos(s.centre);
          for (Vec2& r : s.radii) r = pair(r);
          for (double& a : s.angles) a = ang(a);
          s.angle = ang(s.angle);
        } else if constexpr (std::is_same_v<T, Bpanda>) {
          s.centre = pos(s.centre);
          for (Vec2& r : s.sizes) r = pair(r);
          for (double& a : s.angles) a = ang(a);
          s.angle = ang(s.angle);
        } else if constexpr (std::is_same_v<T, Point> || std::is_same_v<T, Text>) {
          s.position = pos(s.position);
        } else if constexpr (std::is_same_v<T, Line> || std::is_same_v<T, Ruler>) {
          s.from = pos(s.from);
          s.to = pos(s.to);
        } else if constexpr (std::is_same_v<T, Projection>) {
          s.from = pos(s.from);
          s.to = pos(s.to);
          s.thickness = len(s.thickness);
        } else if constexpr (std::is_same_v<T, Vector>) {
          s.origin = pos(s.origin);
          s.length = len(s.length);
          s.angle = ang(s.angle);
        } else if constexpr (std::is_same_v<T, Compass>) {
          s.centre = pos(s.centre);
          s.length = len(s.length);
        } else if constexpr (std::is_same_v<T, Composite>) {
          s.centre = pos(s.centre);
          s.angle = ang(s.angle);
        }
        return s;
      },
      shape);
}

double same(double v) { return v; }

}  // namespace

Shape translated(const Shape& shape, Vec2 delta) {
  return mapShape(shape, [&](Vec2 p) { return Vec2{p.x + delta.x, p.y + delta.y}; }, same, same);
}

Shape scaled(const Shape& shape, double factor, Vec2 about) {
  return mapShape(
      shape,
      [&](Vec2 p) { return Vec2{about.x + (p.x - about.x) * factor, about.y + (p.y - about.y) * factor}; },
      [&](double v) { return v * factor; }, same);
}

Shape rotated(const Shape& shape, double degrees, Vec2 about) {
  const double c = std::cos(degrees * std::numbers::pi / 180.0);
  const double s = std::sin(degrees * std::numbers::pi / 180.0);
  return mapShape(
      shape,
      [&](Vec2 p) {
        const double dx = p.x - about.x, dy = p.y - about.y;
        return Vec2{about.x + c * dx - s * dy, about.y + s * dx + c * dy};
      },
      same, [&](double a) { return a + degrees; });
}

bool isRotatable(const Shape& shape) {
  return !std::holds_alternative<Circle>(shape) && !std::holds_alternative<Annulus>(shape) &&
         !std::holds_alternative<Point>(shape) && !std::holds_alternative<Compass>(shape);
}

}  // namespace xsky::regions
