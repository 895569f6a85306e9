#include "timing/FastZ2.h"

#include <cmath>
#include <complex>
#include <numbers>

#include "fits/FitsError.h"

namespace xsky::timing {

namespace {

using Complex = std::complex<double>;
constexpr int kSpread = 12;  // Gaussian half-width in grid points (tolerance ~1e-12)

// In-place radix-2 FFT with a positive exponent, sum_l a_l exp(+2 pi i k l / n); n a power of 2.
// Twiddles are computed directly (no recurrence), so rounding stays at ~1e-16 log n.
void fftPositive(std::vector<Complex>& a) {
  const size_t n = a.size();
  for (size_t i = 1, j = 0; i < n; ++i) {
    size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  std::vector<Complex> w(n / 2);
  for (size_t i = 0; i < n / 2; ++i) {
    const double angle = 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
    w[i] = Complex(std::cos(angle), std::sin(angle));
  }
  for (size_t len = 2; len <= n; len <<= 1) {
    const size_t half = len / 2, stride = n / len;
    for (size_t i = 0; i < n; i += len) {
      for (size_t k = 0; k < half; ++k) {
        const Complex u = a[i + k];
        const Complex v = a[i + k + half] * w[k * stride];
        a[i + k] = u + v;
        a[i + k + half] = u - v;
      }
    }
  }
}

// exp(2 pi i frac(cycles)).
Complex unitPhase(double cycles) {
  cycles -= std::floor(cycles);
  const double a = 2.0 * std::numbers::pi * cycles;
  return {std::cos(a), std::sin(a)};
}

}  // namespace

std::vector<double> z2GridFast(std::span<const double> times, double fmin, double step,
                               long long count, double epoch, int harmonics,
                               const ProgressFn& progress) {
  if (times.empty()) throw Error(QStringLiteral("Z^2: no events"));
  if (count < 1 || count > kFastZ2MaxFrequencies)
    throw Error(QStringLiteral("Z^2 (FFT): %1 frequencies is outside 1..%2")
                    .arg(count)
                    .arg(kFastZ2MaxFrequencies));
  if (harmonics < 1 || harmonics > 64)
    throw Error(QStringLiteral("Z^2: harmonics must be 1..64 (got %1)").arg(harmonics));
  const auto modes = static_cast<size_t>(count);
  size_t gridSize = 1;
  while (gridSize < 2 * modes || gridSize < 4 * kSpread) gridSize <<= 1;
  const double m = static_cast<double>(modes);
  const double ratio = static_cast<double>(gridSize) / m;  // oversampling R >= 2
  const double tau = std::numbers::pi * kSpread / (m * m * ratio * (ratio - 0.5));
  const double h = 2.0 * std::numbers::pi / static_cast<double>(gridSize);
  const long long centre = count / 2;  // mode m = centre + n, n in [-centre, count - centre)
  // exp(-(j h)^2 / 4 tau) for j = -kSpread+1 .. kSpread.
  double e3[2 * kSpread];
  for (int j = -kSpread + 1; j <= kSpread; ++j)
    e3[j + kSpread - 1] = std::exp(-(j * h) * (j * h) / (4.0 * tau));

  std::vector<double> out(modes * static_cast<size_t>(harmonics), 0.0);
  std::vector<Complex> grid(gridSize);
  const double scale = 2.0 / static_cast<double>(times.size());
  for (int k = 1; k <= harmonics; ++k) {
    reportProgress(progress, static_cast<double>(k - 1) / harmonics, QStringLiteral("Z^2 (FFT)"));
    std::fill(grid.begin(), grid.end(), Complex(0, 0));
    const double fc = k * (fmin + static_cast<double>(centre) * step);
    const double dx = k * step;
    for (size_t j = 0; j < times.size(); ++j) {
      const double dt = times[j] - epoch;
      const Complex c = unitPhase(fc * dt);
      double cycles = dx * dt;
      cycles -= std::floor(cycles);
      const double x = 2.0 * std::numbers::pi * cycles;
      auto l0 = static_cast<long long>(x / h);
      const double xi = x - static_cast<double>(l0) * h;
      // exp(-(xi - j h)^2 / 4 tau) = exp(-xi^2 / 4 tau) exp(xi j h / 2 tau) exp(-(j h)^2 / 4 tau).
      const double e1 = std::exp(-xi * xi / (4.0 * tau));
      const double e2 = std::exp(xi * h / (2.0 * tau));
      double pw = std::pow(e2, -kSpread + 1);
      for (int s = -kSpread + 1; s <= kSpread; ++s) {
        const double w = e1 * pw * e3[s + kSpread - 1];
        const auto at = static_cast<size_t>((l0 + s + static_cast<long long>(gridSize)) %
                                            static_cast<long long>(gridSize));
        grid[at] += w * c;
        pw *= e2;
      }
      if (progress && (j & 0xfffff) == 0xfffff)
        reportProgress(progress, (k - 1 + 0.9 * double(j) / double(times.size())) / harmonics,
                       QStringLiteral("Z^2 (FFT)"));
    }
    fftPositive(grid);
    const double norm = std::sqrt(std::numbers::pi / tau) / static_cast<double>(gridSize);
    for (size_t i = 0; i < modes; ++i) {
      const long long n = static_cast<long long>(i) - centre;
      const auto at = static_cast<size_t>((n + static_cast<long long>(gridSize)) %
                                          static_cast<long long>(gridSize));
      const Complex s = grid[at] * (norm * std::exp(static_cast<double>(n * n) * tau));
      const double prev = k > 1 ? out[i * static_cast<size_t>(harmonics) + static_cast<size_t>(k - 2)] : 0.0;
      out[i * static_cast<size_t>(harmonics) + static_cast<size_t>(k - 1)] = prev + scale * std::norm(s);
    }
  }
  reportProgress(progress, 1.0, QStringLiteral("Z^2 (FFT)"));
  return out;
}

}  // namespace xsky::timing
