#pragma once
// Where a region lands on one image shown in one view: its points mapped from the region's frame
// (Sky: ICRS through image.wcs; Physical: through image.toImage(); Image: as they are) to FITS
// image pixels and to screen pixels (ViewGeometry, y down). Shared by the painter and the editor.
// GUI-thread helpers (they use the image's SkyWcs, which is not thread-safe).

#include <optional>
#include <vector>

#include <QPointF>
#include <QPolygonF>
#include <QRectF>

#include "imaging/Image2D.h"
#include "imaging/ViewRenderer.h"
#include "regions/ReferenceImage.h"
#include "regions/Region.h"

namespace xsky::widgets {

/// FITS image pixel of a point given in `frame`; nullopt when it cannot be mapped (no WCS,
/// off the projection).
std::optional<wcs::PixelPoint> imagePixelOf(regions::Vec2 p, regions::Frame frame,
                                            const imaging::Image2D& image);
/// The point of `frame` at a FITS image pixel (the inverse of imagePixelOf).
std::optional<regions::Vec2> regionPointAt(wcs::PixelPoint pixel, regions::Frame frame,
                                           const imaging::Image2D& image);
/// Screen position of a point given in `frame`.
std::optional<QPointF> screenPointOf(regions::Vec2 p, regions::Frame frame,
                                     const imaging::Image2D& image, const imaging::ViewGeometry& view);

/// Every curve DS9 draws for an area shape, in screen pixels (closed curves end where they
/// start; annuli give one curve per radius, pandas one per sector piece). A curve is split where
/// it leaves the projection. Empty for annotations.
std::vector<QPolygonF> screenCurves(const regions::Region& region, const imaging::Image2D& image,
                                    const imaging::ViewGeometry& view);

/// Screen bounds of what is drawn for the region (curves, or a small box about an annotation's
/// points); null when nothing of it can be mapped.
QRectF screenBounds(const regions::Region& region, const imaging::Image2D& image,
                    const imaging::ViewGeometry& view);

/// Edit handles of a selected region on screen: four resize handles at the corners of its
/// screen bounds, and a rotate handle for rotatable shapes.
struct RegionHandle {
  enum class Kind { Resize, Rotate };
  Kind kind = Kind::Resize;
  QPointF position;
};
std::vector<RegionHandle> regionHandles(const regions::Region& region, const imaging::Image2D& image,
                                        const imaging::ViewGeometry& view);

/// The reference image (WCS, physical transform, size) regions are converted through on this
/// image; nullopt when the image has no WCS.
std::optional<regions::ReferenceImage> referenceImageOf(const imaging::Image2D& image);

}  // namespace xsky::widgets
