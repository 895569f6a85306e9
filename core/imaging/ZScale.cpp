#include "imaging/ZScale.h"

#include <algorithm>
#include <cmath>

namespace xsky::imaging {

namespace {

// Least-squares line through (i, y[i]) for the points with good[i]; false when degenerate.
bool fitLine(const std::vector<double>& y, const std::vector<int>& bad, double* slope, double* intercept) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    if (bad[i] != 0) continue;
    const double x = static_cast<double>(i);
    n += 1;
    sx += x;
    sy += y[i];
    sxx += x * x;
    sxy += x * y[i];
  }
  const double det = n * sxx - sx * sx;
  if (n < 2 || det == 0) return false;
  *slope = (n * sxy - sx * sy) / det;
  *intercept = (sy - *slope * sx) / n;
  return true;
}

}  // namespace

Limits zscaleLimits(std::span<const float> pixels, const ZScaleParameters& p) {
  size_t finite = 0;
  for (float v : pixels) finite += std::isfinite(v) ? 1 : 0;
  return zscaleLimits(pixels, finite, p);
}

Limits zscaleLimits(std::span<const float> pixels, size_t finite, const ZScaleParameters& p) {
  // Sample the finite values with a regular stride (counted over the finite values only).
  if (finite == 0) return {0, 1};
  const size_t stride = std::max<size_t>(1, finite / static_cast<size_t>(p.samples));
  std::vector<double> s;
  s.reserve(static_cast<size_t>(p.samples));
  if (finite == pixels.size()) {
    for (size_t i = 0; i < pixels.size() && s.size() < static_cast<size_t>(p.samples); i += stride) {
      s.push_back(pixels[i]);
    }
  } else {
    size_t index = 0;
    for (float v : pixels) {
      if (!std::isfinite(v)) continue;
      if (index++ % stride == 0) s.push_back(v);
      if (s.size() == static_cast<size_t>(p.samples)) break;
    }
  }
  std::sort(s.begin(), s.end());
  const long npix = static_cast<long>(s.size());
  double low = s.front(), high = s.back();
  const long centre = (npix - 1) / 2;
  const double median = (npix % 2 == 1) ? s[centre] : 0.5 * (s[centre] + s[centre + 1]);

  const long minPix = std::max<long>(p.minPixels, static_cast<long>(npix * p.maxReject));
  const long grow = std::max<long>(1, static_cast<long>(npix * 0.01));
  std::vector<int> bad(static_cast<size_t>(npix), 0);
  long good = npix, lastGood = npix + 1;
  double slope = 0, intercept = 0;
  for (int iter = 0; iter < p.maxIterations; ++iter) {
    if (good >= lastGood || good < minPix) break;
    if (!fitLine(s, bad, &slope, &intercept)) break;
    // Reject points farther than rejectSigma standard deviations from the line.
    double sum = 0, sum2 = 0;
    long n = 0;
    for (long i = 0; i < npix; ++i) {
      if (bad[i] != 0) continue;
      const double r = s[i] - (intercept + slope * static_cast<double>(i));
      sum += r;
      sum2 += r * r;
      ++n;
    }
    const double mean = sum / static_cast<double>(n);
    const double sigma = std::sqrt(std::max(0.0, sum2 / static_cast<double>(n) - mean * mean));
    const double threshold = p.rejectSigma * sigma;
    std::vector<int> flagged(static_cast<size_t>(npix), 0);
    for (long i = 0; i < npix; ++i) {
      const double r = s[i] - (intercept + slope * static_cast<double>(i));
      flagged[i] = (bad[i] != 0 || r < -threshold || r > threshold) ? 1 : 0;
    }
    // Grow each rejected point over a window of `grow` neighbours (a centred running sum).
    const long before = (grow - 1) / 2;
    for (long k = 0; k < npix; ++k) {
      int any = 0;
      for (long m = std::max(0L, k + before - grow + 1); m <= std::min(npix - 1, k + before); ++m) any |= flagged[m];
      bad[k] = any;
    }
    lastGood = good;
    good = std::count(bad.begin(), bad.end(), 0);
  }
  if (good >= minPix) {
    if (p.contrast > 0) slope /= p.contrast;
    low = std::max(low, median - static_cast<double>(centre - 1) * slope);
    high = std::min(high, median + static_cast<double>(npix - centre) * slope);
  }
  return {low, high};
}

}  // namespace xsky::imaging
