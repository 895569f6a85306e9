#include "imaging/ColorLut.h"

#include <algorithm>
#include <cmath>

#include "imaging/Colormaps.h"

namespace xsky::imaging {

namespace {

uint32_t argb(const Rgb& c) {
  return 0xff000000u | (uint32_t(c.r) << 16) | (uint32_t(c.g) << 8) | uint32_t(c.b);
}

}  // namespace

ColorLut::ColorLut(const DisplaySettings& settings, Limits limits, std::span<const float> pixels) {
  build(settings, limits, [&](std::vector<double>& cdf) {
    for (float v : pixels) {
      if (!std::isfinite(v)) continue;
      cdf[static_cast<size_t>(std::clamp((v - low_) * factor_, 0.0, double(kSize - 1)))] += 1;
    }
  });
}

ColorLut::ColorLut(const DisplaySettings& settings, Limits limits, const Image2D& image) {
  build(settings, limits, [&](std::vector<double>& cdf) {
    // Each histogram bin's count goes to the LUT index of its values' midpoint.
    const PixelHistogram& h = image.statistics.histogram(image.pixels);
    for (size_t b = 0; b < h.counts.size(); ++b) {
      if (h.counts[b] == 0) continue;
      const double v = 0.5 * (static_cast<double>(h.binMin[b]) + h.binMax[b]);
      cdf[static_cast<size_t>(std::clamp((v - low_) * factor_, 0.0, double(kSize - 1)))] += static_cast<double>(h.counts[b]);
    }
  });
}

template <class Equalise>
void ColorLut::build(const DisplaySettings& settings, Limits limits, Equalise equalise) {
  low_ = limits.low;
  const double span = limits.high > limits.low ? limits.high - limits.low : 1.0;
  factor_ = (kSize - 1) / span;

  // The colormap as DS9 stretches it: position p in the colormap is (f - bias) * contrast + 0.5.
  const ColorTable& cmap = colormap(settings.colormap);
  ramp_.resize(256);
  for (int i = 0; i < 256; ++i) {
    double f = i / 255.0;
    if (settings.invert) f = 1.0 - f;
    const double p = std::clamp((f - settings.bias) * settings.contrast + 0.5, 0.0, 1.0);
    ramp_[i] = argb(cmap[static_cast<size_t>(std::lround(p * 255.0))]);
  }

  std::vector<double> position(kSize);
  if (settings.scale == ScaleFunction::HistEqu) {
    std::vector<double> cdf(kSize, 0.0);
    equalise(cdf);
    for (int i = 1; i < kSize; ++i) cdf[i] += cdf[i - 1];
    const double total = cdf.back() > 0 ? cdf.back() : 1.0;
    for (int i = 0; i < kSize; ++i) position[i] = cdf[i] / total;
  } else {
    for (int i = 0; i < kSize; ++i) position[i] = applyScale(i / double(kSize - 1), settings);
  }
  table_.resize(kSize);
  for (int i = 0; i < kSize; ++i) {
    table_[i] = ramp_[static_cast<size_t>(std::lround(std::clamp(position[i], 0.0, 1.0) * 255.0))];
  }
}

uint32_t ColorLut::colourAtFraction(double f) const {
  if (ramp_.empty()) return blank_;
  return ramp_[static_cast<size_t>(std::lround(std::clamp(f, 0.0, 1.0) * 255.0))];
}

}  // namespace xsky::imaging
