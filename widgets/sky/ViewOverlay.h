#pragma once
// Something drawn over a SkyView that may also take its mouse and key gestures: the region editor,
// catalogue markers, the render CLI's region outlines. A SkyView paints its overlays after the
// image, grid and compass (in the order added) and offers each mouse/key event to them last-added
// first; an overlay that returns true consumes the event (the view then does not pan or zoom).
// Overlays live on the GUI thread; the view does not own them.

#include <QObject>

class QKeyEvent;
class QMouseEvent;
class QPainter;

namespace xsky::widgets {

class SkyView;

class ViewOverlay : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;

  /// Paints in widget coordinates; map image pixels with view.widgetPosOf().
  virtual void paint(QPainter& painter, const SkyView& view) = 0;
  virtual bool mousePress(SkyView&, QMouseEvent*) { return false; }
  virtual bool mouseMove(SkyView&, QMouseEvent*) { return false; }
  virtual bool mouseRelease(SkyView&, QMouseEvent*) { return false; }
  virtual bool mouseDoubleClick(SkyView&, QMouseEvent*) { return false; }
  virtual bool keyPress(SkyView&, QKeyEvent*) { return false; }

 Q_SIGNALS:
  /// The overlay's look changed: views showing it repaint.
  void changed();
};

}  // namespace xsky::widgets
