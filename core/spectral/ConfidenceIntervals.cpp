#include "spectral/ConfidenceIntervals.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace xsky::spectral {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The statistic with parameter k fixed at x and the other free parameters refitted, starting
/// from `start` (updated to the refitted values).
double profile(const FitProblem& problem, std::vector<Parameter>* start, int k, double x) {
  std::vector<Parameter> trial = *start;
  trial[size_t(k)].value = x;
  trial[size_t(k)].frozen = true;
  FitOptions options;
  options.scaleNorms = false;
  options.computeErrors = false;
  // Warm-started from a nearby minimum: Levenberg-Marquardt alone (the best fit itself was
  // checked by the simplex restarts).
  options.maxRestarts = 0;
  const FitResult r = fitParameters(problem, &trial, options);
  trial[size_t(k)].frozen = false;
  *start = trial;
  return r.statistic;
}

struct Side {
  double bound = kNaN;
  bool atBound = false;
  bool found = false;
  bool newMinimum = false;
};

Side searchSide(const FitProblem& problem, const std::vector<Parameter>& best, int k, double sign,
                double firstStep, double statMin, const ConfidenceOptions& options) {
  const Parameter& p = best[size_t(k)];
  const double limit = sign > 0 ? p.max : p.min;
  Side side;
  auto f = [&](double x, std::vector<Parameter>* start) {
    const double v = profile(problem, start, k, x) - statMin - options.deltaStat;
    if (v < -options.deltaStat - 1e-4) side.newMinimum = true;
    return v;
  };
  // Bracket: a inside (f < 0), b outside (f >= 0).
  double a = p.value, fa = -options.deltaStat;
  std::vector<Parameter> startA = best;
  double step = firstStep;
  double b = 0.0, fb = 0.0;
  std::vector<Parameter> startB;
  int evaluations = 0;
  for (;;) {
    b = p.value + sign * step;
    if (sign * (b - limit) >= 0.0) b = limit;
    startB = startA;
    fb = f(b, &startB);
    ++evaluations;
    if (fb >= 0.0) break;
    if (b == limit) {
      side.bound = limit;
      side.atBound = true;
      side.found = true;
      return side;
    }
    if (evaluations >= options.maxEvaluations) return side;
    // Grow the step from the parabola through the best fit and b (the profile's curvature).
    const double rise = fb + options.deltaStat;
    const double grow = rise > 0.0 ? std::sqrt(options.deltaStat / rise) : 4.0;
    a = b;
    fa = fb;
    startA = startB;
    step *= std::clamp(grow * 1.1, 1.2, 4.0);
  }
  // Illinois regula falsi between a (f < 0) and b (f >= 0).
  int stale = 0;
  double x = b, fx = fb;
  while (evaluations < options.maxEvaluations) {
    if (std::abs(fx) <= options.tolerance) break;
    if (std::abs(b - a) <= 1e-9 * std::max(std::abs(p.value), firstStep)) break;
    x = (a * fb - b * fa) / (fb - fa);
    if (!(x > std::min(a, b) && x < std::max(a, b))) x = 0.5 * (a + b);
    std::vector<Parameter> startX = startA;
    fx = f(x, &startX);
    ++evaluations;
    if (fx < 0.0) {
      a = x;
      fa = fx;
      startA = startX;
      if (stale == 1) fb *= 0.5;
      stale = 1;
    } else {
      b = x;
      fb = fx;
      if (stale == -1) fa *= 0.5;
      stale = -1;
    }
  }
  side.bound = x;
  side.found = std::abs(fx) <= 10.0 * options.tolerance ||
               std::abs(b - a) <= 1e-6 * std::max(std::abs(p.value), firstStep);
  return side;
}

}  // namespace

std::vector<ConfidenceInterval> confidenceIntervals(const FitProblem& problem,
                                                    const std::vector<Parameter>& best,
                                                    const std::vector<double>& sigma,
                                                    const ConfidenceOptions& options) {
  const std::vector<int> free = freeIndices(best);
  const double statMin = problem.statistic(parameterValues(best));
  std::vector<ConfidenceInterval> out;
  for (size_t n = 0; n < free.size(); ++n) {
    const int k = free[n];
    const Parameter& p = best[size_t(k)];
    const double s = n < sigma.size() ? sigma[n] : kNaN;
    double firstStep = std::isfinite(s) && s > 0.0 ? s * std::sqrt(options.deltaStat)
                                                   : std::max(0.1 * std::abs(p.value), p.step);
    ConfidenceInterval ci;
    ci.parameter = k;
    ci.value = p.value;
    const Side lo = searchSide(problem, best, k, -1.0, firstStep, statMin, options);
    const Side hi = searchSide(problem, best, k, +1.0, firstStep, statMin, options);
    ci.lower = lo.found ? lo.bound : kNaN;
    ci.upper = hi.found ? hi.bound : kNaN;
    ci.lowerFound = lo.found;
    ci.upperFound = hi.found;
    ci.lowerAtBound = lo.atBound || (p.value <= p.min);
    ci.upperAtBound = hi.atBound || (p.value >= p.max);
    if (p.value <= p.min) {
      ci.lower = p.min;
      ci.lowerFound = true;
    }
    if (p.value >= p.max) {
      ci.upper = p.max;
      ci.upperFound = true;
    }
    ci.newMinimum = lo.newMinimum || hi.newMinimum;
    out.push_back(ci);
  }
  return out;
}

}  // namespace xsky::spectral
