#pragma once
// Writes DS9 region files exactly as DS9 8.4.1 writes them: the "# Region file format: DS9
// version 4.1" header, DS9's default "global" line, one coordinate-system line, then one line per
// region with DS9's argument order and precision (DS9Format.h) and only the properties that differ
// from DS9's defaults, in DS9's order. Pandas with uneven angles or radii are written as DS9 does
// (one line per piece, "panda=(angles)(radii)" on the first, "panda=ignore" on the others).
// "strip" writes DS9's one-line form ("fk5;circle(...);...;") without properties or annotations.
//
// Regions that cannot be written in the chosen system (a sky region in image pixels without a
// reference image, a point off the projection...) are left out and reported. Thread-safe.

#include <vector>

#include <QString>
#include <QStringList>

#include "regions/ReferenceImage.h"
#include "regions/Region.h"

namespace xsky::regions {

struct Ds9WriteOptions {
  CoordSystem system = CoordSystem::Fk5;
  SkyFormat skyFormat = SkyFormat::Degrees;
  bool strip = false;
  /// Needed to write sky regions in pixels or pixel regions on the sky (not owned).
  const ReferenceImage* image = nullptr;
};

class Ds9RegionWriter {
 public:
  explicit Ds9RegionWriter(Ds9WriteOptions options) : options_(options) {}

  /// The file's text. `problems` receives one line per region left out.
  QString toText(const std::vector<Region>& regions, QStringList* problems = nullptr) const;
  /// Writes through a temporary file renamed over `path`. Throws xsky::Error.
  void save(const QString& path, const std::vector<Region>& regions,
            QStringList* problems = nullptr) const;

 private:
  Ds9WriteOptions options_;
};

/// DS9's properties of a region that differ from DS9's defaults, in DS9's order, each preceded by
/// a blank (" color=red width=2 text={x} background tag={t} comment"); empty when all default.
QString ds9CommonProperties(const RegionStyle& style, Role role);

}  // namespace xsky::regions
