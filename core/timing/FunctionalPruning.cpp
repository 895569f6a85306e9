#include "timing/FunctionalPruning.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace xsky::timing {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using Interval = std::pair<double, double>;

// The roots x1 < 1 < x2 of ln x - x = s (s < -1), by Newton's method from the right of each
// (the functions are convex and increasing there, so the iterates decrease monotonically).
std::pair<double, double> roots(double s) {
  // x2 > 1: g(x) = x - ln x + s, g(1 - 2s) > 0.
  double x2 = 1 - 2 * s;
  for (int i = 0; i < 200; ++i) {
    const double step = (x2 - std::log(x2) + s) / (1 - 1 / x2);
    x2 -= step;
    if (!(step > 1e-15 * x2)) break;
  }
  // x1 = e^-y, y > 0: g(y) = y + e^-y + s, g(-s) > 0.
  double y = -s;
  for (int i = 0; i < 200; ++i) {
    const double e = std::exp(-y);
    const double step = (y + e + s) / (1 - e);
    y -= step;
    if (!(step > 1e-15 * y)) break;
  }
  return {-y, std::log(x2)};  // ln x1, ln x2
}

// {u : n u - t e^u > d} for n, t > 0: an open interval, or empty (first > second).
Interval above(double n, double t, double d) {
  const double logRate = std::log(n / t);
  const double s = d / n - logRate;
  if (s >= -1) return {kInf, -kInf};
  if (s > -1 - 1e-9) {  // a sliver around the peak: Newton would crawl; x = 1 +- sqrt(2(-1 - s))
    const double w = std::sqrt(2 * (-1 - s)) * 1.01;
    return {logRate - w, logRate + w};
  }
  const auto [lo, hi] = roots(s);
  return {logRate + lo, logRate + hi};
}

std::vector<Interval> intersect(const std::vector<Interval>& region, Interval with) {
  std::vector<Interval> out;
  for (const Interval& i : region) {
    const double lo = std::max(i.first, with.first), hi = std::min(i.second, with.second);
    if (lo < hi) out.emplace_back(lo, hi);
  }
  return out;
}

}  // namespace

void PoissonStartPruning::arrive(size_t r, double before, double cumN, double cumT) {
  const double value = before - cumN;  // the newcomer, a constant in u
  const double margin = 1e-9 * (std::abs(value) + 1.0);
  std::vector<Interval> taken;  // where an older candidate is surely higher than the newcomer
  size_t kept = 0;
  for (size_t i = 0; i < live_.size(); ++i) {
    Candidate& c = live_[i];
    const double n = cumN - c.cumN, t = cumT - c.cumT;
    const double d = value - (c.before - c.cumN);
    // Kept where it may be higher (a margin wider), given away where surely lower. n u - t e^u
    // is concave: when it clears the bar at both ends of the region, it does in between, and the
    // region stays as it is without solving for the crossings.
    const double lo = c.region.front().first, hi = c.region.back().second;
    const auto h = [n, t](double u) { return n * u - t * std::exp(u); };
    const bool whole = std::isfinite(lo) && std::isfinite(hi) && h(lo) > d - margin + 1e-6 * margin &&
                       h(hi) > d - margin + 1e-6 * margin;
    if (!whole) {
      Interval wide = above(n, t, d - margin);
      if (wide.first < wide.second) {
        const double pad = 1e-9 * (1 + std::max(std::abs(wide.first), std::abs(wide.second)));
        wide = {wide.first - pad, wide.second + pad};
      }
      c.region = intersect(c.region, wide);
    }
    const Interval narrow = above(n, t, d + margin);
    if (narrow.first < narrow.second) {
      const double pad = 1e-9 * (1 + std::max(std::abs(narrow.first), std::abs(narrow.second)));
      if (narrow.first + pad < narrow.second - pad) taken.emplace_back(narrow.first + pad, narrow.second - pad);
    }
    if (!c.region.empty()) {
      if (kept != i) live_[kept] = std::move(c);
      ++kept;
    }
  }
  live_.resize(kept);
  // The newcomer keeps the rates no older candidate surely takes.
  std::sort(taken.begin(), taken.end());
  Candidate fresh{r, before, cumN, cumT, {}};
  double from = -kInf;
  for (const Interval& i : taken) {
    if (i.first > from) fresh.region.emplace_back(from, i.first);
    from = std::max(from, i.second);
  }
  if (from < kInf) fresh.region.emplace_back(from, kInf);
  if (!fresh.region.empty()) live_.push_back(std::move(fresh));
}

}  // namespace xsky::timing
