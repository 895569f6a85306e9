#include "regions/RegionProjection.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "regions/RegionGeometry.h"
#include "regions/ShapeEdit.h"

namespace xsky::widgets {

namespace {

using regions::Frame;
using regions::Region;
using regions::Vec2;

// The pieces DS9 draws for multi-radius shapes, each a simple area region in the same frame.
std::vector<Region> drawnPieces(const Region& region) {
  std::vector<Region> pieces;
  auto piece = [&](regions::Shape shape) {
    Region r = region;
    r.shape = std::move(shape);
    pieces.push_back(std::move(r));
  };
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, regions::Annulus>) {
          for (double r : s.radii) {
            if (r > 0) piece(regions::Circle{s.centre, r});
          }
        } else if constexpr (std::is_same_v<T, regions::EllipseAnnulus>) {
          for (Vec2 r : s.radii) {
            if (r.x > 0 && r.y > 0) piece(regions::Ellipse{s.centre, r, s.angle});
          }
        } else if constexpr (std::is_same_v<T, regions::BoxAnnulus>) {
          for (Vec2 r : s.sizes) {
            if (r.x > 0 && r.y > 0) piece(regions::Box{s.centre, r, s.angle});
          }
        } else if constexpr (std::is_same_v<T, regions::Panda> || std::is_same_v<T, regions::Epanda> ||
                             std::is_same_v<T, regions::Bpanda>) {
          const auto& radii = [&]() -> const auto& {
            if constexpr (std::is_same_v<T, regions::Bpanda>) {
              return s.sizes;
            } else {
              return s.radii;
            }
          }();
          for (size_t a = 0; a + 1 < s.angles.size(); ++a) {
            for (size_t k = 0; k + 1 < radii.size(); ++k) {
              T one = s;
              one.angles = {s.angles[a], s.angles[a + 1]};
              if constexpr (std::is_same_v<T, regions::Bpanda>) {
                one.sizes = {radii[k], radii[k + 1]};
              } else {
                one.radii = {radii[k], radii[k + 1]};
              }
              piece(one);
            }
          }
        } else {
          pieces.push_back(region);
        }
      },
      region.shape);
  return pieces;
}

}  // namespace

std::optional<wcs::PixelPoint> imagePixelOf(Vec2 p, Frame frame, const imaging::Image2D& image) {
  switch (frame) {
    case Frame::Image: return wcs::PixelPoint{p.x, p.y};
    case Frame::Physical: return image.toImage({p.x, p.y});
    case Frame::Sky:
      if (!image.wcs) return std::nullopt;
      return image.wcs->icrsToPixel({p.x, p.y});
  }
  return std::nullopt;
}

std::optional<Vec2> regionPointAt(wcs::PixelPoint pixel, Frame frame, const imaging::Image2D& image) {
  switch (frame) {
    case Frame::Image: return Vec2{pixel.x, pixel.y};
    case Frame::Physical: {
      const wcs::PixelPoint p = image.toPhysical(pixel);
      return Vec2{p.x, p.y};
    }
    case Frame::Sky: {
      if (!image.wcs) return std::nullopt;
      const auto s = image.wcs->pixelToIcrs(pixel);
      if (!s) return std::nullopt;
      return Vec2{s->lon, s->lat};
    }
  }
  return std::nullopt;
}

std::optional<QPointF> screenPointOf(Vec2 p, Frame frame, const imaging::Image2D& image,
                                     const imaging::ViewGeometry& view) {
  const auto px = imagePixelOf(p, frame, image);
  if (!px || !std::isfinite(px->x) || !std::isfinite(px->y)) return std::nullopt;
  return QPointF(view.screenX(px->x), view.screenY(px->y));
}

std::vector<QPolygonF> screenCurves(const Region& region, const imaging::Image2D& image,
                                    const imaging::ViewGeometry& view) {
  std::vector<QPolygonF> out;
  if (!regions::hasArea(region.shape)) return out;
  for (const Region& piece : drawnPieces(region)) {
    for (const auto& curve : regions::outline(piece, 128)) {
      QPolygonF poly;
      for (const Vec2& p : curve) {
        if (const auto s = screenPointOf(p, region.frame, image, view)) {
          poly << *s;
        } else if (!poly.isEmpty()) {
          out.push_back(poly);
          poly.clear();
        }
      }
      // Polygons come as their vertices: close them.
      if (std::holds_alternative<regions::Polygon>(piece.shape) && poly.size() > 2 &&
          static_cast<int>(curve.size()) == poly.size()) {
        poly << poly.front();
      }
      if (!poly.isEmpty()) out.push_back(poly);
    }
  }
  return out;
}

QRectF screenBounds(const Region& region, const imaging::Image2D& image,
                    const imaging::ViewGeometry& view) {
  QRectF r;
  auto add = [&r](const QRectF& b) { r = r.isNull() ? b : r.united(b); };
  const auto curves = screenCurves(region, image, view);
  for (const QPolygonF& c : curves) add(c.boundingRect());
  if (!curves.empty()) return r;
  for (const auto& curve : regions::outline(region)) {
    for (const Vec2& p : curve) {
      if (const auto s = screenPointOf(p, region.frame, image, view)) add(QRectF(*s - QPointF(6, 6), QSizeF(12, 12)));
    }
  }
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, regions::Line> || std::is_same_v<T, regions::Ruler> ||
                      std::is_same_v<T, regions::Projection>) {
          if (const auto e = screenPointOf(s.to, region.frame, image, view)) add(QRectF(*e - QPointF(6, 6), QSizeF(12, 12)));
        } else if constexpr (std::is_same_v<T, regions::Segment>) {
          for (const Vec2& v : s.vertices) {
            if (const auto e = screenPointOf(v, region.frame, image, view)) add(QRectF(*e - QPointF(6, 6), QSizeF(12, 12)));
          }
        }
      },
      region.shape);
  return r;
}

std::vector<RegionHandle> regionHandles(const Region& region, const imaging::Image2D& image,
                                        const imaging::ViewGeometry& view) {
  std::vector<RegionHandle> handles;
  const QRectF b = screenBounds(region, image, view);
  if (b.isNull()) return handles;
  for (const QPointF& p : {b.topLeft(), b.topRight(), b.bottomRight(), b.bottomLeft()}) {
    handles.push_back({RegionHandle::Kind::Resize, p});
  }
  if (regions::isRotatable(region.shape) && regions::hasArea(region.shape)) {
    handles.push_back({RegionHandle::Kind::Rotate, QPointF(b.center().x(), b.top() - 20)});
  }
  return handles;
}

std::optional<regions::ReferenceImage> referenceImageOf(const imaging::Image2D& image) {
  if (!image.wcs || image.empty()) return std::nullopt;
  // image = LTM * physical + LTV with physical = origin + (image - 0.5) * binFactor.
  wcs::PhysicalTransform physical;
  physical.ltm1 = physical.ltm2 = 1.0 / image.binFactor;
  physical.ltv1 = 0.5 - image.physicalOriginX / image.binFactor;
  physical.ltv2 = 0.5 - image.physicalOriginY / image.binFactor;
  return regions::ReferenceImage::fromWcs(*image.wcs, physical, image.width, image.height);
}

}  // namespace xsky::widgets
