#pragma once
// The geometry of each region shape, as plain values. Units follow the region's Frame
// (RegionTypes.h): positions and sizes in degrees on the sky (Frame::Sky) or in pixels; angles in
// degrees counter-clockwise from +x (West for the sky). No drawing, no file format here.
//
// Area shapes (they enclose something): Circle, Ellipse, Box, Polygon, Annulus, EllipseAnnulus,
// BoxAnnulus, Panda, Epanda, Bpanda. The others are annotations DS9 users keep in their files.

#include <variant>
#include <vector>

#include "regions/RegionTypes.h"

namespace xsky::regions {

struct Circle {
  Vec2 centre;
  double radius = 0;  // > 0
};

/// An ellipse with semi-axes radii.x along `angle` and radii.y perpendicular to it.
struct Ellipse {
  Vec2 centre;
  Vec2 radii;
  double angle = 0;
};

/// A rotated rectangle; size is the full width (along `angle`) and height.
struct Box {
  Vec2 centre;
  Vec2 size;
  double angle = 0;
};

/// A simple polygon (edges are great circles on the sky, straight lines in pixels); >= 3 vertices.
struct Polygon {
  std::vector<Vec2> vertices;
};

/// Concentric circles; the region lies between radii.front() and radii.back() (ascending, >= 2).
struct Annulus {
  Vec2 centre;
  std::vector<double> radii;
};

/// Concentric ellipses (semi-axes, ascending); the region lies between the first and the last.
struct EllipseAnnulus {
  Vec2 centre;
  std::vector<Vec2> radii;
  double angle = 0;
};

/// Concentric boxes (full sizes, ascending); the region lies between the first and the last.
struct BoxAnnulus {
  Vec2 centre;
  std::vector<Vec2> sizes;
  double angle = 0;
};

/// Pie sectors of an annulus: sector k spans angles[k]..angles[k+1] counter-clockwise (polar
/// angles, same convention as every angle); angles ascend, the last may exceed 360.
struct Panda {
  Vec2 centre;
  std::vector<double> angles;  // >= 2
  std::vector<double> radii;   // >= 2, ascending; radii.front() may be 0
};

/// Elliptical panda: sectors (polar angles) of an elliptical annulus rotated by `angle`.
struct Epanda {
  Vec2 centre;
  std::vector<double> angles;
  std::vector<Vec2> radii;  // semi-axes
  double angle = 0;
};

/// Box panda: sectors (polar angles) of a box annulus rotated by `angle`.
struct Bpanda {
  Vec2 centre;
  std::vector<double> angles;
  std::vector<Vec2> sizes;  // full sizes
  double angle = 0;
};

struct Point {
  Vec2 position;
};

struct Line {
  Vec2 from;
  Vec2 to;
};

/// A text label at a position (the text itself is RegionStyle::text).
struct Text {
  Vec2 position;
};

/// An arrow of a given length pointing at `angle` from `origin`.
struct Vector {
  Vec2 origin;
  double length = 0;
  double angle = 0;
};

struct Ruler {
  Vec2 from;
  Vec2 to;
};

struct Compass {
  Vec2 centre;
  double length = 0;
};

/// A DS9 projection (cut) of a given thickness between two points.
struct Projection {
  Vec2 from;
  Vec2 to;
  double thickness = 0;
};

/// An open poly-line.
struct Segment {
  std::vector<Vec2> vertices;
};

/// The header of a DS9 composite region: the regions that follow it, joined by "||", are its
/// members; `angle` is the composite's own rotation.
struct Composite {
  Vec2 centre;
  double angle = 0;
};

using Shape = std::variant<Circle, Ellipse, Box, Polygon, Annulus, EllipseAnnulus, BoxAnnulus,
                           Panda, Epanda, Bpanda, Point, Line, Text, Vector, Ruler, Compass,
                           Projection, Segment, Composite>;

/// DS9's name of the shape ("circle", "ellipse", ... an ellipse annulus is "ellipse").
const char* shapeName(const Shape& shape);
/// True for shapes that enclose an area (and so can select events).
bool hasArea(const Shape& shape);
/// The reference position: centre, first vertex, start point or position.
Vec2 anchorOf(const Shape& shape);

}  // namespace xsky::regions
