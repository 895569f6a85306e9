#include "catalog/CrossMatch.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "fits/FitsError.h"
#include "regions/RegionGeometry.h"

namespace xsky::catalog {

namespace {

constexpr double kDeg = M_PI / 180.0;

double normaliseRa(double ra) {
  double r = std::fmod(ra, 360.0);
  if (r < 0) r += 360.0;
  return r >= 360.0 ? 0.0 : r;
}

// sin^2(theta / 2) for an angle in degrees: the haversine of the radius.
double haversineOf(double deg) {
  const double s = std::sin(std::min(deg, 180.0) * kDeg / 2);
  return s * s;
}

// The second list bucketed into declination zones, each sorted by RA.
class ZoneIndex {
 public:
  ZoneIndex(const SkyPositions& p, double radiusDeg) {
    const size_t n = p.size();
    // Zones at least as high as the radius (a cap touches at most 3), and not more zones than
    // there are points (fewer, finer zones only cost empty offsets).
    const double finest = 180.0 / static_cast<double>(std::clamp<size_t>(n, 1, 200000));
    height_ = std::max({radiusDeg, finest, 1e-7});
    zones_ = std::max(1, static_cast<int>(std::ceil(180.0 / height_)));
    std::vector<uint32_t> order;
    order.reserve(n);
    std::vector<int> zoneOf(n, -1);
    std::vector<double> raN(n);
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(p.ra[i]) || !std::isfinite(p.dec[i]) || std::abs(p.dec[i]) > 90) continue;
      zoneOf[i] = zone(p.dec[i]);
      raN[i] = normaliseRa(p.ra[i]);
      order.push_back(static_cast<uint32_t>(i));
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return zoneOf[a] != zoneOf[b] ? zoneOf[a] < zoneOf[b] : raN[a] < raN[b];
    });
    offsets_.assign(static_cast<size_t>(zones_) + 1, 0);
    for (const uint32_t i : order) ++offsets_[static_cast<size_t>(zoneOf[i]) + 1];
    std::partial_sum(offsets_.begin(), offsets_.end(), offsets_.begin());
    row_ = order;
    ra_.resize(order.size());
    dec_.resize(order.size());
    cosDec_.resize(order.size());
    for (size_t k = 0; k < order.size(); ++k) {
      ra_[k] = raN[order[k]];
      dec_[k] = p.dec[order[k]];
      cosDec_[k] = std::cos(dec_[k] * kDeg);
    }
  }

  int zone(double dec) const {
    return std::clamp(static_cast<int>(std::floor((dec + 90.0) / height_)), 0, zones_ - 1);
  }

  // Calls visit(k, haversine) for every indexed point within radiusDeg of (ra, dec).
  template <typename Visit>
  void query(double ra, double dec, double radiusDeg, Visit&& visit) const {
    if (!std::isfinite(ra) || !std::isfinite(dec) || std::abs(dec) > 90) return;
    ra = normaliseRa(ra);
    const double havR = haversineOf(radiusDeg);
    const double cosDec = std::cos(dec * kDeg);
    double window = 180.0;  // half-width in RA
    if (std::abs(dec) + radiusDeg < 89.999999 && radiusDeg < 90) {
      const double s = std::sin(radiusDeg * kDeg) / cosDec;
      if (s < 1) window = std::asin(s) / kDeg + 1e-9;
    }
    const int z0 = zone(dec - radiusDeg), z1 = zone(dec + radiusDeg);
    auto scan = [&](size_t begin, size_t end, double lo, double hi) {
      const auto first = std::lower_bound(ra_.begin() + static_cast<std::ptrdiff_t>(begin),
                                          ra_.begin() + static_cast<std::ptrdiff_t>(end), lo);
      for (size_t k = static_cast<size_t>(first - ra_.begin()); k < end && ra_[k] <= hi; ++k) {
        const double sd = std::sin((dec_[k] - dec) * kDeg / 2);
        const double sa = std::sin((ra_[k] - ra) * kDeg / 2);
        const double hav = sd * sd + cosDec * cosDec_[k] * sa * sa;
        if (hav <= havR) visit(k, hav);
      }
    };
    for (int z = z0; z <= z1; ++z) {
      const size_t begin = offsets_[static_cast<size_t>(z)],
                   end = offsets_[static_cast<size_t>(z) + 1];
      if (begin == end) continue;
      if (window >= 180.0) {
        scan(begin, end, 0.0, 360.0);
        continue;
      }
      const double lo = ra - window, hi = ra + window;
      if (lo < 0) {
        scan(begin, end, lo + 360.0, 360.0);
        scan(begin, end, 0.0, hi);
      } else if (hi >= 360.0) {
        scan(begin, end, lo, 360.0);
        scan(begin, end, 0.0, hi - 360.0);
      } else {
        scan(begin, end, lo, hi);
      }
    }
  }

  size_t row(size_t k) const { return row_[k]; }

 private:
  double height_ = 1;
  int zones_ = 1;
  std::vector<size_t> offsets_;
  std::vector<uint32_t> row_;
  std::vector<double> ra_, dec_, cosDec_;
};

