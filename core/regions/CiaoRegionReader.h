#pragma once
// Reads CIAO region files: one region expression per line (or ';'-separated), e.g.
//   circle(4096,4096,10)   -ellipse(13:29:55.79,+47:12:16.9,0.13',0.066',45)
//   rotbox(x,y,w,h,angle)  rectangle(x1,y1,x2,y2)  pie(x,y,r1,r2,a1,a2)  annulus(x,y,r1,r2)
//   circle(x,y,r)-circle(x,y,r2)   (a '-' between shapes excludes the next one)
// Bare numbers are physical pixels; sexagesimal or "d" positions are FK5; lengths take
// " '' ' d suffixes; angles are always measured from the physical X axis (CIAO's rule), so sky
// regions with angles need the reference image. field() and sector() have no finite area here
// and are skipped with a warning; intersections ('*', '&') are errors.

#include "regions/RegionFileIo.h"

namespace xsky::regions {

class CiaoRegionReader {
 public:
  explicit CiaoRegionReader(RegionReadOptions options = {}) : options_(options) {}

  RegionReadResult readFile(const QString& path) const;
  RegionReadResult readText(const QString& text, const QString& sourceName) const;

 private:
  RegionReadOptions options_;
};

}  // namespace xsky::regions
