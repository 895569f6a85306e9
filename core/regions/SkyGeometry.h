#pragma once
// Sphere helpers for sky regions: unit vectors, the gnomonic (tangent-plane) projection about a
// centre, solid angles. A sky shape is defined in the tangent plane about its own centre: circles
// are spherical caps, ellipses and boxes are their gnomonic images, polygon edges are great
// circles (straight lines in every gnomonic plane).
//
// Tangent-plane coordinates (u, v) are dimensionless (tangents of angles from the centre): u points
// West and v North, so plane directions follow the sky-angle convention of RegionTypes.h.

#include <array>
#include <optional>
#include <vector>

#include "regions/RegionTypes.h"
#include "wcs/SkyFrames.h"

namespace xsky::regions {

using Vec3 = std::array<double, 3>;

Vec3 unitVector(wcs::SkyPoint p);  // degrees -> unit vector
wcs::SkyPoint toSkyPoint(const Vec3& v);  // any non-zero vector -> degrees, lon in [0, 360)
double dot(const Vec3& a, const Vec3& b);
Vec3 cross(const Vec3& a, const Vec3& b);
Vec3 normalized(const Vec3& v);

class TangentPlane {
 public:
  /// `centre` in ICRS degrees.
  explicit TangentPlane(wcs::SkyPoint centre);

  wcs::SkyPoint centre() const { return centre_; }
  /// Plane coordinates of a sky point; nullopt on the far hemisphere (>= 90 degrees away).
  std::optional<Vec2> project(wcs::SkyPoint p) const;
  std::optional<Vec2> project(const Vec3& unit) const;
  wcs::SkyPoint unproject(Vec2 uv) const;
  Vec3 unprojectVector(Vec2 uv) const;  // unit vector

 private:
  wcs::SkyPoint centre_;
  Vec3 c_{}, west_{}, north_{};
};

/// Solid angle (steradians) of the spherical triangle a, b, c (unit vectors), signed by the
/// orientation of (a, b, c).
double signedTriangleSolidAngle(const Vec3& a, const Vec3& b, const Vec3& c);

/// Solid angle (steradians) of a spherical polygon with great-circle edges (simple polygon).
double sphericalPolygonArea(const std::vector<Vec3>& vertices);

constexpr double kSquareDegreesPerSteradian = 3282.806350011744;  // (180/pi)^2

}  // namespace xsky::regions
