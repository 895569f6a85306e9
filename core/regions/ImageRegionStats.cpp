#include "regions/ImageRegionStats.h"

#include <algorithm>
#include <cmath>

namespace xsky::regions {

namespace {

// Sum of the pixel values whose centres lie in `area`, scanning only its bounding box.
double sumInside(const ProjectedArea& area, const imaging::Image2D& image) {
  if (area.empty()) return 0;
  const Bounds b = area.bounds();
  const int i0 = std::max(0, static_cast<int>(std::floor(b.xMin - 1.0)));
  const int i1 = std::min(image.width - 1, static_cast<int>(std::ceil(b.xMax)));
  const int j0 = std::max(0, static_cast<int>(std::floor(b.yMin - 1.0)));
  const int j1 = std::min(image.height - 1, static_cast<int>(std::ceil(b.yMax)));
  if (i1 < i0 || j1 < j0) return 0;
  const size_t n = static_cast<size_t>(i1 - i0 + 1);
  std::vector<float> x(n), y(n);
  std::vector<uint8_t> inside(n);
  for (size_t k = 0; k < n; ++k) x[k] = static_cast<float>(i0 + static_cast<int>(k) + 1);
  double sum = 0;
  for (int j = j0; j <= j1; ++j) {
    std::fill(y.begin(), y.end(), static_cast<float>(j + 1));
    area.mask(x, y, inside);
    for (size_t k = 0; k < n; ++k) {
      const float v = image.at(i0 + static_cast<int>(k), j);
      if (inside[k] != 0 && !std::isnan(v)) sum += v;
    }
  }
  return sum;
}

}  // namespace

ImageRegionStatistics computeImageRegionStatistics(const RegionSet& set, const imaging::Image2D& image,
                                                   const wcs::SkyWcs* sky) {
  PixelFrame frame;
  frame.sky = sky;
  frame.pixels = Frame::Image;
  const ProjectedRegionSet p = project(set, frame);
  const double toArcsec2 = frame.sky != nullptr ? kSquareArcsecPerSteradian : 1.0;
  auto solidArea = [&](const ProjectedArea& area, const std::vector<Region>& inc,
                       const std::vector<Region>& exc, bool* exact) {
    if (frame.sky != nullptr) return setSolidAngle(inc, exc, area, frame, exact) * toArcsec2;
    *exact = false;
    return area.pixelArea(1024);
  };
  ImageRegionStatistics out;
  RegionStatistics& s = out.stats;
  auto fill = [&](AreaCounts* c, double sum, double areaValue) {
    c->counts = static_cast<size_t>(std::llround(std::max(0.0, sum)));
    c->areaArcsec2 = areaValue;
    c->surfaceBrightness = areaValue > 0 ? sum / areaValue : 0;
  };
  out.sourceSum = sumInside(p.source, image);
  bool exact = false;
  fill(&s.source, out.sourceSum, solidArea(p.source, set.source, set.sourceExclusions, &exact));
  s.source.exactArea = exact;
  s.netCounts = out.sourceSum;
  s.netError = std::sqrt(std::max(0.0, out.sourceSum));
  if (!set.background.empty()) {
    std::vector<Region> exc = set.backgroundExclusions;
    if (set.backgroundExcludesSource) exc.insert(exc.end(), set.source.begin(), set.source.end());
    out.backgroundSum = sumInside(p.background, image);
    fill(&s.background, out.backgroundSum, solidArea(p.background, set.background, exc, &exact));
    s.background.exactArea = exact;
    s.hasBackground = true;
    s.backgroundScale = s.background.areaArcsec2 > 0 ? s.source.areaArcsec2 / s.background.areaArcsec2 : 0;
    s.netCounts -= out.backgroundSum * s.backgroundScale;
    s.netError = std::sqrt(std::max(0.0, out.sourceSum) +
                           std::max(0.0, out.backgroundSum) * s.backgroundScale * s.backgroundScale);
  }
  s.signalToNoise = s.netError > 0 ? s.netCounts / s.netError : 0;
  return out;
}

}  // namespace xsky::regions
