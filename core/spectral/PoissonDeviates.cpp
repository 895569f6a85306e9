#include "spectral/PoissonDeviates.h"

#include <cmath>
#include <numbers>

namespace xsky::spectral {

std::uint64_t PoissonDeviates::streamSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double logFactorial(double k) {
  if (k < 30.0) {
    double sum = 0.0;
    for (int i = 2; i <= int(k); ++i) sum += std::log(double(i));
    return sum;
  }
  const double k2 = k * k;
  return k * std::log(k) - k + 0.5 * std::log(2.0 * std::numbers::pi * k) + 1.0 / (12.0 * k) -
         1.0 / (360.0 * k * k2) + 1.0 / (1260.0 * k * k2 * k2);
}

double PoissonDeviates::poisson(double mean) {
  if (!(mean > 0.0) || !std::isfinite(mean)) return 0.0;
  if (mean < 10.0) {
    // Inversion: the smallest x with F(x) >= u, the terms of the sum built recursively.
    const double u = uniform();
    double x = 0.0, p = std::exp(-mean), cumulative = p;
    while (u > cumulative && x < 1000.0) {
      x += 1.0;
      p *= mean / x;
      cumulative += p;
    }
    return x;
  }
  // PTRS (Hoermann 1993, section 3), with the paper's constants.
  const double root = std::sqrt(mean), logMean = std::log(mean);
  const double b = 0.931 + 2.53 * root;
  const double a = -0.059 + 0.02483 * b;
  const double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = uniform() - 0.5;
    const double v = uniform();
    const double us = 0.5 - std::abs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inverseAlpha) - std::log(a / (us * us) + b) <=
        -mean + k * logMean - logFactorial(k)) {
      return k;
    }
  }
}

}  // namespace xsky::spectral
