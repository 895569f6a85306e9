#include "sky/SkyOverlayPainter.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace xsky::widgets {

namespace {
QPointF toScreen(const imaging::ViewGeometry& view, wcs::PixelPoint p) {
  return {view.screenX(p.x), view.screenY(p.y)};
}
}  // namespace

void paintCoordinateGrid(QPainter& p, const wcs::SkyWcs& skyWcs, const imaging::ViewGeometry& view,
                         wcs::CelestialFrame frame) {
  const wcs::PixelRect visible{view.imageX(0), view.imageY(view.height), view.imageX(view.width),
                               view.imageY(0)};
  const std::vector<wcs::GridLine> lines = wcs::computeGrid(skyWcs, visible, {frame, 5, 120});
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setPen(QPen(QColor(120, 220, 120, 170), 1.0));
  for (const wcs::GridLine& line : lines) {
    for (const auto& seg : line.segments) {
      if (seg.empty()) continue;
      QPainterPath path(toScreen(view, seg.front()));
      for (size_t k = 1; k < seg.size(); ++k) path.lineTo(toScreen(view, seg[k]));
      p.drawPath(path);
    }
  }
  p.setPen(QColor(160, 255, 160));
  const QFontMetrics fm(p.font());
  for (const wcs::GridLine& line : lines) {
    if (!line.labelAt) continue;
    QPointF at = toScreen(view, *line.labelAt);
    const int w = fm.horizontalAdvance(line.label);
    at.setX(std::clamp(at.x() - (line.constantLongitude ? w / 2.0 : -3.0), 2.0,
                       std::max(2.0, view.width - w - 2.0)));
    at.setY(std::clamp(at.y() - (line.constantLongitude ? 4.0 : -fm.ascent() / 2.0),
                       double(fm.ascent()), std::max(double(fm.ascent()), view.height - 2.0)));
    p.drawText(at, line.label);
  }
  p.restore();
}

void paintCompass(QPainter& p, const wcs::SkyWcs& skyWcs, const imaging::ViewGeometry& view) {
  const QPointF origin(view.width - 50, view.height - 50);
  const auto c = wcs::compassAt(skyWcs, {view.imageX(origin.x()), view.imageY(origin.y())});
  if (!c) return;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  const double len = 32;
  const QColor colour(80, 200, 255);
  auto arrow = [&](wcs::PixelPoint d, const QString& label) {
    const QPointF tip(origin.x() + d.x * len, origin.y() - d.y * len);
    p.setPen(QPen(colour, 1.6));
    p.drawLine(origin, tip);
    p.drawText(QPointF(origin.x() + d.x * (len + 9) - 4, origin.y() - d.y * (len + 9) + 5), label);
  };
  arrow(c->north, QCoreApplication::translate("SkyView", "N"));
  arrow(c->east, QCoreApplication::translate("SkyView", "E"));
  p.restore();
}

void paintNoWcsNotice(QPainter& p, const imaging::ViewGeometry& view) {
  p.save();
  p.setPen(QColor(255, 200, 80));
  p.drawText(QRectF(8, 8, view.width - 16, view.height - 16), Qt::AlignTop | Qt::AlignLeft,
             QCoreApplication::translate("SkyView", "No valid WCS: pixel coordinates only"));
  p.restore();
}

}  // namespace xsky::widgets
