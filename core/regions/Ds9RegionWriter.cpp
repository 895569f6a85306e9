#include "regions/Ds9RegionWriter.h"

#include <cfloat>
#include <cmath>
#include <numbers>
#include <type_traits>

#include "regions/CoordinateMapper.h"
#include "regions/Ds9Format.h"
#include "regions/RegionFileIo.h"
#include "regions/ShapeTransform.h"

namespace xsky::regions {

namespace {

using format::general;

// One output line of a region (pandas with uneven pieces give several).
struct Piece {
  QString body;        // "circle(1,2,3)"
  QString properties;  // " point=x color=red" (without the '#')
  bool hash = false;   // an annotation written behind '#'
};

bool evenAngles(const std::vector<double>& a) {
  if (a.size() <= 2) return true;
  constexpr double kDeg = std::numbers::pi / 180.0;
  auto step = [&](size_t i) { return std::remainder((a[i] - a[i - 1]) * kDeg - std::numbers::pi, 2 * std::numbers::pi) + std::numbers::pi; };
  const double delta = step(1);
  for (size_t i = 2; i < a.size(); ++i) {
    if (std::abs(step(i) - delta) >= FLT_EPSILON) return false;
  }
  return true;
}

bool evenRadii(const std::vector<double>& r, bool sky) {
  if (r.size() <= 2) return true;
  const double delta = r[1] - r[0];
  const double tolerance = sky ? 1e-6 * std::abs(delta) : FLT_EPSILON;
  for (size_t i = 2; i < r.size(); ++i) {
    if (std::abs((r[i] - r[i - 1]) - delta) >= tolerance) return false;
  }
  return true;
}

class Printer {
 public:
  explicit Printer(const Ds9WriteOptions& o) : o_(o), sky_(isSkySystem(o.system)) {}

  QString pos(Vec2 p) const {
    if (!sky_) return general(p.x) + QLatin1Char(',') + general(p.y);
    if (o_.skyFormat == SkyFormat::Degrees) {
      return format::fixed(format::wrap360(p.x), 7) + QLatin1Char(',') + format::fixed(p.y, 7);
    }
    const bool equatorial = o_.system == CoordSystem::Fk4 || o_.system == CoordSystem::Fk5 ||
                            o_.system == CoordSystem::Icrs;
    const QString lon = equatorial ? format::hours(p.x) : format::degreesDms(format::wrap360(p.x));
    return lon + QLatin1Char(',') + format::degreesDms(p.y);
  }
  QString len(double v) const {
    return sky_ ? format::fixed(v * 3600.0, 3) + QLatin1Char('"') : general(v);
  }
  QString pair(Vec2 v) const { return len(v.x) + QLatin1Char(',') + len(v.y); }
  QString points(const std::vector<Vec2>& v) const {
    QStringList parts;
    for (const Vec2& p : v) parts << pos(p);
    return parts.join(QLatin1Char(','));
  }

  // Pieces of a panda-like shape: the compact form when even, else one line per piece.
  template <class Radius>
  std::vector<Piece> panda(const QString& name, Vec2 centre, const std::vector<double>& angles,
                           const std::vector<Radius>& radii, std::optional<double> angle,
                           bool even, const QString& common) const {
    auto radius = [&](const Radius& r) {
      if constexpr (std::is_same_v<Radius, Vec2>) {
        return pair(r);
      } else {
        return len(r);
      }
    };
    const QString tail = angle ? QLatin1Char(',') + format::angle(*angle) : QString();
    std::vector<Piece> out;
    if (even) {
      const double a1 = format::wrap360(angles.front());
      out.push_back({QStringLiteral("%1(%2,%3,%4,%5,%6,%7,%8%9)")
                         .arg(name, pos(centre), general(a1), format::endAngle(angles.back(), a1))
                         .arg(angles.size() - 1)
                         .arg(radius(radii.front()), radius(radii.back()))
                         .arg(radii.size() - 1)
                         .arg(tail),
                     common});
      return out;
    }
    QStringList al, rl;
    for (double a : angles) al << format::angle(a);
    for (const Radius& r : radii) rl << QString(radius(r)).replace(QLatin1Char(','), QLatin1Char(' '));
    QString list = QLatin1Char('(') + al.join(QLatin1Char(' ')) + QStringLiteral(")(") +
                   rl.join(QLatin1Char(' ')) + QLatin1Char(')');
    if (angle) list += QLatin1Char('(') + format::angle(*angle) + QLatin1Char(')');
    for (size_t j = 1; j < angles.size(); ++j) {
      const double a1 = format::wrap360(angles[j - 1]);
      for (size_t i = 1; i < radii.size(); ++i) {
        Piece p;
        p.body = QStringLiteral("%1(%2,%3,%4,1,%5,%6,1%7)")
                     .arg(name, pos(centre), general(a1), format::endAngle(angles[j], a1),
                          radius(radii[i - 1]), radius(radii[i]), tail);
        p.properties = QLatin1Char(' ') + name + QLatin1Char('=') +
                       (out.empty() ? list + common : QStringLiteral("ignore"));
        out.push_back(p);
      }
    }
    return out;
  }

