#pragma once
// Turning pixel values into display levels: limits (min/max, percentile, user) and a scale
// function (linear, log, sqrt, squared, asinh, histogram equalisation), as DS9 users know them.
// ColorLut.h folds them with a colormap into the colours shown; NaN and Inf pixels are blank.

#include <cstdint>
#include <span>
#include <vector>

#include <QString>

#include "imaging/Image2D.h"

namespace xsky::imaging {

enum class ScaleFunction { Linear, Log, Sqrt, Squared, Asinh, HistEqu };
enum class LimitMode { MinMax, ZScale, Percentile, User };

struct DisplaySettings {
  ScaleFunction scale = ScaleFunction::Linear;
  LimitMode limits = LimitMode::MinMax;
  double percentile = 99.5;  // for LimitMode::Percentile: clip (100 - p)/2 at each end
  double userLow = 0, userHigh = 1;
  double logExponent = 1000;  // DS9's log exponent
  QString colormap = QStringLiteral("gray");
  bool invert = false;
  double contrast = 1.0;  // DS9's colormap contrast (slope) and bias (centre), right-drag
  double bias = 0.5;
};

struct Limits {
  double low = 0;
  double high = 1;
};

/// The value range the settings select on these pixels (finite pixels only). Percentiles are the
/// order statistics of rank floor(q (n - 1)), exact to 1/65536 of the range (PixelStatistics.h).
Limits computeLimits(std::span<const float> pixels, const DisplaySettings& settings);
/// The same on an image, through its cached statistics (fast after the first call).
Limits computeLimits(const Image2D& image, const DisplaySettings& settings);
/// The scale function on a value normalised to [0, 1] between the limits (HistEqu: identity).
double applyScale(double t, const DisplaySettings& settings);
/// Its inverse, for labelling a colourbar with data values.
double invertScale(double s, const DisplaySettings& settings);
/// Parses "minmax|zscale|99.5|LO:HI" (a bare number is a percentile); false when malformed.
bool parseLimits(const QString& text, DisplaySettings* settings);
/// Parses "linear|log|sqrt|squared|asinh|histequ"; false when unknown.
bool parseScale(const QString& name, ScaleFunction* out);

}  // namespace xsky::imaging
