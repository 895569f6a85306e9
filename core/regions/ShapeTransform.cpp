#include "regions/ShapeTransform.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace xsky::regions {

namespace {

class Converter {
 public:
  Converter(const Region& region, CoordSystem to, const CoordinateMapper& mapper, QString* error)
      : from_(systemOf(region.frame)), to_(to), mapper_(mapper), error_(error) {
    if (region.frame == Frame::Sky) {
      const Vec2 a = anchorOf(region.shape);
      anchor_ = wcs::SkyPoint{a.x, a.y};
    }
  }

  bool ok() const { return ok_; }

  Vec2 pos(Vec2 p) {
    if (!ok_) return p;
    const auto r = mapper_.position(p, from_, to_, error_);
    if (!r) ok_ = false;
    return r.value_or(p);
  }
  double len(double v, int axis = 0) {
    if (!ok_) return v;
    const auto r = mapper_.length(v, from_, to_, axis, error_);
    if (!r) ok_ = false;
    return r.value_or(v);
  }
  Vec2 pair(Vec2 v) { return {len(v.x, 0), len(v.y, 1)}; }
  double ang(double a) {
    if (!ok_) return a;
    const auto r = mapper_.angle(a, from_, to_, anchor_, error_);
    if (!r) ok_ = false;
    return r.value_or(a);
  }
  std::vector<double> angles(const std::vector<double>& in) {
    std::vector<double> c;
    for (double a : in) c.push_back(ang(a));
    if (!ok_ || in.empty()) return in;
    const bool reversed = std::remainder(ang(in[0] + 1.0) - c[0], 360.0) < 0;
    return ascendingAngles(std::move(c), reversed);
  }
  std::vector<Vec2> points(const std::vector<Vec2>& in) {
    std::vector<Vec2> out;
    for (const Vec2& p : in) out.push_back(pos(p));
    return out;
  }
  std::vector<Vec2> pairs(const std::vector<Vec2>& in) {
    std::vector<Vec2> out;
    for (const Vec2& p : in) out.push_back(pair(p));
    return out;
  }

 private:
  CoordSystem from_, to_;
  const CoordinateMapper& mapper_;
  QString* error_;
  std::optional<wcs::SkyPoint> anchor_;
  bool ok_ = true;
};

}  // namespace

std::vector<double> ascendingAngles(std::vector<double> c, bool reversed) {
  if (c.empty()) return c;
  if (reversed) std::reverse(c.begin(), c.end());
  c[0] = std::fmod(c[0], 360.0);
  if (c[0] < 0) c[0] += 360.0;
  for (size_t i = 1; i < c.size(); ++i) {
    while (c[i] > c[i - 1] + 360.0) c[i] -= 360.0;
    while (c[i] <= c[i - 1] + 1e-9) c[i] += 360.0;
  }
  return c;
}

std::optional<Shape> transformShape(const Region& region, CoordSystem to,
                                    const CoordinateMapper& mapper, QString* error) {
  Converter k(region, to, mapper, error);
  Shape out = std::visit(
      [&](const auto& s) -> Shape {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, Circle>) {
          return Circle{k.pos(s.centre), k.len(s.radius)};
        } else if constexpr (std::is_same_v<T, Ellipse>) {
          return Ellipse{k.pos(s.centre), k.pair(s.radii), k.ang(s.angle)};
        } else if constexpr (std::is_same_v<T, Box>) {
          return Box{k.pos(s.centre), k.pair(s.size), k.ang(s.angle)};
        } else if constexpr (std::is_same_v<T, Polygon>) {
          return Polygon{k.points(s.vertices)};
        } else if constexpr (std::is_same_v<T, Annulus>) {
          std::vector<double> r;
          for (double v : s.radii) r.push_back(k.len(v));
          return Annulus{k.pos(s.centre), r};
        } else if constexpr (std::is_same_v<T, EllipseAnnulus>) {
          return EllipseAnnulus{k.pos(s.centre), k.pairs(s.radii), k.ang(s.angle)};
        } else if constexpr (std::is_same_v<T, BoxAnnulus>) {
          return BoxAnnulus{k.pos(s.centre), k.pairs(s.sizes), k.ang(s.angle)};
        } else if constexpr (std::is_same_v<T, Panda>) {
          std::vector<double> r;
          for (double v : s.radii) r.push_back(k.len(v));
          return Panda{k.pos(s.centre), k.angles(s.angles), r};
        } else if constexpr (std::is_same_v<T, Epanda>) {
          return Epanda{k.pos(s.centre), k.angles(s.angles), k.pairs(s.radii), k.ang(s.angle)};
        } else if constexpr (std::is_same_v<T, Bpanda>) {
          return Bpanda{k.pos(s.centre), k.angles(s.angles), k.pairs(s.sizes), k.ang(s.angle)};
        } else if constexpr (std::is_same_v<T, Point>) {
          return Point{k.pos(s.position)};
        } else if constexpr (std::is_same_v<T, Line>) {
          return Line{k.pos(s.from), k.pos(s.to)};
        } else if constexpr (std::is_same_v<T, Text>) {
          return Text{k.pos(s.position)};
        } else if constexpr (std::is_same_v<T, Vector>) {
          return Vector{k.pos(s.origin), k.len(s.length), k.ang(s.angle)};
        } else if constexpr (std::is_same_v<T, Ruler>) {
          return Ruler{k.pos(s.from), k.pos(s.to)};
        } else if constexpr (std::is_same_v<T, Compass>) {
          return Compass{k.pos(s.centre), k.len(s.length)};
        } else if constexpr (std::is_same_v<T, Projection>) {
          return Projection{k.pos(s.from), k.pos(s.to), k.len(s.thickness)};
        } else if constexpr (std::is_same_v<T, Segment>) {
          return Segment{k.points(s.vertices)};
        } else {
          return Composite{k.pos(s.centre), k.ang(s.angle)};
        }
      },
      region.shape);
  if (!k.ok()) return std::nullopt;
  return out;
}

std::optional<double> transformAngle(const Region& region, double angle, CoordSystem to,
                                     const CoordinateMapper& mapper, QString* error) {
  Converter k(region, to, mapper, error);
  const double a = k.ang(angle);
  if (!k.ok()) return std::nullopt;
  return a;
}

std::optional<Region> convertRegion(const Region& region, Frame to, const CoordinateMapper& mapper,
                                    QString* error) {
  auto shape = transformShape(region, systemOf(to), mapper, error);
  if (!shape) return std::nullopt;
  Region out = region;
  out.shape = *shape;
  out.frame = to;
  if (region.style.textAngle != 0) {
    if (auto a = transformAngle(region, region.style.textAngle, systemOf(to), mapper, error)) {
      out.style.textAngle = *a;
    }
  }
  return out;
}

}  // namespace xsky::regions
