#pragma once
// Shows one sky image (an Image2D) scaled to fit or at a zoom factor, with North-up FITS
// orientation, and reports the image pixel under the cursor. Pan with the left mouse button,
// zoom with the wheel around the cursor. The full viewer (issue #3) grows from here.

#include <QImage>
#include <QWidget>

#include "imaging/DisplayScale.h"

namespace xsky::widgets {

class SkyImageView : public QWidget {
  Q_OBJECT
 public:
  explicit SkyImageView(QWidget* parent = nullptr);

  void setImage(imaging::Image2D image);
  const imaging::Image2D& image() const { return image_; }
  void setDisplay(const imaging::DisplaySettings& settings, const QString& colormap);
  double zoom() const { return zoom_; }
  /// Zoom so that the whole image fits the widget.
  void zoomToFit();
  /// FITS image pixel under a widget position.
  wcs::PixelPoint imagePixelAt(QPointF widgetPos) const;

 Q_SIGNALS:
  /// The cursor moved over image pixel (FITS 1-based); value is NaN outside the image.
  void cursorMoved(double x, double y, double value);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  void rerender();
  QPointF widgetPosOf(wcs::PixelPoint image) const;

  imaging::Image2D image_;
  imaging::DisplaySettings settings_;
  QString colormap_ = QStringLiteral("heat");
  QImage rendered_;
  double zoom_ = 1.0;        // screen pixels per image pixel
  QPointF centre_;           // image pixel (FITS) at the widget centre
  bool fitOnResize_ = true;
  bool dragging_ = false;
  QPointF dragStart_;
  QPointF centreAtDragStart_;
};

}  // namespace xsky::widgets
