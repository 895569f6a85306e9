#pragma once
// Region statistics on an image (a counts image, e.g. one binned from an event list): the same
// quantities as RegionStats.h, with each pixel's value counted at its centre. Pixel values are
// taken as counts: the sums are rounded to whole counts in AreaCounts::counts and kept exactly in
// ImageRegionStatistics::sourceSum/backgroundSum; NaN pixels count as 0.
//
// Regions may be in Frame::Sky (needs a WCS) or Frame::Image. Areas in square arcseconds when
// there is a WCS, square pixels otherwise. The WCS is passed separately so that a worker can use
// its own copy (SkyWcs is not thread-safe) while the pixels stay shared and read-only.

#include "imaging/Image2D.h"
#include "regions/RegionStats.h"

namespace xsky::regions {

struct ImageRegionStatistics {
  RegionStatistics stats;
  double sourceSum = 0;      // sum of pixel values in the source area
  double backgroundSum = 0;  // ... in the background area
};

/// `sky` maps the image's pixels to ICRS (normally a copy of image.wcs owned by the calling
/// thread); null: only pixel regions are accepted. Throws xsky::Error when a region cannot be put
/// in the image's pixels.
ImageRegionStatistics computeImageRegionStatistics(const RegionSet& set, const imaging::Image2D& image,
                                                   const wcs::SkyWcs* sky);

}  // namespace xsky::regions
