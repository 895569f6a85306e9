#include "moc/MocOutline.h"

#include <healpix_cxx/healpix_base.h>
#include <healpix_cxx/pointing.h>
#include <healpix_cxx/vec3.h>

#include <algorithm>
#include <cmath>

namespace xsky::moc {

std::vector<CellQuad> cellQuads(const SpaceMoc& moc, int order, size_t maxCells) {
  SpaceMoc shown = moc.degraded(std::clamp(std::min(order, moc.order()), 0, kMaxSpaceOrder));
  while (shown.order() > 0 && shown.cellCount() > maxCells) shown = shown.degraded(shown.order() - 1);
  std::vector<CellQuad> quads;
  quads.reserve(shown.cellCount());
  std::vector<vec3> corners;
  std::vector<T_Healpix_Base<int64>> bases;
  for (int o = 0; o <= shown.order(); ++o) bases.emplace_back(o, NEST);
  shown.forEachCell([&](int o, uint64_t ipix) {
    bases[static_cast<size_t>(o)].boundaries(static_cast<int64>(ipix), 1, corners);
    CellQuad q;
    for (size_t k = 0; k < 4 && k < corners.size(); ++k) {
      const pointing p(corners[k]);
      double ra = p.phi * 180.0 / M_PI;
      if (ra < 0) ra += 360.0;
      q.corners[k] = {ra, 90.0 - p.theta * 180.0 / M_PI};
    }
    quads.push_back(q);
  });
  return quads;
}

}  // namespace xsky::moc