double separationFromHaversine(double hav) {
  return 2.0 * std::asin(std::sqrt(std::clamp(hav, 0.0, 1.0))) / kDeg;
}

struct Cap {
  double ra, dec, radius;
};

// Regions usable on the sky, with the cap that bounds each.
std::vector<std::pair<const regions::Region*, Cap>> skyRegions(
    const std::vector<regions::Region>& list, QStringList* notes) {
  std::vector<std::pair<const regions::Region*, Cap>> out;
  for (const regions::Region& r : list) {
    if (r.frame != regions::Frame::Sky) {
      if (notes)
        *notes << QStringLiteral("%1: a pixel region, ignored for a sky cross-match")
                      .arg(regions::describe(r));
      continue;
    }
    const regions::Vec2 c = regions::centroid(r);
    out.push_back({&r, Cap{c.x, c.y, regions::boundingRadius(r)}});
  }
  return out;
}

bool anyContains(const std::vector<std::pair<const regions::Region*, Cap>>& list, double ra,
                 double dec) {
  for (const auto& [region, cap] : list) {
    if (separationDeg(ra, dec, cap.ra, cap.dec) <= cap.radius * (1 + 1e-9) + 1e-12 &&
        regions::contains(*region, regions::Vec2{ra, dec})) {
      return true;
    }
  }
  return false;
}

}  // namespace

double separationDeg(double ra1, double dec1, double ra2, double dec2) {
  const double sd = std::sin((dec2 - dec1) * kDeg / 2);
  const double sa = std::sin((ra2 - ra1) * kDeg / 2);
  return separationFromHaversine(sd * sd + std::cos(dec1 * kDeg) * std::cos(dec2 * kDeg) * sa * sa);
}

SkyPositions positionsOf(const SourceTable& table, PositionColumns columns) {
  if (!columns.found()) columns = findPositionColumns(table);
  if (!columns.found()) {
    throw Error(
        QStringLiteral("%1: no RA/Dec columns found (looked for %2)")
            .arg(table.source.isEmpty() ? table.name : table.source, positionColumnsSought()));
  }
  const Column& ra = table.columns.at(static_cast<size_t>(columns.ra));
  const Column& dec = table.columns.at(static_cast<size_t>(columns.dec));
  const double raScale = angleScaleToDegrees(ra.meta.unit, 1.0);
  const double decScale = angleScaleToDegrees(dec.meta.unit, 1.0);
  if (!std::isfinite(raScale) || !std::isfinite(decScale)) {
    throw Error(
        QStringLiteral("%1: the position columns %2 [%3] and %4 [%5] are not in an angle unit")
            .arg(table.source, ra.meta.name, ra.meta.unit, dec.meta.name, dec.meta.unit));
  }
  SkyPositions p;
  p.ra = ra.toReals();
  p.dec = dec.toReals();
  if (raScale != 1.0)
    for (double& v : p.ra) v *= raScale;
  if (decScale != 1.0)
    for (double& v : p.dec) v *= decScale;
  return p;
}

