#pragma once
// Reads X-ray event lists (XMM-Newton EPIC, Chandra ACIS/HRC, and other OGIP-like missions such
// as RXTE, NuSTAR, AstroSat LAXPC) into an EventList. The events HDU is the one named EVENTS, else
// the one with HDUCLAS1 = EVENTS, else the first binary table with a TIME column.
// Reading never needs sky columns; operations that do ask EventList::sky().

#include <QString>

#include "events/EventList.h"
#include "util/Progress.h"

namespace xsky::fits {
class FitsFile;
}

namespace xsky::events {

/// Reads the whole list. Throws xsky::Error (missing, not FITS, truncated, no events table).
EventList readEventList(const QString& path, const ProgressFn& progress = {});

/// Finds the events HDU by the rule above and moves there; returns its 1-based number, or 0.
int findEventsHdu(fits::FitsFile& file);

}  // namespace xsky::events
