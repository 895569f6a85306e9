#include "regions/Ds9ShapeBuilder.h"

#include <algorithm>
#include <type_traits>

#include <QRegularExpression>

#include "regions/Ds9Values.h"

namespace xsky::regions::ds9 {

namespace {

// The words inside a "(...)" group.
QStringList groupWords(const QString& group) {
  QString inner = group.trimmed();
  if (inner.startsWith(QLatin1Char('('))) inner.remove(0, 1);
  if (inner.endsWith(QLatin1Char(')'))) inner.chop(1);
  return inner.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
}

struct Builder {
  RegionArguments& a;
  const ShapeProperties& props;
  QString* error;

  bool fail() {
    *error = a.error();
    return false;
  }
  bool failWith(const QString& message) {
    *error = message;
    return false;
  }
  bool finished() {
    if (a.remaining() == 0) return true;
    return failWith(QStringLiteral("unexpected argument \"%1\"").arg(a.peek()));
  }
  bool pos(Vec2* v) { return a.position(v) || fail(); }
  bool len(double* v, int axis = 0) { return a.length(v, axis) || fail(); }
  bool pair(Vec2* v) { return (a.length(&v->x, 0) && a.length(&v->y, 1)) || fail(); }
  bool ang(double* v) { return a.angle(v) || fail(); }

  bool points(std::vector<Vec2>* out, size_t minimum) {
    while (a.remaining() >= 2) {
      Vec2 p;
      if (!pos(&p)) return false;
      out->push_back(p);
    }
    if (a.remaining() != 0) return failWith(QStringLiteral("odd number of coordinates"));
    if (out->size() < minimum) return failWith(QStringLiteral("needs at least %1 points").arg(minimum));
    return true;
  }

  // Evenly spaced angles a1..a2 (a2 <= a1 means a2 + 360), converted to the region frame.
  bool angleRange(std::vector<double>* out) {
    const auto a1 = parseAngleToken(a.peek());
    if (!a1) return failWith(QStringLiteral("bad angle \"%1\"").arg(a.peek()));
    a.skip();
    const auto a2 = parseAngleToken(a.peek());
    if (!a2) return failWith(QStringLiteral("bad angle \"%1\"").arg(a.peek()));
    a.skip();
    int n = 0;
    if (!a.count(&n)) return fail();
    double end = *a2;
    if (end <= *a1) end += 360.0;
    std::vector<double> raw;
    for (int k = 0; k <= n; ++k) raw.push_back(*a1 + k * (end - *a1) / n);
    return a.angleList(raw, out) || fail();
  }

  bool explicitAngles(std::vector<double>* out) {
    std::vector<double> raw;
    for (const QString& w : groupWords(props.pandaGroups[0])) {
      const auto v = parseAngleToken(w);
      if (!v) return failWith(QStringLiteral("bad angle \"%1\" in panda list").arg(w));
      raw.push_back(*v);
    }
    return a.angleList(raw, out) || fail();
  }

  bool circle(Shape* s) {
    Circle c;
    if (!pos(&c.centre) || !len(&c.radius) || !finished()) return false;
    *s = c;
    return true;
  }

  template <class Single, class Annular>
  bool ellipseOrBox(Shape* s) {
    Vec2 centre;
    if (!pos(&centre)) return false;
    const qsizetype n = a.remaining();
    if (n < 2) return failWith(QStringLiteral("missing sizes"));
    const qsizetype pairs = n / 2;
    std::vector<Vec2> sizes(static_cast<size_t>(pairs));
    for (Vec2& v : sizes) {
      if (!pair(&v)) return false;
    }
    double angle = 0;
    if (a.remaining() == 1 && !ang(&angle)) return false;
    if (!finished()) return false;
    if (sizes.size() == 1) {
      *s = Single{centre, sizes[0], angle};
    } else {
      *s = Annular{centre, sizes, angle};
    }
    return true;
  }

  bool annulus(Shape* s) {
    Annulus an;
    if (!pos(&an.centre)) return false;
    QStringList rest;
    while (a.remaining() > 0) {
      rest << a.peek();
      a.skip();
    }
    if (!rest.isEmpty() && rest.back().startsWith(QLatin1String("n="), Qt::CaseInsensitive)) {
      bool ok = false;
      const int n = rest.back().mid(2).toInt(&ok);
      if (!ok || n < 1 || rest.size() != 3) return failWith(QStringLiteral("bad \"%1\"").arg(rest.back()));
      double r1 = 0, r2 = 0;
      if (!a.lengthFrom(rest[0], &r1) || !a.lengthFrom(rest[1], &r2)) return fail();
      for (int k = 0; k <= n; ++k) an.radii.push_back(r1 + k * (r2 - r1) / n);
    } else {
      for (const QString& t : rest) {
        double r = 0;
        if (!a.lengthFrom(t, &r)) return fail();
        an.radii.push_back(r);
      }
    }
    if (an.radii.size() < 2) return failWith(QStringLiteral("annulus needs at least two radii"));
    *s = an;
    return true;
  }

