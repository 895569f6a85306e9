#include "regions/RegionPainter.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <type_traits>

#include "regions/RegionGeometry.h"
#include "regions/RegionProjection.h"
#include "regions/SkyGeometry.h"

namespace xsky::widgets {

namespace {

using regions::Frame;
using regions::Region;
using regions::Vec2;

constexpr double kDeg = std::numbers::pi / 180.0;

QFont ds9Font(const QString& spec) {
  // "helvetica 10 normal roman"
  const QStringList w = spec.split(QLatin1Char(' '), Qt::SkipEmptyParts);
  QFont f(w.value(0, QStringLiteral("helvetica")));
  f.setPointSize(std::max(4, w.value(1, QStringLiteral("10")).toInt()));
  f.setBold(w.contains(QStringLiteral("bold")));
  f.setItalic(w.contains(QStringLiteral("italic")));
  return f;
}

QPen regionPen(const Region& r) {
  QPen pen(ds9Color(r.style.color), std::max(1, r.style.width));
  pen.setCosmetic(true);
  if (r.style.dash || r.role == regions::Role::Background) {
    const double w = pen.widthF();
    pen.setDashPattern({std::max(1.0, r.style.dashLength / w), std::max(1.0, r.style.dashGap / w)});
  }
  return pen;
}

void drawArrowHead(QPainter& p, QPointF from, QPointF tip) {
  const QPointF d = tip - from;
  const double len = std::hypot(d.x(), d.y());
  if (len < 1e-6) return;
  const QPointF u = d / len, n(-u.y(), u.x());
  const double size = 8;
  p.drawLine(tip, tip - u * size + n * size * 0.5);
  p.drawLine(tip, tip - u * size - n * size * 0.5);
}

void drawPointSymbol(QPainter& p, QPointF c, const QString& type, int size) {
  const double h = size / 2.0;
  const QRectF box(c.x() - h, c.y() - h, size, size);
  if (type == QLatin1String("circle")) {
    p.drawEllipse(box);
  } else if (type == QLatin1String("box")) {
    p.drawRect(box);
  } else if (type == QLatin1String("diamond")) {
    p.drawPolygon(QPolygonF({QPointF(c.x(), c.y() - h), QPointF(c.x() + h, c.y()),
                             QPointF(c.x(), c.y() + h), QPointF(c.x() - h, c.y())}));
  } else if (type == QLatin1String("cross")) {
    p.drawLine(QPointF(c.x() - h, c.y()), QPointF(c.x() + h, c.y()));
    p.drawLine(QPointF(c.x(), c.y() - h), QPointF(c.x(), c.y() + h));
  } else if (type == QLatin1String("x")) {
    p.drawLine(box.topLeft(), box.bottomRight());
    p.drawLine(box.topRight(), box.bottomLeft());
  } else if (type == QLatin1String("arrow")) {
    p.drawLine(c, c + QPointF(h * 1.5, h * 1.5));
    drawArrowHead(p, c + QPointF(h * 1.5, h * 1.5), c);
  } else {  // boxcircle
    p.drawRect(box);
    p.drawEllipse(box.adjusted(1, 1, -1, -1));
  }
}

// A point at distance `len` (degrees on the sky, pixels otherwise) and angle `angle` from `from`.
Vec2 offsetPoint(Vec2 from, double len, double angle, Frame frame) {
  if (frame == Frame::Sky) {
    const regions::TangentPlane tp({from.x, from.y});
    const double t = std::tan(len * kDeg);
    const wcs::SkyPoint s = tp.unproject({t * std::cos(angle * kDeg), t * std::sin(angle * kDeg)});
    return {s.lon, s.lat};
  }
  return {from.x + len * std::cos(angle * kDeg), from.y + len * std::sin(angle * kDeg)};
}

// Screen pixels per unit length of the region's frame (degrees or pixels), about image pixel p.
double screenPerUnit(const Region& r, const imaging::Image2D& image, const imaging::ViewGeometry& view) {
  switch (r.frame) {
    case Frame::Image: return view.zoom;
    case Frame::Physical: return view.zoom / image.binFactor;
    case Frame::Sky: return image.wcs ? view.zoom / image.wcs->pixelScaleDeg() : 0;
  }
  return 0;
}

class Painter {
 public:
  Painter(QPainter& p, const imaging::Image2D& image, const imaging::ViewGeometry& view,
          const RegionPaintOptions& options)
      : p_(p), image_(image), view_(view), options_(options) {}

