#pragma once
// Counts, areas and background-subtracted net counts of a RegionSet on a list of points (events'
// sky X/Y in a PixelFrame). Areas are exact on the sky when the set is simple (one region, with
// exclusions each entirely inside it or entirely outside it and not overlapping each other);
// otherwise they are integrated on a 1024 x 1024 grid over the projected area.
//
// Units: areas in square arcseconds; surface brightness in counts per square arcsecond; the
// background is scaled to the source by the ratio of the areas; errors are Poisson (Gaussian
// propagation): sigma_net = sqrt(N_src + N_bkg * (A_src / A_bkg)^2); S/N = net / sigma_net.
// Not thread-safe while running (uses the frame's SkyWcs); call it from one worker.

#include <span>

#include "regions/ProjectedRegion.h"
#include "regions/RegionSet.h"

namespace xsky::regions {

struct AreaCounts {
  size_t counts = 0;
  double areaArcsec2 = 0;
  bool exactArea = false;         // false: integrated on a grid
  double surfaceBrightness = 0;   // counts / arcsec^2
};

struct RegionStatistics {
  AreaCounts source;
  AreaCounts background;
  bool hasBackground = false;
  double backgroundScale = 0;     // A_src / A_bkg (0 without background)
  double netCounts = 0;           // N_src - N_bkg * scale
  double netError = 0;            // 1 sigma
  double signalToNoise = 0;       // net / error (0 when error is 0)
};

/// Throws xsky::Error when a region cannot be put in the frame (see ProjectedArea::build).
/// `frame.sky` is also used for the pixel scale of pixel-frame regions (must be set for them
/// to have an area in arcsec^2; otherwise areas of pixel regions are in square pixels).
RegionStatistics computeRegionStatistics(const RegionSet& set, const PixelFrame& frame,
                                         std::span<const float> x, std::span<const float> y);

/// Solid angle (steradians) of union(includes) minus union(excludes); `projected` is that area in
/// the frame (for the grid fallback); `exact` says which way it was found.
double setSolidAngle(const std::vector<Region>& includes, const std::vector<Region>& excludes,
                     const ProjectedArea& projected, const PixelFrame& frame, bool* exact);

}  // namespace xsky::regions
