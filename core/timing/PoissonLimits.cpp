#include "timing/PoissonLimits.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>

#include "fits/FitsError.h"
#include "timing/IncompleteGamma.h"

namespace xsky::timing {

namespace {

// The root of a monotonic function on [lo, hi] (g(lo) and g(hi) of opposite signs), by bisection
// to double precision.
double bisect(const std::function<double(double)>& g, double lo, double hi) {
  const bool rising = g(hi) > g(lo);
  for (int i = 0; i < 400 && hi - lo > 1e-15 * std::max(1.0, std::abs(hi)); ++i) {
    const double mid = 0.5 * (lo + hi);
    if ((g(mid) < 0) == rising)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

// An interval [0, hi] of the Poisson mean wide enough to hold every limit we solve for.
double searchCeiling(double n) { return n + 60.0 * std::sqrt(n + 1.0) + 60.0; }

void checkLevel(double cl) {
  if (!(cl > 0 && cl < 1))
    throw Error(QStringLiteral("the confidence level must lie in (0, 1) (got %1)").arg(cl));
}

}  // namespace

double oneSidedLevel(double sigma) { return 1.0 - 0.5 * std::erfc(sigma / std::numbers::sqrt2); }
double twoSidedLevel(double sigma) { return std::erf(sigma / std::numbers::sqrt2); }

double poissonTailAtLeast(double n, double mu) {
  if (n <= 0) return 1.0;
  if (mu <= 0) return 0.0;
  return regularizedGammaP(n, mu);  // P(X >= n | mu) = P(n, mu)
}

PoissonInterval gehrelsInterval(double n, double cl) {
  checkLevel(cl);
  if (!(n >= 0)) throw Error(QStringLiteral("counts must be >= 0 (got %1)").arg(n));
  PoissonInterval r;
  // P(X <= n | mu) = Q(n + 1, mu), decreasing in mu.
  r.upper = bisect([&](double mu) { return regularizedGammaQ(n + 1.0, mu) - (1.0 - cl); }, 0.0,
                   searchCeiling(n));
  if (n > 0)  // P(X >= n | mu) = P(n, mu), increasing in mu.
    r.lower = bisect([&](double mu) { return regularizedGammaP(n, mu) - (1.0 - cl); }, 0.0, n);
  return r;
}

double gehrelsUpperApprox(double n, double sigma) {
  return n + sigma * std::sqrt(n + 0.75) + (sigma * sigma + 3.0) / 4.0;
}

double gehrelsLowerApprox(double n, double sigma) {
  if (n <= 0) return 0.0;
  const double v = 1.0 - 1.0 / (9.0 * n) - sigma / (3.0 * std::sqrt(n));
  return v > 0 ? n * v * v * v : 0.0;
}

PoissonInterval kbnInterval(double n, double b, double cl) {
  checkLevel(cl);
  if (!(n >= 0) || !(b >= 0))
    throw Error(QStringLiteral("counts and background must be >= 0 (got %1, %2)").arg(n).arg(b));
  // Posterior of s: (s + b)^n e^-(s+b) / (n! Q(n + 1, b)); its CDF from the incomplete gamma.
  const double norm = regularizedGammaQ(n + 1.0, b);
  const double p0 = regularizedGammaP(n + 1.0, b);
  auto cdf = [&](double s) { return (regularizedGammaP(n + 1.0, s + b) - p0) / norm; };
  auto logDensity = [&](double s) {
    const double x = s + b;
    if (x <= 0) return n > 0 ? -std::numeric_limits<double>::infinity() : 0.0;
    return n * std::log(x) - x;
  };
  const double mode = std::max(0.0, n - b);
  const double ceiling = searchCeiling(n + b);
  PoissonInterval r;
  // The shortest interval holds the highest densities: [a, c(a)] with f(a) = f(c(a)), c > mode.
  auto partner = [&](double a) {
    const double la = logDensity(a);
    return bisect([&](double s) { return logDensity(s) - la; }, mode, ceiling);
  };
  if (mode <= 0 || cdf(partner(0.0)) <= cl) {
    r.lower = 0;
    r.upper = bisect([&](double s) { return cdf(s) - cl; }, 0.0, ceiling);
    return r;
  }
  r.lower = bisect([&](double a) { return cdf(partner(a)) - cdf(a) - cl; }, 0.0, mode);
  r.upper = partner(r.lower);
  return r;
}

NetRate netRate(double sourceCounts, double backgroundCounts, double scale, double exposureS) {
  if (!(exposureS > 0)) throw Error(QStringLiteral("a net rate needs a positive exposure"));
  const double cl = oneSidedLevel(1.0);
  const PoissonInterval s = gehrelsInterval(sourceCounts, cl);
  const PoissonInterval b = gehrelsInterval(backgroundCounts, cl);
  NetRate r;
  r.rate = (sourceCounts - scale * backgroundCounts) / exposureS;
  // The net rate is high when the source is high and the background low, and vice versa.
  r.errorHigh = std::hypot(s.upper - sourceCounts, scale * (backgroundCounts - b.lower)) / exposureS;
  r.errorLow = std::hypot(sourceCounts - s.lower, scale * (b.upper - backgroundCounts)) / exposureS;
  return r;
}

HardnessRatio hardnessRatio(double soft, double softError, double hard, double hardError,
                            double softCounts, double hardCounts) {
  HardnessRatio r;
  const double sum = soft + hard;
  if (!(sum != 0) || !std::isfinite(sum)) {
    r.value = std::numeric_limits<double>::quiet_NaN();
    r.error = std::numeric_limits<double>::quiet_NaN();
    r.note = QStringLiteral("no counts in either band");
    return r;
  }
  r.value = (hard - soft) / sum;
  r.error = 2.0 * std::hypot(hard * softError, soft * hardError) / (sum * sum);
  r.lowCounts = (softCounts >= 0 && softCounts < 10) || (hardCounts >= 0 && hardCounts < 10);
  if (r.lowCounts)
    r.note = QStringLiteral("under 10 counts in a band: the propagated error is unreliable "
                            "(a Bayesian estimate, BEHR, is the right tool)");
  return r;
}

}  // namespace xsky::timing
