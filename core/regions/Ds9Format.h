#pragma once
// Numbers printed the way DS9 8.4.1 prints them in region files: pixel values and angles with 8
// significant digits (C's %.8g), sky degrees with 7 decimals, arcsec sizes with 3 and arcmin sizes
// (CIAO) with 5 decimals, RA as h:mm:ss.ssss and latitudes/galactic longitudes as
// +d:mm:ss.sss (the leading field is not zero-padded; the sign is always written).

#include <QString>

namespace xsky::regions::format {

/// %.8g (or `digits` significant digits).
QString general(double value, int digits = 8);
/// Fixed-point with `decimals` digits ("-0.5000000").
QString fixed(double value, int decimals);
/// An angle in degrees wrapped into [0, 360), %.8g.
QString angle(double degrees);
/// Degrees wrapped into [0, 360), then wrapped so that it is not below `previous` + FLT_EPSILON
/// (DS9's rule for the end angle of a sector), %.8g.
QString endAngle(double degrees, double previousWrapped);
/// [0, 360) of any angle.
double wrap360(double degrees);
/// Right ascension (degrees) as hours "h:mm:ss.ssss" (`decimals` digits of seconds).
QString hours(double degrees, int decimals = 4);
/// Signed sexagesimal degrees "+d:mm:ss.sss".
QString degreesDms(double degrees, int decimals = 3);

}  // namespace xsky::regions::format
