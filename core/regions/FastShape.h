#pragma once
// One region as ProjectedArea tests it in a pixel frame: a ring (quadratic and linear forms in
// pixel offsets from an origin, plus the same in float for the vectorised pass) or a polygon
// (edges bucketed by horizontal slabs), with its conservative pixel bounding box.
// Built once from a Region; immutable afterwards.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "regions/FastKernels.h"
#include "regions/RegionGeometry.h"
#include "wcs/SkyWcs.h"

namespace xsky::regions {

/// The pixel frame points are given in.
struct PixelFrame {
  const wcs::SkyWcs* sky = nullptr;  ///< maps Frame::Sky regions (not owned); null: sky refused
  Frame pixels = Frame::Physical;    ///< regions in this pixel frame are used as they are
};

using Line3 = std::array<double, 3>;

struct PolygonEdge {
  double x0, y0, x1, y1, dxdy;
};

struct FastShape {
  enum class Kind { Ring, Polygon };
  Kind kind = Kind::Ring;
  double ox = 0, oy = 0;  // pixel origin of the forms
  Bounds box;

  // Ring: inside when outer <= 0, not (inner < 0), and within the sector.
  bool outerConic = true;
  std::array<double, 6> qo{};
  std::array<Line3, 4> lo{};
  bool hasInner = false;
  bool innerConic = true;
  std::array<double, 6> qi{};
  std::array<Line3, 4> li{};
  int sector = 0;  // 0 none, 1 span <= 180 (both >= 0), 2 span > 180 (not both < 0)
  Line3 s0{}, s1{};

  // Polygon (even-odd) with edges bucketed by horizontal slabs.
  std::vector<PolygonEdge> edges;
  double slabY0 = 0, slabH = 1;
  int slabs = 0;
  std::vector<uint32_t> slabStart, slabEdges;

  // The same ring in float, for the vectorised pass (built when the shape is a ring).
  std::optional<kernels::FloatRing> floatRing;

  static double q(const std::array<double, 6>& c, double x, double y) {
    return (c[0] * x + c[1] * y + c[3]) * x + (c[2] * y + c[4]) * y + c[5];
  }
  static double l(const Line3& c, double x, double y) { return c[0] * x + c[1] * y + c[2]; }

  bool inBox(double x, double y) const {
    return x >= box.xMin && x <= box.xMax && y >= box.yMin && y <= box.yMax;
  }

  bool contains(double px, double py) const {
    const double x = px - ox, y = py - oy;
    if (kind == Kind::Polygon) {
      const int s = static_cast<int>((y - slabY0) / slabH);
      if (s < 0 || s >= slabs) return false;
      bool inside = false;
      for (uint32_t k = slabStart[s]; k < slabStart[s + 1]; ++k) {
        const PolygonEdge& e = edges[slabEdges[k]];
        if ((e.y0 > y) != (e.y1 > y) && x < e.x0 + (y - e.y0) * e.dxdy) inside = !inside;
      }
      return inside;
    }
    if (outerConic) {
      if (q(qo, x, y) > 0) return false;
    } else {
      for (const Line3& c : lo) {
        if (l(c, x, y) > 0) return false;
      }
    }
    if (hasInner) {
      bool inHole;
      if (innerConic) {
        inHole = q(qi, x, y) < 0;
      } else {
        inHole = true;
        for (const Line3& c : li) inHole = inHole && l(c, x, y) < 0;
      }
      if (inHole) return false;
    }
    if (sector == 1) return l(s0, x, y) >= 0 && l(s1, x, y) >= 0;
    if (sector == 2) return !(l(s0, x, y) < 0 && l(s1, x, y) < 0);
    return true;
  }
};

/// Throws xsky::Error naming the region when it cannot be put in the frame (degenerate, a sky
/// region without a WCS, a pixel region of another frame, a point off the projection).
std::unique_ptr<FastShape> buildFastShape(const Region& region, const PixelFrame& frame);

}  // namespace xsky::regions
