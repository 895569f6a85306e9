#include "regions/CiaoRegionWriter.h"

#include <type_traits>

#include "regions/CoordinateMapper.h"
#include "regions/Ds9Format.h"
#include "regions/RegionFileIo.h"
#include "regions/ShapeTransform.h"

namespace xsky::regions {

namespace {

using format::general;

struct CiaoPrinter {
  bool sky;
  QString pos(Vec2 p) const {
    if (!sky) return general(p.x) + QLatin1Char(',') + general(p.y);
    return format::hours(p.x) + QLatin1Char(',') + format::degreesDms(p.y);
  }
  QString len(double v) const {
    return sky ? format::fixed(v * 60.0, 5) + QLatin1Char('\'') : general(v);
  }
};

}  // namespace

QString CiaoRegionWriter::toText(const std::vector<Region>& regions, QStringList* problems) const {
  const CoordinateMapper mapper(options_.image);
  const bool sky = isSkySystem(options_.system);
  const CoordSystem positions = sky ? CoordSystem::Fk5 : CoordSystem::Physical;
  const CiaoPrinter pr{sky};
  QString text;
  for (const Region& region : regions) {
    QString why;
    const auto shape = transformShape(region, positions, mapper, &why);
    // Angles are always in the physical pixel frame.
    const auto pixelShape = sky ? transformShape(region, CoordSystem::Physical, mapper, &why) : shape;
    if (!shape || (hasArea(region.shape) && !pixelShape &&
                   !std::holds_alternative<Circle>(region.shape) &&
                   !std::holds_alternative<Polygon>(region.shape) &&
                   !std::holds_alternative<Annulus>(region.shape))) {
      if (problems != nullptr) *problems << QStringLiteral("%1 left out: %2").arg(describe(region), why);
      continue;
    }
    const QString prefix = region.include ? QString() : QStringLiteral("-");
    QStringList items = std::visit(
        [&](const auto& s) -> QStringList {
          using T = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<T, Circle>) {
            return {QStringLiteral("circle(%1,%2)").arg(pr.pos(s.centre), pr.len(s.radius))};
          } else if constexpr (std::is_same_v<T, Ellipse>) {
            const double a = std::get<Ellipse>(*pixelShape).angle;
            return {QStringLiteral("ellipse(%1,%2,%3,%4)").arg(pr.pos(s.centre), pr.len(s.radii.x), pr.len(s.radii.y), format::angle(a))};
          } else if constexpr (std::is_same_v<T, Box>) {
            const double a = std::get<Box>(*pixelShape).angle;
            return {QStringLiteral("box(%1,%2,%3,%4)").arg(pr.pos(s.centre), pr.len(s.size.x), pr.len(s.size.y), format::angle(a))};
          } else if constexpr (std::is_same_v<T, Polygon>) {
            QStringList v;
            for (const Vec2& p : s.vertices) v << pr.pos(p);
            return {QStringLiteral("polygon(%1)").arg(v.join(QLatin1Char(',')))};
          } else if constexpr (std::is_same_v<T, Annulus>) {
            QStringList out;
            for (size_t i = 1; i < s.radii.size(); ++i) {
              out << QStringLiteral("annulus(%1,%2,%3)").arg(pr.pos(s.centre), pr.len(s.radii[i - 1]), pr.len(s.radii[i]));
            }
            return out;
          } else if constexpr (std::is_same_v<T, Panda>) {
            const auto& angles = std::get<Panda>(*pixelShape).angles;
            QStringList out;
            for (size_t i = 1; i < s.radii.size(); ++i) {
              for (size_t j = 1; j < angles.size(); ++j) {
                const double a1 = format::wrap360(angles[j - 1]);
                out << QStringLiteral("pie(%1,%2,%3,%4,%5)")
                           .arg(pr.pos(s.centre), pr.len(s.radii[i - 1]), pr.len(s.radii[i]),
                                general(a1), format::endAngle(angles[j], a1));
              }
            }
            return out;
          } else if constexpr (std::is_same_v<T, Point>) {
            return {QStringLiteral("point(%1)").arg(pr.pos(s.position))};
          } else {
            return {};
          }
        },
        *shape);
    if (items.isEmpty()) {
      if (problems != nullptr && !std::holds_alternative<Composite>(region.shape)) {
        *problems << QStringLiteral("%1 left out: CIAO has no such shape").arg(describe(region));
      }
      continue;
    }
    for (const QString& item : items) {
      text += prefix + item + (options_.strip ? QLatin1Char(';') : QLatin1Char('\n'));
    }
  }
  return text;
}

void CiaoRegionWriter::save(const QString& path, const std::vector<Region>& regions,
                            QStringList* problems) const {
  writeTextFileAtomically(path, toText(regions, problems));
}

}  // namespace xsky::regions
