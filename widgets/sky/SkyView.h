#pragma once
// The sky view: one image (a FITS image or an event list binned) shown with its WCS. Rendering
// happens on a RenderWorker (see RenderWorker.h for the threading model); the GUI thread only
// blits the newest finished frame, drawing the previous one shifted/scaled while a new one is on
// its way so that pan and zoom feel immediate. Overlays: WCS grid, compass.
// Gestures as in DS9: left drag pans, wheel zooms about the cursor, right drag sets contrast
// (vertical) and bias (horizontal), arrow keys pan, +/- zoom.

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>

#include "imaging/ColorLut.h"
#include "imaging/ViewRenderer.h"
#include "wcs/CoordinateGrid.h"

#include <vector>

namespace xsky::widgets {

class RenderWorker;
class ViewOverlay;

class SkyView : public QWidget {
  Q_OBJECT
 public:
  explicit SkyView(QWidget* parent = nullptr);
  ~SkyView() override;

  void setImage(std::shared_ptr<const imaging::Image2D> image, bool keepView = false);
  const imaging::Image2D& image() const;
  std::shared_ptr<const imaging::Image2D> imagePtr() const { return image_; }
  bool hasImage() const { return image_ && !image_->empty(); }

  void setDisplay(const imaging::DisplaySettings& settings);
  const imaging::DisplaySettings& display() const { return settings_; }
  /// The LUT of the last rendered frame (limits, colours) for the colourbar; may be null.
  std::shared_ptr<const imaging::ColorLut> lut() const { return lut_; }

  // View geometry: zoom is screen pixels per image pixel; centre an image pixel (FITS).
  double zoom() const { return zoom_; }
  wcs::PixelPoint centre() const { return {centreX_, centreY_}; }
  void setView(wcs::PixelPoint centre, double zoom);
  void zoomToFit();
  void zoomBy(double factor);
  void panByScreen(double dx, double dy);
  /// Centres on an ICRS position; false when the image has no WCS or the point is undefined.
  bool centreOnSky(wcs::SkyPoint icrs);
  imaging::ViewGeometry geometry() const;
  wcs::PixelPoint imagePixelAt(QPointF widgetPos) const;
  QPointF widgetPosOf(wcs::PixelPoint image) const;
  /// The visible rectangle in image pixels.
  wcs::PixelRect visibleRect() const;

  void setGridVisible(bool on);
  bool gridVisible() const { return grid_; }
  void setGridFrame(wcs::CelestialFrame frame);
  void setCompassVisible(bool on);
  /// Adds an overlay (not owned; see ViewOverlay.h); removing it again is safe at any time.
  void addOverlay(ViewOverlay* overlay);
  void removeOverlay(ViewOverlay* overlay);
  const std::vector<ViewOverlay*>& overlays() const { return overlays_; }
  /// The last finished frame (what is on screen without overlays).
  const QImage& frame() const { return frame_; }
  /// True when the newest requested frame has been rendered.
  bool isFrameCurrent() const { return frameSerial_ == requestSerial_; }

 Q_SIGNALS:
  /// The cursor is over image pixel (x, y) (FITS, 1-based); value NaN outside the image.
  void cursorMoved(double x, double y, double value);
  /// Centre or zoom changed (for the panner, locked frames, the magnifier).
  void viewChanged();
  /// A new frame is on screen.
  void frameRendered();
  /// Display settings changed by a gesture (right drag).
  void displayChanged(const xsky::imaging::DisplaySettings& settings);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void requestRender();
  void onFrame(const QImage& frame, const imaging::ViewGeometry& view, quint64 serial,
               const std::shared_ptr<const imaging::ColorLut>& lut);
  void drawOverlays(QPainter& p);
  void emitCursor(QPointF pos);
  template <class Handler>
  bool offerToOverlays(Handler handler);

  std::shared_ptr<const imaging::Image2D> image_;
  imaging::DisplaySettings settings_;
  std::shared_ptr<const imaging::ColorLut> lut_;
  RenderWorker* worker_ = nullptr;
  QImage frame_;
  imaging::ViewGeometry frameView_;
  quint64 requestSerial_ = 0;
  quint64 frameSerial_ = 0;
  double zoom_ = 1.0;
  double centreX_ = 0, centreY_ = 0;
  bool fitOnResize_ = true;
  bool grid_ = false;
  bool compass_ = true;
  wcs::CelestialFrame gridFrame_ = wcs::CelestialFrame::Icrs;
  Qt::MouseButton dragButton_ = Qt::NoButton;
  bool overlayDrag_ = false;  // the pressed button's gesture belongs to an overlay
  QPointF dragStart_;
  double dragCentreX_ = 0, dragCentreY_ = 0;
  imaging::DisplaySettings dragSettings_;
  std::vector<ViewOverlay*> overlays_;
};

}  // namespace xsky::widgets
