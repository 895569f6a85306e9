#include "imaging/DisplayScale.h"

#include <algorithm>
#include <cmath>

namespace xsky::imaging {

namespace {

std::vector<float> finiteValues(const std::vector<float>& pixels) {
  std::vector<float> v;
  v.reserve(pixels.size());
  for (float p : pixels) {
    if (std::isfinite(p)) v.push_back(p);
  }
  return v;
}

double scaled(double t, const DisplaySettings& s) {
  // t is the value normalised to [0, 1] between the limits.
  switch (s.scale) {
    case ScaleFunction::Linear:
    case ScaleFunction::HistEqu: return t;
    case ScaleFunction::Log: return std::log10(s.logExponent * t + 1.0) / std::log10(s.logExponent + 1.0);
    case ScaleFunction::Sqrt: return std::sqrt(t);
    case ScaleFunction::Squared: return t * t;
    case ScaleFunction::Asinh: return std::asinh(10.0 * t) / 3.0;  // asinh(10) ~ 3
  }
  return t;
}

}  // namespace

Limits computeLimits(const std::vector<float>& pixels, const DisplaySettings& settings) {
  if (settings.limits == LimitMode::User) return {settings.userLow, settings.userHigh};
  std::vector<float> v = finiteValues(pixels);
  if (v.empty()) return {0, 1};
  if (settings.limits == LimitMode::MinMax) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return {*lo, *hi};
  }
  const double clip = std::clamp((100.0 - settings.percentile) / 200.0, 0.0, 0.5);
  const auto index = [&v](double q) {
    return static_cast<size_t>(std::clamp(q * static_cast<double>(v.size() - 1), 0.0, static_cast<double>(v.size() - 1)));
  };
  const size_t lo = index(clip), hi = index(1.0 - clip);
  std::nth_element(v.begin(), v.begin() + static_cast<long>(lo), v.end());
  const double low = v[lo];
  std::nth_element(v.begin(), v.begin() + static_cast<long>(hi), v.end());
  return {low, v[hi]};
}

std::vector<uint8_t> toLevels(const std::vector<float>& pixels, const DisplaySettings& settings) {
  const Limits lim = computeLimits(pixels, settings);
  const double span = lim.high > lim.low ? lim.high - lim.low : 1.0;
  std::vector<uint8_t> out(pixels.size(), 0);
  if (settings.scale == ScaleFunction::HistEqu) {
    // Levels from the cumulative distribution of the clipped values.
    constexpr int kBins = 4096;
    std::vector<double> cdf(kBins, 0.0);
    for (float p : pixels) {
      if (!std::isfinite(p)) continue;
      const double t = std::clamp((p - lim.low) / span, 0.0, 1.0);
      cdf[static_cast<size_t>(t * (kBins - 1))] += 1;
    }
    for (int i = 1; i < kBins; ++i) cdf[i] += cdf[i - 1];
    const double total = cdf.back() > 0 ? cdf.back() : 1.0;
    for (size_t k = 0; k < pixels.size(); ++k) {
      if (!std::isfinite(pixels[k])) continue;
      const double t = std::clamp((pixels[k] - lim.low) / span, 0.0, 1.0);
      out[k] = static_cast<uint8_t>(std::lround(255.0 * cdf[static_cast<size_t>(t * (kBins - 1))] / total));
    }
    return out;
  }
  for (size_t k = 0; k < pixels.size(); ++k) {
    if (!std::isfinite(pixels[k])) continue;
    const double t = std::clamp((pixels[k] - lim.low) / span, 0.0, 1.0);
    out[k] = static_cast<uint8_t>(std::lround(255.0 * std::clamp(scaled(t, settings), 0.0, 1.0)));
  }
  return out;
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
