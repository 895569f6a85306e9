#include "regions/RegionStats.h"

#include <cmath>
#include <numbers>

#include "regions/RegionGeometry.h"

namespace xsky::regions {

namespace {

enum class Relation { Inside, Outside, Overlap };

// Where `part` lies relative to `whole` (same frame), judged on outline samples of both.
Relation relate(const Region& whole, const Region& part) {
  if (whole.frame != part.frame) return Relation::Overlap;
  bool allIn = true, allOut = true;
  for (const auto& curve : outline(part, 256)) {
    for (const Vec2& p : curve) {
      const bool in = contains(whole, p);
      allIn = allIn && in;
      allOut = allOut && !in;
    }
  }
  if (allIn) return Relation::Inside;
  if (!allOut) return Relation::Overlap;
  for (const auto& curve : outline(whole, 256)) {
    for (const Vec2& p : curve) {
      if (contains(part, p)) return Relation::Overlap;
    }
  }
  return Relation::Outside;
}

bool disjoint(const Region& a, const Region& b) {
  if (a.frame != b.frame) return false;
  const Vec2 ca = centroid(a), cb = centroid(b);
  const double d = a.frame == Frame::Sky ? wcs::angularDistanceDeg({ca.x, ca.y}, {cb.x, cb.y})
                                         : std::hypot(ca.x - cb.x, ca.y - cb.y);
  return d > boundingRadius(a) + boundingRadius(b);
}

// Steradians per square pixel of the frame (0 without a WCS).
double pixelSolidAngle(const PixelFrame& frame) {
  if (frame.sky == nullptr) return 0;
  const double s = frame.sky->pixelScaleDeg() * std::numbers::pi / 180.0;
  return s * s;
}

double regionSolidAngle(const Region& r, const PixelFrame& frame) {
  const double a = area(r);
  return r.frame == Frame::Sky ? a : a * pixelSolidAngle(frame);
}

}  // namespace

double setSolidAngle(const std::vector<Region>& includes, const std::vector<Region>& excludes,
                     const ProjectedArea& projected, const PixelFrame& frame, bool* exact) {
  if (includes.size() == 1) {
    const Region& whole = includes.front();
    std::vector<const Region*> inside;
    bool simple = true;
    for (const Region& e : excludes) {
      const Relation rel = relate(whole, e);
      if (rel == Relation::Overlap) {
        simple = false;
        break;
      }
      if (rel == Relation::Inside) inside.push_back(&e);
    }
    for (size_t i = 0; simple && i < inside.size(); ++i) {
      for (size_t j = i + 1; j < inside.size(); ++j) {
        if (!disjoint(*inside[i], *inside[j])) simple = false;
      }
    }
    if (simple) {
      double a = regionSolidAngle(whole, frame);
      for (const Region* e : inside) a -= regionSolidAngle(*e, frame);
      if (exact != nullptr) *exact = true;
      return a;
    }
  }
  if (exact != nullptr) *exact = false;
  return projected.pixelArea(1024) * pixelSolidAngle(frame);
}

RegionStatistics computeRegionStatistics(const RegionSet& set, const PixelFrame& frame,
                                         std::span<const float> x, std::span<const float> y) {
  const ProjectedRegionSet p = project(set, frame);
  RegionStatistics s;
  auto fill = [&](AreaCounts* out, const ProjectedArea& area, const std::vector<Region>& inc,
                  const std::vector<Region>& exc) {
    out->counts = area.count(x, y);
    out->areaArcsec2 = setSolidAngle(inc, exc, area, frame, &out->exactArea) * kSquareArcsecPerSteradian;
    out->surfaceBrightness = out->areaArcsec2 > 0 ? static_cast<double>(out->counts) / out->areaArcsec2 : 0;
  };
  fill(&s.source, p.source, set.source, set.sourceExclusions);
  s.netCounts = static_cast<double>(s.source.counts);
  s.netError = std::sqrt(static_cast<double>(s.source.counts));
  if (!set.background.empty()) {
    std::vector<Region> exc = set.backgroundExclusions;
    if (set.backgroundExcludesSource) exc.insert(exc.end(), set.source.begin(), set.source.end());
    fill(&s.background, p.background, set.background, exc);
    s.hasBackground = true;
    s.backgroundScale = s.background.areaArcsec2 > 0 ? s.source.areaArcsec2 / s.background.areaArcsec2 : 0;
    const double nb = static_cast<double>(s.background.counts);
    s.netCounts -= nb * s.backgroundScale;
    s.netError = std::sqrt(static_cast<double>(s.source.counts) + nb * s.backgroundScale * s.backgroundScale);
  }
  s.signalToNoise = s.netError > 0 ? s.netCounts / s.netError : 0;
  return s;
}

}  // namespace xsky::regions
