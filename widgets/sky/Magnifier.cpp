#include "sky/Magnifier.h"

#include <QPainter>

#include "sky/SkyView.h"

namespace xsky::widgets {

Magnifier::Magnifier(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("magnifier"));
  setMinimumSize(120, 120);
}

void Magnifier::setView(SkyView* view) {
  view_ = view;
  at_.reset();  // until the cursor moves over the new view, magnify its centre
  update();
}

void Magnifier::setFactor(int factor) {
  factor_ = std::max(1, factor);
  update();
}

void Magnifier::showAt(QPointF viewPos) {
  at_ = viewPos;
  update();
}

void Magnifier::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::black);
  if (view_ == nullptr) return;
  const QImage& frame = view_->frame();
  if (frame.isNull()) return;
  // The source square of the frame around the cursor, drawn enlarged without smoothing.
  const QSizeF src(width() / double(factor_), height() / double(factor_));
  const QPointF at = at_.value_or(QRectF(frame.rect()).center());
  const QRectF source(at.x() - src.width() / 2, at.y() - src.height() / 2, src.width(), src.height());
  p.drawImage(QRectF(rect()), frame, source);
  p.setPen(QPen(QColor(80, 200, 255), 1));
  const QPointF c = QRectF(rect()).center();
  p.drawLine(QPointF(c.x() - 8, c.y()), QPointF(c.x() + 8, c.y()));
  p.drawLine(QPointF(c.x(), c.y() - 8), QPointF(c.x(), c.y() + 8));
}

}  // namespace xsky::widgets
