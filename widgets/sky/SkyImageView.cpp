#include "sky/SkyImageView.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

#include "sky/ImageRendering.h"

namespace xsky::widgets {

SkyImageView::SkyImageView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("skyImageView"));
  setMouseTracking(true);
  setMinimumSize(200, 200);
  setAutoFillBackground(true);
  QPalette p = palette();
  p.setColor(QPalette::Window, Qt::black);
  setPalette(p);
}

void SkyImageView::setImage(imaging::Image2D image) {
  image_ = std::move(image);
  fitOnResize_ = true;
  rerender();
  zoomToFit();
}

void SkyImageView::setDisplay(const imaging::DisplaySettings& settings, const QString& colormap) {
  settings_ = settings;
  colormap_ = colormap;
  rerender();
}

void SkyImageView::rerender() {
  rendered_ = renderImage(image_, settings_, colormap_);
  update();
}

void SkyImageView::zoomToFit() {
  if (image_.empty()) return;
  zoom_ = std::min(width() / static_cast<double>(image_.width), height() / static_cast<double>(image_.height));
  centre_ = QPointF(0.5 + image_.width / 2.0, 0.5 + image_.height / 2.0);
  update();
}

wcs::PixelPoint SkyImageView::imagePixelAt(QPointF pos) const {
  const QPointF d = (pos - QPointF(width() / 2.0, height() / 2.0)) / zoom_;
  return {centre_.x() + d.x(), centre_.y() - d.y()};
}

QPointF SkyImageView::widgetPosOf(wcs::PixelPoint p) const {
  return QPointF(width() / 2.0 + (p.x - centre_.x()) * zoom_, height() / 2.0 - (p.y - centre_.y()) * zoom_);
}

void SkyImageView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  if (rendered_.isNull()) {
    painter.setPen(Qt::lightGray);
    painter.drawText(rect(), Qt::AlignCenter, tr("Open an image or event list (File > Open)"));
    return;
  }
  // FITS pixel edges 0.5 .. width+0.5 map to the rendered image's full extent.
  const QPointF topLeft = widgetPosOf({0.5, image_.height + 0.5});
  const QPointF bottomRight = widgetPosOf({image_.width + 0.5, 0.5});
  painter.setRenderHint(QPainter::SmoothPixmapTransform, zoom_ < 1.0);
  painter.drawImage(QRectF(topLeft, bottomRight), rendered_);
}

void SkyImageView::resizeEvent(QResizeEvent*) {
  if (fitOnResize_) zoomToFit();
}

void SkyImageView::mouseMoveEvent(QMouseEvent* event) {
  if (dragging_) {
    const QPointF d = (event->position() - dragStart_) / zoom_;
    centre_ = centreAtDragStart_ - QPointF(d.x(), -d.y());
    fitOnResize_ = false;
    update();
  }
  const wcs::PixelPoint p = imagePixelAt(event->position());
  const int i = static_cast<int>(std::floor(p.x - 0.5)), j = static_cast<int>(std::floor(p.y - 0.5));
  const bool inside = !image_.empty() && i >= 0 && j >= 0 && i < image_.width && j < image_.height;
  Q_EMIT cursorMoved(p.x, p.y, inside ? image_.at(i, j) : std::nan(""));
}

void SkyImageView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    dragging_ = true;
    dragStart_ = event->position();
    centreAtDragStart_ = centre_;
  }
}

void SkyImageView::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) dragging_ = false;
}

void SkyImageView::wheelEvent(QWheelEvent* event) {
  // Zoom about the cursor: the image pixel under it stays under it.
  const wcs::PixelPoint before = imagePixelAt(event->position());
  const double factor = std::pow(1.0015, event->angleDelta().y());
  zoom_ = std::clamp(zoom_ * factor, 1.0 / 128, 512.0);
  const wcs::PixelPoint after = imagePixelAt(event->position());
  centre_ += QPointF(before.x - after.x, before.y - after.y);
  fitOnResize_ = false;
  update();
}

}  // namespace xsky::widgets
