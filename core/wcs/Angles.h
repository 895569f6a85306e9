#pragma once
// Angle formatting and parsing as astronomers type them. All values are degrees.
//   RA:  "13:29:55.2", "13h29m55.2s", "13 29 55.2", or decimal degrees "202.48"
//   Dec: "+47:12:36", "47d12m36s", "-0 30 00", or decimal degrees "47.21"

#include <optional>

#include <QString>

namespace xsky::wcs {

/// "hh:mm:ss.sss" for an RA in degrees (wrapped to [0, 360)); `decimals` digits of seconds.
QString formatRaHms(double raDeg, int decimals = 3);
/// "+dd:mm:ss.ss" for a declination or latitude in degrees; `decimals` digits of seconds.
QString formatDecDms(double decDeg, int decimals = 2);
/// Decimal degrees with a fixed number of decimals.
QString formatDegrees(double deg, int decimals = 6);
/// A small angle (a radius, a separation) in the unit that reads best: "5 arcsec" below one
/// arcminute, "1.5 arcmin" below one degree, else "2 deg"; up to 6 significant digits.
QString formatAngleSize(double deg);

/// Parses an RA: sexagesimal (hours, any of ':' 'h m s' or spaces) or decimal degrees, or with
/// a 'd' suffix. nullopt when it is not an angle or is out of range.
std::optional<double> parseRa(const QString& text);
/// Parses a declination/latitude: sexagesimal degrees or decimal degrees, in [-90, 90].
std::optional<double> parseDec(const QString& text);
/// Parses "RA Dec" or "RA, Dec" in either form. nullopt on anything else.
std::optional<std::pair<double, double>> parseRaDec(const QString& text);

}  // namespace xsky::wcs
