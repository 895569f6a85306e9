#include "imaging/DisplayScale.h"

#include <optional>
#include <span>

#include "imaging/PixelStatistics.h"

#include "imaging/ZScale.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace xsky::imaging {

double applyScale(double t, const DisplaySettings& s) {
  switch (s.scale) {
    case ScaleFunction::Linear:
    case ScaleFunction::HistEqu: return t;
    case ScaleFunction::Log: return std::log10(s.logExponent * t + 1.0) / std::log10(s.logExponent + 1.0);
    case ScaleFunction::Sqrt: return std::sqrt(std::max(0.0, t));
    case ScaleFunction::Squared: return t * t;
    case ScaleFunction::Asinh: return std::asinh(10.0 * t) / std::asinh(10.0);
  }
  return t;
}

double invertScale(double v, const DisplaySettings& s) {
  switch (s.scale) {
    case ScaleFunction::Linear:
    case ScaleFunction::HistEqu: return v;
    case ScaleFunction::Log: return (std::pow(s.logExponent + 1.0, v) - 1.0) / s.logExponent;
    case ScaleFunction::Sqrt: return v * v;
    case ScaleFunction::Squared: return std::sqrt(std::max(0.0, v));
    case ScaleFunction::Asinh: return std::sinh(v * std::asinh(10.0)) / 10.0;
  }
  return v;
}

bool parseLimits(const QString& text, DisplaySettings* settings) {
  const QString t = text.trimmed().toLower();
  if (t == QLatin1String("minmax")) {
    settings->limits = LimitMode::MinMax;
    return true;
  }
  if (t == QLatin1String("zscale")) {
    settings->limits = LimitMode::ZScale;
    return true;
  }
  bool ok = false;
  if (t.contains(QLatin1Char(':'))) {
    const double lo = t.section(QLatin1Char(':'), 0, 0).toDouble(&ok);
    if (!ok) return false;
    const double hi = t.section(QLatin1Char(':'), 1).toDouble(&ok);
    if (!ok || !(hi > lo)) return false;
    settings->limits = LimitMode::User;
    settings->userLow = lo;
    settings->userHigh = hi;
    return true;
  }
  const double p = t.toDouble(&ok);
  if (!ok || p <= 0 || p > 100) return false;
  settings->limits = LimitMode::Percentile;
  settings->percentile = p;
  return true;
}

namespace {

template <class RangeFn, class HistogramFn>
Limits limitsFrom(std::span<const float> pixels, const DisplaySettings& settings, RangeFn range, HistogramFn histogram) {
  if (settings.limits == LimitMode::User) return {settings.userLow, settings.userHigh};
  const PixelRange& r = range();
  if (r.finite == 0) return {0, 1};
  if (settings.limits == LimitMode::ZScale) return zscaleLimits(pixels, r.finite);
  if (settings.limits == LimitMode::MinMax || r.min == r.max) return {r.min, r.max};
  // Percentile: the order statistics of ranks floor(q (n - 1)) at both ends.
  const size_t n = r.finite;
  const double clip = std::clamp((100.0 - settings.percentile) / 200.0, 0.0, 0.5);
  const auto rank = [n](double q) {
    return static_cast<size_t>(std::clamp(q * static_cast<double>(n - 1), 0.0, static_cast<double>(n - 1)));
  };
  const PixelHistogram& h = histogram();
  return {h.orderStatistic(rank(clip)), h.orderStatistic(rank(1.0 - clip))};
}

}  // namespace

Limits computeLimits(std::span<const float> all, const DisplaySettings& settings) {
  std::optional<PixelRange> range;
  std::optional<PixelHistogram> histogram;
  return limitsFrom(all, settings,
      [&]() -> const PixelRange& { if (!range) range = computeRange(all); return *range; },
      [&]() -> const PixelHistogram& {
        if (!range) range = computeRange(all);
        if (!histogram) histogram = computeHistogram(all, *range);
        return *histogram;
      });
}

Limits computeLimits(const Image2D& image, const DisplaySettings& settings) {
  const std::span<const float> all(image.pixels);
  return limitsFrom(all, settings, [&]() -> const PixelRange& { return image.statistics.range(all); },
                    [&]() -> const PixelHistogram& { return image.statistics.histogram(all); });
}

bool parseScale(const QString& name, ScaleFunction* out) {
  static const std::pair<const char*, ScaleFunction> kNames[] = {
      {"linear", ScaleFunction::Linear}, {"log", ScaleFunction::Log},
      {"sqrt", ScaleFunction::Sqrt},     {"squared", ScaleFunction::Squared},
      {"asinh", ScaleFunction::Asinh},   {"histequ", ScaleFunction::HistEqu}};
  for (const auto& [n, f] : kNames) {
    if (name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0) {
      *out = f;
      return true;
    }
  }
  return false;
}

}  // namespace xsky::imaging
