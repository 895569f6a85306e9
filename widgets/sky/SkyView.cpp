#include "sky/SkyView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "sky/RenderWorker.h"
#include "sky/SkyOverlayPainter.h"
#include "sky/ViewOverlay.h"

namespace xsky::widgets {

namespace {
const imaging::Image2D kEmpty;
constexpr double kMinZoom = 1.0 / 256, kMaxZoom = 512.0;
}  // namespace

SkyView::SkyView(QWidget* parent) : QWidget(parent), worker_(new RenderWorker(this)) {
  setObjectName(QStringLiteral("skyView"));
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(160, 120);
  setAttribute(Qt::WA_OpaquePaintEvent);
  connect(worker_, &RenderWorker::frameReady, this, &SkyView::onFrame, Qt::QueuedConnection);
}

SkyView::~SkyView() = default;

const imaging::Image2D& SkyView::image() const { return image_ ? *image_ : kEmpty; }

void SkyView::setImage(std::shared_ptr<const imaging::Image2D> image, bool keepView) {
  image_ = std::move(image);
  if (!keepView || !hasImage()) {
    fitOnResize_ = true;
    zoomToFit();
  }
  requestRender();
}

void SkyView::setDisplay(const imaging::DisplaySettings& settings) {
  settings_ = settings;
  requestRender();
}

imaging::ViewGeometry SkyView::geometry() const {
  imaging::ViewGeometry g;
  g.zoom = zoom_;
  g.centreX = centreX_;
  g.centreY = centreY_;
  g.width = width();
  g.height = height();
  return g;
}

void SkyView::setView(wcs::PixelPoint centre, double zoom) {
  centreX_ = centre.x;
  centreY_ = centre.y;
  zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
  fitOnResize_ = false;
  requestRender();
  Q_EMIT viewChanged();
}

void SkyView::zoomToFit() {
  if (!hasImage()) return;
  const double z = std::min(width() / double(image_->width), height() / double(image_->height));
  centreX_ = 0.5 + image_->width / 2.0;
  centreY_ = 0.5 + image_->height / 2.0;
  zoom_ = std::clamp(z, kMinZoom, kMaxZoom);
  fitOnResize_ = true;
  requestRender();
  Q_EMIT viewChanged();
}

void SkyView::zoomBy(double factor) { setView(centre(), zoom_ * factor); }

void SkyView::panByScreen(double dx, double dy) {
  setView({centreX_ + dx / zoom_, centreY_ - dy / zoom_}, zoom_);
}

bool SkyView::centreOnSky(wcs::SkyPoint icrs) {
  if (!hasImage() || !image_->wcs) return false;
  const auto p = image_->wcs->icrsToPixel(icrs);
  if (!p) return false;
  setView(*p, zoom_);
  return true;
}

wcs::PixelPoint SkyView::imagePixelAt(QPointF pos) const {
  const imaging::ViewGeometry g = geometry();
  return {g.imageX(pos.x()), g.imageY(pos.y())};
}

QPointF SkyView::widgetPosOf(wcs::PixelPoint p) const {
  const imaging::ViewGeometry g = geometry();
  return {g.screenX(p.x), g.screenY(p.y)};
}

wcs::PixelRect SkyView::visibleRect() const {
  const imaging::ViewGeometry g = geometry();
  return {g.imageX(0), g.imageY(height()), g.imageX(width()), g.imageY(0)};
}

void SkyView::setGridVisible(bool on) {
  grid_ = on;
  update();
}

void SkyView::setGridFrame(wcs::CelestialFrame frame) {
  gridFrame_ = frame;
  update();
}

void SkyView::setCompassVisible(bool on) {
  compass_ = on;
  update();
}

void SkyView::requestRender() {
  update();
  if (!hasImage() || width() <= 0 || height() <= 0) return;
  RenderJob job;
  job.image = image_;
  job.settings = settings_;
  job.view = geometry();
  job.serial = ++requestSerial_;
  worker_->render(job);
}

void SkyView::onFrame(const QImage& frame, const imaging::ViewGeometry& view, quint64 serial,
                      const std::shared_ptr<const imaging::ColorLut>& lut) {
  Q_ASSERT(QThread::currentThread() == thread());
  if (serial < frameSerial_) return;
  frame_ = frame;
  frameView_ = view;
  frameSerial_ = serial;
  lut_ = lut;
  update();
  Q_EMIT frameRendered();
}

void SkyView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(0x20, 0x20, 0x20));
  if (!hasImage()) {
    p.setPen(Qt::lightGray);
    p.drawText(rect(), Qt::AlignCenter, tr("Open an image or event list (File > Open)"));
    return;
  }
  if (!frame_.isNull()) {
    // The newest frame, placed where the current geometry puts its image pixels.
    const imaging::ViewGeometry g = geometry();
    const double scale = g.zoom / frameView_.zoom;
    const QPointF topLeft(g.screenX(frameView_.imageX(0)), g.screenY(frameView_.imageY(0)));
    if (scale == 1.0 && topLeft == QPointF(0, 0) && frame_.size() == size()) {
      p.drawImage(0, 0, frame_);
    } else {
      p.drawImage(QRectF(topLeft, QSizeF(frame_.width() * scale, frame_.height() * scale)), frame_);
    }
  }
  drawOverlays(p);
}

