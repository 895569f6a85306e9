#pragma once
// Photon arrival times of an event list, optionally only those inside the source regions of a
// region file (read with the list's sky WCS; physical regions are its X/Y columns, as
// products/Extraction does). Times are used as the file gives them (no barycentring); the time
// system is carried along for display.

#include <vector>

#include <QString>
#include <QStringList>

#include "events/Gti.h"
#include "util/Progress.h"

namespace xsky::timing {

struct EventTimes {
  QString path;
  QString timeSystem;         // TIMESYS
  double mjdRef = 0;          // days
  std::vector<double> times;  // s, ascending
  events::GtiList gti;        // the list's reference GTI (may be empty)
  long long totalEvents = 0;  // before the region filter
  QStringList notes;          // region-file problems, assumptions
  /// Observation span used for frequency resolution: the GTI extent, else first to last event.
  double span() const;
};

/// Throws xsky::Error (unreadable file, no TIME column, region file unusable or selecting
/// nothing from a list without sky coordinates).
EventTimes readEventTimes(const QString& path, const QString& regionPath = {},
                          const ProgressFn& progress = {});

}  // namespace xsky::timing
