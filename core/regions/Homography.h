#pragma once
// A plane projective map (3x3 matrix acting on homogeneous points), fitted to point pairs. Two
// gnomonic projections of the sphere are related exactly by one, so the tangent plane about a sky
// region's centre maps onto a TAN pixel frame exactly; for other projections it is the best local
// projective approximation over the region.

#include <array>
#include <optional>
#include <vector>

#include "regions/RegionTypes.h"

namespace xsky::regions {

struct Homography {
  std::array<double, 9> m{1, 0, 0, 0, 1, 0, 0, 0, 1};  // row-major

  /// Maps a point (the homogeneous w must be > 0 where used).
  Vec2 apply(Vec2 p) const;
  /// Third homogeneous coordinate of the image of p.
  double w(Vec2 p) const { return m[6] * p.x + m[7] * p.y + m[8]; }

  /// Least-squares fit (normalised direct linear transform) mapping from[i] to to[i]; needs at
  /// least 4 pairs in general position. Normalised so that w > 0 at from[0].
  static std::optional<Homography> fit(const std::vector<Vec2>& from, const std::vector<Vec2>& to);
};

}  // namespace xsky::regions
