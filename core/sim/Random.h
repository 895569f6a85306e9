#pragma once
// Portable random numbers for the deterministic simulator. std::mt19937_64 supplies the raw bits
// (its output sequence is fixed by the C++ standard); every distribution is written here because
// std::*_distribution algorithms differ between standard libraries. Not thread-safe: one Rng per
// thread of work.

#include <cstdint>
#include <random>

namespace xsky::sim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  /// A well-mixed 64-bit seed for an independent stream `stream` of `seed` (SplitMix64 finaliser),
  /// so that each event list has its own generator whatever order the lists are written in.
  static std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t bits() { return engine_(); }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// Uniform in (0, 1): never exactly 0 or 1 (safe for log and pow).
  double uniformOpen() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n) (n > 0), without modulo bias.
  std::uint64_t below(std::uint64_t n);
  /// Standard normal deviate (Marsaglia's polar method; the second value is kept for the next
  /// call).
  double normal();
  /// Exponential deviate with this rate (mean 1/rate).
  double exponential(double rate);

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool hasSpare_ = false;
};

}  // namespace xsky::sim
