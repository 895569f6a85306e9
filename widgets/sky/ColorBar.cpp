#include "sky/ColorBar.h"

#include <QPainter>

#include <cmath>

namespace xsky::widgets {

ColorBar::ColorBar(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("colorBar"));
  setMinimumHeight(36);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ColorBar::setLut(std::shared_ptr<const imaging::ColorLut> lut, const imaging::DisplaySettings& settings) {
  lut_ = std::move(lut);
  settings_ = settings;
  update();
}

double ColorBar::valueAt(double f) const {
  if (!lut_) return 0;
  const imaging::Limits l = lut_->limits();
  return l.low + (l.high - l.low) * imaging::invertScale(f, settings_);
}

void ColorBar::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().window());
  if (!lut_) return;
  const int barHeight = 16, margin = 6;
  const int w = width() - 2 * margin;
  for (int x = 0; x < w; ++x) {
    p.setPen(QColor::fromRgb(lut_->colourAtFraction(w > 1 ? x / double(w - 1) : 0)));
    p.drawLine(margin + x, 2, margin + x, 2 + barHeight);
  }
  p.setPen(palette().color(QPalette::WindowText));
  const QFontMetrics fm(font());
  const int ticks = std::max(2, w / 110);
  for (int k = 0; k <= ticks; ++k) {
    const double f = k / double(ticks);
    const int x = margin + static_cast<int>(std::lround(f * (w - 1)));
    p.drawLine(x, 2 + barHeight, x, 6 + barHeight);
    const QString text = QString::number(valueAt(f), 'g', 4);
    const int tw = fm.horizontalAdvance(text);
    p.drawText(std::clamp(x - tw / 2, 0, width() - tw), 8 + barHeight + fm.ascent(), text);
  }
}

}  // namespace xsky::widgets
