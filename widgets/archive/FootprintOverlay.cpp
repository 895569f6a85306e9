#include "archive/FootprintOverlay.h"

#include <QPainter>
#include <QPolygonF>
#include <QTransform>

#include "imaging/Image2D.h"
#include "moc/MocOutline.h"
#include "sky/SkyView.h"

namespace xsky::widgets {

namespace {
constexpr size_t kMaxCellsPerLayer = 6000;
}

FootprintOverlay::FootprintOverlay(QObject* parent) : ViewOverlay(parent) {}

void FootprintOverlay::setLayers(std::vector<Layer> layers) {
  layers_ = std::move(layers);
  cache_.clear();
  Q_EMIT changed();
}

void FootprintOverlay::setLayerVisible(int index, bool visible) {
  if (index < 0 || index >= static_cast<int>(layers_.size())) return;
  layers_[static_cast<size_t>(index)].visible = visible;
  Q_EMIT changed();
}

void FootprintOverlay::setMaxOrder(int order) {
  order = std::clamp(order, 0, moc::kMaxSpaceOrder);
  if (order == maxOrder_) return;
  maxOrder_ = order;
  cache_.clear();
  Q_EMIT changed();
}

QPainterPath FootprintOverlay::outlineInImage(int index, const imaging::Image2D& image) const {
  if (!image.wcs || index < 0 || index >= static_cast<int>(layers_.size())) return {};
  const CacheKey key{&image, index};
  const auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  QPainterPath path;
  path.setFillRule(Qt::WindingFill);
  const std::vector<moc::CellQuad> quads =
      moc::cellQuads(layers_[static_cast<size_t>(index)].moc, maxOrder_, kMaxCellsPerLayer);
  for (const moc::CellQuad& q : quads) {
    QPolygonF polygon;
    bool ok = true;
    for (const wcs::SkyPoint& corner : q.corners) {
      const auto p = image.wcs->icrsToPixel(corner);
      if (!p) {
        ok = false;
        break;
      }
      polygon << QPointF(p->x, p->y);
    }
    // Cells that do not project, or that wrap around the projection, are left out.
    if (!ok || polygon.boundingRect().width() > image.width + image.height) continue;
    polygon << polygon.front();
    path.addPolygon(polygon);
  }
  path = path.simplified();  // one outline for the union of the cells
  cache_[key] = path;
  return path;
}

void FootprintOverlay::paint(QPainter& painter, const SkyView& view) {
  if (!view.hasImage() || !view.image().wcs) return;
  const imaging::ViewGeometry g = view.geometry();
  // FITS image pixels -> widget pixels (y up on the image, down on screen).
  const QTransform toScreen(g.zoom, 0, 0, -g.zoom, g.width / 2.0 - g.centreX * g.zoom, g.height / 2.0 + g.centreY * g.zoom);
  painter.setRenderHint(QPainter::Antialiasing, true);
  for (size_t i = 0; i < layers_.size(); ++i) {
    const Layer& layer = layers_[i];
    if (!layer.visible || layer.moc.empty()) continue;
    const QPainterPath screen = toScreen.map(outlineInImage(static_cast<int>(i), view.image()));
    QColor fill = layer.colour;
    fill.setAlpha(25);
    QColor line = layer.colour;
    line.setAlpha(220);
    painter.setPen(QPen(line, 1.2));
    painter.setBrush(fill);
    painter.drawPath(screen);
  }
}

QColor footprintColour(const QString& instrument) {
  const QString i = instrument.toUpper();
  if (i.contains(QLatin1String("PN"))) return QColor(80, 170, 255);
  if (i.contains(QLatin1String("MOS1"))) return QColor(255, 170, 60);
  if (i.contains(QLatin1String("MOS2"))) return QColor(220, 90, 220);
  if (i.contains(QLatin1String("ACIS"))) return QColor(120, 230, 120);
  if (i.contains(QLatin1String("HRC"))) return QColor(240, 240, 120);
  if (i == QLatin1String("REGION")) return QColor(255, 255, 255);
  return QColor(200, 200, 200);
}

}  // namespace xsky::widgets
