#pragma once
// The look-up table that turns pixel values into colours in one step: limits, scale function,
// colormap, invert and DS9's contrast/bias are folded into kSize entries of 0xAARRGGBB indexed
// by the value's position between the limits. Built once per display change (~1 ms); applying it
// is one multiply-add and one load per pixel.

#include <cstdint>
#include <vector>

#include "imaging/DisplayScale.h"
#include "imaging/Image2D.h"

namespace xsky::imaging {

class ColorLut {
 public:
  static constexpr int kSize = 1 << 16;

  ColorLut() = default;
  /// For histogram equalisation the LUT follows the cumulative distribution of `pixels`; the
  /// other scales ignore them.
  ColorLut(const DisplaySettings& settings, Limits limits, std::span<const float> pixels);
  /// The same for an image, equalising from its cached histogram.
  ColorLut(const DisplaySettings& settings, Limits limits, const Image2D& image);

  uint32_t colourOf(float value) const {
    if (!(value - value == 0.0f)) return blank_;  // NaN and +-Inf (Inf - Inf is NaN)
    double t = (static_cast<double>(value) - low_) * factor_;
    t = t < 0 ? 0 : (t > kSize - 1 ? kSize - 1 : t);
    return table_[static_cast<size_t>(t)];
  }
  Limits limits() const { return {low_, low_ + (kSize - 1) / factor_}; }
  uint32_t blank() const { return blank_; }
  /// The colour at position f in [0, 1] of the colourbar (f is the scaled position).
  uint32_t colourAtFraction(double f) const;
  const std::vector<uint32_t>& table() const { return table_; }

 private:
  /// Fills the tables; `equalise` adds counts per LUT index for histogram equalisation.
  template <class Equalise>
  void build(const DisplaySettings& settings, Limits limits, Equalise equalise);

  std::vector<uint32_t> table_;
  std::vector<uint32_t> ramp_;  // the 256-entry colormap after contrast/bias/invert
  double low_ = 0;
  double factor_ = 1;  // (kSize - 1) / (high - low)
  uint32_t blank_ = 0xff000000u;
};

}  // namespace xsky::imaging
