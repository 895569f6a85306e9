#pragma once
// Paints the sky view's own overlays (WCS grid with labels, N/E compass, the no-WCS notice) for a
// view geometry, so that the interactive SkyView and the headless `xsky-cli render` draw the same
// picture.

#include <QSize>

#include "imaging/Image2D.h"
#include "imaging/ViewRenderer.h"
#include "wcs/CoordinateGrid.h"

class QPainter;

namespace xsky::widgets {

/// Grid lines of `frame` over the visible part of the image, with their labels.
void paintCoordinateGrid(QPainter& painter, const wcs::SkyWcs& skyWcs,
                         const imaging::ViewGeometry& view, wcs::CelestialFrame frame);

/// North and East arrows near the bottom-right corner of the view.
void paintCompass(QPainter& painter, const wcs::SkyWcs& skyWcs, const imaging::ViewGeometry& view);

/// "No valid WCS: pixel coordinates only" in the top-left corner.
void paintNoWcsNotice(QPainter& painter, const imaging::ViewGeometry& view);

}  // namespace xsky::widgets
