#pragma once
// The inner loops of ProjectedArea, over blocks of float event coordinates, written so that the
// compiler vectorises them.
//
// A ring (circle, ellipse, box, annuli, pandas) is one value per point,
//   V = max(outer form, -inner form, sector forms)   (inside when V <= 0),
// from quadratic and linear forms in pixel offsets from a float origin, normalised to be of order
// one across the ring. Float rounding is far below the guard band: V <= -kGuard is surely inside,
// V > kGuard surely outside, and the thin band between is decided again in double precision.

#include <array>
#include <cstddef>
#include <cstdint>

namespace xsky::regions::kernels {

constexpr float kGuard = 1e-5f;

struct FloatRing {
  float ox = 0, oy = 0;  // origin of the forms (pixels)
  // Quadratic a x^2 + b xy + c y^2 + d x + e y + f or 4 lines a x + b y + c (all <= 0 inside).
  bool outerConic = true;
  std::array<float, 6> qo{};
  std::array<std::array<float, 3>, 4> lo{};
  int inner = 0;  // 0 none, 1 conic, 2 lines (the hole: forms all < 0)
  std::array<float, 6> qi{};
  std::array<std::array<float, 3>, 4> li{};
  int sector = 0;  // 0 none; 1 both lines >= 0; 2 either line >= 0
  std::array<float, 3> s0{}, s1{};
};

/// inside[i] = 1 when point i is surely inside, unsure[i] = 1 when it is in the guard band.
/// Returns the number of unsure points.
size_t evaluateRing(const FloatRing& ring, const float* x, const float* y, size_t n, uint8_t* inside,
                  uint8_t* unsure);

/// inBox[i] = 1 when x0 <= x[i] <= x1 and y0 <= y[i] <= y1. Returns how many are.
size_t evaluateBox(float x0, float x1, float y0, float y1, const float* x, const float* y, size_t n,
                 uint8_t* inBox);

/// Calls f(i) for every i < n with flags[i] != 0 (flags are 0 or 1), in increasing order.
template <class F>
inline void forEachSet(const uint8_t* flags, size_t n, F f) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    __builtin_memcpy(&w, flags + i, 8);
    while (w != 0) {
      f(i + static_cast<size_t>(__builtin_ctzll(w) >> 3));
      w &= w - 1;
    }
  }
  for (; i < n; ++i) {
    if (flags[i] != 0) f(i);
  }
}

}  // namespace xsky::regions::kernels