  bool panda(Shape* s) {
    Panda p;
    if (!pos(&p.centre) || !angleRange(&p.angles)) return false;
    double r1 = 0, r2 = 0;
    int n = 0;
    if (!len(&r1) || !len(&r2)) return false;
    if (!a.count(&n)) return fail();
    if (!finished()) return false;
    for (int k = 0; k <= n; ++k) p.radii.push_back(r1 + k * (r2 - r1) / n);
    if (props.pandaGroups.size() >= 2) {
      if (!explicitAngles(&p.angles)) return false;
      p.radii.clear();
      for (const QString& w : groupWords(props.pandaGroups[1])) {
        double r = 0;
        if (!a.lengthFrom(w, &r)) return fail();
        p.radii.push_back(r);
      }
      std::sort(p.radii.begin(), p.radii.end());
    }
    *s = p;
    return true;
  }

  template <class T>
  bool ellipticalPanda(Shape* s) {
    T p;
    if (!pos(&p.centre) || !angleRange(&p.angles)) return false;
    Vec2 r1, r2;
    int n = 0;
    if (!pair(&r1) || !pair(&r2)) return false;
    if (!a.count(&n)) return fail();
    double angle = 0;
    if (!ang(&angle) || !finished()) return false;
    std::vector<Vec2> sizes;
    for (int k = 0; k <= n; ++k) {
      sizes.push_back({r1.x + k * (r2.x - r1.x) / n, r1.y + k * (r2.y - r1.y) / n});
    }
    if (props.pandaGroups.size() >= 2) {
      if (!explicitAngles(&p.angles)) return false;
      const QStringList words = groupWords(props.pandaGroups[1]);
      if (words.size() < 4 || words.size() % 2 != 0) return failWith(QStringLiteral("bad size list in panda property"));
      sizes.clear();
      for (qsizetype i = 0; i + 1 < words.size(); i += 2) {
        Vec2 v;
        if (!a.lengthFrom(words[i], &v.x, 0) || !a.lengthFrom(words[i + 1], &v.y, 1)) return fail();
        sizes.push_back(v);
      }
      if (props.pandaGroups.size() >= 3) {
        const QStringList aw = groupWords(props.pandaGroups[2]);
        if (!aw.isEmpty() && !a.angleFrom(aw.front(), &angle)) return fail();
      }
    }
    p.angle = angle;
    if constexpr (std::is_same_v<T, Epanda>) {
      p.radii = sizes;
    } else {
      p.sizes = sizes;
    }
    *s = p;
    return true;
  }
};

}  // namespace

bool isHashShape(const QString& name) {
  static const QStringList names = {QStringLiteral("text"),       QStringLiteral("vector"),
                                    QStringLiteral("ruler"),      QStringLiteral("compass"),
                                    QStringLiteral("projection"), QStringLiteral("composite"),
                                    QStringLiteral("segment")};
  return names.contains(name);
}

BuildResult buildShape(const QString& name, RegionArguments& args, const ShapeProperties& props,
                       Shape* shape, QString* error) {
  Builder b{args, props, error};
  bool ok = false;
  if (name == QLatin1String("circle")) {
    ok = b.circle(shape);
  } else if (name == QLatin1String("ellipse")) {
    ok = b.ellipseOrBox<Ellipse, EllipseAnnulus>(shape);
  } else if (name == QLatin1String("box") || name == QLatin1String("rotbox")) {
    ok = b.ellipseOrBox<Box, BoxAnnulus>(shape);
  } else if (name == QLatin1String("polygon")) {
    Polygon p;
    ok = b.points(&p.vertices, 3);
    if (ok && p.vertices.size() > 3 && p.vertices.front() == p.vertices.back()) p.vertices.pop_back();
    *shape = p;
  } else if (name == QLatin1String("annulus")) {
    ok = b.annulus(shape);
  } else if (name == QLatin1String("panda")) {
    ok = b.panda(shape);
  } else if (name == QLatin1String("epanda")) {
    ok = b.ellipticalPanda<Epanda>(shape);
  } else if (name == QLatin1String("bpanda")) {
    ok = b.ellipticalPanda<Bpanda>(shape);
  } else if (name == QLatin1String("point")) {
    Point p;
    ok = b.pos(&p.position) && b.finished();
    *shape = p;
  } else if (name == QLatin1String("line")) {
    Line l;
    ok = b.pos(&l.from) && b.pos(&l.to) && b.finished();
    *shape = l;
  } else if (name == QLatin1String("text")) {
    Text t;
    ok = b.pos(&t.position);
    *shape = t;
  } else if (name == QLatin1String("vector")) {
    Vector v;
    ok = b.pos(&v.origin) && b.len(&v.length) && b.ang(&v.angle) && b.finished();
    *shape = v;
  } else if (name == QLatin1String("ruler")) {
    Ruler r;
    ok = b.pos(&r.from) && b.pos(&r.to) && b.finished();
    *shape = r;
  } else if (name == QLatin1String("compass")) {
    Compass c;
    ok = b.pos(&c.centre) && b.len(&c.length) && b.finished();
    *shape = c;
  } else if (name == QLatin1String("projection")) {
    Projection p;
    ok = b.pos(&p.from) && b.pos(&p.to) && b.len(&p.thickness) && b.finished();
    *shape = p;
  } else if (name == QLatin1String("segment")) {
    Segment s;
    ok = b.points(&s.vertices, 2);
    *shape = s;
  } else if (name == QLatin1String("composite")) {
    Composite c;
    ok = b.pos(&c.centre) && b.ang(&c.angle) && b.finished();
    *shape = c;
  } else {
    return BuildResult::Unknown;
  }
  return ok ? BuildResult::Built : BuildResult::Failed;
}

}  // namespace xsky::regions::ds9
