#pragma once
// Geometry of one region in its own frame: exact area, centroid, bounds, outline and an exact
// (double precision) containment test. For many points in an observation's pixels use
// ProjectedRegion instead.
//
// Sky regions (Frame::Sky, ICRS): areas are solid angles on the sphere (circles are spherical caps,
// 2 pi (1 - cos r); polygons have great-circle edges; ellipses and boxes are defined in the tangent
// plane about their centre). Pixel regions: areas in square pixels.

#include <vector>

#include "regions/Region.h"

namespace xsky::regions {

constexpr double kSquareArcsecPerSteradian = 4.2545170296152206e10;  // (180*3600/pi)^2

/// Enclosed area: steradians for Frame::Sky, square pixels otherwise; 0 for annotations.
double area(const Region& region);

/// Centre of the enclosed area (ICRS degrees or pixels); the anchor point for annotations.
Vec2 centroid(const Region& region);

/// True when `point` (in the region's frame: ICRS degrees or pixels) is inside. Outer boundaries
/// belong to the region, inner boundaries of annuli do not. Annotations contain nothing.
bool contains(const Region& region, Vec2 point);

/// Axis-aligned bounds. Pixels: x/y. Sky: longitude and latitude in degrees; lonMin > lonMax
/// means the range crosses longitude 0; a region around a pole has lon 0..360.
struct Bounds {
  double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
};
Bounds boundingBox(const Region& region);

/// Radius of the circle (cap on the sky, degrees; pixels otherwise) about centroid() that
/// contains the region.
double boundingRadius(const Region& region);

/// Closed curves of the region's boundary in its frame (outer boundary first, then inner ones and
/// sector edges), with curves sampled at `samples` points; annotations give their points.
std::vector<std::vector<Vec2>> outline(const Region& region, int samples = 128);

}  // namespace xsky::regions
