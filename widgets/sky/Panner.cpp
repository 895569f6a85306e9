#include "sky/Panner.h"

#include <QMouseEvent>
#include <QPainter>

#include "imaging/ViewRenderer.h"
#include "sky/SkyView.h"

namespace xsky::widgets {

Panner::Panner(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("panner"));
  setMinimumSize(120, 120);
}

void Panner::setView(SkyView* view) {
  disconnect(viewChanged_);
  disconnect(frameRendered_);
  view_ = view;
  thumbLut_.reset();
  thumbnail_ = QImage();
  if (view_ != nullptr) {
    viewChanged_ = connect(view_, &SkyView::viewChanged, this, qOverload<>(&QWidget::update));
    frameRendered_ = connect(view_, &SkyView::frameRendered, this, [this] {
      if (view_->lut() != thumbLut_) rebuild();
    });
    rebuild();
  }
  update();
}

QRectF Panner::imageRect() const {
  if (view_ == nullptr) return {};
  const imaging::Image2D& img = view_->image();
  if (img.empty()) return {};
  const double z = std::min(width() / double(img.width), height() / double(img.height));
  const QSizeF size(img.width * z, img.height * z);
  return {QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size};
}

void Panner::rebuild() {
  // The thumbnail uses the view's LUT, rendered at the panner's size (a small image: cheap).
  thumbLut_ = view_->lut();
  thumbnail_ = QImage();
  const imaging::Image2D& img = view_->image();
  if (!thumbLut_ || img.empty()) return;
  const QRectF r = imageRect();
  imaging::ViewGeometry g;
  g.width = std::max(1, static_cast<int>(r.width()));
  g.height = std::max(1, static_cast<int>(r.height()));
  g.zoom = r.width() / img.width;
  g.centreX = 0.5 + img.width / 2.0;
  g.centreY = 0.5 + img.height / 2.0;
  thumbnail_ = QImage(g.width, g.height, QImage::Format_RGB32);
  imaging::renderView(img, *thumbLut_, g, 0xff000000u, reinterpret_cast<uint32_t*>(thumbnail_.bits()));
  update();
}

void Panner::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::black);
  if (view_ == nullptr) return;
  const imaging::Image2D& img = view_->image();
  if (img.empty() || thumbnail_.isNull()) return;
  const QRectF r = imageRect();
  p.drawImage(r, thumbnail_);
  // The visible rectangle of the view, in thumbnail coordinates.
  const wcs::PixelRect v = view_->visibleRect();
  const double z = r.width() / img.width;
  const QRectF box(QPointF(r.left() + (v.x0 - 0.5) * z, r.bottom() - (v.y1 - 0.5) * z),
                   QPointF(r.left() + (v.x1 - 0.5) * z, r.bottom() - (v.y0 - 0.5) * z));
  p.setPen(QPen(QColor(80, 200, 255), 1.5));
  p.drawRect(box.intersected(QRectF(rect()).adjusted(1, 1, -1, -1)));
}

void Panner::moveViewTo(QPointF pos) {
  if (view_ == nullptr) return;
  const imaging::Image2D& img = view_->image();
  const QRectF r = imageRect();
  if (img.empty() || r.isEmpty()) return;
  const double z = r.width() / img.width;
  view_->setView({(pos.x() - r.left()) / z + 0.5, (r.bottom() - pos.y()) / z + 0.5}, view_->zoom());
}

void Panner::mousePressEvent(QMouseEvent* event) { moveViewTo(event->position()); }

void Panner::mouseMoveEvent(QMouseEvent* event) {
  if (event->buttons() & Qt::LeftButton) moveViewTo(event->position());
}

}  // namespace xsky::widgets