  void paint(const Region& r, bool selected) {
    p_.setPen(regionPen(r));
    p_.setBrush(Qt::NoBrush);
    const QRectF bounds = screenBounds(r, image_, view_);
    if (regions::hasArea(r.shape)) {
      for (const QPolygonF& c : screenCurves(r, image_, view_)) p_.drawPolyline(c);
      if (!r.include && !bounds.isNull()) drawExclusion(bounds);
    } else {
      annotation(r);
    }
    if (options_.showText && !r.style.text.isEmpty() && !std::holds_alternative<regions::Text>(r.shape) &&
        !bounds.isNull()) {
      p_.setFont(ds9Font(r.style.font));
      const QRectF t(bounds.center().x() - 200, bounds.top() - 40, 400, 38);
      p_.drawText(t, Qt::AlignHCenter | Qt::AlignBottom, r.style.text);
    }
    if (selected) drawHandles(r);
  }

 private:
  std::optional<QPointF> at(Vec2 v, Frame f) const { return screenPointOf(v, f, image_, view_); }

  void drawExclusion(const QRectF& b) {
    // DS9 crosses an excluded region with a red line.
    QPen red(QColor(255, 0, 0), p_.pen().width());
    red.setCosmetic(true);
    p_.save();
    p_.setPen(red);
    const QPointF c = b.center();
    const QPointF d(b.width() / 2 / std::numbers::sqrt2, b.height() / 2 / std::numbers::sqrt2);
    p_.drawLine(QPointF(c.x() - d.x(), c.y() + d.y()), QPointF(c.x() + d.x(), c.y() - d.y()));
    p_.restore();
  }

  void drawHandles(const Region& r) {
    p_.save();
    p_.setPen(QPen(Qt::black, 1));
    p_.setBrush(ds9Color(r.style.color));
    for (const RegionHandle& h : regionHandles(r, image_, view_)) {
      const QRectF box(h.position - QPointF(3, 3), QSizeF(7, 7));
      if (h.kind == RegionHandle::Kind::Rotate) {
        p_.drawEllipse(box);
      } else {
        p_.drawRect(box);
      }
    }
    p_.restore();
  }

  void line(Vec2 a, Vec2 b, Frame f, bool arrowStart, bool arrowEnd) {
    // Sky lines are great circles: sample them through the tangent plane about their start.
    QPolygonF poly;
    const int n = f == Frame::Sky ? 16 : 1;
    std::optional<regions::TangentPlane> tp;
    std::optional<Vec2> pb;
    if (f == Frame::Sky) {
      tp.emplace(wcs::SkyPoint{a.x, a.y});
      pb = tp->project(wcs::SkyPoint{b.x, b.y});
      if (!pb) return;
    }
    for (int k = 0; k <= n; ++k) {
      Vec2 v = k == 0 ? a : b;
      if (tp && k > 0 && k < n) {
        const wcs::SkyPoint s = tp->unproject({pb->x * k / n, pb->y * k / n});
        v = {s.lon, s.lat};
      }
      if (const auto s = at(v, f)) poly << *s;
    }
    if (poly.size() < 2) return;
    p_.drawPolyline(poly);
    if (arrowStart) drawArrowHead(p_, poly[1], poly.front());
    if (arrowEnd) drawArrowHead(p_, poly[poly.size() - 2], poly.back());
  }

