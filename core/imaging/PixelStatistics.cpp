#include "imaging/PixelStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace xsky::imaging {

namespace {

constexpr size_t kParallelAbove = size_t(1) << 22;  // 4 Mpixel: worth a second thread

struct PartialRange {
  size_t nan = 0;  // non-finite values
  float min = std::numeric_limits<float>::max(), max = std::numeric_limits<float>::lowest();
};

// Slow path for images holding +-Inf: the finite extremes and the count of non-finite values.
PartialRange scanFiniteRange(const float* p, size_t n) {
  PartialRange r;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(p[i])) {
      ++r.nan;
      continue;
    }
    r.min = std::min(r.min, p[i]);
    r.max = std::max(r.max, p[i]);
  }
  return r;
}

template <class Work>
void inTwoHalves(size_t n, Work work) {
  if (n < kParallelAbove) {
    work(0, n);
    return;
  }
  const size_t half = n / 2;
  std::thread second([&] { work(half, n); });
  work(0, half);
  second.join();
}

}  // namespace

void RangeScan::add(int part, const float* p, size_t n) {
  // Branch-free so that the compiler vectorises it: NaN fails both comparisons by itself.
  Part& r = parts_[part == 0 ? 0 : 1];
  float lo = r.min, hi = r.max;
  size_t nan = 0;
  for (size_t i = 0; i < n; ++i) {
    const float v = p[i];
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
    nan += v != v ? 1 : 0;
  }
  r.min = lo;
  r.max = hi;
  r.nan += nan;
}

PixelRange RangeScan::finish(std::span<const float> pixels) const {
  PixelRange r;
  r.total = pixels.size();
  const float lo = std::min(parts_[0].min, parts_[1].min), hi = std::max(parts_[0].max, parts_[1].max);
  if (std::isinf(lo) || std::isinf(hi)) {  // +-Inf present (or no finite value): exclude them
    const PartialRange f = scanFiniteRange(pixels.data(), pixels.size());
    r.finite = pixels.size() - f.nan;
    if (r.finite > 0) {
      r.min = f.min;
      r.max = f.max;
    }
    return r;
  }
  r.finite = pixels.size() - parts_[0].nan - parts_[1].nan;
  r.min = lo;
  r.max = hi;
  return r;
}

PixelRange computeRange(std::span<const float> pixels) {
  RangeScan scan;
  inTwoHalves(pixels.size(), [&](size_t from, size_t to) { scan.add(from == 0 ? 0 : 1, pixels.data() + from, to - from); });
  return scan.finish(pixels);
}

PixelHistogram computeHistogram(std::span<const float> pixels, const PixelRange& range) {
  PixelHistogram h;
  h.low = range.min;
  h.scale = range.max > range.min ? (PixelHistogram::kBins - 1) / (static_cast<double>(range.max) - range.min) : 0.0;
  struct Part {
    std::vector<uint64_t> counts;
    std::vector<float> lo, hi;
  };
  auto fill = [&](Part& part, size_t from, size_t to) {
    part.counts.assign(PixelHistogram::kBins, 0);
    part.lo.assign(PixelHistogram::kBins, std::numeric_limits<float>::infinity());
    part.hi.assign(PixelHistogram::kBins, -std::numeric_limits<float>::infinity());
    for (size_t i = from; i < to; ++i) {
      const float v = pixels[i];
      if (!(v - v == 0.0f)) continue;  // NaN, Inf
      const size_t b = h.binOf(v);
      ++part.counts[b];
      part.lo[b] = std::min(part.lo[b], v);
      part.hi[b] = std::max(part.hi[b], v);
    }
  };
  Part parts[2];
  const size_t n = pixels.size();
  inTwoHalves(n, [&](size_t from, size_t to) { fill(parts[from == 0 ? 0 : 1], from, to); });
  h.counts = std::move(parts[0].counts);
  h.binMin = std::move(parts[0].lo);
  h.binMax = std::move(parts[0].hi);
  if (!parts[1].counts.empty()) {
    for (size_t b = 0; b < PixelHistogram::kBins; ++b) {
      h.counts[b] += parts[1].counts[b];
      h.binMin[b] = std::min(h.binMin[b], parts[1].lo[b]);
      h.binMax[b] = std::max(h.binMax[b], parts[1].hi[b]);
    }
  }
  return h;
}

double PixelHistogram::orderStatistic(size_t rank) const {
  size_t below = 0, bin = 0;
  while (bin + 1 < counts.size() && below + counts[bin] <= rank) below += counts[bin++];
  if (counts.empty() || counts[bin] == 0) return low;
  if (binMin[bin] == binMax[bin] || counts[bin] == 1) return binMin[bin];
  const double f = static_cast<double>(rank - below) / static_cast<double>(counts[bin] - 1);
  return binMin[bin] + std::clamp(f, 0.0, 1.0) * (static_cast<double>(binMax[bin]) - binMin[bin]);
}

const PixelRange& PixelStatisticsCache::range(std::span<const float> pixels) const {
  std::lock_guard lock(mutex_);
  if (!range_) range_ = std::make_shared<const PixelRange>(computeRange(pixels));
  return *range_;
}

const PixelHistogram& PixelStatisticsCache::histogram(std::span<const float> pixels) const {
  std::shared_ptr<const PixelRange> r;
  {
    std::lock_guard lock(mutex_);
    if (histogram_) return *histogram_;
    if (!range_) range_ = std::make_shared<const PixelRange>(computeRange(pixels));
    r = range_;
  }
  auto h = std::make_shared<const PixelHistogram>(computeHistogram(pixels, *r));
  std::lock_guard lock(mutex_);
  if (!histogram_) histogram_ = std::move(h);
  return *histogram_;
}

void PixelStatisticsCache::setRange(const PixelRange& range) const {
  std::lock_guard lock(mutex_);
  range_ = std::make_shared<const PixelRange>(range);
  histogram_.reset();
}

void PixelStatisticsCache::reset() const {
  std::lock_guard lock(mutex_);
  range_.reset();
  histogram_.reset();
}

}  // namespace xsky::imaging
