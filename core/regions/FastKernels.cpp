#include "regions/FastKernels.h"

#include <algorithm>

// Compiled for x86-64-v3 (AVX2, FMA) and v4 (AVX-512) besides the baseline; the loader picks the
// best the CPU runs (GCC function multiversioning). Not under TSan: the ifunc resolver would be
// instrumented and run before the TSan runtime starts (a crash at load time).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    !defined(__SANITIZE_THREAD__)
#define XSKY_KERNEL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define XSKY_KERNEL_CLONES
#endif
#define XSKY_INLINE [[gnu::always_inline]] inline

namespace xsky::regions::kernels {

namespace {

XSKY_INLINE float quad(const std::array<float, 6>& c, float x, float y) {
  return (c[0] * x + c[1] * y + c[3]) * x + (c[2] * y + c[4]) * y + c[5];
}

XSKY_INLINE float line(const std::array<float, 3>& c, float x, float y) { return c[0] * x + c[1] * y + c[2]; }

XSKY_INLINE float lines4(const std::array<std::array<float, 3>, 4>& l, float x, float y) {
  return std::max(std::max(line(l[0], x, y), line(l[1], x, y)), std::max(line(l[2], x, y), line(l[3], x, y)));
}

template <bool OuterConic, int Inner, int Sector>
XSKY_INLINE size_t ringLoop(const FloatRing& r, const float* __restrict x, const float* __restrict y, size_t n,
              uint8_t* __restrict inside, uint8_t* __restrict unsure) {
  const float ox = r.ox, oy = r.oy;
  unsigned count = 0;
  for (size_t i = 0; i < n; ++i) {
    const float dx = x[i] - ox, dy = y[i] - oy;
    float v = OuterConic ? quad(r.qo, dx, dy) : lines4(r.lo, dx, dy);
    if constexpr (Inner == 1) v = std::max(v, -quad(r.qi, dx, dy));
    if constexpr (Inner == 2) v = std::max(v, -lines4(r.li, dx, dy));
    if constexpr (Sector == 1) v = std::max(v, std::max(-line(r.s0, dx, dy), -line(r.s1, dx, dy)));
    if constexpr (Sector == 2) v = std::max(v, std::min(-line(r.s0, dx, dy), -line(r.s1, dx, dy)));
    inside[i] = static_cast<uint8_t>(v <= -kGuard);
    const uint8_t u = static_cast<uint8_t>((v > -kGuard) & (v <= kGuard));
    unsure[i] = u;
    count += u;
  }
  return count;
}

template <bool OuterConic, int Inner>
XSKY_INLINE size_t bySector(const FloatRing& r, const float* x, const float* y, size_t n, uint8_t* in, uint8_t* un) {
  switch (r.sector) {
    case 1: return ringLoop<OuterConic, Inner, 1>(r, x, y, n, in, un);
    case 2: return ringLoop<OuterConic, Inner, 2>(r, x, y, n, in, un);
    default: return ringLoop<OuterConic, Inner, 0>(r, x, y, n, in, un);
  }
}

template <bool OuterConic>
XSKY_INLINE size_t byInner(const FloatRing& r, const float* x, const float* y, size_t n, uint8_t* in, uint8_t* un) {
  switch (r.inner) {
    case 1: return bySector<OuterConic, 1>(r, x, y, n, in, un);
    case 2: return bySector<OuterConic, 2>(r, x, y, n, in, un);
    default: return bySector<OuterConic, 0>(r, x, y, n, in, un);
  }
}

}  // namespace

XSKY_KERNEL_CLONES size_t evaluateRing(const FloatRing& ring, const float* x, const float* y, size_t n,
                                        uint8_t* inside, uint8_t* unsure) {
  return ring.outerConic ? byInner<true>(ring, x, y, n, inside, unsure)
                         : byInner<false>(ring, x, y, n, inside, unsure);
}

XSKY_KERNEL_CLONES size_t evaluateBox(float x0, float x1, float y0, float y1, const float* __restrict x,
                                       const float* __restrict y, size_t n, uint8_t* __restrict inBox) {
  unsigned count = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t b = static_cast<uint8_t>((x[i] >= x0) & (x[i] <= x1) & (y[i] >= y0) & (y[i] <= y1));
    inBox[i] = b;
    count += b;
  }
  return count;
}

}  // namespace xsky::regions::kernels
