#pragma once
// What products copy from the event list they were extracted from: identity keywords
// (TELESCOP, INSTRUME, FILTER, OBS_ID, OBJECT, DATE-OBS/DATE-END), the time system and the frame
// (readout) time. Read from the events HDU header (falling back to the primary header).

#include <optional>

#include <QString>

#include "events/EventList.h"

namespace xsky::products {

struct ObservationInfo {
  QString telescope, instrument, filter, obsId, object, dateObs, dateEnd;
  QString timeSystem = QStringLiteral("TT");
  double mjdRef = 0;    // days
  double timeZero = 0;  // TIMEZERO, s
  /// Frame (readout) time, s: XMM FRMTIME (ms), Chandra EXPTIME/TIMEDEL, FRAMETIM, TIMEDEL.
  std::optional<double> frameTime;
  /// Short camera name for file names: pn, mos1, mos2, acis, ... (lower case INSTRUME otherwise).
  QString cameraKey;
  QString productDate;  // DATE written into the products (UTC ISO); empty: the time of writing
};

/// Reads the keywords above. Throws xsky::Error when the file cannot be read.
ObservationInfo readObservationInfo(const events::EventList& list);

}  // namespace xsky::products
