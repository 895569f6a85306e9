#pragma once
// One source with its background regions and the areas cut out of them - what extraction and
// region statistics work on:
//   source area     = union(source)     minus union(sourceExclusions)
//   background area = union(background) minus union(backgroundExclusions)
//                     minus union(source) when backgroundExcludesSource
// Regions keep their own frames; ProjectedRegion.h puts a set into one observation's pixels.

#include <vector>

#include <QStringList>

#include "regions/Region.h"

namespace xsky::regions {

struct RegionSet {
  std::vector<Region> source;
  std::vector<Region> background;
  std::vector<Region> sourceExclusions;
  std::vector<Region> backgroundExclusions;
  bool backgroundExcludesSource = true;

  /// Sorts a region file's regions: included area regions go to source or background by role;
  /// an excluded region with the background role cuts the background only, any other excluded
  /// region cuts both (a contaminating source cut out is cut everywhere). Annotations and
  /// degenerate regions are left out, each with a line in *notes.
  static RegionSet fromRegions(const std::vector<Region>& regions, QStringList* notes = nullptr);

  bool empty() const { return source.empty() && background.empty(); }
};

}  // namespace xsky::regions
