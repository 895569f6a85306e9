#pragma once
// What display limits need to know about an image's pixels, computed once per image and kept:
// the finite range, and a fine histogram (65536 bins over the range) with the smallest and
// largest value seen in each bin. Minmax limits then cost nothing, percentiles and histogram
// equalisation are O(bins) instead of passes over 67 million pixels, and zscale samples without
// counting again. Large images are scanned by two threads.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

namespace xsky::imaging {

struct PixelRange {
  size_t finite = 0;  // pixels that are neither NaN nor +-Inf
  float min = 0, max = 0;  // over the finite pixels (0, 0 when there are none)
  bool allFinite() const { return finite == total; }
  size_t total = 0;
};

struct PixelHistogram {
  static constexpr size_t kBins = 1 << 16;
  double low = 0;      // = range.min
  double scale = 0;    // bins per unit value: bin = floor((v - low) * scale)
  std::vector<uint64_t> counts;   // kBins
  std::vector<float> binMin, binMax;  // the extreme values that fell in each bin

  size_t binOf(float v) const {
    const double b = (static_cast<double>(v) - low) * scale;
    return b <= 0 ? 0 : (b >= kBins - 1 ? kBins - 1 : static_cast<size_t>(b));
  }
  /// The value of rank r (0-based, ascending, among the finite pixels): exact when its bin holds
  /// one distinct value, else interpolated inside the bin (error below (max - min) / 65536).
  double orderStatistic(size_t rank) const;
};

PixelRange computeRange(std::span<const float> pixels);

/// The range gathered block by block while the pixels are produced (e.g. read from a file), in
/// up to two independent parts; finish() then needs the whole buffer only when it holds +-Inf.
class RangeScan {
 public:
  void add(int part, const float* block, size_t n);
  PixelRange finish(std::span<const float> pixels) const;

 private:
  struct Part {
    size_t nan = 0;
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
  };
  Part parts_[2];
};
PixelHistogram computeHistogram(std::span<const float> pixels, const PixelRange& range);

/// The statistics of one image, computed on first use and then shared; safe to use from several
/// threads. The pixels must not change after the first call (a copy of the owner starts empty).
class PixelStatisticsCache {
 public:
  PixelStatisticsCache() = default;
  PixelStatisticsCache(const PixelStatisticsCache&) {}
  PixelStatisticsCache& operator=(const PixelStatisticsCache&) {
    reset();
    return *this;
  }

  const PixelRange& range(std::span<const float> pixels) const;
  const PixelHistogram& histogram(std::span<const float> pixels) const;
  /// Sets the range when the reader already knows it (computed while reading).
  void setRange(const PixelRange& range) const;
  void reset() const;

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const PixelRange> range_;
  mutable std::shared_ptr<const PixelHistogram> histogram_;
};

}  // namespace xsky::imaging
