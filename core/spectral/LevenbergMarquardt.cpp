#include "spectral/LevenbergMarquardt.h"

#include <algorithm>
#include <cmath>

namespace xsky::spectral {

namespace {

double sumSquares(const std::vector<double>& r) {
  double s = 0.0;
  for (double v : r) s += v * v;
  return std::isfinite(s) ? s : HUGE_VAL;
}

}  // namespace

bool solveLinear(std::vector<double> a, std::vector<double>* b, int n) {
  std::vector<double>& x = *b;
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int row = col + 1; row < n; ++row) {
      if (std::abs(a[size_t(row * n + col)]) > std::abs(a[size_t(pivot * n + col)])) pivot = row;
    }
    if (a[size_t(pivot * n + col)] == 0.0) return false;
    if (pivot != col) {
      for (int k = 0; k < n; ++k) std::swap(a[size_t(col * n + k)], a[size_t(pivot * n + k)]);
      std::swap(x[size_t(col)], x[size_t(pivot)]);
    }
    for (int row = col + 1; row < n; ++row) {
      const double factor = a[size_t(row * n + col)] / a[size_t(col * n + col)];
      for (int k = col; k < n; ++k) a[size_t(row * n + k)] -= factor * a[size_t(col * n + k)];
      x[size_t(row)] -= factor * x[size_t(col)];
    }
  }
  for (int row = n - 1; row >= 0; --row) {
    double s = x[size_t(row)];
    for (int k = row + 1; k < n; ++k) s -= a[size_t(row * n + k)] * x[size_t(k)];
    x[size_t(row)] = s / a[size_t(row * n + row)];
  }
  return true;
}

bool invertMatrix(const std::vector<double>& a, std::vector<double>* inverse, int n) {
  inverse->assign(size_t(n * n), 0.0);
  for (int j = 0; j < n; ++j) {
    std::vector<double> column(size_t(n), 0.0);
    column[size_t(j)] = 1.0;
    if (!solveLinear(a, &column, n)) return false;
    for (int i = 0; i < n; ++i) (*inverse)[size_t(i * n + j)] = column[size_t(i)];
  }
  return true;
}

LmResult levenbergMarquardt(const ResidualFunction& f, std::vector<double> x,
                            const std::vector<double>& lower, const std::vector<double>& upper,
                            const std::vector<double>& scale, const LmOptions& options,
                            const BatchResidualFunction& batch) {
  const int n = int(x.size());
  auto clampAll = [&](std::vector<double>& v) {
    for (int i = 0; i < n; ++i)
      v[size_t(i)] = std::clamp(v[size_t(i)], lower[size_t(i)], upper[size_t(i)]);
  };
  clampAll(x);
  std::vector<double> r, rTrial;
  f(x, &r);
  double s = sumSquares(r);
  const size_t m = r.size();
  double lambda = 1e-3;
  LmResult result;
  std::vector<double> jac(m * static_cast<size_t>(n)), a(static_cast<size_t>(n * n)),
      g(static_cast<size_t>(n));
  for (int iter = 0; iter < options.maxIterations && n > 0; ++iter) {
    result.iterations = iter + 1;
    // Forward-difference Jacobian, stepping inward at an upper bound (all columns in one batch
    // when the caller can evaluate several points at once).
    std::vector<std::vector<double>> points(size_t(n), x), shifted;
    std::vector<double> steps(static_cast<size_t>(n));
    for (int j = 0; j < n; ++j) {
      double h = 1.49e-8 * std::max(std::abs(x[size_t(j)]), 1e-3 * scale[size_t(j)]);
      if (x[size_t(j)] + h > upper[size_t(j)]) h = -h;
      points[size_t(j)][size_t(j)] += h;
      steps[size_t(j)] = h;
    }
    if (batch) {
      batch(points, &shifted);
    } else {
      shifted.resize(size_t(n));
      for (int j = 0; j < n; ++j) f(points[size_t(j)], &shifted[size_t(j)]);
    }
    for (int j = 0; j < n; ++j) {
      for (size_t i = 0; i < m; ++i) jac[i * size_t(n) + size_t(j)] = (shifted[size_t(j)][i] - r[i]) / steps[size_t(j)];
    }
    for (int p = 0; p < n; ++p) {
      double gp = 0.0;
      for (size_t i = 0; i < m; ++i) gp += jac[i * size_t(n) + size_t(p)] * r[i];
      g[size_t(p)] = gp;
      for (int q = 0; q <= p; ++q) {
        double apq = 0.0;
        for (size_t i = 0; i < m; ++i)
          apq += jac[i * size_t(n) + size_t(p)] * jac[i * size_t(n) + size_t(q)];
        a[size_t(p * n + q)] = a[size_t(q * n + p)] = apq;
      }
    }
    bool improved = false;
    bool smallStep = false;
    double sNew = s;
    while (lambda < 1e20) {
      std::vector<double> damped = a;
      for (int p = 0; p < n; ++p) {
        const double d = a[size_t(p * n + p)];
        damped[size_t(p * n + p)] = d + lambda * (d > 0.0 ? d : 1.0);
      }
      std::vector<double> step(static_cast<size_t>(n));
      for (int p = 0; p < n; ++p) step[size_t(p)] = -g[size_t(p)];
      if (!solveLinear(damped, &step, n)) {
        lambda *= 10.0;
        continue;
      }
      std::vector<double> xt = x;
      for (int p = 0; p < n; ++p) xt[size_t(p)] += step[size_t(p)];
      clampAll(xt);
      smallStep = true;
      for (int p = 0; p < n; ++p) {
        const double tol =
            options.relativeTolerance * (std::abs(x[size_t(p)]) + 1e-3 * scale[size_t(p)] * 1e-6);
        smallStep = smallStep && std::abs(xt[size_t(p)] - x[size_t(p)]) <= tol;
      }
      f(xt, &rTrial);
      sNew = sumSquares(rTrial);
      if (sNew < s) {
        x = xt;
        r.swap(rTrial);
        lambda = std::max(lambda / 10.0, 1e-12);
        improved = true;
        break;
      }
      if (smallStep) break;
      lambda *= 10.0;
    }
    if (!improved) {
      // No step lowers the statistic: x is a minimum to the precision of the derivatives.
      result.converged = true;
      break;
    }
    const double drop = s - sNew;
    s = sNew;
    if (drop <= options.relativeTolerance * std::max(s, 1e-300) || smallStep) {
      result.converged = true;
      break;
    }
  }
  if (n == 0) result.converged = true;
  result.x = x;
  result.sumOfSquares = s;
  return result;
}

}  // namespace xsky::spectral
