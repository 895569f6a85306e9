#pragma once
// A columnar, in-memory X-ray event list. Columns absent from the file are empty vectors.
// Times are seconds in the file's own time system (timeSystem, mjdRef); sky X/Y are the file's
// sky pixel coordinates (FITS 1-based, as written); energies as the file gives them (see
// energyUnit). Reading is done by EventListReader.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include <QString>

#include "events/Gti.h"
#include "wcs/SkyWcs.h"

namespace xsky::events {

struct EventList {
  QString path;
  int eventsHdu = 0;        // 1-based HDU number of the events table
  QString eventsExtName;    // its EXTNAME
  QString telescope;        // TELESCOP (XMM, CHANDRA, XTE, NuSTAR, ...)
  QString instrument;       // INSTRUME (EPN, EMOS1, ACIS, HRC, PCA, ...)
  QString observationId;    // OBS_ID / OBSID when present
  QString object;           // OBJECT when present

  // Time keywords.
  QString timeSystem;       // TIMESYS (TT, TDB, ...)
  double mjdRef = 0;        // MJDREF, or MJDREFI + MJDREFF, days
  double tstart = 0;        // TSTART, s
  double tstop = 0;         // TSTOP, s
  std::optional<double> exposure;  // EXPOSURE or LIVETIME of the events HDU, s
  /// The mission's "good events" selection as the header states it (XMM: XMMEA_EP / XMMEA_EM).
  QString goodEventsExpression;

  // Columns (one entry per event).
  long long rows = 0;
  std::vector<double> time;      // TIME, s
  std::vector<float> x, y;       // sky X/Y pixels
  std::vector<int32_t> pi;       // PI channel (XMM: eV)
  std::vector<float> energy;     // ENERGY column when present (Chandra: eV)
  std::vector<int16_t> pattern;  // PATTERN (XMM) or GRADE (Chandra)
  std::vector<int32_t> flag;     // FLAG (XMM) or STATUS (Chandra; the low 32 bits)
  std::vector<int16_t> ccd;      // CCDNR (XMM) or CCD_ID/CHIP_ID (Chandra)

  // Names of the file's columns behind each vector (empty when absent).
  QString timeColumn, xColumn, yColumn, piColumn, energyColumn, patternColumn, flagColumn,
      ccdColumn;
  QString energyUnit;  // TUNIT of the energy column (or of PI when it is the energy column)

  /// Good time intervals per CCD (XMM STDGTInn, Chandra GTI with CCD_ID); key -1 for a GTI that
  /// applies to the whole instrument.
  std::map<int, GtiList> gtis;

  /// The sky WCS of the X/Y columns, when they carry one.
  std::optional<wcs::SkyWcs> skyWcs;
  QString noSkyReason;  // why skyWcs is absent (for the error an operation needing it reports)

  bool hasSky() const { return skyWcs.has_value(); }
  /// The sky WCS, or throws xsky::Error naming the file and why it has none.
  const wcs::SkyWcs& sky() const;
  /// The column used as the energy axis (ENERGY when present, else PI), and its values.
  const QString& energyAxisName() const { return energyColumn.isEmpty() ? piColumn : energyColumn; }
  /// The instrument-wide GTI: the whole-instrument table when there is one, else the per-CCD
  /// table with the largest total (the on-axis CCD of an imaging observation).
  GtiList referenceGti() const;
};

}  // namespace xsky::events
