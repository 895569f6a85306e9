#pragma once
// The exact sky tests of a query's cone/box/region (catalog/QueryAst.h SkySelection), shared by
// the block evaluator (QueryEvaluator.cpp) and the indexed path (QueryIndexPlan.cpp) so that both
// select exactly the same rows.

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "catalog/QueryAst.h"
#include "regions/RegionGeometry.h"

namespace xsky::catalog {

/// A cap prepared for fast tests: declination band, RA window, then the haversine distance.
struct FastCap {
  static constexpr double kDeg = std::numbers::pi / 180.0;
  double ra, dec, radius, cosDec, hav, dAlpha;
  bool all;
  explicit FastCap(const SkySelection::Cap& c)
      : ra(c.ra), dec(c.dec), radius(c.radius), cosDec(std::cos(c.dec * kDeg)),
        hav(std::pow(std::sin(std::min(c.radius, 180.0) * kDeg / 2), 2)), all(c.radius >= 180) {
    dAlpha = std::abs(dec) + radius < 90 ? std::asin(std::sin(radius * kDeg) / cosDec) / kDeg + 1e-9 : 360;
  }
  bool contains(double pra, double pdec) const {
    const double dd = pdec - dec;
    if (!(std::abs(dd) <= radius)) return all && !std::isnan(pra) && !std::isnan(pdec);
    double da = std::abs(pra - ra);
    if (da >= 360) da = std::fmod(da, 360.0);
    if (da > 180) da = 360 - da;
    if (!(da <= dAlpha)) return false;
    const double s1 = std::sin(dd * kDeg / 2), s2 = std::sin(da * kDeg / 2);
    return s1 * s1 + std::cos(pdec * kDeg) * cosDec * s2 * s2 <= hav;
  }
};

inline std::vector<FastCap> fastCaps(const SkySelection& sel) {
  std::vector<FastCap> caps;
  for (const auto& c : sel.caps) caps.emplace_back(c);
  return caps;
}

/// The exact answer for one position (degrees): inside the cone, or inside a cap and then the
/// included regions and outside the excluded ones.
inline bool skySelectionContains(const SkySelection& sel, const std::vector<FastCap>& caps, double ra, double dec) {
  if (sel.kind == SkySelection::Kind::Cone) return caps.front().contains(ra, dec);
  bool candidate = false;
  for (const FastCap& c : caps) candidate = candidate || c.contains(ra, dec);
  if (!candidate) return false;
  const regions::Vec2 p{ra, dec};
  bool in = false;
  for (const regions::Region& r : sel.includes) in = in || regions::contains(r, p);
  for (const regions::Region& r : sel.excludes) in = in && !regions::contains(r, p);
  return in;
}

}  // namespace xsky::catalog
