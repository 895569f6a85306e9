#pragma once
// Cross-matching source tables with the user's regions and with each other (ICRS degrees).
//
//  - rowsInRegions: the rows of a table whose position lies in a RegionSet's source area
//    (union of the source regions minus the source exclusions), its background area (union of
//    the background regions minus the background exclusions, minus the sources when
//    backgroundExcludesSource), or either. Sky-frame regions only: pixel regions have no meaning
//    without an image and are ignored (reported in *notes).
//  - nearestNeighbours: for each position of the first list, the nearest position of the second
//    within a radius (astropy's SkyCoord.match_to_catalog_sky restricted to sep <= radius).
//  - pairsWithin: every pair closer than a radius (astropy's SkyCoord.search_around_sky).
//
// Algorithm: the second list is bucketed into declination zones at least `radius` high, each zone
// sorted by RA; a query visits the zones its cap touches and, in each, the RA window
// |dRA| <= asin(sin r / cos dec) (the whole zone near a pole), found by binary search and split at
// RA 0/360. Separations are great-circle (haversine), exact to double precision. 1e5 x 1e5 with a
// radius of arcseconds runs in a few tens of milliseconds on one core.
//
// Rows whose RA or Dec is NaN (nulls) match nothing. Threading: pure functions; call from any
// thread (the GUI calls them from a worker for large tables).

#include <cstdint>
#include <vector>

#include <QStringList>

#include "catalog/PositionColumns.h"
#include "catalog/SourceTable.h"
#include "regions/RegionSet.h"

namespace xsky::catalog {

/// Positions in ICRS degrees, as two parallel arrays.
struct SkyPositions {
  std::vector<double> ra;
  std::vector<double> dec;
  size_t size() const { return ra.size(); }
};

/// The table's positions in degrees (columns from findPositionColumns when `columns` has none).
/// Throws xsky::Error when the table has no recognisable positions or their unit is not an angle.
SkyPositions positionsOf(const SourceTable& table, PositionColumns columns = {});

enum class RegionArea { Source, Background, Either };

/// Rows (ascending) whose position is inside the chosen area of `set`.
std::vector<size_t> rowsInRegions(const SkyPositions& positions, const regions::RegionSet& set,
                                  RegionArea area = RegionArea::Source,
                                  QStringList* notes = nullptr);
std::vector<size_t> rowsInRegions(const SourceTable& table, const regions::RegionSet& set,
                                  RegionArea area = RegionArea::Source,
                                  QStringList* notes = nullptr);

struct NeighbourMatch {
  int64_t index = -1;         // row of the second list, -1 when none lies within the radius
  double separationDeg = -1;  // great-circle separation, degrees (-1 when none)
};

/// For each position of `first`, its nearest neighbour in `second` within `radiusDeg`.
std::vector<NeighbourMatch> nearestNeighbours(const SkyPositions& first, const SkyPositions& second,
                                              double radiusDeg);

struct MatchPair {
  size_t first = 0;   // row of the first list
  size_t second = 0;  // row of the second list
  double separationDeg = 0;
};

/// Every pair within `radiusDeg`, ordered by first then second row.
std::vector<MatchPair> pairsWithin(const SkyPositions& first, const SkyPositions& second,
                                   double radiusDeg);

/// Great-circle separation of two positions (degrees in, degrees out; haversine).
double separationDeg(double ra1, double dec1, double ra2, double dec2);

}  // namespace xsky::catalog