std::vector<size_t> rowsInRegions(const SkyPositions& positions, const regions::RegionSet& set,
                                  RegionArea area, QStringList* notes) {
  const auto source = skyRegions(set.source, notes);
  const auto background = skyRegions(set.background, notes);
  const auto sourceCuts = skyRegions(set.sourceExclusions, notes);
  const auto backgroundCuts = skyRegions(set.backgroundExclusions, notes);
  const bool wantSource = area != RegionArea::Background;
  const bool wantBackground = area != RegionArea::Source;

  // Candidates: rows inside the bounding cap of an included region, found through the zone index.
  double largest = 0;
  for (const auto* list : {&source, &background}) {
    for (const auto& entry : *list) largest = std::max(largest, entry.second.radius);
  }
  const ZoneIndex index(positions, std::min(largest, 180.0));
  std::vector<uint8_t> candidate(positions.size(), 0);
  auto collect = [&](const std::vector<std::pair<const regions::Region*, Cap>>& list) {
    for (const auto& [region, cap] : list) {
      index.query(cap.ra, cap.dec, std::min(cap.radius * (1 + 1e-9) + 1e-12, 180.0),
                  [&](size_t k, double) { candidate[index.row(k)] = 1; });
    }
  };
  if (wantSource) collect(source);
  if (wantBackground) collect(background);

  std::vector<size_t> rows;
  for (size_t i = 0; i < positions.size(); ++i) {
    if (!candidate[i]) continue;
    const double ra = positions.ra[i], dec = positions.dec[i];
    const bool inSource = anyContains(source, ra, dec);
    bool in = false;
    if (wantSource) in = inSource && !anyContains(sourceCuts, ra, dec);
    if (!in && wantBackground) {
      in = anyContains(background, ra, dec) && !anyContains(backgroundCuts, ra, dec) &&
           !(set.backgroundExcludesSource && inSource);
    }
    if (in) rows.push_back(i);
  }
  return rows;
}

std::vector<size_t> rowsInRegions(const SourceTable& table, const regions::RegionSet& set,
                                  RegionArea area, QStringList* notes) {
  return rowsInRegions(positionsOf(table), set, area, notes);
}

std::vector<NeighbourMatch> nearestNeighbours(const SkyPositions& first, const SkyPositions& second,
                                              double radiusDeg) {
  std::vector<NeighbourMatch> out(first.size());
  if (!(radiusDeg >= 0)) return out;
  const ZoneIndex index(second, radiusDeg);
  for (size_t i = 0; i < first.size(); ++i) {
    double best = 2.0;
    size_t bestRow = 0;
    index.query(first.ra[i], first.dec[i], radiusDeg, [&](size_t k, double hav) {
      const size_t row = index.row(k);
      if (hav < best || (hav == best && row < bestRow)) {
        best = hav;
        bestRow = row;
      }
    });
    if (best <= 1.0) out[i] = {static_cast<int64_t>(bestRow), separationFromHaversine(best)};
  }
  return out;
}

std::vector<MatchPair> pairsWithin(const SkyPositions& first, const SkyPositions& second,
                                   double radiusDeg) {
  std::vector<MatchPair> out;
  if (!(radiusDeg >= 0)) return out;
  const ZoneIndex index(second, radiusDeg);
  std::vector<MatchPair> found;
  for (size_t i = 0; i < first.size(); ++i) {
    found.clear();
    index.query(first.ra[i], first.dec[i], radiusDeg, [&](size_t k, double hav) {
      found.push_back({i, index.row(k), separationFromHaversine(hav)});
    });
    std::sort(found.begin(), found.end(),
              [](const MatchPair& a, const MatchPair& b) { return a.second < b.second; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace xsky::catalog
