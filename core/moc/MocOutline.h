#pragma once
// What drawing a MOC needs: the corners of its cells on the sky, at an order coarse enough that
// the cells stay few (a footprint at order 14 has ~10^4 cells; a view needs far fewer). The
// widgets project the corners through an image's WCS and fill the quads.

#include <array>
#include <vector>

#include "moc/SpaceMoc.h"
#include "wcs/SkyWcs.h"

namespace xsky::moc {

/// One HEALPix cell's four corners (ICRS degrees), in the cell's own order around it.
struct CellQuad {
  std::array<wcs::SkyPoint, 4> corners;
};

/// The cells of `moc` degraded to at most `order` (and further, one order at a time, until there
/// are at most `maxCells`), as quads. Degrading only adds area: the quads cover the MOC.
std::vector<CellQuad> cellQuads(const SpaceMoc& moc, int order, size_t maxCells = 20000);

}  // namespace xsky::moc