  void annotation(const Region& r) {
    const Frame f = r.frame;
    std::visit(
        [&](const auto& s) {
          using T = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<T, regions::Point>) {
            if (const auto c = at(s.position, f)) drawPointSymbol(p_, *c, r.style.pointType, r.style.pointSize);
          } else if constexpr (std::is_same_v<T, regions::Line>) {
            line(s.from, s.to, f, r.style.lineArrowStart, r.style.lineArrowEnd);
          } else if constexpr (std::is_same_v<T, regions::Ruler>) {
            line(s.from, s.to, f, true, true);
            const auto a = at(s.from, f), b = at(s.to, f);
            if (a && b) p_.drawText((*a + *b) / 2 + QPointF(4, -4), rulerText(s.from, s.to, f));
          } else if constexpr (std::is_same_v<T, regions::Projection>) {
            line(s.from, s.to, f, false, false);
            const auto a = at(s.from, f), b = at(s.to, f);
            if (a && b) {
              const QPointF d = *b - *a;
              const double len = std::hypot(d.x(), d.y());
              if (len > 0) {
                const QPointF n = QPointF(-d.y(), d.x()) / len * (s.thickness * screenPerUnit(r, image_, view_));
                QPen pen = p_.pen();
                pen.setStyle(Qt::DashLine);
                p_.save();
                p_.setPen(pen);
                p_.drawLine(*a + n, *b + n);
                p_.restore();
              }
            }
          } else if constexpr (std::is_same_v<T, regions::Segment>) {
            QPolygonF poly;
            for (const Vec2& v : s.vertices) {
              if (const auto q = at(v, f)) poly << *q;
            }
            p_.drawPolyline(poly);
          } else if constexpr (std::is_same_v<T, regions::Vector>) {
            const Vec2 end = offsetPoint(s.origin, s.length, s.angle, f);
            line(s.origin, end, f, false, r.style.vectorArrow);
          } else if constexpr (std::is_same_v<T, regions::Text>) {
            if (const auto c = at(s.position, f)) {
              p_.save();
              p_.setFont(ds9Font(r.style.font));
              p_.translate(*c);
              p_.rotate(-r.style.textAngle);
              p_.drawText(QRectF(-300, -30, 600, 60), Qt::AlignCenter, r.style.text);
              p_.restore();
            }
          } else if constexpr (std::is_same_v<T, regions::Compass>) {
            compass(r, s);
          }
        },
        r.shape);
  }

  QString rulerText(Vec2 a, Vec2 b, Frame f) const {
    if (f == Frame::Sky) {
      return QStringLiteral("%1\"").arg(wcs::angularDistanceDeg({a.x, a.y}, {b.x, b.y}) * 3600.0, 0, 'f', 2);
    }
    return QStringLiteral("%1 px").arg(std::hypot(b.x - a.x, b.y - a.y), 0, 'f', 2);
  }

  void compass(const Region& r, const regions::Compass& s) {
    // North and East arrows on the sky; the length in the region's units.
    Vec2 centre = s.centre;
    double len = s.length;
    if (r.frame != Frame::Sky) {
      const auto px = imagePixelOf(s.centre, r.frame, image_);
      const auto sky = px ? image_.pixelToIcrs(*px) : std::nullopt;
      if (!sky || !image_.wcs) return;
      centre = {sky->lon, sky->lat};
      len = s.length * (r.frame == Frame::Physical ? 1.0 / image_.binFactor : 1.0) * image_.wcs->pixelScaleDeg();
    }
    const auto c = at(centre, Frame::Sky);
    const auto n = at(offsetPoint(centre, len, 90, Frame::Sky), Frame::Sky);
    const auto e = at(offsetPoint(centre, len, 180, Frame::Sky), Frame::Sky);
    if (!c || !n || !e) return;
    p_.drawLine(*c, *n);
    drawArrowHead(p_, *c, *n);
    p_.drawText(*n + QPointF(3, -3), QStringLiteral("N"));
    p_.drawLine(*c, *e);
    drawArrowHead(p_, *c, *e);
    p_.drawText(*e + QPointF(-10, -3), QStringLiteral("E"));
  }

  QPainter& p_;
  const imaging::Image2D& image_;
  const imaging::ViewGeometry& view_;
  const RegionPaintOptions& options_;
};

}  // namespace

QColor ds9Color(const QString& name) {
  const QString n = name.trimmed().toLower();
  static const std::pair<const char*, QRgb> kDs9[] = {
      {"white", 0xffffff}, {"black", 0x000000}, {"red", 0xff0000},     {"green", 0x00ff00},
      {"blue", 0x0000ff},  {"cyan", 0x00ffff},  {"magenta", 0xff00ff}, {"yellow", 0xffff00}};
  for (const auto& [key, rgb] : kDs9) {
    if (n == QLatin1String(key)) return QColor(rgb);
  }
  const QColor c(n);
  return c.isValid() ? c : QColor(0x00ff00);
}

void paintRegions(QPainter& painter, const std::vector<Region>& regions, const imaging::Image2D& image,
                  const imaging::ViewGeometry& view, const RegionPaintOptions& options) {
  if (image.empty()) return;
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, options.antialias);
  Painter p(painter, image, view, options);
  for (size_t i = 0; i < regions.size(); ++i) {
    if (regions[i].frame == Frame::Sky && !image.wcs) continue;
    const bool selected =
        std::find(options.selected.begin(), options.selected.end(), static_cast<int>(i)) != options.selected.end();
    p.paint(regions[i], selected);
  }
  painter.restore();
}

}  // namespace xsky::widgets
