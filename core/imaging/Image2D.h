#pragma once
// A 2-D float image in memory with the WCS that maps its pixels to the sky. Pixel (i, j) with
// 0-based indices is FITS pixel (i + 1, j + 1); row j starts at pixels[j * width].

#include <optional>
#include <vector>

#include <QString>

#include "imaging/PixelStatistics.h"
#include "util/DefaultInitAllocator.h"
#include "wcs/SkyWcs.h"

namespace xsky::imaging {

struct Image2D {
  int width = 0;
  int height = 0;
  FloatBuffer pixels;  // NaN where there is no data
  std::optional<wcs::SkyWcs> wcs;  // image pixel -> sky, when known
  /// For images binned from events: FITS image pixel p maps to event-list sky pixel
  /// physical = origin + (p - 0.5) * binFactor (the event list's X/Y "physical" frame).
  double physicalOriginX = 0.5, physicalOriginY = 0.5, binFactor = 1.0;
  QString title;
  /// Range and histogram of the pixels, computed on first use (see PixelStatistics.h).
  PixelStatisticsCache statistics;

  float at(int i, int j) const { return pixels[static_cast<size_t>(j) * width + i]; }
  bool empty() const { return width == 0 || height == 0; }
  /// Physical (event X/Y) coordinate of a FITS image pixel, and back.
  wcs::PixelPoint toPhysical(wcs::PixelPoint image) const {
    return {physicalOriginX + (image.x - 0.5) * binFactor, physicalOriginY + (image.y - 0.5) * binFactor};
  }
  wcs::PixelPoint toImage(wcs::PixelPoint physical) const {
    return {(physical.x - physicalOriginX) / binFactor + 0.5, (physical.y - physicalOriginY) / binFactor + 0.5};
  }
  /// Image pixel -> ICRS through the image WCS, or nullopt when there is none.
  std::optional<wcs::SkyPoint> pixelToIcrs(wcs::PixelPoint image) const;
};

/// Reads plane `plane` of image HDU `hdu` (0-based; -1 = the first HDU with a 2-D image) with its
/// WCS (an image without a valid WCS still loads; wcs stays empty). Throws xsky::Error.
Image2D readFitsImage(const QString& path, int hdu = -1, long plane = 0);

}  // namespace xsky::imaging
