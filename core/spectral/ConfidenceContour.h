#pragma once
// Two-parameter confidence regions (XSPEC's `steppar` over two parameters and `plot contour`,
// Sherpa's `reg_proj`): on a grid over two free parameters x and y, the statistic minimised over
// every other free parameter. The regions where it stays below best + 2.30, 4.61, 9.21 are the
// 68, 90 and 99 % joint confidence regions of the two parameters (Lampton, Margon & Bowyer
// 1976, ApJ 208, 177; Avni 1976, ApJ 210, 642: Delta-stat follows chi-square with 2 degrees of
// freedom).
// Grid: nx x ny points evenly spaced over the given ranges, by default the best fit +- 3
// covariance sigmas, clipped to the parameters' hard limits. Each point is a fit of the other
// free parameters (Levenberg-Marquardt, as the profile intervals do) started from a neighbour's
// solution: first the row nearest the best y, outwards from the column nearest the best x (its
// first point from the best fit), then each column outwards from that row.
// Threading: runs on the calling thread, which spreads the columns over
// QThreadPool::globalInstance() (they are independent once the first row is done). `progress`
// is called from one thread at a time; when it returns false the work stops and
// xsky::Cancelled is thrown.

#include <vector>

#include "spectral/SpectralFit.h"
#include "util/Progress.h"

namespace xsky::spectral {

struct ContourOptions {
  int xPoints = 20, yPoints = 20;  // at least 2 each
  // Ranges in the parameters' units; lo >= hi means "best +- sigmas covariance errors".
  double xLow = 0.0, xHigh = 0.0, yLow = 0.0, yHigh = 0.0;
  double sigmas = 3.0;
  std::vector<double> deltas = {2.30, 4.61, 9.21};  // 68, 90, 99 % for two parameters
};

struct ContourGrid {
  int xParameter = -1, yParameter = -1;  // indices in the fitted vector
  std::vector<double> xValues, yValues;
  /// statistic[j * nx + i] at (xValues[i], yValues[j]): one row per y value.
  std::vector<double> statistic;
  double bestStatistic = 0.0, bestX = 0.0, bestY = 0.0;
  std::vector<double> levels;  // bestStatistic + each delta
  double lowest = 0.0;         // the grid's minimum
  /// A grid point went below the best fit (by more than 1e-4): the fit was not at the minimum.
  bool newMinimum = false;

  int nx() const { return int(xValues.size()); }
  int ny() const { return int(yValues.size()); }
  double at(int i, int j) const { return statistic[size_t(j) * xValues.size() + size_t(i)]; }
};

/// The grid for parameters x and y (indices in `best`, the fitted vector as the problem numbers
/// it; both free). `errors` are the 1-sigma covariance errors per fitted parameter (as
/// FitResult::errors; NaN allowed), used for the default ranges. Throws xsky::Error for a frozen
/// or repeated parameter, too few points, or a default range without a usable error.
ContourGrid confidenceContour(const FitProblem& problem, const std::vector<Parameter>& best, int x,
                              int y, const std::vector<double>& errors,
                              const ContourOptions& options = {}, const ProgressFn& progress = {});

}  // namespace xsky::spectral
