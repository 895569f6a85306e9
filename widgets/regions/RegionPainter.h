#pragma once
// Draws regions over a view of one image as DS9 does: each in its colour (DS9 names or #rrggbb)
// and width, dashed when style.dash is set or the region is a background region, exclusions
// crossed by a red line, DS9 point symbols, text labels, arrows of lines and vectors, rulers and
// compasses. Area shapes are outlined in their own frame (regions::outline: on the sphere for sky
// regions) and every outline point is mapped through the image's WCS, so the drawing follows the
// projection. Independent of SkyView: the headless renderer calls it on a QImage painter.
// GUI thread (or any single thread): it uses the image's SkyWcs.

#include <vector>

#include <QColor>

#include "imaging/Image2D.h"
#include "imaging/ViewRenderer.h"
#include "regions/Region.h"

class QPainter;

namespace xsky::widgets {

struct RegionPaintOptions {
  std::vector<int> selected;  ///< indices of selected regions: drawn with edit handles
  bool showText = true;       ///< draw style.text labels
  bool antialias = false;     ///< DS9 draws aliased lines; true for exported pictures
};

/// Draws every region that can be mapped onto `image` (sky regions need image.wcs; the others
/// are skipped silently when they cannot be mapped). `view` maps FITS image pixels to the
/// painter's coordinates (screen pixels, y down).
void paintRegions(QPainter& painter, const std::vector<regions::Region>& regions,
                  const imaging::Image2D& image, const imaging::ViewGeometry& view,
                  const RegionPaintOptions& options = {});

/// The colour of a DS9 colour name ("green" is DS9's #00ff00) or "#rrggbb"; green when unknown.
QColor ds9Color(const QString& name);

}  // namespace xsky::widgets
