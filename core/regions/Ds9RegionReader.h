#pragma once
// Reads DS9 region files (format 4.x, as DS9 8.4.1 reads them): coordinate-system lines (image,
// physical, fk4/b1950, fk5/j2000, icrs, galactic, ecliptic, wcs = the reference image's own sky
// frame; bare numbers before any mean PHYSICAL), "global" defaults, ';'-separated statements,
// '-'/'+' exclude/include, shapes with "(...)" or blank-separated arguments, "# text/vector/
// ruler/compass/projection/composite/segment" lines, "||" composites, and local properties
// (colour, dash, width, font, text, tags, background/source, point/line/vector/panda= ...).
//
// Regions come out in the frame of their position: Frame::Sky (ICRS) for sky systems,
// Frame::Image for image pixels (and for physical pixels when a reference image is given),
// Frame::Physical otherwise. Stateless and thread-safe to call; the reference image is not owned.

#include "regions/RegionFileIo.h"

namespace xsky::regions {

class Ds9RegionReader {
 public:
  explicit Ds9RegionReader(RegionReadOptions options = {}) : options_(options) {}

  /// Throws xsky::Error when the file cannot be opened; bad statements are reported, not thrown.
  RegionReadResult readFile(const QString& path) const;
  /// `sourceName` names the text in messages (a file name).
  RegionReadResult readText(const QString& text, const QString& sourceName) const;

 private:
  RegionReadOptions options_;
};

}  // namespace xsky::regions
