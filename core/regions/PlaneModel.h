#pragma once
// Every area shape reduced to one of two forms in its own plane, which the geometry, containment
// and projection code share:
//  - a "ring": the points between an inner and an outer boundary (ellipse or box, same centre and
//    rotation; inner (0, 0) when there is none), optionally within a sector of polar angles
//    (circle, ellipse, box, annuli, pandas);
//  - a polygon.
// The plane is the tangent plane about the region's centre for Frame::Sky (lengths are tangents of
// the angular sizes: circles become exact spherical caps) and pixel offsets from the centre for
// pixel frames. Plane angles follow RegionTypes.h (counter-clockwise from +u = West or +x).

#include <optional>
#include <vector>

#include "regions/Region.h"

namespace xsky::regions {

struct PlaneModel {
  enum class Kind { Ring, Polygon };
  enum class Boundary { Ellipse, Box };

  Kind kind = Kind::Ring;
  Frame frame = Frame::Sky;
  Vec2 centre;  // ICRS degrees or pixels

  // Ring.
  Boundary boundary = Boundary::Ellipse;
  double rotation = 0;  // degrees, of the boundary axes
  Vec2 inner;           // semi-axes (ellipse) or half-sizes (box) in plane units; (0,0): none
  Vec2 outer;
  bool hasSector = false;
  double sectorStart = 0;  // polar angles, degrees; sectorEnd - sectorStart in (0, 360)
  double sectorEnd = 360;

  // Polygon: vertices in the region's frame (ICRS degrees or pixels).
  std::vector<Vec2> vertices;

  /// Distance from the centre to the outer boundary along plane polar angle phi (degrees).
  double outerRadius(double phiDeg) const;
  double innerRadius(double phiDeg) const;
  /// Polar angles (degrees, in [0, 360)) where the boundaries have corners (boxes).
  std::vector<double> cornerAngles() const;
  /// True when a plane point (ring) lies inside.
  bool ringContains(Vec2 uv) const;
};

/// The model of an area region; nullopt for annotations (points, lines, text...).
std::optional<PlaneModel> planeModel(const Region& region);

/// Even-odd point-in-polygon test (planar).
bool polygonContains(const std::vector<Vec2>& vertices, Vec2 p);

}  // namespace xsky::regions
