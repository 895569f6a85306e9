#include "catalog/CatalogOverlay.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>
#include <limits>

#include "imaging/Image2D.h"
#include "sky/SkyView.h"

namespace xsky::widgets {

namespace {
constexpr double kFixedRadius = 6.0;    // screen pixels, without an error column
constexpr double kMinimumRadius = 4.0;  // screen pixels, with one
constexpr double kPickSlack = 4.0;      // screen pixels around a marker that still pick it
constexpr size_t kMaxCachedImages = 8;
const QColor kMarker(0, 230, 255);
const QColor kSelected(255, 230, 0);
}  // namespace

CatalogOverlay::CatalogOverlay(QObject* parent) : ViewOverlay(parent) {}

void CatalogOverlay::setPositions(catalog::SkyPositions positions, std::vector<double> errorsDeg) {
  positions_ = std::move(positions);
  errors_ = errorsDeg.size() == positions_.size() ? std::move(errorsDeg) : std::vector<double>{};
  shown_.resize(positions_.size());
  for (size_t i = 0; i < shown_.size(); ++i) shown_[i] = i;
  selected_.assign(positions_.size(), 0);
  cache_.clear();
  Q_EMIT changed();
}

void CatalogOverlay::clear() { setPositions({}, {}); }

void CatalogOverlay::setShownRows(std::vector<size_t> rows) {
  shown_ = std::move(rows);
  Q_EMIT changed();
}

void CatalogOverlay::setSelectedRows(const std::vector<size_t>& rows) {
  selected_.assign(positions_.size(), 0);
  for (const size_t r : rows) {
    if (r < selected_.size()) selected_[r] = 1;
  }
  Q_EMIT changed();
}

void CatalogOverlay::setVisible(bool visible) {
  visible_ = visible;
  Q_EMIT changed();
}

size_t CatalogOverlay::markerCount() const {
  size_t n = 0;
  for (const size_t r : shown_) {
    n += r < positions_.size() && std::isfinite(positions_.ra[r]) &&
         std::isfinite(positions_.dec[r]);
  }
  return n;
}

const CatalogOverlay::Projected* CatalogOverlay::projected(const imaging::Image2D& image) const {
  if (!image.wcs) return nullptr;
  const auto it = cache_.find(&image);
  if (it != cache_.end()) return &it->second;
  if (cache_.size() >= kMaxCachedImages) cache_.clear();
  Projected p;
  const size_t n = positions_.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  p.pixel.assign(n, QPointF(nan, nan));
  if (!errors_.empty()) p.radiusPixels.assign(n, 0.0f);
  const double scale = image.wcs->pixelScaleDeg();
  // Only rows near the image go through WCSLIB: the cap about the image centre through its
  // corners (with a margin), tested with a cheap separation first. A wide catalogue over a small
  // image then costs a few ns per row instead of a projection each.
  const double w = image.width, h = image.height;
  const auto centre = image.wcs->pixelToIcrs({0.5 + w / 2, 0.5 + h / 2});
  double reach = 180.0;
  if (centre) {
    reach = 0;
    for (const wcs::PixelPoint corner :
         {wcs::PixelPoint{0.5, 0.5}, wcs::PixelPoint{w + 0.5, 0.5}, wcs::PixelPoint{0.5, h + 0.5},
          wcs::PixelPoint{w + 0.5, h + 0.5}}) {
      const auto c = image.wcs->pixelToIcrs(corner);
      reach = c ? std::max(reach, catalog::separationDeg(centre->lon, centre->lat, c->lon, c->lat))
                : 180.0;
    }
    reach = std::min(180.0, reach * 1.2 + 50 * scale);
  }
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(positions_.ra[i]) || !std::isfinite(positions_.dec[i])) continue;
    if (reach < 180.0 && catalog::separationDeg(centre->lon, centre->lat, positions_.ra[i],
                                                positions_.dec[i]) > reach) {
      continue;
    }
    const auto px = image.wcs->icrsToPixel({positions_.ra[i], positions_.dec[i]});
    if (!px || !std::isfinite(px->x) || !std::isfinite(px->y)) continue;
    p.pixel[i] = QPointF(px->x, px->y);
    if (!errors_.empty() && std::isfinite(errors_[i]) && scale > 0) {
      p.radiusPixels[i] = static_cast<float>(errors_[i] / scale);
    }
  }
  return &cache_.emplace(&image, std::move(p)).first->second;
}

