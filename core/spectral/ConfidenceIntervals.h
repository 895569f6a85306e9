#pragma once
// Confidence intervals by profiling the statistic (XSPEC's `error`, Sherpa's `conf`): for each
// free parameter, the values on either side of the best fit where the statistic, minimised over
// every other free parameter, rises by deltaStat above its minimum (2.706: 90 % for one
// parameter; 1.0: 1 sigma). Each side is bracketed by steps from the covariance estimate, then
// the crossing is found by the Illinois variant of regula falsi. An interval that reaches a
// parameter's hard limit before the statistic rises enough ends there, flagged.
// Runs on the calling thread; each trial value is a fit of the other parameters.

#include <vector>

#include "spectral/SpectralFit.h"

namespace xsky::spectral {

struct ConfidenceInterval {
  int parameter = -1;                               // index in the fitted vector
  double value = 0.0;                               // best fit
  double lower = 0.0, upper = 0.0;                  // absolute bounds of the interval
  bool lowerAtBound = false, upperAtBound = false;  // the interval ends at a hard limit
  bool lowerFound = true, upperFound = true;        // false: no crossing found (bound NaN)
  bool newMinimum = false;  // the profile went below the best fit's statistic
};

struct ConfidenceOptions {
  double deltaStat = 2.706;
  double tolerance = 1e-3;  // on |stat - stat_min - deltaStat|
  int maxEvaluations = 60;  // profile fits per side
};

/// Intervals for every free parameter of `best` (a fit's result, as the problem numbers it).
/// `sigma` are the 1-sigma covariance errors (NaN allowed), used for the first steps.
std::vector<ConfidenceInterval> confidenceIntervals(const FitProblem& problem,
                                                    const std::vector<Parameter>& best,
                                                    const std::vector<double>& sigma,
                                                    const ConfidenceOptions& options = {});

}  // namespace xsky::spectral
