#pragma once
// Dates of the observation index: UTC ISO 8601 text (as DATE-OBS writes it) <-> Modified Julian
// Date (days, UTC). Leap seconds are ignored (an error of at most a few tens of seconds, far below
// what "which observations between these dates" needs).

#include <optional>

#include <QString>

namespace xsky::archive {

/// MJD of a FITS date ("2019-04-21T10:02:03.5", "2019-04-21", old "21/04/19"); nullopt if unreadable.
std::optional<double> mjdOfIsoDate(const QString& text);

/// ISO 8601 UTC text of an MJD, to the millisecond ("2019-04-21T10:02:03.500").
QString isoDateOfMjd(double mjd);

/// A date given on the command line: ISO 8601 (date or date and time, UTC) or a plain number
/// taken as MJD. `endOfDay`: a bare date means the end of that day (for --to). Throws xsky::Error.
double parseDateArgument(const QString& text, bool endOfDay = false);

}  // namespace xsky::archive
