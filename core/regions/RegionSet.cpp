#include "regions/RegionSet.h"

#include "regions/RegionValidation.h"

namespace xsky::regions {

RegionSet RegionSet::fromRegions(const std::vector<Region>& regions, QStringList* notes) {
  RegionSet set;
  for (const Region& r : regions) {
    if (!hasArea(r.shape)) continue;
    const Validation v = validate(r);
    if (!v) {
      if (notes != nullptr) *notes << QStringLiteral("%1 not used: %2").arg(describe(r), v.reason);
      continue;
    }
    if (r.include) {
      (r.role == Role::Background ? set.background : set.source).push_back(r);
    } else if (r.role == Role::Background) {
      set.backgroundExclusions.push_back(r);
    } else {
      set.sourceExclusions.push_back(r);
      set.backgroundExclusions.push_back(r);
    }
  }
  return set;
}

}  // namespace xsky::regions
