#include "regions/RegionEditor.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "regions/CoordinateMapper.h"
#include "regions/RegionDocument.h"
#include "regions/RegionGeometry.h"
#include "regions/RegionPainter.h"
#include "regions/RegionProjection.h"
#include "regions/ShapeEdit.h"
#include "regions/ShapeTransform.h"
#include "sky/SkyView.h"

namespace xsky::widgets {

namespace {

using regions::Frame;
using regions::Region;
using regions::Vec2;

constexpr double kHandleReach = 6;   // screen pixels
constexpr double kClickOnly = 3;     // a press and release closer than this is a click
constexpr double kDefaultRadius = 20;  // screen pixels, for shapes made by a click

double distanceToSegment(QPointF p, QPointF a, QPointF b) {
  const QPointF ab = b - a;
  const double len2 = QPointF::dotProduct(ab, ab);
  const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
  const QPointF d = p - (a + t * ab);
  return std::hypot(d.x(), d.y());
}

double screenAngleDeg(QPointF from, QPointF to) {
  // Counter-clockwise on screen (y down), as image angles are (image y up).
  return std::atan2(-(to.y() - from.y()), to.x() - from.x()) * 180.0 / std::numbers::pi;
}

}  // namespace

RegionEditor::RegionEditor(SkyView* view, RegionDocument* document, QObject* parent)
    : ViewOverlay(parent != nullptr ? parent : view), view_(view), document_(document) {
  connect(document_, &RegionDocument::changed, this, &ViewOverlay::changed);
  connect(document_, &RegionDocument::selectionChanged, this, &ViewOverlay::changed);
  view_->addOverlay(this);
}

RegionEditor::~RegionEditor() = default;

void RegionEditor::setTool(Tool tool) {
  if (tool == tool_) return;
  cancelPending();
  tool_ = tool;
  Q_EMIT toolChanged(tool);
}

const regions::ReferenceImage* RegionEditor::referenceImage() const {
  if (refFor_ != view_->imagePtr()) {
    refFor_ = view_->imagePtr();
    ref_ = refFor_ ? referenceImageOf(*refFor_) : std::nullopt;
  }
  return ref_ ? &*ref_ : nullptr;
}

std::optional<Region> RegionEditor::toImageFrame(const Region& region) const {
  if (region.frame == Frame::Image) return region;
  const regions::ReferenceImage* ref = referenceImage();
  if (ref == nullptr) return std::nullopt;
  QString error;
  return regions::convertRegion(region, Frame::Image, regions::CoordinateMapper(ref), &error);
}

std::optional<Region> RegionEditor::fromImageFrame(const Region& region, Frame frame) const {
  if (frame == Frame::Image) return region;
  const regions::ReferenceImage* ref = referenceImage();
  if (ref == nullptr) return std::nullopt;
  QString error;
  return regions::convertRegion(region, frame, regions::CoordinateMapper(ref), &error);
}

QPointF RegionEditor::screenOfImage(Vec2 p) const { return view_->widgetPosOf({p.x, p.y}); }

int RegionEditor::regionAt(QPointF pos) const {
  if (!view_->hasImage()) return -1;
  const imaging::Image2D& image = view_->image();
  const imaging::ViewGeometry g = view_->geometry();
  const auto& all = document_->regions();
  for (int i = static_cast<int>(all.size()) - 1; i >= 0; --i) {
    const Region& r = all[static_cast<size_t>(i)];
    const auto curves = screenCurves(r, image, g);
    for (const QPolygonF& c : curves) {
      if (c.containsPoint(pos, Qt::OddEvenFill)) return i;
      for (int k = 1; k < c.size(); ++k) {
        if (distanceToSegment(pos, c[k - 1], c[k]) <= 4) return i;
      }
    }
    if (curves.empty()) {
      const QRectF b = screenBounds(r, image, g);
      if (!b.isNull() && b.adjusted(-3, -3, 3, 3).contains(pos)) return i;
    }
  }
  return -1;
}

void RegionEditor::paint(QPainter& painter, const SkyView& view) {
  if (!view.hasImage()) return;
  RegionPaintOptions options;
  options.selected = document_->selection();
  paintRegions(painter, document_->regions(), view.image(), view.geometry(), options);
  if (pending_) paintRegions(painter, {*pending_}, view.image(), view.geometry());
}

bool RegionEditor::mousePress(SkyView& view, QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !view.hasImage()) return false;
  pressPos_ = event->position();
  if (tool_ == Tool::Select) return pressSelect(event);
  pressCreate(event->position());
  return true;
}

