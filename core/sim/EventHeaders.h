#pragma once
// The header keywords of a simulated EPIC event list, named and commented as SAS writes them
// (see a real list's headers in ../shared/data/events). No keyword depends on the date or the
// machine.

#include "fits/FitsFile.h"
#include "sim/EventListModel.h"

namespace xsky::sim {

/// One EVENTS column: name, TFORM, TUNIT and the TTYPE comment SAS gives it.
struct EventColumn {
  const char* name;
  const char* format;
  const char* unit;
  const char* comment;
};
/// TIME D, RAWX I, RAWY I, DETX I, DETY I, X J, Y J, PHA I, PI I, FLAG J, PATTERN B, CCDNR B.
extern const EventColumn kEventColumns[12];

/// Keywords of the primary HDU (which must be current).
void writePrimaryKeywords(fits::FitsFile& f, const EventListModel& m);
/// Keywords of the EVENTS table (current): times, flag expressions, exposure per CCD, pointing,
/// column limits and the column WCS of DETX/DETY and X/Y.
void writeEventsKeywords(fits::FitsFile& f, const EventListModel& m);
/// Keywords of the STDGTInn table of a CCD (current).
void writeGtiKeywords(fits::FitsFile& f, const EventListModel& m, int ccd);

}  // namespace xsky::sim
