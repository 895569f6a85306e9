#pragma once
// Goodness of fit by simulation (XSPEC's `goodness`, a parametric bootstrap): N spectra are drawn
// from the best-fit model, each is fitted as the data were (starting from the best fit), and the
// result is the fraction of simulations whose best statistic is lower than the data's. For a
// model that describes the data it is uniform in (0, 1); near 1 the data fit worse than almost
// every spectrum the model makes, and the model is rejected at that level.
// What is drawn, for the channels of the noticed groups, follows what the statistic assumes:
//  - no background in the statistic (chi-square without subtraction, cstat): source counts
//    ~ Poisson(model);
//  - chi-square with the background subtracted: source ~ Poisson(model + r B) and background
//    ~ Poisson(B), the observed background counts B standing for their expectation;
//  - wstat: source ~ Poisson(model + f) and background ~ Poisson(f / r), f the background that
//    wstat profiles out at the best fit (FitStatistic.h), spread over a group's channels in
//    proportion to its observed background counts (evenly when there are none).
// Other channels are drawn around the data's counts but enter nothing; exposures, scales,
// responses, groups and filters are the data's. Simulation i draws from the stream (seed, i)
// (PoissonDeviates.h), so the result does not depend on which thread runs what. Threading: runs on
// the calling thread, which spreads the simulations over QThreadPool::globalInstance(); `progress`
// is called from one thread at a time; when it returns false the work stops and xsky::Cancelled is
// thrown.

#include <cstdint>
#include <vector>

#include "spectral/SpectralFit.h"
#include "util/Progress.h"

namespace xsky::spectral {

struct GoodnessOptions {
  int simulations = 100;
  std::uint64_t seed = 20261123;
};

struct GoodnessResult {
  int simulations = 0;             // simulations fitted (the others failed)
  int failed = 0;                  // fits that threw or ended with a statistic that is not finite
  double observed = 0.0;           // the data's statistic at the best fit
  double fractionLower = 0.0;      // of the fitted simulations, the fraction with a lower statistic
  std::vector<double> statistics;  // each simulation's best statistic (NaN when it failed)
};

/// Expected counts per channel of every data set at `best` (the fitted vector), as the
/// simulations draw them (background empty when it is not simulated).
std::vector<ChannelCounts> expectedCounts(const FitProblem& problem,
                                          const std::vector<Parameter>& best);
/// One simulated set of counts: Poisson deviates of `expected` from stream (seed, index).
std::vector<ChannelCounts> drawCounts(const std::vector<ChannelCounts>& expected,
                                      std::uint64_t seed, std::uint64_t index);

/// `best` is the fit's result (as the problem numbers it).
GoodnessResult goodnessOfFit(const FitProblem& problem, const std::vector<Parameter>& best,
                             const GoodnessOptions& options = {}, const ProgressFn& progress = {});

}  // namespace xsky::spectral