bool RegionEditor::pressSelect(QMouseEvent* event) {
  const QPointF pos = event->position();
  const imaging::Image2D& image = view_->image();
  const imaging::ViewGeometry g = view_->geometry();
  auto startDrag = [&](Drag kind) {
    originals_.clear();
    originalsInImage_.clear();
    for (int i : document_->selection()) {
      const Region& r = document_->at(i);
      const auto inImage = toImageFrame(r);
      if (!inImage) continue;
      originals_[i] = r;
      originalsInImage_[i] = *inImage;
    }
    if (originals_.empty()) return false;
    drag_ = kind;
    document_->beginEdit();
    return true;
  };
  // A handle of the one selected region.
  if (document_->selection().size() == 1) {
    const Region& r = document_->at(document_->selection().front());
    for (const RegionHandle& h : regionHandles(r, image, g)) {
      const QPointF d = h.position - pos;
      if (std::hypot(d.x(), d.y()) > kHandleReach) continue;
      const auto inImage = toImageFrame(r);
      if (!inImage) break;
      dragCentre_ = screenOfImage(regions::centroid(*inImage));
      return startDrag(h.kind == RegionHandle::Kind::Rotate ? Drag::Rotate : Drag::Resize);
    }
  }
  const int hit = regionAt(pos);
  if (hit < 0) {
    document_->clearSelection();
    return false;  // the view pans
  }
  if (event->modifiers() & Qt::ShiftModifier) {
    std::vector<int> sel = document_->selection();
    if (document_->isSelected(hit)) {
      std::erase(sel, hit);
    } else {
      sel.push_back(hit);
    }
    document_->setSelection(sel);
    return true;
  }
  if (!document_->isSelected(hit)) document_->setSelection({hit});
  startDrag(Drag::Move);
  return true;
}

void RegionEditor::pressCreate(QPointF pos) {
  const wcs::PixelPoint px = view_->imagePixelAt(pos);
  const Vec2 c{px.x, px.y};
  if (tool_ == Tool::Polygon) {
    if (pending_ && std::holds_alternative<regions::Polygon>(pending_->shape)) {
      auto& v = std::get<regions::Polygon>(pending_->shape).vertices;
      v.back() = c;      // the rubber vertex becomes this vertex
      v.push_back(c);    // and a new one follows the cursor
    } else {
      Region r;
      r.frame = Frame::Image;
      r.role = newRole_;
      r.include = newInclude_;
      r.style = newStyle_;
      r.shape = regions::Polygon{{c, c}};
      pending_ = r;
    }
    Q_EMIT changed();
    return;
  }
  Region r;
  r.frame = Frame::Image;
  r.role = newRole_;
  r.include = newInclude_;
  r.style = newStyle_;
  switch (tool_) {
    case Tool::Circle: r.shape = regions::Circle{c, 0}; break;
    case Tool::Ellipse: r.shape = regions::Ellipse{c, {0, 0}, 0}; break;
    case Tool::Box: r.shape = regions::Box{c, {0, 0}, 0}; break;
    case Tool::Annulus: r.shape = regions::Annulus{c, {0, 0}}; break;
    case Tool::Point: r.shape = regions::Point{c}; break;
    case Tool::Line: r.shape = regions::Line{c, c}; break;
    case Tool::Text:
      r.shape = regions::Text{c};
      if (r.style.text.isEmpty()) r.style.text = tr("Text");
      break;
    case Tool::Select:
    case Tool::Polygon: return;
  }
  pending_ = r;
  drag_ = Drag::Create;
  updatePending(pos);
}

