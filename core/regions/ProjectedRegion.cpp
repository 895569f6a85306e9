#include "regions/ProjectedRegion.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "regions/FastKernels.h"
#include "regions/FastShape.h"

namespace xsky::regions {

ProjectedArea::ProjectedArea() = default;
ProjectedArea::~ProjectedArea() = default;
ProjectedArea::ProjectedArea(ProjectedArea&&) noexcept = default;
ProjectedArea& ProjectedArea::operator=(ProjectedArea&&) noexcept = default;

ProjectedArea ProjectedArea::build(const std::vector<Region>& includes,
                                   const std::vector<Region>& excludes, const PixelFrame& frame) {
  ProjectedArea a;
  for (const Region& r : includes) a.includes_.push_back(buildFastShape(r, frame));
  for (const Region& r : excludes) a.excludes_.push_back(buildFastShape(r, frame));
  bool first = true;
  for (const auto& s : a.includes_) {
    if (first) {
      a.bounds_ = s->box;
      first = false;
    }
    a.bounds_.xMin = std::min(a.bounds_.xMin, s->box.xMin);
    a.bounds_.xMax = std::max(a.bounds_.xMax, s->box.xMax);
    a.bounds_.yMin = std::min(a.bounds_.yMin, s->box.yMin);
    a.bounds_.yMax = std::max(a.bounds_.yMax, s->box.yMax);
  }
  return a;
}

bool ProjectedArea::empty() const { return includes_.empty(); }

bool ProjectedArea::refine(double x, double y) const {
  bool in = false;
  for (const auto& s : includes_) {
    if (s->inBox(x, y) && s->contains(x, y)) {
      in = true;
      break;
    }
  }
  if (!in) return false;
  for (const auto& s : excludes_) {
    if (s->inBox(x, y) && s->contains(x, y)) return false;
  }
  return true;
}

bool ProjectedArea::contains(double x, double y) const {
  return !includes_.empty() && x >= bounds_.xMin && x <= bounds_.xMax && y >= bounds_.yMin &&
         y <= bounds_.yMax && refine(x, y);
}

bool ProjectedArea::excluded(double x, double y) const {
  for (const auto& s : excludes_) {
    if (s->inBox(x, y) && s->contains(x, y)) return true;
  }
  return false;
}

// Blocks of points: the vectorised pass (the float ring when the area is one ring, else the
// bounding box), then exact double tests for the unsure points and the exclusions.
template <class Sink>
void ProjectedArea::scan(const float* x, const float* y, size_t n, uint8_t* maskOut, Sink sink) const {
  if (includes_.empty()) return;
  const kernels::FloatRing* ring =
      includes_.size() == 1 && includes_.front()->floatRing ? &*includes_.front()->floatRing : nullptr;
  constexpr float kInf = std::numeric_limits<float>::infinity();
  const float x0 = std::nextafter(static_cast<float>(bounds_.xMin), -kInf);
  const float x1 = std::nextafter(static_cast<float>(bounds_.xMax), kInf);
  const float y0 = std::nextafter(static_cast<float>(bounds_.yMin), -kInf);
  const float y1 = std::nextafter(static_cast<float>(bounds_.yMax), kInf);
  constexpr size_t kBlock = 4096;
  alignas(64) uint8_t local[kBlock];
  alignas(64) uint8_t unsure[kBlock];
  for (size_t start = 0; start < n; start += kBlock) {
    const size_t m = std::min(kBlock, n - start);
    uint8_t* inside = maskOut != nullptr ? maskOut + start : local;
    const float* xb = x + start;
    const float* yb = y + start;
    size_t unsureCount = 0;
    if (ring != nullptr) {
      unsureCount = kernels::evaluateRing(*ring, xb, yb, m, inside, unsure);
      if (!excludes_.empty()) {
        kernels::forEachSet(inside, m, [&](size_t i) {
          if (excluded(xb[i], yb[i])) inside[i] = 0;
        });
      }
    } else {
      unsureCount = kernels::evaluateBox(x0, x1, y0, y1, xb, yb, m, unsure);
      std::memset(inside, 0, m);
    }
    if (unsureCount > 0) {
      kernels::forEachSet(unsure, m, [&](size_t i) { inside[i] = refine(xb[i], yb[i]) ? 1 : 0; });
    }
    sink(start, inside, m);
  }
}

void ProjectedArea::mask(std::span<const float> x, std::span<const float> y, std::span<uint8_t> out) const {
  const size_t n = std::min({x.size(), y.size(), out.size()});
  if (includes_.empty()) {
    std::memset(out.data(), 0, n);
    return;
  }
  scan(x.data(), y.data(), n, out.data(), [](size_t, const uint8_t*, size_t) {});
}

std::vector<uint32_t> ProjectedArea::indices(std::span<const float> x, std::span<const float> y) const {
  std::vector<uint32_t> out;
  scan(x.data(), y.data(), std::min(x.size(), y.size()), nullptr, [&](size_t start, const uint8_t* in, size_t m) {
    kernels::forEachSet(in, m, [&](size_t i) { out.push_back(static_cast<uint32_t>(start + i)); });
  });
  return out;
}

size_t ProjectedArea::count(std::span<const float> x, std::span<const float> y) const {
  size_t c = 0;
  scan(x.data(), y.data(), std::min(x.size(), y.size()), nullptr, [&](size_t, const uint8_t* in, size_t m) {
    unsigned block = 0;
    for (size_t i = 0; i < m; ++i) block += in[i];
    c += block;
  });
  return c;
}

double ProjectedArea::pixelArea(int resolution) const {
  if (includes_.empty()) return 0;
  const double w = bounds_.xMax - bounds_.xMin, h = bounds_.yMax - bounds_.yMin;
  const double dx = w / resolution, dy = h / resolution;
  size_t inside = 0;
  for (int j = 0; j < resolution; ++j) {
    const double y = bounds_.yMin + (j + 0.5) * dy;
    for (int i = 0; i < resolution; ++i) {
      if (refine(bounds_.xMin + (i + 0.5) * dx, y)) ++inside;
    }
  }
  return static_cast<double>(inside) * dx * dy;
}

ProjectedRegionSet project(const RegionSet& set, const PixelFrame& frame) {
  ProjectedRegionSet p;
  p.source = ProjectedArea::build(set.source, set.sourceExclusions, frame);
  std::vector<Region> bkgExclusions = set.backgroundExclusions;
  if (set.backgroundExcludesSource) bkgExclusions.insert(bkgExclusions.end(), set.source.begin(), set.source.end());
  p.background = ProjectedArea::build(set.background, bkgExclusions, frame);
  return p;
}

}  // namespace xsky::regions
