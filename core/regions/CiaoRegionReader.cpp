#include "regions/CiaoRegionReader.h"

#include <cmath>

#include "regions/CoordinateMapper.h"
#include "regions/Ds9Syntax.h"
#include "regions/Ds9Values.h"
#include "regions/RegionArguments.h"
#include "regions/RegionValidation.h"

namespace xsky::regions {

namespace {

struct Term {
  QChar op;  // the operator before the shape (null for the first)
  QString name;
  QString args;
};

// Splits "circle(..)-box(..)" into terms; false on a syntax error.
bool splitTerms(const QString& text, std::vector<Term>* terms, QString* error) {
  qsizetype i = 0;
  const qsizetype n = text.size();
  QChar op;
  while (i < n) {
    while (i < n && text[i].isSpace()) ++i;
    if (i >= n) break;
    const QChar c = text[i];
    if (QStringLiteral("+-!|&*").contains(c)) {
      if (op.isNull() || c != QLatin1Char('!')) op = c;
      ++i;
      continue;
    }
    qsizetype j = i;
    while (j < n && text[j].isLetter()) ++j;
    if (j == i) {
      *error = QStringLiteral("cannot read \"%1\"").arg(text.mid(i, 30));
      return false;
    }
    const QString name = text.mid(i, j - i).toLower();
    while (j < n && text[j].isSpace()) ++j;
    if (j >= n || text[j] != QLatin1Char('(')) {
      *error = QStringLiteral("%1: missing '('").arg(name);
      return false;
    }
    const qsizetype close = text.indexOf(QLatin1Char(')'), j);
    if (close < 0) {
      *error = QStringLiteral("%1: missing ')'").arg(name);
      return false;
    }
    terms->push_back({op, name, text.mid(j + 1, close - j - 1)});
    op = QChar();
    i = close + 1;
  }
  return true;
}

bool buildCiaoShape(const Term& term, RegionArguments& a, Shape* shape, QString* error) {
  auto fail = [&]() {
    *error = QStringLiteral("%1: %2").arg(term.name, a.error());
    return false;
  };
  auto extra = [&]() {
    if (a.remaining() == 0) return false;
    *error = QStringLiteral("%1: unexpected argument \"%2\"").arg(term.name, a.peek());
    return true;
  };
  const QString& n = term.name;
  if (n == QLatin1String("circle")) {
    Circle c;
    if (!a.position(&c.centre) || !a.length(&c.radius)) return fail();
    *shape = c;
  } else if (n == QLatin1String("ellipse") || n == QLatin1String("box") || n == QLatin1String("rotbox")) {
    Vec2 centre, size;
    double angle = 0;
    if (!a.position(&centre) || !a.length(&size.x, 0) || !a.length(&size.y, 1)) return fail();
    if (a.remaining() > 0 && !a.angle(&angle)) return fail();
    if (n == QLatin1String("ellipse")) {
      *shape = Ellipse{centre, size, angle};
    } else {
      *shape = Box{centre, size, angle};
    }
  } else if (n == QLatin1String("rectangle")) {
    Vec2 p1, p2;
    if (!a.position(&p1) || !a.position(&p2)) return fail();
    if (a.frame() == Frame::Sky) {
      *error = QStringLiteral("rectangle: corners on the sky are not supported");
      return false;
    }
    *shape = Box{{(p1.x + p2.x) / 2, (p1.y + p2.y) / 2}, {std::abs(p2.x - p1.x), std::abs(p2.y - p1.y)}, 0};
  } else if (n == QLatin1String("polygon")) {
    Polygon p;
    while (a.remaining() >= 2) {
      Vec2 v;
      if (!a.position(&v)) return fail();
      p.vertices.push_back(v);
    }
    if (p.vertices.size() > 3 && p.vertices.front() == p.vertices.back()) p.vertices.pop_back();
    *shape = p;
  } else if (n == QLatin1String("annulus")) {
    Annulus an;
    if (!a.position(&an.centre)) return fail();
    while (a.remaining() > 0) {
      double r = 0;
      if (!a.length(&r)) return fail();
      an.radii.push_back(r);
    }
    *shape = an;
  } else if (n == QLatin1String("pie")) {
    Panda p;
    double r1 = 0, r2 = 0;
    if (!a.position(&p.centre) || !a.length(&r1) || !a.length(&r2)) return fail();
    const auto a1 = parseAngleToken(a.peek());
    a.skip();
    const auto a2 = parseAngleToken(a.peek());
    a.skip();
    if (!a1 || !a2) {
      *error = QStringLiteral("pie: bad angles");
      return false;
    }
    double end = *a2;
    if (end <= *a1) end += 360.0;
    if (!a.angleList({*a1, end}, &p.angles)) return fail();
    p.radii = {r1, r2};
    *shape = p;
  } else if (n == QLatin1String("point")) {
    Point p;
    if (!a.position(&p.position)) return fail();
    *shape = p;
  } else {
    *error = n;
    return false;
  }
  return !extra();
}

}  // namespace

RegionReadResult CiaoRegionReader::readFile(const QString& path) const {
  return readText(readTextFile(path), path);
}

RegionReadResult CiaoRegionReader::readText(const QString& text, const QString& sourceName) const {
  RegionReadResult out;
  const CoordinateMapper mapper(options_.image);
  for (const ds9::Statement& stmt : ds9::splitStatements(text)) {
    const QString where = QStringLiteral("%1:%2: ").arg(sourceName).arg(stmt.line);
    if (stmt.text.startsWith(QLatin1Char('#'))) {
      const QString r = stmt.text.mid(1).trimmed();
      if (r.startsWith(QLatin1String("Region file format"), Qt::CaseInsensitive)) {
        out.header = r.mid(r.indexOf(QLatin1Char(':')) + 1).trimmed();
      }
      continue;
    }
    QString body = stmt.text;
    const qsizetype hashAt = body.indexOf(QLatin1Char('#'));
    if (hashAt >= 0) body = body.left(hashAt);
    std::vector<Term> terms;
    QString why;
    if (!splitTerms(body, &terms, &why)) {
      out.errors << where + why;
      ++out.skippedStatements;
      continue;
    }
    for (size_t k = 0; k < terms.size(); ++k) {
      const Term& term = terms[k];
      if (term.op == QLatin1Char('*') || term.op == QLatin1Char('&')) {
        out.errors << where + QStringLiteral("intersections ('%1') are not supported").arg(term.op);
        ++out.skippedStatements;
        break;
      }
      if (term.name == QLatin1String("field") || term.name == QLatin1String("sector")) {
        out.warnings << where + QStringLiteral("%1() has no finite area; skipped").arg(term.name);
        ++out.skippedStatements;
        continue;
      }
      RegionArguments args(ds9::tokenizeArguments(term.args),
                           {CoordSystem::Physical, CoordSystem::Physical, &mapper, options_.keepPhysicalFrame});
      Shape shape;
      if (!buildCiaoShape(term, args, &shape, &why)) {
        if (why == term.name) {
          out.warnings << where + QStringLiteral("unknown shape \"%1\" skipped").arg(term.name);
        } else {
          out.errors << where + why;
        }
        ++out.skippedStatements;
        continue;
      }
      const bool exclude = term.op == QLatin1Char('-') || term.op == QLatin1Char('!');
      Region region{shape, args.frame(), !exclude, Role::Source, RegionStyle{}, false};
      const Validation v = validate(region);
      if (v.kind == Degeneracy::Invalid) {
        out.errors << where + QStringLiteral("%1 refused: %2").arg(term.name, v.reason);
        ++out.skippedStatements;
        continue;
      }
      if (v.kind == Degeneracy::SelfIntersecting) {
        out.warnings << where + QStringLiteral("%1: %2; kept, but it cannot select events").arg(term.name, v.reason);
      }
      out.regions.push_back(std::move(region));
    }
  }
  return out;
}

}  // namespace xsky::regions
