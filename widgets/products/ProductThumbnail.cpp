#include "products/ProductThumbnail.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace xsky::widgets {

namespace {

// DS9's "heat" ramp: black, red, yellow, white.
QRgb heat(double v) {
  const auto c = [](double x) { return static_cast<int>(std::clamp(x, 0.0, 1.0) * 255.0 + 0.5); };
  return qRgb(c(v * 3), c(v * 3 - 1), c(v * 3 - 2));
}

}  // namespace

QPixmap productThumbnail(const products::ProductSketch& sketch, QSize size) {
  QPixmap pixmap(size);
  pixmap.fill(Qt::white);
  QPainter p(&pixmap);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QColor(0xb0, 0xb0, 0xb0));
  p.drawRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1));
  if (sketch.kind == products::ProductSketch::Kind::Image) {
    if (sketch.width <= 0 || sketch.height <= 0) return pixmap;
    QImage image(sketch.width, sketch.height, QImage::Format_RGB32);
    for (int y = 0; y < sketch.height; ++y) {
      for (int x = 0; x < sketch.width; ++x) {
        // Row 0 of the sketch is the bottom of the sky image, as DS9 shows it.
        image.setPixel(x, sketch.height - 1 - y, heat(sketch.values[static_cast<size_t>(y * sketch.width + x)]));
      }
    }
    const QSize fit = image.size().scaled(size - QSize(2, 2), Qt::KeepAspectRatio);
    p.drawImage(QRect(QPoint((size.width() - fit.width()) / 2, (size.height() - fit.height()) / 2), fit), image);
    return pixmap;
  }
  const std::vector<double>& v = sketch.values;
  if (v.empty()) return pixmap;
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  const double span = *hi > *lo ? *hi - *lo : 1.0;
  const double w = size.width() - 4, h = size.height() - 4;
  QPainterPath path;
  for (size_t i = 0; i < v.size(); ++i) {
    const double y = 2 + h - (v[i] - *lo) / span * h;
    const double x0 = 2 + w * static_cast<double>(i) / static_cast<double>(v.size());
    const double x1 = 2 + w * static_cast<double>(i + 1) / static_cast<double>(v.size());
    if (i == 0) {
      path.moveTo(x0, y);
    } else {
      path.lineTo(x0, y);
    }
    path.lineTo(x1, y);
  }
  p.setPen(QPen(QColor(0x1f, 0x5f, 0xbf), 1.3));
  p.drawPath(path);
  return pixmap;
}

}  // namespace xsky::widgets
