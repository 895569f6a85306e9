#pragma once
// Gauss-Legendre quadrature of a photon spectrum over an energy bin [lo, hi] keV, shared by the
// additive model components. Internal to core/spectral.

#include <algorithm>
#include <cmath>

namespace xsky::spectral {

// Gauss-Legendre nodes and weights on [-1, 1], eight points (Abramowitz & Stegun 25.4.30).
inline constexpr double kGl8Nodes[4] = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
                                        0.9602898564975363};
inline constexpr double kGl8Weights[4] = {0.3626837833783620, 0.3137066458778873,
                                          0.2223810344533745, 0.1012285362903763};

/// Eight-point Gauss-Legendre integral of f over [lo, hi].
template <typename F>
double gaussLegendre8(F f, double lo, double hi) {
  const double half = 0.5 * (hi - lo), mid = 0.5 * (hi + lo);
  double sum = 0.0;
  for (int i = 0; i < 4; ++i) {
    sum += kGl8Weights[i] * (f(mid - half * kGl8Nodes[i]) + f(mid + half * kGl8Nodes[i]));
  }
  return sum * half;
}

/// Integral of f over [lo, hi] keV: the bin is split into equal parts no wider than `scale`
/// (the spectrum's own energy scale, e.g. kT) nor than lo (so that power-law-like curvature
/// is followed), at most 64 parts.
template <typename F>
double integrateBin(F f, double lo, double hi, double scale) {
  if (!(hi > lo)) return 0.0;
  double widest = scale > 0.0 ? scale : hi - lo;
  if (lo > 0.0) widest = std::min(widest, lo);
  const int parts = std::clamp(int(std::ceil((hi - lo) / widest)), 1, 64);
  const double width = (hi - lo) / parts;
  double sum = 0.0;
  for (int k = 0; k < parts; ++k) sum += gaussLegendre8(f, lo + k * width, lo + (k + 1) * width);
  return sum;
}

}  // namespace xsky::spectral
