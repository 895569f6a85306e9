#pragma once
// Contour lines of a function sampled on a rectangular grid, by marching squares: the corners of
// each cell at or above the level say which cell edges the line crosses, each crossing linearly
// interpolated along its edge; a saddle cell (opposite corners on the same side) is resolved by
// the mean of its four corners. The segments are joined into polylines; a closed line ends at
// its first point. Cells with a non-finite corner are left out. Used to draw confidence contours
// (ConfidenceContour.h); coordinates are those of the axes given.

#include <vector>

namespace xsky::spectral {

struct ContourLine {
  std::vector<double> x, y;
  bool closed = false;
};

/// `values[j * xs.size() + i]` is the function at (xs[i], ys[j]); xs and ys increase.
std::vector<ContourLine> contourLines(const std::vector<double>& xs, const std::vector<double>& ys,
                                      const std::vector<double>& values, double level);

}  // namespace xsky::spectral