void RegionEditor::updatePending(QPointF pos) {
  if (!pending_) return;
  const double zoom = view_->zoom();
  const QPointF d = pos - pressPos_;
  const double radius = std::hypot(d.x(), d.y()) / zoom;
  const double rx = std::abs(d.x()) / zoom, ry = std::abs(d.y()) / zoom;
  const wcs::PixelPoint px = view_->imagePixelAt(pos);
  std::visit(
      [&](auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, regions::Circle>) {
          s.radius = radius;
        } else if constexpr (std::is_same_v<T, regions::Ellipse>) {
          s.radii = {rx, ry};
        } else if constexpr (std::is_same_v<T, regions::Box>) {
          s.size = {2 * rx, 2 * ry};
        } else if constexpr (std::is_same_v<T, regions::Annulus>) {
          s.radii = {radius / 2, radius};
        } else if constexpr (std::is_same_v<T, regions::Line>) {
          s.to = {px.x, px.y};
        } else if constexpr (std::is_same_v<T, regions::Polygon>) {
          if (!s.vertices.empty()) s.vertices.back() = {px.x, px.y};
        }
      },
      pending_->shape);
  Q_EMIT changed();
}

void RegionEditor::commitPending(bool clickOnly) {
  if (!pending_) return;
  Region r = *pending_;
  pending_.reset();
  drag_ = Drag::None;
  if (clickOnly) {
    // DS9 makes a default-sized shape on a click.
    const double d = kDefaultRadius / view_->zoom();
    std::visit(
        [&](auto& s) {
          using T = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<T, regions::Circle>) {
            s.radius = d;
          } else if constexpr (std::is_same_v<T, regions::Ellipse>) {
            s.radii = {d, d / 2};
          } else if constexpr (std::is_same_v<T, regions::Box>) {
            s.size = {2 * d, d};
          } else if constexpr (std::is_same_v<T, regions::Annulus>) {
            s.radii = {d / 2, d};
          } else if constexpr (std::is_same_v<T, regions::Line>) {
            s.to = {s.from.x + 2 * d, s.from.y};
          }
        },
        r.shape);
  }
  const bool wantsSky = referenceImage() != nullptr;
  if (wantsSky) {
    if (auto sky = fromImageFrame(r, Frame::Sky)) r = *sky;
  }
  const int index = document_->add(r, tr("Create %1").arg(QString::fromLatin1(regions::shapeName(r.shape))));
  if (tool_ == Tool::Text) Q_EMIT editRequested(index);
  Q_EMIT changed();
}

void RegionEditor::finishPolygon() {
  if (!pending_ || !std::holds_alternative<regions::Polygon>(pending_->shape)) return;
  auto& v = std::get<regions::Polygon>(pending_->shape).vertices;
  v.pop_back();  // the rubber vertex following the cursor
  // Drop repeated vertices (a double-click adds the last one twice).
  v.erase(std::unique(v.begin(), v.end()), v.end());
  if (v.size() < 3) {
    cancelPending();
    return;
  }
  commitPending(false);
}

void RegionEditor::cancelPending() {
  if (!pending_ && drag_ == Drag::None) return;
  pending_.reset();
  if (drag_ != Drag::None && drag_ != Drag::Create) document_->cancelEdit();
  drag_ = Drag::None;
  Q_EMIT changed();
}

void RegionEditor::dragSelection(QPointF pos) {
  const QPointF d = pos - pressPos_;
  const double zoom = view_->zoom();
  for (const auto& [index, inImage] : originalsInImage_) {
    Region edited = inImage;
    const Vec2 c = regions::centroid(inImage);
    if (drag_ == Drag::Move) {
      edited.shape = regions::translated(inImage.shape, {d.x() / zoom, -d.y() / zoom});
    } else if (drag_ == Drag::Resize) {
      const QPointF a = pressPos_ - dragCentre_, b = pos - dragCentre_;
      const double from = std::hypot(a.x(), a.y()), to = std::hypot(b.x(), b.y());
      if (from < 1 || to < 1) continue;
      edited.shape = regions::scaled(inImage.shape, to / from, c);
    } else if (drag_ == Drag::Rotate) {
      const double delta = screenAngleDeg(dragCentre_, pos) - screenAngleDeg(dragCentre_, pressPos_);
      edited.shape = regions::rotated(inImage.shape, delta, c);
    }
    if (auto back = fromImageFrame(edited, originals_.at(index).frame)) document_->preview(index, *back);
  }
}

