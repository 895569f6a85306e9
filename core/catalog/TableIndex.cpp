#include "catalog/TableIndex.h"

namespace xsky::catalog {

const SortedColumnIndex& TableIndex::numeric(const Column& column) const {
  std::lock_guard lock(mutex_);
  auto& slot = numeric_[&column];
  if (!slot) slot = std::make_unique<SortedColumnIndex>(column);
  return *slot;
}

const SkyZoneIndex& TableIndex::sky(const Column& ra, double raScale, const Column& dec, double decScale) const {
  std::lock_guard lock(mutex_);
  auto& slot = sky_[{&ra, raScale, &dec, decScale}];
  if (!slot) {
    std::vector<double> r(ra.size()), d(dec.size());
    for (size_t i = 0; i < r.size(); ++i) {
      r[i] = ra.number(i) * raScale;
      d[i] = dec.number(i) * decScale;
    }
    slot = std::make_unique<SkyZoneIndex>(r, d);
  }
  return *slot;
}

}  // namespace xsky::catalog
