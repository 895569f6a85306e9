#pragma once
// Turns a core Image2D into a QImage through the core's display scale and colormap tables.

#include <QImage>

#include "imaging/DisplayScale.h"

namespace xsky::widgets {

/// An 8-bit indexed QImage (row 0 at the top, i.e. FITS row height-1 first) with the colormap
/// as its colour table.
QImage renderImage(const imaging::Image2D& image, const imaging::DisplaySettings& settings,
                   const QString& colormapName);

}  // namespace xsky::widgets
