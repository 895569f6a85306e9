#pragma once
// The region editor of one SkyView: a ViewOverlay that draws the shared RegionDocument's regions
// on the view's image and turns mouse and key gestures into undoable document changes.
//
// Gestures (as DS9): with a shape tool, press at the centre and drag out the radius (ellipse:
// the two radii; box: half the sizes; line: from press to release), a click alone makes a
// default-sized shape; polygon: one click per vertex, double-click or Enter ends, Escape
// cancels; point and text: a click. With the select tool: a click selects (Shift adds), a drag
// moves the selection, the corner handles resize, the round handle rotates; a drag on empty sky
// pans the view. Delete removes, Ctrl+C/Ctrl+V copy and paste, arrow keys nudge by one screen
// pixel (Shift: ten), Ctrl+Z/Ctrl+Shift+Z undo and redo. A whole drag is one undo step.
//
// New regions are stored in Frame::Sky (ICRS degrees; sizes through the image's DS9 pixel scale,
// ReferenceImage.h) when the image has a WCS, else in Frame::Image. Edits happen in the image's
// pixels: a region is converted there, moved/scaled/rotated (regions/ShapeEdit.h) and converted
// back to its own frame. GUI thread only.

#include <map>
#include <memory>
#include <optional>

#include <QPointF>

#include "regions/ReferenceImage.h"
#include "regions/Region.h"
#include "sky/ViewOverlay.h"

namespace xsky::imaging {
struct Image2D;
}

namespace xsky::widgets {

class RegionDocument;

class RegionEditor : public ViewOverlay {
  Q_OBJECT
 public:
  enum class Tool { Select, Circle, Ellipse, Box, Polygon, Annulus, Point, Line, Text };
  Q_ENUM(Tool)

  /// Adds itself to `view`'s overlays; parented to `view` unless `parent` is given. Neither the
  /// view nor the document is owned.
  RegionEditor(SkyView* view, RegionDocument* document, QObject* parent = nullptr);
  ~RegionEditor() override;

  SkyView* view() const { return view_; }
  RegionDocument* document() const { return document_; }

  void setTool(Tool tool);
  Tool tool() const { return tool_; }
  /// Role, include/exclude and display style given to new regions.
  void setNewRole(regions::Role role) { newRole_ = role; }
  regions::Role newRole() const { return newRole_; }
  void setNewInclude(bool include) { newInclude_ = include; }
  bool newInclude() const { return newInclude_; }
  void setNewStyle(const regions::RegionStyle& style) { newStyle_ = style; }
  const regions::RegionStyle& newStyle() const { return newStyle_; }

  /// Topmost region drawn at a widget position, -1 when none.
  int regionAt(QPointF widgetPos) const;
  /// The region converted to this view's FITS image pixels (Frame::Image); nullopt when it
  /// cannot be (a sky region on an image without WCS...).
  std::optional<regions::Region> toImageFrame(const regions::Region& region) const;
  /// An image-pixel region converted to `frame`.
  std::optional<regions::Region> fromImageFrame(const regions::Region& region, regions::Frame frame) const;
  /// The reference image of the view's current image (nullopt without WCS).
  const regions::ReferenceImage* referenceImage() const;

  void paint(QPainter& painter, const SkyView& view) override;
  bool mousePress(SkyView& view, QMouseEvent* event) override;
  bool mouseMove(SkyView& view, QMouseEvent* event) override;
  bool mouseRelease(SkyView& view, QMouseEvent* event) override;
  bool mouseDoubleClick(SkyView& view, QMouseEvent* event) override;
  bool keyPress(SkyView& view, QKeyEvent* event) override;

 Q_SIGNALS:
  void toolChanged(xsky::widgets::RegionEditor::Tool tool);
  /// The user asked to edit a region's properties (double-click; a new text region).
  void editRequested(int index);

 private:
  enum class Drag { None, Create, Move, Resize, Rotate };

  bool pressSelect(QMouseEvent* event);
  void pressCreate(QPointF pos);
  void updatePending(QPointF pos);
  void commitPending(bool clickOnly);
  void finishPolygon();
  void cancelPending();
  void dragSelection(QPointF pos);
  void nudge(double dx, double dy);
  /// `centre` in image pixels; screen position of it.
  QPointF screenOfImage(regions::Vec2 p) const;

  SkyView* view_;
  RegionDocument* document_;
  Tool tool_ = Tool::Select;
  regions::Role newRole_ = regions::Role::Source;
  bool newInclude_ = true;
  regions::RegionStyle newStyle_;

  Drag drag_ = Drag::None;
  QPointF pressPos_;
  std::optional<regions::Region> pending_;  // a region being drawn, in Frame::Image
  std::map<int, regions::Region> originals_;  // index -> region at the start of a drag
  std::map<int, regions::Region> originalsInImage_;  // the same, in image pixels
  QPointF dragCentre_;  // screen position scaling and rotation are about

  mutable std::shared_ptr<const imaging::Image2D> refFor_;
  mutable std::optional<regions::ReferenceImage> ref_;
};

}  // namespace xsky::widgets
