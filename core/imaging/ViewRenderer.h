#pragma once
// Renders the visible part of an image into an ARGB32 buffer for a view: zoom (screen pixels per
// image pixel), the image position at the view centre, the view size. Nearest-neighbour sampling
// (as DS9), FITS row 1 at the bottom, pixels outside the image get the background colour.
// Pure function of its inputs: safe to call from a render worker; `cancelled` is polled per row.

#include <atomic>
#include <cstdint>
#include <vector>

#include "imaging/ColorLut.h"
#include "imaging/Image2D.h"

namespace xsky::imaging {

struct ViewGeometry {
  double zoom = 1.0;          // screen pixels per image pixel
  double centreX = 0, centreY = 0;  // FITS image pixel at the view centre
  int width = 0, height = 0;  // view size, screen pixels
  /// FITS image pixel shown at screen position (sx, sy) (sx, sy in screen pixels, y down).
  double imageX(double sx) const { return centreX + (sx - width / 2.0) / zoom; }
  double imageY(double sy) const { return centreY - (sy - height / 2.0) / zoom; }
  double screenX(double ix) const { return width / 2.0 + (ix - centreX) * zoom; }
  double screenY(double iy) const { return height / 2.0 - (iy - centreY) * zoom; }
};

/// Fills out (width*height ARGB values, row 0 at the top). Returns false if cancelled.
bool renderView(const Image2D& image, const ColorLut& lut, const ViewGeometry& view,
                uint32_t background, uint32_t* out, const std::atomic<bool>* cancelled = nullptr);

}  // namespace xsky::imaging
