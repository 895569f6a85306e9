#pragma once
// One row of the observation index: one observation seen by one camera (one event list or image),
// its descriptive keywords, where the file is, and its sky footprint. Angles are ICRS degrees,
// dates UTC (ISO 8601 text and MJD days), exposure seconds.

#include <cmath>
#include <limits>

#include <QString>

#include "moc/SpaceMoc.h"

namespace xsky::archive {

/// What kind of file a row describes.
enum class ObservationFileKind { EventList, Image };

struct ObservationRecord {
  long long id = 0;           ///< row id in the database (0: not stored yet)
  QString obsId;              ///< OBS_ID / OBSID ("" when the file has none)
  QString mission;            ///< TELESCOP (XMM, CHANDRA, ...)
  QString instrument;         ///< INSTRUME (EMOS1, EMOS2, EPN, ACIS, ...)
  QString filter;             ///< FILTER ("" when absent)
  QString mode;               ///< SUBMODE, else DATAMODE, else READMODE
  QString target;             ///< OBJECT
  QString observer;           ///< OBSERVER
  double raPointing = std::numeric_limits<double>::quiet_NaN();   ///< RA_PNT (else RA_NOM), deg
  double decPointing = std::numeric_limits<double>::quiet_NaN();  ///< DEC_PNT (else DEC_NOM), deg
  QString dateStart;          ///< DATE-OBS as written (UTC ISO 8601)
  QString dateEnd;            ///< DATE-END, or DATE-OBS + (TSTOP - TSTART)
  double mjdStart = std::numeric_limits<double>::quiet_NaN();  ///< UTC MJD of dateStart
  double mjdEnd = std::numeric_limits<double>::quiet_NaN();    ///< UTC MJD of dateEnd
  double exposure = 0;        ///< EXPOSURE, else LIVETIME, else ONTIME, s
  ObservationFileKind kind = ObservationFileKind::EventList;
  QString location;           ///< absolute file path, or a URL
  long long fileSize = 0;     ///< bytes
  long long fileMtime = 0;    ///< last modification, ms since the Unix epoch (UTC)
  QString checksum;           ///< "sha256:<64 hex digits>" of the whole file (see FileChecksum.h)
  int footprintOrder = 0;     ///< HEALPix order the footprint was built at
  moc::SpaceMoc footprint;    ///< the sky area the file covers (empty when loaded without it)

  bool hasDates() const { return !std::isnan(mjdStart); }
};

}  // namespace xsky::archive
