#pragma once
// Portable Poisson deviates for simulated spectra: std::mt19937_64 supplies the bits (its output
// is fixed by the C++ standard) and the distributions are written here, as
// std::poisson_distribution differs between standard libraries. Means below 10: inversion by
// sequential search (Devroye 1986, Non-Uniform Random Variate Generation, section X.3); from 10:
// Hoermann's transformed rejection with squeeze, PTRS (Hoermann 1993, Insurance: Mathematics and
// Economics 12, 39). Not thread-safe: one generator per thread of work.

#include <cstdint>
#include <random>

namespace xsky::spectral {

class PoissonDeviates {
 public:
  explicit PoissonDeviates(std::uint64_t seed) : engine_(seed) {}

  /// A well-mixed seed for the independent stream `stream` of `seed` (the SplitMix64 finaliser,
  /// Steele, Lea & Flood 2014, OOPSLA), so that simulation i draws the same numbers whichever
  /// thread runs it.
  static std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream);

  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// A Poisson deviate of this mean (0 for a mean <= 0 or not finite), as a double.
  double poisson(double mean);

 private:
  std::mt19937_64 engine_;
};

/// ln(k!) for k >= 0: summed below 30, Stirling's series (to 1/k^5) above.
double logFactorial(double k);

}  // namespace xsky::spectral
