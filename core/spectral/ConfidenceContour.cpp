#include "spectral/ConfidenceContour.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>

namespace xsky::spectral {

namespace {

/// Evenly spaced values over [lo, hi], both ends included.
std::vector<double> axis(double lo, double hi, int n) {
  std::vector<double> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[size_t(i)] = i == n - 1 ? hi : lo + (hi - lo) * i / (n - 1);
  return v;
}

int nearest(const std::vector<double>& values, double v) {
  int best = 0;
  for (int i = 1; i < int(values.size()); ++i) {
    if (std::abs(values[size_t(i)] - v) < std::abs(values[size_t(best)] - v)) best = i;
  }
  return best;
}

/// [lo, hi] of one axis: the given range, or best +- sigmas errors, clipped to the limits.
std::pair<double, double> range(const Parameter& p, double lo, double hi, double error,
                                double sigmas) {
  if (!(lo < hi)) {
    if (!(std::isfinite(error) && error > 0.0)) {
      throw Error(
          QStringLiteral("%1 has no covariance error: give its contour range").arg(p.fullName()));
    }
    lo = p.value - sigmas * error;
    hi = p.value + sigmas * error;
  }
  lo = std::max(lo, p.min);
  hi = std::min(hi, p.max);
  if (!(lo < hi)) {
    throw Error(QStringLiteral("the contour range of %1 is empty within its limits [%2, %3]")
                    .arg(p.fullName())
                    .arg(p.min)
                    .arg(p.max));
  }
  return {lo, hi};
}

}  // namespace

ContourGrid confidenceContour(const FitProblem& problem, const std::vector<Parameter>& best, int x,
                              int y, const std::vector<double>& errors,
                              const ContourOptions& options, const ProgressFn& progress) {
  const int count = int(best.size());
  if (x < 0 || y < 0 || x >= count || y >= count || x == y) {
    throw Error(QStringLiteral("a contour needs two different parameters"));
  }
  for (int k : {x, y}) {
    if (best[size_t(k)].frozen) {
      throw Error(QStringLiteral("%1 is frozen: a contour steps free parameters")
                      .arg(best[size_t(k)].fullName()));
    }
  }
  if (options.xPoints < 2 || options.yPoints < 2) {
    throw Error(QStringLiteral("a contour grid needs at least 2 points per axis"));
  }
  auto errorOf = [&](int k) {
    return size_t(k) < errors.size() ? errors[size_t(k)] : std::numeric_limits<double>::quiet_NaN();
  };
  const auto [xLo, xHi] =
      range(best[size_t(x)], options.xLow, options.xHigh, errorOf(x), options.sigmas);
  const auto [yLo, yHi] =
      range(best[size_t(y)], options.yLow, options.yHigh, errorOf(y), options.sigmas);

  ContourGrid grid;
  grid.xParameter = x;
  grid.yParameter = y;
  grid.xValues = axis(xLo, xHi, options.xPoints);
  grid.yValues = axis(yLo, yHi, options.yPoints);
  const std::vector<double> bestValues = parameterValues(best);
  grid.bestStatistic = problem.statistic(bestValues);
  grid.bestX = best[size_t(x)].value;
  grid.bestY = best[size_t(y)].value;
  for (double d : options.deltas) grid.levels.push_back(grid.bestStatistic + d);

  const int nx = grid.nx(), ny = grid.ny();
  const bool othersFree = int(freeIndices(best).size()) > 2;
  std::vector<double> stat(size_t(nx * ny), std::numeric_limits<double>::quiet_NaN());
  std::vector<std::vector<double>> solution(size_t(nx * ny));
  std::atomic<bool> stop{false};
  std::atomic<int> done{0};
  std::mutex progressMutex;

  // Fits the other parameters at grid point (i, j) from the solution `start`.
  auto solve = [&](int i, int j, const std::vector<double>& start) {
    if (stop.load()) return;
    std::vector<Parameter> trial = best;
    for (size_t k = 0; k < trial.size(); ++k) trial[k].value = start[k];
    trial[size_t(x)].value = grid.xValues[size_t(i)];
    trial[size_t(y)].value = grid.yValues[size_t(j)];
    trial[size_t(x)].frozen = trial[size_t(y)].frozen = true;
    double s = 0.0;
    if (othersFree) {
      FitOptions fit;
      fit.scaleNorms = false;
      fit.computeErrors = false;
      fit.maxRestarts = 0;  // warm-started next to a minimum, as the profile intervals are
      s = fitParameters(problem, &trial, fit).statistic;
    } else {
      s = problem.statistic(parameterValues(trial));
    }
    const size_t at = size_t(j * nx + i);
    stat[at] = s;
    solution[at] = parameterValues(trial);
    const int finished = ++done;
    if (progress) {
      std::lock_guard lock(progressMutex);
      if (!stop.load() && !progress(double(finished) / (nx * ny), QStringLiteral("contour")))
        stop.store(true);
    }
  };

  const int i0 = nearest(grid.xValues, grid.bestX), j0 = nearest(grid.yValues, grid.bestY);
  solve(i0, j0, bestValues);
  for (int i = i0 + 1; i < nx; ++i) solve(i, j0, solution[size_t(j0 * nx + i - 1)]);
  for (int i = i0 - 1; i >= 0; --i) solve(i, j0, solution[size_t(j0 * nx + i + 1)]);
  if (stop.load()) throw Cancelled();

  std::vector<int> columns(static_cast<size_t>(nx));
  std::iota(columns.begin(), columns.end(), 0);
  std::exception_ptr failure;
  std::mutex failureMutex;
  QtConcurrent::blockingMap(columns, [&](int i) {
    try {
      for (int j = j0 + 1; j < ny; ++j) solve(i, j, solution[size_t((j - 1) * nx + i)]);
      for (int j = j0 - 1; j >= 0; --j) solve(i, j, solution[size_t((j + 1) * nx + i)]);
    } catch (...) {
      std::lock_guard lock(failureMutex);
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
  });
  if (failure) std::rethrow_exception(failure);
  if (stop.load()) throw Cancelled();

  grid.statistic = std::move(stat);
  grid.lowest = std::numeric_limits<double>::infinity();
  for (double s : grid.statistic) {
    if (std::isfinite(s)) grid.lowest = std::min(grid.lowest, s);
  }
  grid.newMinimum = grid.lowest < grid.bestStatistic - 1e-4;
  return grid;
}

}  // namespace xsky::spectral
