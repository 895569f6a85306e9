#pragma once
// A bounded Nelder-Mead simplex minimiser (Nelder & Mead 1965, Computer Journal 7, 308) with the
// standard coefficients (reflection 1, expansion 2, contraction 1/2, shrink 1/2). Vertices are
// clamped into the [lower, upper] box. Used to check and polish likelihood fits, where the
// Levenberg-Marquardt's Gauss-Newton model of the statistic can stop short of the minimum.

#include <functional>
#include <vector>

namespace xsky::spectral {

using ScalarFunction = std::function<double(const std::vector<double>& x)>;

struct NelderMeadResult {
  std::vector<double> x;
  double value = 0.0;
  int evaluations = 0;
  bool converged = false;  // simplex collapsed within the tolerances before the budget ran out
};

/// `step[i]` is the initial simplex size along x[i]. Stops when the spread of the values over
/// the simplex falls below `absoluteTolerance` and every edge below `relativeStep` times the
/// initial step.
NelderMeadResult nelderMead(const ScalarFunction& f, std::vector<double> x,
                            const std::vector<double>& lower, const std::vector<double>& upper,
                            const std::vector<double>& step, double absoluteTolerance = 1e-8,
                            double relativeStep = 1e-6, int maxEvaluations = 5000);

}  // namespace xsky::spectral
