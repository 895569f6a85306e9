#pragma once
// XMM-Newton mission time: seconds of Terrestrial Time since 1998-01-01T00:00:00 TT
// (TIMESYS='TT', MJDREF=50814.0). Calendar strings in FITS headers (DATE-OBS, DATE-END) are UTC,
// which differs from TT by TT - UTC = 69.184 s for every date the demo sky uses (2017 onwards).

#include <QString>

namespace xsky::sim {

inline constexpr double kMjdRef = 50814.0;     // days, 1998-01-01T00:00:00 TT
inline constexpr double kTtMinusUtc = 69.184;  // s (32.184 + 37 leap seconds)

/// Mission time (s) of a TT calendar date "yyyy-MM-ddTHH:mm:ss".
double missionTimeFromTt(const QString& ttIso);
/// UTC calendar date "yyyy-MM-ddTHH:mm:ss" (seconds truncated) of a mission time (s).
QString utcDateOfMissionTime(double seconds);
/// An approximate XMM-Newton revolution number (orbits of 172,296 s counted from revolution 809,
/// which started near mission time 2.004e8 s).
int revolutionOf(double seconds);

}  // namespace xsky::sim