 private:
  const Ds9WriteOptions& o_;
  bool sky_;
};

}  // namespace

QString ds9CommonProperties(const RegionStyle& s, Role role) {
  const RegionStyle d;
  QString out;
  if (s.fill) out += QStringLiteral(" fill=1");
  if (s.color != d.color) out += QStringLiteral(" color=") + s.color;
  if (s.dashLength != d.dashLength || s.dashGap != d.dashGap) {
    out += QStringLiteral(" dashlist=%1 %2").arg(s.dashLength).arg(s.dashGap);
  }
  if (s.width != d.width) out += QStringLiteral(" width=%1").arg(s.width);
  if (s.font != d.font) out += QStringLiteral(" font=\"") + s.font + QLatin1Char('"');
  if (!s.text.isEmpty()) out += QStringLiteral(" text={") + s.text + QLatin1Char('}');
  if (!s.select) out += QStringLiteral(" select=0");
  if (!s.highlite) out += QStringLiteral(" highlite=0");
  if (s.dash) out += QStringLiteral(" dash=1");
  if (s.fixed) out += QStringLiteral(" fixed=1");
  if (!s.edit) out += QStringLiteral(" edit=0");
  if (!s.move) out += QStringLiteral(" move=0");
  if (!s.rotate) out += QStringLiteral(" rotate=0");
  if (!s.deletable) out += QStringLiteral(" delete=0");
  if (role == Role::Background) out += QStringLiteral(" background");
  for (const QString& t : s.tags) out += QStringLiteral(" tag={") + t + QLatin1Char('}');
  if (!s.comment.isEmpty()) out += QLatin1Char(' ') + s.comment;
  return out;
}

QString Ds9RegionWriter::toText(const std::vector<Region>& regions, QStringList* problems) const {
  const CoordinateMapper mapper(options_.image);
  const Printer pr(options_);
  const bool sky = isSkySystem(options_.system);
  QString text;
  if (options_.strip) {
    text = systemName(options_.system) + QLatin1Char(';');
  } else {
    text = QStringLiteral(
               "# Region file format: DS9 version 4.1\n"
               "global color=green dashlist=8 3 width=1 font=\"helvetica 10 normal roman\" "
               "select=1 highlite=1 dash=0 fixed=0 edit=1 move=1 delete=1 include=1 source=1\n") +
           systemName(options_.system) + QLatin1Char('\n');
  }
  for (const Region& region : regions) {
    QString why;
    const auto shape = transformShape(region, options_.system, mapper, &why);
    if (!shape) {
      if (problems != nullptr) *problems << QStringLiteral("%1 left out: %2").arg(describe(region), why);
      continue;
    }
    const RegionStyle& st = region.style;
    const QString common = ds9CommonProperties(st, region.role);
    std::vector<Piece> pieces = std::visit(
        [&](const auto& s) -> std::vector<Piece> {
          using T = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<T, Circle>) {
            return {{QStringLiteral("circle(%1,%2)").arg(pr.pos(s.centre), pr.len(s.radius)), common}};
          } else if constexpr (std::is_same_v<T, Ellipse> || std::is_same_v<T, Box>) {
            const QString name = std::is_same_v<T, Ellipse> ? QStringLiteral("ellipse") : QStringLiteral("box");
            Vec2 size;
            if constexpr (std::is_same_v<T, Ellipse>) size = s.radii; else size = s.size;
            return {{QStringLiteral("%1(%2,%3,%4)").arg(name, pr.pos(s.centre), pr.pair(size), format::angle(s.angle)), common}};
          } else if constexpr (std::is_same_v<T, EllipseAnnulus> || std::is_same_v<T, BoxAnnulus>) {
            const QString name = std::is_same_v<T, EllipseAnnulus> ? QStringLiteral("ellipse") : QStringLiteral("box");
            QStringList sizes;
            if constexpr (std::is_same_v<T, EllipseAnnulus>) {
              for (const Vec2& v : s.radii) sizes << pr.pair(v);
            } else {
              for (const Vec2& v : s.sizes) sizes << pr.pair(v);
            }
            return {{QStringLiteral("%1(%2,%3,%4)").arg(name, pr.pos(s.centre), sizes.join(QLatin1Char(',')), format::angle(s.angle)), common}};
          } else if constexpr (std::is_same_v<T, Polygon>) {
            return {{QStringLiteral("polygon(%1)").arg(pr.points(s.vertices)), common}};
          } else if constexpr (std::is_same_v<T, Annulus>) {
            QStringList r;
            for (double v : s.radii) r << pr.len(v);
            return {{QStringLiteral("annulus(%1,%2)").arg(pr.pos(s.centre), r.join(QLatin1Char(','))), common}};
          } else if constexpr (std::is_same_v<T, Panda>) {
            const auto& o = std::get<Panda>(region.shape);
            const bool even = evenAngles(o.angles) && evenRadii(o.radii, region.frame == Frame::Sky);
            return pr.panda(QStringLiteral("panda"), s.centre, s.angles, s.radii, std::nullopt, even, common);
          } else if constexpr (std::is_same_v<T, Epanda> || std::is_same_v<T, Bpanda>) {
            const auto& o = std::get<T>(region.shape);
            std::vector<double> firstAxis;
            if constexpr (std::is_same_v<T, Epanda>) {
              for (const Vec2& v : o.radii) firstAxis.push_back(v.x);
              const bool even = evenAngles(o.angles) && evenRadii(firstAxis, region.frame == Frame::Sky);
              return pr.panda(QStringLiteral("epanda"), s.centre, s.angles, s.radii, s.angle, even, common);
            } else {
              for (const Vec2& v : o.sizes) firstAxis.push_back(v.x);
              const bool even = evenAngles(o.angles) && evenRadii(firstAxis, region.frame == Frame::Sky);
              return pr.panda(QStringLiteral("bpanda"), s.centre, s.angles, s.sizes, s.angle, even, common);
            }
          } else if constexpr (std::is_same_v<T, Point>) {
            QString p = QStringLiteral(" point=") + st.pointType;
            if (st.pointSize != 11) p += QLatin1Char(' ') + QString::number(st.pointSize);
            return {{QStringLiteral("point(%1)").arg(pr.pos(s.position)), p + common}};
          } else if constexpr (std::is_same_v<T, Line>) {
            return {{QStringLiteral("line(%1,%2)").arg(pr.pos(s.from), pr.pos(s.to)),
                     QStringLiteral(" line=%1 %2").arg(int(st.lineArrowStart)).arg(int(st.lineArrowEnd)) + common}};
          } else if constexpr (std::is_same_v<T, Text>) {
            QString p;
            if (st.textAngle != 0) {
              const auto a = transformAngle(region, st.textAngle, options_.system, mapper, &why);
              p += QStringLiteral(" textangle=") + format::angle(a.value_or(st.textAngle));
            }
            if (!st.textRotate) p += QStringLiteral(" textrotate=0");
            return {{QStringLiteral("text(%1)").arg(pr.pos(s.position)), p + common, true}};
          } else if constexpr (std::is_same_v<T, Vector>) {
            return {{QStringLiteral("vector(%1,%2,%3)").arg(pr.pos(s.origin), pr.len(s.length), format::angle(s.angle)),
                     QStringLiteral(" vector=%1").arg(int(st.vectorArrow)) + common, true}};
          } else if constexpr (std::is_same_v<T, Ruler>) {
            QString p = QStringLiteral(" ruler=") + st.ruler;
            if (!st.rulerFormat.isEmpty()) p += QStringLiteral(" format={") + st.rulerFormat + QLatin1Char('}');
            return {{QStringLiteral("ruler(%1,%2)").arg(pr.pos(s.from), pr.pos(s.to)), p + common, true}};
          } else if constexpr (std::is_same_v<T, Compass>) {
            return {{QStringLiteral("compass(%1,%2)").arg(pr.pos(s.centre), pr.len(s.length)),
                     QStringLiteral(" compass=") + st.compass + common, true}};
          } else if constexpr (std::is_same_v<T, Projection>) {
            return {{QStringLiteral("projection(%1,%2,%3)").arg(pr.pos(s.from), pr.pos(s.to), pr.len(s.thickness)), common, true}};
          } else if constexpr (std::is_same_v<T, Segment>) {
            return {{QStringLiteral("segment(%1)").arg(pr.points(s.vertices)), common, true}};
          } else {
            return {{QStringLiteral("composite(%1,%2)").arg(pr.pos(s.centre), format::angle(s.angle)),
                     QStringLiteral(" composite=%1").arg(st.compositeGlobal) + common, true}};
          }
        },
        *shape);
    (void)sky;
    const bool composite = std::holds_alternative<Composite>(region.shape);
    const bool joined = region.joinedWithNext || composite;
    for (const Piece& p : pieces) {
      const QString prefix = region.include ? QString() : QStringLiteral("-");
      if (options_.strip) {
        if (p.hash) continue;
        text += prefix + p.body + (joined ? QStringLiteral("||") : QStringLiteral(";"));
        continue;
      }
      QString line = (p.hash ? QStringLiteral("# ") : QString()) + prefix + p.body;
      if (joined) line += QStringLiteral(" ||");
      if (!p.properties.isEmpty()) line += (p.hash ? QString() : QStringLiteral(" #")) + p.properties;
      text += line + QLatin1Char('\n');
    }
  }
  return text;
}

void Ds9RegionWriter::save(const QString& path, const std::vector<Region>& regions,
                           QStringList* problems) const {
  writeTextFileAtomically(path, toText(regions, problems));
}

}  // namespace xsky::regions
