#include "regions/Ds9RegionReader.h"

#include <QRegularExpression>

#include "regions/CoordinateMapper.h"
#include "regions/Ds9Properties.h"
#include "regions/Ds9ShapeBuilder.h"
#include "regions/Ds9Syntax.h"
#include "regions/RegionArguments.h"
#include "regions/RegionValidation.h"

namespace xsky::regions {

namespace {

struct State {
  CoordSystem system = CoordSystem::Physical;  // DS9: bare numbers mean PHYSICAL
  QString unsupported;                         // a system we cannot read (wcsa, linear, ...)
  RegionStyle defaults;
  bool include = true;
  Role role = Role::Source;
};

// The parts of a shape statement: [+-]name(args) [||] [# properties].
struct Parts {
  bool include = true;
  bool includeGiven = false;
  QString name;
  QString pointType;  // "circle point x y" legacy form
  QString args;
  bool joined = false;
  QString properties;
  QString error;
};

// Index of the ')' closing the '(' at i, skipping {..} and quoted groups.
qsizetype closingParen(const QString& t, qsizetype i) {
  for (qsizetype k = i + 1; k < t.size(); ++k) {
    const QChar c = t[k];
    if (c == QLatin1Char(')')) return k;
    if (c == QLatin1Char('{') ||
        ((c == QLatin1Char('"') || c == QLatin1Char('\'')) &&
         (t[k - 1] == QLatin1Char(',') || t[k - 1] == QLatin1Char('(') || t[k - 1].isSpace()))) {
      k = ds9::skipGroup(t, k) - 1;
    }
  }
  return -1;
}

Parts splitShape(QString t, bool hash) {
  Parts p;
  if (t.startsWith(QLatin1Char('-')) || t.startsWith(QLatin1Char('!'))) {
    p.include = false;
    p.includeGiven = true;
    t = t.mid(1).trimmed();
  } else if (t.startsWith(QLatin1Char('+'))) {
    p.includeGiven = true;
    t = t.mid(1).trimmed();
  }
  qsizetype i = 0;
  while (i < t.size() && t[i].isLetter()) ++i;
  p.name = t.left(i).toLower();
  QString rest = t.mid(i).trimmed();
  static const QStringList pointTypes = {QStringLiteral("circle"), QStringLiteral("box"),
                                         QStringLiteral("diamond"), QStringLiteral("cross"),
                                         QStringLiteral("x"), QStringLiteral("arrow"),
                                         QStringLiteral("boxcircle")};
  static const QRegularExpression pointWord(QStringLiteral("^point(?=[\\s(]|$)"),
                                            QRegularExpression::CaseInsensitiveOption);
  if (pointTypes.contains(p.name) && pointWord.match(rest).hasMatch()) {
    p.pointType = p.name;
    p.name = QStringLiteral("point");
    rest = rest.mid(5).trimmed();
  }
  QString tail;
  if (rest.startsWith(QLatin1Char('('))) {
    const qsizetype close = closingParen(rest, 0);
    if (close < 0) {
      p.error = QStringLiteral("missing ')'");
      return p;
    }
    p.args = rest.mid(1, close - 1);
    tail = rest.mid(close + 1).trimmed();
  } else {
    qsizetype k = 0;
    for (; k < rest.size(); ++k) {
      const QChar c = rest[k];
      if (c == QLatin1Char('#')) break;
      if ((c == QLatin1Char('|') || c == QLatin1Char('&')) && k + 1 < rest.size() && rest[k + 1] == c) break;
      if (c == QLatin1Char('{')) k = ds9::skipGroup(rest, k) - 1;
    }
    p.args = rest.left(k);
    tail = rest.mid(k).trimmed();
  }
  if (tail.startsWith(QLatin1String("||")) || tail.startsWith(QLatin1String("&&"))) {
    p.joined = true;
    tail = tail.mid(2).trimmed();
  }
  if (tail.startsWith(QLatin1Char('#'))) {
    p.properties = tail.mid(1);
  } else if (!tail.isEmpty()) {
    if (hash) {
      p.properties = tail;
    } else {
      p.error = QStringLiteral("unexpected text \"%1\" after the shape").arg(tail);
    }
  }
  return p;
}

}  // namespace

RegionReadResult Ds9RegionReader::readFile(const QString& path) const {
  return readText(readTextFile(path), path);
}

RegionReadResult Ds9RegionReader::readText(const QString& text, const QString& sourceName) const {
  RegionReadResult out;
  State st;
  const CoordinateMapper mapper(options_.image);
  static const QRegularExpression hashShape(QStringLiteral("^([A-Za-z]+)\\s*[(\\s]"));
  static const QRegularExpression unsupportedSystem(
      QStringLiteral("^(wcs[a-z0-9]|linear|amplifier|detector)$"),
      QRegularExpression::CaseInsensitiveOption);

  for (const ds9::Statement& stmt : ds9::splitStatements(text)) {
    const QString where = QStringLiteral("%1:%2: ").arg(sourceName).arg(stmt.line);
    auto error = [&](const QString& m) {
      out.errors << where + m;
      ++out.skippedStatements;
    };
    QString t = stmt.text;
    bool hash = false;
    if (t.startsWith(QLatin1Char('#'))) {
      const QString r = t.mid(1).trimmed();
      if (r.startsWith(QLatin1String("Region file format"), Qt::CaseInsensitive)) {
        out.header = r.mid(r.indexOf(QLatin1Char(':')) + 1).trimmed();
        continue;
      }
      const auto m = hashShape.match(r);
      if (!m.hasMatch() || !ds9::isHashShape(m.captured(1).toLower())) continue;  // a comment
      t = r;
      hash = true;
    }
    const QString lower = t.toLower();
    if (lower == QLatin1String("global") || lower.startsWith(QLatin1String("global "))) {
      ds9::applyProperties(ds9::scanProperties(t.mid(6)), &st.defaults, &st.include, &st.role,
                           nullptr, false);
      continue;
    }
    CoordSystem system;
    if (parseSystemName(lower, &system)) {
      st.system = system;
      st.unsupported.clear();
      continue;
    }
    if (lower == QLatin1String("wcs")) {
      st.system = CoordSystem::Fk5;
      if (options_.image != nullptr && options_.image->hasWcs()) {
        switch (options_.image->wcs().frame()) {
          case wcs::CelestialFrame::Icrs: st.system = CoordSystem::Icrs; break;
          case wcs::CelestialFrame::Fk4: st.system = CoordSystem::Fk4; break;
          case wcs::CelestialFrame::Galactic: st.system = CoordSystem::Galactic; break;
          case wcs::CelestialFrame::Ecliptic: st.system = CoordSystem::Ecliptic; break;
          case wcs::CelestialFrame::Fk5: break;
        }
      }
      st.unsupported.clear();
      continue;
    }
    if (unsupportedSystem.match(lower).hasMatch()) {
      st.unsupported = lower;
      error(QStringLiteral("coordinate system \"%1\" is not supported; its regions are skipped").arg(lower));
      continue;
    }
    if (lower.startsWith(QLatin1String("tile ")) || lower == QLatin1String("tile")) continue;

    const Parts parts = splitShape(t, hash);
    if (!parts.error.isEmpty()) {
      error(parts.error);
      continue;
    }
    if (parts.name.isEmpty()) {
      error(QStringLiteral("cannot read \"%1\"").arg(t.left(60)));
      continue;
    }
    RegionStyle style = st.defaults;
    bool include = parts.includeGiven ? parts.include : st.include;
    Role role = st.role;
    ds9::ShapeProperties sp;
    ds9::applyProperties(ds9::scanProperties(parts.properties), &style, &include, &role, &sp, true);
    if (parts.includeGiven) include = parts.include && include;
    if (sp.pandaIgnore) continue;  // a piece of the panda read with its first line
    if (!parts.pointType.isEmpty() && sp.pointType.isEmpty()) style.pointType = parts.pointType;
    if (!st.unsupported.isEmpty()) {
      error(QStringLiteral("%1 in unsupported system \"%2\" skipped").arg(parts.name, st.unsupported));
      continue;
    }

    RegionArguments args(ds9::tokenizeArguments(parts.args), {st.system, std::nullopt, &mapper, options_.keepPhysicalFrame});
    Shape shape;
    QString why;
    const ds9::BuildResult built = ds9::buildShape(parts.name, args, sp, &shape, &why);
    if (built == ds9::BuildResult::Unknown) {
      out.warnings << where + QStringLiteral("unknown shape \"%1\" skipped").arg(parts.name);
      ++out.skippedStatements;
      continue;
    }
    if (built == ds9::BuildResult::Failed) {
      error(QStringLiteral("%1: %2").arg(parts.name, why));
      continue;
    }
    if (std::holds_alternative<Text>(shape) && args.remaining() > 0) {
      QString words;
      args.text(&words);
      style.text = words;
      if (args.remaining() > 0) {
        error(QStringLiteral("text: unexpected argument \"%1\"").arg(args.peek()));
        continue;
      }
    }
    Region region{shape, args.frame(), include, role, style, parts.joined};
    if (std::holds_alternative<Text>(shape) || std::holds_alternative<Composite>(shape)) {
      // textangle= is an angle like any other: bring it to the region's frame.
      if (std::holds_alternative<Text>(shape) && style.textAngle != 0) {
        double a = 0;
        if (args.angleValue(style.textAngle, &a)) region.style.textAngle = a;
      }
    }
    const Validation v = validate(region);
    if (v.kind == Degeneracy::Invalid) {
      error(QStringLiteral("%1 refused: %2").arg(parts.name, v.reason));
      continue;
    }
    if (v.kind == Degeneracy::SelfIntersecting) {
      out.warnings << where + QStringLiteral("%1: %2; kept, but it cannot select events").arg(parts.name, v.reason);
    }
    out.regions.push_back(std::move(region));
  }
  return out;
}

}  // namespace xsky::regions
