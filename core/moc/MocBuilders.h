#pragma once
// Space MOCs of sky shapes and regions, at a chosen order (0..29).
//
// Convention (IVOA MOC "centre in" rule, as HEALPix C++'s non-inclusive queries): a cell of the
// order is in the MOC when its centre lies inside the shape. So a cone or polygon MOC contains
// every cell of query_disc/query_polygon (exact) and lies within query_*_inclusive(fact=4) at the
// same order.
//
// Shapes follow the regions conventions (regions/RegionTypes.h, regions/PlaneModel.h): positions
// ICRS degrees; sizes degrees of arc; angles degrees counter-clockwise from West; polygon edges are
// great circles; ellipses and boxes are defined in the tangent plane about their centre (a box is
// then exactly a four-vertex polygon; an ellipse is sampled as a polygon of vertices close enough
// that the chord error stays below 1/16 of a cell). Pandas (sectors) are decided cell by cell by
// the region's own containment test at the cell centre.
//
// Throws xsky::Error on a degenerate shape, an order outside 0..29, a pixel region without a
// reference image, or a shape that would need more than kMaxBuilderCells cells tested one by one.
// Thread-safe (no shared state).

#include <vector>

#include "moc/SpaceMoc.h"
#include "regions/ReferenceImage.h"
#include "regions/RegionSet.h"

namespace xsky::moc {

/// Candidate cells a builder may test one by one before it gives up.
constexpr size_t kMaxBuilderCells = 50'000'000;

/// Cone about `centre` (ICRS degrees) of `radiusDeg` degrees.
SpaceMoc coneMoc(wcs::SkyPoint centre, double radiusDeg, int order);

/// Simple polygon with great-circle edges, vertices in ICRS degrees (either orientation, convex or
/// not; consecutive duplicates are dropped). Convex polygons go straight to query_polygon; others
/// are cut into triangles (ear clipping in the tangent plane about their mean position).
SpaceMoc polygonMoc(const std::vector<wcs::SkyPoint>& vertices, int order);

/// Ellipse with semi-axes (degrees) `semiMajorDeg` along `angleDeg` and `semiMinorDeg` across it.
SpaceMoc ellipseMoc(wcs::SkyPoint centre, double semiMajorDeg, double semiMinorDeg,
                    double angleDeg, int order);

/// Rotated box of full sizes `widthDeg` (along `angleDeg`) and `heightDeg`.
SpaceMoc boxMoc(wcs::SkyPoint centre, double widthDeg, double heightDeg, double angleDeg,
                int order);

/// Any area region: Frame::Sky as it is, pixel frames put on the sky through `image` (required
/// for them). Annuli are the outer shape minus the inner one. Annotations give an empty MOC.
/// Ignores include/exclude (a region's own area).
SpaceMoc regionMoc(const regions::Region& region, int order,
                   const regions::ReferenceImage* image = nullptr);

struct RegionSetMocs {
  SpaceMoc source;      // union(source) - union(sourceExclusions)
  SpaceMoc background;  // union(background) - union(backgroundExclusions) [- source]
};

/// The source and background MOCs of a region set (RegionSet.h rules).
RegionSetMocs regionSetMocs(const regions::RegionSet& set, int order,
                            const regions::ReferenceImage* image = nullptr);

/// Ranges at `order` (HEALPix NESTED cell ranges [a, b)) -> a MOC of that order.
SpaceMoc mocFromOrderRanges(const std::vector<Range>& cellRanges, int order);

}  // namespace xsky::moc
