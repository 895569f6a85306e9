#include "products/ProductSketch.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsError.h"
#include "imaging/Image2D.h"
#include "spectral/OgipSpectrum.h"
#include "timing/LightCurveReader.h"

namespace xsky::products {

namespace {

constexpr size_t kSeries = 48;
constexpr int kImage = 40;

ProductSketch spectrumSketch(const QString& path) {
  QStringList warnings;
  const spectral::OgipSpectrum s = spectral::readOgipSpectrum(path, &warnings);
  const size_t n = s.counts.size();
  const size_t groups = std::min(kSeries, n);
  ProductSketch out;
  for (size_t g = 0; g < groups; ++g) {
    double sum = 0;
    for (size_t i = g * n / groups; i < (g + 1) * n / groups; ++i) sum += s.counts[i];
    out.values.push_back(std::log10(1.0 + sum));
  }
  return out;
}

ProductSketch lightCurveSketch(const QString& path) {
  const timing::LightCurveFile lc = timing::readLightCurve(path);
  ProductSketch out;
  if (lc.bands.empty()) return out;
  const timing::LightCurveBand& b = lc.bands.front();
  const size_t n = b.rate.size();
  const size_t groups = std::min(kSeries, n);
  for (size_t g = 0; g < groups; ++g) {
    double counts = 0, exposure = 0;
    for (size_t i = g * n / groups; i < (g + 1) * n / groups; ++i) {
      const double e = b.width[i] * (b.fracExp.empty() ? 1.0 : b.fracExp[i]);
      counts += b.rate[i] * e;
      exposure += e;
    }
    out.values.push_back(exposure > 0 ? counts / exposure : 0.0);
  }
  return out;
}

ProductSketch imageSketch(const QString& path) {
  const imaging::Image2D image = imaging::readFitsImage(path);
  const int block = std::max({1, (image.width + kImage - 1) / kImage, (image.height + kImage - 1) / kImage});
  ProductSketch out;
  out.kind = ProductSketch::Kind::Image;
  out.width = (image.width + block - 1) / block;
  out.height = (image.height + block - 1) / block;
  out.values.assign(static_cast<size_t>(out.width) * static_cast<size_t>(out.height), 0.0);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const float v = image.pixels[static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)];
      if (std::isfinite(v)) out.values[static_cast<size_t>(y / block) * static_cast<size_t>(out.width) + static_cast<size_t>(x / block)] += v;
    }
  }
  double top = 0;
  for (double& v : out.values) {
    v = std::asinh(std::max(0.0, v));
    top = std::max(top, v);
  }
  if (top > 0) {
    for (double& v : out.values) v /= top;
  }
  return out;
}

}  // namespace

std::optional<ProductSketch> sketchProduct(const QString& path, const QString& kind) {
  try {
    if (kind == QLatin1String("spectrum") || kind == QLatin1String("background_spectrum")) return spectrumSketch(path);
    if (kind == QLatin1String("lightcurve")) return lightCurveSketch(path);
    if (kind == QLatin1String("image")) return imageSketch(path);
  } catch (const Error&) {
    return std::nullopt;  // no preview; opening the product shows the error
  }
  return std::nullopt;
}

}  // namespace xsky::products