bool RegionEditor::mouseMove(SkyView& view, QMouseEvent* event) {
  if (!view.hasImage()) return false;
  if (pending_) {
    updatePending(event->position());
    return true;
  }
  if (drag_ == Drag::Move || drag_ == Drag::Resize || drag_ == Drag::Rotate) {
    dragSelection(event->position());
    return true;
  }
  return false;
}

bool RegionEditor::mouseRelease(SkyView& view, QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !view.hasImage()) return false;
  const QPointF d = event->position() - pressPos_;
  const bool click = std::hypot(d.x(), d.y()) < kClickOnly;
  switch (drag_) {
    case Drag::Create:
      updatePending(event->position());
      commitPending(click);
      return true;
    case Drag::Move:
    case Drag::Resize:
    case Drag::Rotate: {
      if (!click) dragSelection(event->position());
      const QString text = drag_ == Drag::Move ? tr("Move regions")
                           : drag_ == Drag::Resize ? tr("Resize region") : tr("Rotate region");
      drag_ = Drag::None;
      if (click) {
        document_->cancelEdit();
      } else {
        document_->endEdit(text);
      }
      return true;
    }
    case Drag::None: return pending_.has_value();  // polygon vertices
  }
  return false;
}

bool RegionEditor::mouseDoubleClick(SkyView& view, QMouseEvent* event) {
  if (!view.hasImage()) return false;
  if (tool_ == Tool::Polygon && pending_) {
    finishPolygon();
    return true;
  }
  if (tool_ == Tool::Select) {
    const int hit = regionAt(event->position());
    if (hit >= 0) {
      Q_EMIT editRequested(hit);
      return true;
    }
  }
  return false;
}

void RegionEditor::nudge(double dx, double dy) {
  const double zoom = view_->zoom();
  std::vector<std::pair<int, Region>> changes;
  for (int i : document_->selection()) {
    const Region& r = document_->at(i);
    const auto inImage = toImageFrame(r);
    if (!inImage) continue;
    Region moved = *inImage;
    moved.shape = regions::translated(inImage->shape, {dx / zoom, -dy / zoom});
    if (auto back = fromImageFrame(moved, r.frame)) changes.emplace_back(i, *back);
  }
  document_->replaceAll(changes, tr("Nudge regions"));
}

bool RegionEditor::keyPress(SkyView& view, QKeyEvent* event) {
  if (!view.hasImage()) return false;
  if (pending_) {
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
      finishPolygon();
      return true;
    }
    if (event->key() == Qt::Key_Escape) {
      cancelPending();
      return true;
    }
  }
  if (event->matches(QKeySequence::Undo)) {
    document_->undoStack()->undo();
    return true;
  }
  if (event->matches(QKeySequence::Redo)) {
    document_->undoStack()->redo();
    return true;
  }
  if (event->matches(QKeySequence::Paste)) return document_->paste();
  const bool selected = !document_->selection().empty();
  if (!selected) return false;
  if (event->matches(QKeySequence::Copy)) {
    document_->copySelection();
    return true;
  }
  const double step = event->modifiers() & Qt::ShiftModifier ? 10.0 : 1.0;
  switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace: document_->remove(document_->selection()); return true;
    case Qt::Key_Escape: document_->clearSelection(); return true;
    case Qt::Key_Left: nudge(-step, 0); return true;
    case Qt::Key_Right: nudge(step, 0); return true;
    case Qt::Key_Up: nudge(0, -step); return true;
    case Qt::Key_Down: nudge(0, step); return true;
    default: return false;
  }
}

}  // namespace xsky::widgets