double CatalogOverlay::screenRadius(const Projected& p, size_t row, double zoom) const {
  if (p.radiusPixels.empty()) return kFixedRadius;
  return std::max(kMinimumRadius, static_cast<double>(p.radiusPixels[row]) * zoom);
}

std::optional<QPointF> CatalogOverlay::widgetPosOfRow(const SkyView& view, size_t row) const {
  if (!view.hasImage() || row >= positions_.size()) return std::nullopt;
  const Projected* p = projected(view.image());
  if (!p || std::isnan(p->pixel[row].x())) return std::nullopt;
  return view.widgetPosOf({p->pixel[row].x(), p->pixel[row].y()});
}

std::optional<size_t> CatalogOverlay::rowAt(const SkyView& view, QPointF pos) const {
  if (!visible_ || !view.hasImage()) return std::nullopt;
  const Projected* p = projected(view.image());
  if (!p) return std::nullopt;
  const double zoom = view.geometry().zoom;
  std::optional<size_t> best;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (const size_t r : shown_) {
    if (r >= p->pixel.size() || std::isnan(p->pixel[r].x())) continue;
    const QPointF w = view.widgetPosOf({p->pixel[r].x(), p->pixel[r].y()});
    const double d = std::hypot(w.x() - pos.x(), w.y() - pos.y());
    if (d <= screenRadius(*p, r, zoom) + kPickSlack && d < bestDistance) {
      bestDistance = d;
      best = r;
    }
  }
  return best;
}

void CatalogOverlay::paint(QPainter& painter, const SkyView& view) {
  painted_ = 0;
  if (!visible_ || !view.hasImage()) return;
  const Projected* p = projected(view.image());
  if (!p) return;
  const double zoom = view.geometry().zoom;
  const QRectF bounds = QRectF(view.rect()).adjusted(-50, -50, 50, 50);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setBrush(Qt::NoBrush);
  std::vector<std::pair<QPointF, double>> selected;
  painter.setPen(QPen(kMarker, 1.3));
  for (const size_t r : shown_) {
    if (r >= p->pixel.size() || std::isnan(p->pixel[r].x())) continue;
    const QPointF w = view.widgetPosOf({p->pixel[r].x(), p->pixel[r].y()});
    if (!bounds.contains(w)) continue;
    ++painted_;
    const double radius = screenRadius(*p, r, zoom);
    if (selected_[r]) {
      selected.emplace_back(w, radius);
      continue;
    }
    painter.drawEllipse(w, radius, radius);
  }
  // Selected markers on top: a dark halo under a thick highlight, and a centre dot.
  for (const auto& [w, radius] : selected) {
    painter.setPen(QPen(QColor(0, 0, 0, 160), 4.5));
    painter.drawEllipse(w, radius + 1, radius + 1);
    painter.setPen(QPen(kSelected, 2.5));
    painter.drawEllipse(w, radius + 1, radius + 1);
    painter.setBrush(kSelected);
    painter.drawEllipse(w, 1.5, 1.5);
    painter.setBrush(Qt::NoBrush);
  }
  painter.restore();
}

bool CatalogOverlay::mousePress(SkyView& view, QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return false;
  const auto row = rowAt(view, event->position());
  if (!row) return false;
  Q_EMIT rowClicked(*row, (event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier)) != 0);
  return true;
}

}  // namespace xsky::widgets
