#pragma once
// Refusing degenerate regions, with a reason a user can act on: zero or negative sizes, radii that
// do not increase (an annulus with inner > outer), polygons with fewer than three distinct
// vertices, no area, or crossing edges; panda angles that do not increase or span over 360.

#include <optional>
#include <vector>

#include <QString>

#include "regions/Region.h"

namespace xsky::regions {

enum class Degeneracy {
  None,
  Invalid,           ///< no usable geometry (zero size, too few vertices, non-finite numbers...)
  SelfIntersecting,  ///< a polygon whose edges cross (DS9 and CIAO keep these; XSky will not
                     ///< select events with it)
};

struct Validation {
  Degeneracy kind = Degeneracy::None;
  QString reason;  // empty when kind == None
  explicit operator bool() const { return kind == Degeneracy::None; }
};

/// Checks a region's shape (sky polygons are tested in a tangent plane, where their great-circle
/// edges are straight).
Validation validate(const Region& region);

/// True when two non-adjacent edges of the closed polygon cross or touch. O(n log n)-ish (grid
/// buckets): fine for 10^5 vertices.
bool isSelfIntersecting(const std::vector<Vec2>& vertices);

/// Signed area of a closed planar polygon (positive when counter-clockwise).
double signedArea(const std::vector<Vec2>& vertices);

}  // namespace xsky::regions