void SkyView::drawOverlays(QPainter& p) {
  const imaging::ViewGeometry g = geometry();
  if (!image_->wcs) {
    paintNoWcsNotice(p, g);
  } else {
    if (grid_) paintCoordinateGrid(p, *image_->wcs, g, gridFrame_);
    if (compass_) paintCompass(p, *image_->wcs, g);
  }
  for (ViewOverlay* overlay : overlays_) {
    p.save();
    overlay->paint(p, *this);
    p.restore();
  }
}

void SkyView::addOverlay(ViewOverlay* overlay) {
  if (!overlay || std::find(overlays_.begin(), overlays_.end(), overlay) != overlays_.end()) return;
  overlays_.push_back(overlay);
  connect(overlay, &ViewOverlay::changed, this, qOverload<>(&QWidget::update));
  connect(overlay, &QObject::destroyed, this, [this, overlay] { removeOverlay(overlay); });
  update();
}

void SkyView::removeOverlay(ViewOverlay* overlay) {
  const auto it = std::find(overlays_.begin(), overlays_.end(), overlay);
  if (it == overlays_.end()) return;
  overlays_.erase(it);
  disconnect(overlay, nullptr, this, nullptr);
  update();
}

template <class Handler>
bool SkyView::offerToOverlays(Handler handler) {
  if (!hasImage()) return false;
  const std::vector<ViewOverlay*> overlays = overlays_;  // a handler may remove one
  for (auto it = overlays.rbegin(); it != overlays.rend(); ++it) {
    if (handler(**it)) return true;
  }
  return false;
}

void SkyView::resizeEvent(QResizeEvent*) {
  if (fitOnResize_) {
    zoomToFit();
  } else {
    requestRender();
  }
}

void SkyView::mouseMoveEvent(QMouseEvent* event) {
  if (dragButton_ == Qt::NoButton || overlayDrag_) {
    if (offerToOverlays([&](ViewOverlay& o) { return o.mouseMove(*this, event); })) {
      emitCursor(event->position());
      return;
    }
  }
  const QPointF d = event->position() - dragStart_;
  if (dragButton_ == Qt::LeftButton) {
    setView({dragCentreX_ - d.x() / zoom_, dragCentreY_ + d.y() / zoom_}, zoom_);
  } else if (dragButton_ == Qt::RightButton) {
    // DS9: horizontal position sets the bias, vertical the contrast.
    imaging::DisplaySettings s = dragSettings_;
    s.bias = std::clamp(event->position().x() / std::max(1, width()), 0.0, 1.0);
    s.contrast = std::clamp(dragSettings_.contrast * std::pow(2.0, -d.y() / 100.0), 0.05, 20.0);
    setDisplay(s);
    Q_EMIT displayChanged(s);
  }
  emitCursor(event->position());
}

void SkyView::emitCursor(QPointF pos) {
  const wcs::PixelPoint px = imagePixelAt(pos);
  const long i = static_cast<long>(std::floor(px.x - 0.5)), j = static_cast<long>(std::floor(px.y - 0.5));
  const bool inside = hasImage() && i >= 0 && j >= 0 && i < image_->width && j < image_->height;
  Q_EMIT cursorMoved(px.x, px.y, inside ? image_->at(static_cast<int>(i), static_cast<int>(j)) : std::nan(""));
}

void SkyView::mousePressEvent(QMouseEvent* event) {
  overlayDrag_ = offerToOverlays([&](ViewOverlay& o) { return o.mousePress(*this, event); });
  if (overlayDrag_) {
    dragButton_ = event->button();
    return;
  }
  dragButton_ = event->button();
  dragStart_ = event->position();
  dragCentreX_ = centreX_;
  dragCentreY_ = centreY_;
  dragSettings_ = settings_;
}

void SkyView::mouseReleaseEvent(QMouseEvent* event) {
  if (overlayDrag_) offerToOverlays([&](ViewOverlay& o) { return o.mouseRelease(*this, event); });
  dragButton_ = Qt::NoButton;
  overlayDrag_ = false;
}

void SkyView::mouseDoubleClickEvent(QMouseEvent* event) {
  if (offerToOverlays([&](ViewOverlay& o) { return o.mouseDoubleClick(*this, event); })) return;
  QWidget::mouseDoubleClickEvent(event);
}

void SkyView::wheelEvent(QWheelEvent* event) {
  // The image pixel under the cursor stays under it.
  const wcs::PixelPoint before = imagePixelAt(event->position());
  const double newZoom = std::clamp(zoom_ * std::pow(2.0, event->angleDelta().y() / 480.0), kMinZoom, kMaxZoom);
  const double sx = event->position().x() - width() / 2.0, sy = event->position().y() - height() / 2.0;
  setView({before.x - sx / newZoom, before.y + sy / newZoom}, newZoom);
}

void SkyView::keyPressEvent(QKeyEvent* event) {
  if (offerToOverlays([&](ViewOverlay& o) { return o.keyPress(*this, event); })) return;
  const double step = event->modifiers() & Qt::ShiftModifier ? 1.0 : 40.0;  // screen pixels
  switch (event->key()) {
    case Qt::Key_Left: panByScreen(-step, 0); break;
    case Qt::Key_Right: panByScreen(step, 0); break;
    case Qt::Key_Up: panByScreen(0, -step); break;
    case Qt::Key_Down: panByScreen(0, step); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(2.0); break;
    case Qt::Key_Minus: zoomBy(0.5); break;
    default: QWidget::keyPressEvent(event); return;
  }
}

}  // namespace xsky::widgets
