#pragma once
// Writes CIAO region files as DS9 8.4.1 writes them in its "ciao" format: no header and no
// properties; pixel systems are always written in physical pixels (%.8g); sky systems as FK5
// sexagesimal with sizes in arcmin (5 decimals) and angles from the physical X axis (CIAO's rule);
// annuli are split into one annulus per ring and pandas into one pie per sector and ring.
// Shapes CIAO has no word for (elliptical/box annuli, epanda, bpanda, lines, annotations) are left
// out and reported. Thread-safe.

#include <vector>

#include <QString>
#include <QStringList>

#include "regions/ReferenceImage.h"
#include "regions/Region.h"

namespace xsky::regions {

struct CiaoWriteOptions {
  /// Image and Physical both give physical pixels; any sky system gives FK5 sexagesimal.
  CoordSystem system = CoordSystem::Physical;
  bool strip = false;  // ';'-separated on one line
  const ReferenceImage* image = nullptr;  // not owned
};

class CiaoRegionWriter {
 public:
  explicit CiaoRegionWriter(CiaoWriteOptions options) : options_(options) {}

  QString toText(const std::vector<Region>& regions, QStringList* problems = nullptr) const;
  /// Writes through a temporary file renamed over `path`. Throws xsky::Error.
  void save(const QString& path, const std::vector<Region>& regions,
            QStringList* problems = nullptr) const;

 private:
  CiaoWriteOptions options_;
};

}  // namespace xsky::regions
