#pragma once
// Turning pixel values into display levels: limits (min/max, percentile, user) and a scale
// function (linear, log, sqrt, squared, asinh, histogram equalisation), as DS9 users know them.
// Output is one byte per pixel (0..255) for a colormap lookup; NaN pixels get level 0.

#include <cstdint>
#include <vector>

#include <QString>

#include "imaging/Image2D.h"

namespace xsky::imaging {

enum class ScaleFunction { Linear, Log, Sqrt, Squared, Asinh, HistEqu };
enum class LimitMode { MinMax, Percentile, User };

struct DisplaySettings {
  ScaleFunction scale = ScaleFunction::Linear;
  LimitMode limits = LimitMode::MinMax;
  double percentile = 99.5;  // for LimitMode::Percentile: clip (100 - p)/2 at each end
  double userLow = 0, userHigh = 1;
  double logExponent = 1000;  // DS9's log exponent
};

struct Limits {
  double low = 0;
  double high = 1;
};

/// The value range the settings select on this image (finite pixels only).
Limits computeLimits(const std::vector<float>& pixels, const DisplaySettings& settings);
/// Display levels 0..255 for every pixel.
std::vector<uint8_t> toLevels(const std::vector<float>& pixels, const DisplaySettings& settings);
/// Parses "linear|log|sqrt|squared|asinh|histequ"; false when unknown.
bool parseScale(const QString& name, ScaleFunction* out);

}  // namespace xsky::imaging
