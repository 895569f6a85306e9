#include "timing/IncompleteGamma.h"

#include <cmath>
#include <limits>

namespace xsky::timing {

namespace {

constexpr int kMaxIterations = 100000;
constexpr double kEps = 1e-16;

// log of x^a e^-x / Gamma(a): the prefactor shared by both expansions.
double logPrefactor(double a, double x) { return a * std::log(x) - x - std::lgamma(a); }

// P(a, x) by its power series (A&S 6.5.29), for x < a + 1.
double seriesP(double a, double x) {
  double term = 1.0 / a;
  double sum = term;
  for (int n = 1; n < kMaxIterations; ++n) {
    term *= x / (a + n);
    sum += term;
    if (std::abs(term) < std::abs(sum) * kEps) break;
  }
  return sum * std::exp(logPrefactor(a, x));
}

// Q(a, x) by its continued fraction (A&S 6.5.31) in the modified Lentz form, for x >= a + 1.
double continuedFractionQ(double a, double x) {
  constexpr double tiny = std::numeric_limits<double>::min() / kEps;
  double b = x + 1.0 - a;
  double c = 1.0 / tiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < kEps) break;
  }
  return std::exp(logPrefactor(a, x)) * h;
}

}  // namespace

double regularizedGammaP(double a, double x) {
  if (!(a > 0) || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
  if (x <= 0) return 0.0;
  if (std::isinf(x)) return 1.0;
  return x < a + 1.0 ? seriesP(a, x) : 1.0 - continuedFractionQ(a, x);
}

double regularizedGammaQ(double a, double x) {
  if (!(a > 0) || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return x < a + 1.0 ? 1.0 - seriesP(a, x) : continuedFractionQ(a, x);
}

double chiSquareSurvival(double x, double dof) { return regularizedGammaQ(0.5 * dof, 0.5 * x); }

}  // namespace xsky::timing
