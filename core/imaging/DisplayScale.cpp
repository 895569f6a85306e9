#include "imaging/DisplayScale.h"

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

Limits computeLimits(const std::vector<float>& pixels, const DisplaySettings& settings) {
  if (settings.limits == LimitMode::User) return {settings.userLow, settings.userHigh};
  if (settings.limits == LimitMode::ZScale) return zscaleLimits(pixels);
  // One pass for the finite range, then (percentile) a histogram locates the two order
  // statistics and only the values in their bins are sorted: exact, and O(n) on large images.
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  size_t n = 0;
  for (float p : pixels) {
    if (!std::isfinite(p)) continue;
    lo = std::min(lo, p);
    hi = std::max(hi, p);
    ++n;
  }
  if (n == 0) return {0, 1};
  if (settings.limits == LimitMode::MinMax || lo == hi) return {lo, hi};
  const double clip = std::clamp((100.0 - settings.percentile) / 200.0, 0.0, 0.5);
  const auto rank = [n](double q) {
    return static_cast<size_t>(std::clamp(q * static_cast<double>(n - 1), 0.0, static_cast<double>(n - 1)));
  };
  const size_t rankLow = rank(clip), rankHigh = rank(1.0 - clip);
  constexpr size_t kBins = 1 << 16;
  const double scale = (kBins - 1) / (static_cast<double>(hi) - lo);
  const auto binOf = [lo, scale](float p) { return static_cast<size_t>((static_cast<double>(p) - lo) * scale); };
  std::vector<size_t> histogram(kBins, 0);
  for (float p : pixels) {
    if (std::isfinite(p)) ++histogram[binOf(p)];
  }
  const auto orderStatistic = [&](size_t r) -> double {
    size_t below = 0, bin = 0;
    while (below + histogram[bin] <= r) below += histogram[bin++];
    std::vector<float> inBin;
    inBin.reserve(histogram[bin]);
    for (float p : pixels) {
      if (std::isfinite(p) && binOf(p) == bin) inBin.push_back(p);
    }
    const auto nth = inBin.begin() + static_cast<long>(r - below);
    std::nth_element(inBin.begin(), nth, inBin.end());
    return *nth;
  };
  return {orderStatistic(rankLow), orderStatistic(rankHigh)};
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
