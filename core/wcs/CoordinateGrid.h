#pragma once
// A world-coordinate grid for any projection: lines of constant longitude and latitude (ICRS or
// Galactic) at "nice" spacings, as polylines in image pixels over a visible pixel rectangle,
// with label anchors where the lines leave the rectangle; and the compass (north/east) at a
// pixel. Computation only: widgets and the headless renderer draw the result.

#include <optional>
#include <vector>

#include <QString>

#include "wcs/SkyWcs.h"

namespace xsky::wcs {

struct PixelRect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // FITS image pixels, x0 < x1, y0 < y1
  bool contains(PixelPoint p) const { return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1; }
};

struct GridLine {
  bool constantLongitude = true;  // a meridian (true) or a parallel (false)
  double value = 0;               // the constant coordinate, degrees
  std::vector<std::vector<PixelPoint>> segments;  // broken where the projection is undefined
  QString label;                  // "10h00m", "+02°15'", "236.8°" ...
  std::optional<PixelPoint> labelAt;  // where the line leaves the rectangle (bottom/left edge)
};

struct GridOptions {
  CelestialFrame frame = CelestialFrame::Icrs;  // ICRS labels RA in hours; others in degrees
  int targetLines = 5;   // about this many lines of each family across the view
  int samplesPerLine = 120;
};

std::vector<GridLine> computeGrid(const SkyWcs& wcs, const PixelRect& visible,
                                  const GridOptions& options = {});

struct Compass {
  PixelPoint north;  // unit vectors in image pixel axes (x right, y up) pointing to north/east
  PixelPoint east;
};
/// North and east directions at an image pixel; nullopt where the WCS is undefined.
std::optional<Compass> compassAt(const SkyWcs& wcs, PixelPoint at);

}  // namespace xsky::wcs
