#include "spectral/NelderMead.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace xsky::spectral {

NelderMeadResult nelderMead(const ScalarFunction& f, std::vector<double> x,
                            const std::vector<double>& lower, const std::vector<double>& upper,
                            const std::vector<double>& step, double absoluteTolerance,
                            double relativeStep, int maxEvaluations) {
  const size_t n = x.size();
  NelderMeadResult result;
  auto clampInto = [&](std::vector<double>& v) {
    for (size_t i = 0; i < n; ++i) v[i] = std::clamp(v[i], lower[i], upper[i]);
  };
  auto eval = [&](std::vector<double>& v) {
    clampInto(v);
    ++result.evaluations;
    const double value = f(v);
    return std::isfinite(value) ? value : HUGE_VAL;
  };
  std::vector<std::vector<double>> simplex(n + 1, x);
  std::vector<double> values(n + 1);
  values[0] = eval(simplex[0]);
  for (size_t i = 0; i < n; ++i) {
    std::vector<double>& v = simplex[i + 1];
    v[i] += step[i];
    if (v[i] > upper[i]) v[i] = x[i] - step[i];  // step inward at an upper bound
    values[i + 1] = eval(v);
  }
  std::vector<size_t> order(n + 1);
  while (result.evaluations < maxEvaluations && n > 0) {
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return values[a] < values[b]; });
    const size_t best = order.front(), worst = order.back(), second = order[n - 1];
    bool small = std::abs(values[worst] - values[best]) <= absoluteTolerance;
    for (size_t k = 0; k <= n && small; ++k) {
      for (size_t i = 0; i < n && small; ++i) {
        small = std::abs(simplex[k][i] - simplex[best][i]) <= relativeStep * std::abs(step[i]);
      }
    }
    if (small) {
      result.converged = true;
      break;
    }
    std::vector<double> centroid(n, 0.0);
    for (size_t k = 0; k <= n; ++k) {
      if (k == worst) continue;
      for (size_t i = 0; i < n; ++i) centroid[i] += simplex[k][i] / double(n);
    }
    auto along = [&](double t) {
      std::vector<double> v(n);
      for (size_t i = 0; i < n; ++i) v[i] = centroid[i] + t * (simplex[worst][i] - centroid[i]);
      return v;
    };
    std::vector<double> reflected = along(-1.0);
    const double fr = eval(reflected);
    if (fr < values[best]) {
      std::vector<double> expanded = along(-2.0);
      const double fe = eval(expanded);
      if (fe < fr) {
        simplex[worst] = expanded;
        values[worst] = fe;
      } else {
        simplex[worst] = reflected;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < values[second]) {
      simplex[worst] = reflected;
      values[worst] = fr;
      continue;
    }
    const bool outside = fr < values[worst];
    std::vector<double> contracted = along(outside ? -0.5 : 0.5);
    const double fc = eval(contracted);
    if (fc < std::min(fr, values[worst])) {
      simplex[worst] = contracted;
      values[worst] = fc;
      continue;
    }
    for (size_t k = 0; k <= n; ++k) {  // shrink towards the best vertex
      if (k == best) continue;
      for (size_t i = 0; i < n; ++i)
        simplex[k][i] = simplex[best][i] + 0.5 * (simplex[k][i] - simplex[best][i]);
      values[k] = eval(simplex[k]);
    }
  }
  const size_t best = size_t(std::min_element(values.begin(), values.end()) - values.begin());
  result.x = simplex[best];
  result.value = values[best];
  if (n == 0) {
    result.converged = true;
    result.x = x;
  }
  return result;
}

}  // namespace xsky::spectral
