#include "regions/Region.h"

#include <type_traits>

namespace xsky::regions {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
// Clang 14 (the fuzz and sanitizer builds) has no aggregate deduction yet: spell the guide out.
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

CoordSystem systemOf(Frame frame) {
  switch (frame) {
    case Frame::Sky: return CoordSystem::Icrs;
    case Frame::Image: return CoordSystem::Image;
    case Frame::Physical: return CoordSystem::Physical;
  }
  return CoordSystem::Icrs;
}

bool isSkySystem(CoordSystem system) {
  return system != CoordSystem::Image && system != CoordSystem::Physical;
}

QString systemName(CoordSystem system) {
  switch (system) {
    case CoordSystem::Image: return QStringLiteral("image");
    case CoordSystem::Physical: return QStringLiteral("physical");
    case CoordSystem::Fk4: return QStringLiteral("fk4");
    case CoordSystem::Fk5: return QStringLiteral("fk5");
    case CoordSystem::Icrs: return QStringLiteral("icrs");
    case CoordSystem::Galactic: return QStringLiteral("galactic");
    case CoordSystem::Ecliptic: return QStringLiteral("ecliptic");
  }
  return {};
}

bool parseSystemName(const QString& word, CoordSystem* system) {
  const QString w = word.toLower();
  if (w == QLatin1String("image")) *system = CoordSystem::Image;
  else if (w == QLatin1String("physical")) *system = CoordSystem::Physical;
  else if (w == QLatin1String("fk4") || w == QLatin1String("b1950")) *system = CoordSystem::Fk4;
  else if (w == QLatin1String("fk5") || w == QLatin1String("j2000")) *system = CoordSystem::Fk5;
  else if (w == QLatin1String("icrs")) *system = CoordSystem::Icrs;
  else if (w == QLatin1String("galactic")) *system = CoordSystem::Galactic;
  else if (w == QLatin1String("ecliptic")) *system = CoordSystem::Ecliptic;
  else return false;
  return true;
}

QString frameName(Frame frame) {
  switch (frame) {
    case Frame::Sky: return QStringLiteral("sky");
    case Frame::Image: return QStringLiteral("image");
    case Frame::Physical: return QStringLiteral("physical");
  }
  return {};
}

const char* shapeName(const Shape& shape) {
  return std::visit(
      Overloaded{[](const Circle&) { return "circle"; },
                 [](const Ellipse&) { return "ellipse"; },
                 [](const Box&) { return "box"; },
                 [](const Polygon&) { return "polygon"; },
                 [](const Annulus&) { return "annulus"; },
                 [](const EllipseAnnulus&) { return "ellipse"; },
                 [](const BoxAnnulus&) { return "box"; },
                 [](const Panda&) { return "panda"; },
                 [](const Epanda&) { return "epanda"; },
                 [](const Bpanda&) { return "bpanda"; },
                 [](const Point&) { return "point"; },
                 [](const Line&) { return "line"; },
                 [](const Text&) { return "text"; },
                 [](const Vector&) { return "vector"; },
                 [](const Ruler&) { return "ruler"; },
                 [](const Compass&) { return "compass"; },
                 [](const Projection&) { return "projection"; },
                 [](const Segment&) { return "segment"; },
                 [](const Composite&) { return "composite"; }},
      shape);
}

bool hasArea(const Shape& shape) {
  return std::holds_alternative<Circle>(shape) || std::holds_alternative<Ellipse>(shape) ||
         std::holds_alternative<Box>(shape) || std::holds_alternative<Polygon>(shape) ||
         std::holds_alternative<Annulus>(shape) || std::holds_alternative<EllipseAnnulus>(shape) ||
         std::holds_alternative<BoxAnnulus>(shape) || std::holds_alternative<Panda>(shape) ||
         std::holds_alternative<Epanda>(shape) || std::holds_alternative<Bpanda>(shape);
}

Vec2 anchorOf(const Shape& shape) {
  return std::visit(
      [](const auto& s) -> Vec2 {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, Polygon> || std::is_same_v<T, Segment>) {
          return s.vertices.empty() ? Vec2{} : s.vertices.front();
        } else if constexpr (std::is_same_v<T, Line> || std::is_same_v<T, Ruler> ||
                             std::is_same_v<T, Projection>) {
          return s.from;
        } else if constexpr (std::is_same_v<T, Point> || std::is_same_v<T, Text>) {
          return s.position;
        } else if constexpr (std::is_same_v<T, Vector>) {
          return s.origin;
        } else {
          return s.centre;
        }
      },
      shape);
}

QString describe(const Region& region) {
  return QStringLiteral("%1(%2) %3 %4")
      .arg(QString::fromLatin1(shapeName(region.shape)), frameName(region.frame),
           region.include ? QStringLiteral("include") : QStringLiteral("exclude"),
           region.role == Role::Source ? QStringLiteral("source") : QStringLiteral("background"));
}

}  // namespace xsky::regions
