#pragma once
// A region set put into one observation's pixel frame (e.g. an event list's sky X/Y columns),
// ready to test millions of points fast.
//
// Sky regions are mapped through the frame's SkyWcs: each ring (circle, ellipse, box, annuli,
// pandas) becomes quadratic and linear forms in pixel coordinates (through the projective map
// between its tangent plane and the pixels: exact for TAN frames), polygons become pixel polygons
// (great-circle edges are straight in TAN). Regions already in the frame's pixels are used as
// they are. Tests run in double precision on float inputs after a bounding-box rejection, in
// blocks that stay in cache.
//
// Threading: built once (not thread-safe while building: it uses the SkyWcs), then immutable; all
// const methods may run concurrently on different point ranges.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <QString>

#include "regions/RegionGeometry.h"
#include "regions/FastShape.h"
#include "regions/RegionSet.h"
#include "wcs/SkyWcs.h"

namespace xsky::regions {

struct FastShape;  // FastShape.h

/// union(includes) minus union(excludes), in one pixel frame.
class ProjectedArea {
 public:
  ProjectedArea();
  ~ProjectedArea();
  ProjectedArea(ProjectedArea&&) noexcept;
  ProjectedArea& operator=(ProjectedArea&&) noexcept;

  /// Throws xsky::Error naming the region that cannot be put in the frame (a degenerate one, a
  /// sky region without a WCS, a pixel region of another frame, a point off the projection).
  static ProjectedArea build(const std::vector<Region>& includes,
                             const std::vector<Region>& excludes, const PixelFrame& frame);

  bool empty() const;
  /// Pixel bounds of the includes (conservative).
  Bounds bounds() const { return bounds_; }

  bool contains(double x, double y) const;
  /// out[i] = 1 when (x[i], y[i]) is inside, else 0. Spans of equal size.
  void mask(std::span<const float> x, std::span<const float> y, std::span<uint8_t> out) const;
  /// Indices of the points inside, ascending.
  std::vector<uint32_t> indices(std::span<const float> x, std::span<const float> y) const;
  size_t count(std::span<const float> x, std::span<const float> y) const;

  /// Area in square pixels, integrated on a grid of `resolution`^2 cells over the bounds
  /// (relative accuracy about 1/resolution along the boundary); for exact sky areas see
  /// RegionStats.h.
  double pixelArea(int resolution = 1024) const;

 private:
  /// Decides blocks of points; writes into maskOut when given (else a block buffer) and calls
  /// sink(first index, flags, count) per block.
  template <class Sink>
  void scan(const float* x, const float* y, size_t n, uint8_t* maskOut, Sink sink) const;
  bool refine(double x, double y) const;
  bool excluded(double x, double y) const;

  std::vector<std::unique_ptr<FastShape>> includes_, excludes_;
  Bounds bounds_;
};

struct ProjectedRegionSet {
  ProjectedArea source;
  ProjectedArea background;
};

/// Throws xsky::Error (see ProjectedArea::build).
ProjectedRegionSet project(const RegionSet& set, const PixelFrame& frame);

}  // namespace xsky::regions
