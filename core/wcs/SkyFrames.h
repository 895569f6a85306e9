#pragma once
// Celestial frames and conversions between them. All angles are degrees.
// FK5 J2000 differs from ICRS by the frame bias (~0.02 arcsec), applied as astropy does;
// FK4 is B1950 with E-terms (SLALIB's FK45Z); Galactic uses the IAU 1958 definition expressed in ICRS (Hipparcos 1997, vol. 1, sec. 1.5.3).

#include <QString>

namespace xsky::wcs {

/// A sky position in degrees: lon (RA, l, lambda) in [0, 360), lat (Dec, b, beta) in [-90, 90].
struct SkyPoint {
  double lon = 0;
  double lat = 0;
};

enum class CelestialFrame { Icrs, Fk5, Fk4, Galactic, Ecliptic };

/// "ICRS", "FK5", ... as FITS RADESYS and DS9 name them.
QString frameName(CelestialFrame frame);

/// Converts a position from `from` to ICRS. Fk4 (B1950) and Ecliptic (J2000 mean) are supported
/// through the standard rotation matrices.
SkyPoint toIcrs(SkyPoint p, CelestialFrame from);
/// Converts an ICRS position to `to`.
SkyPoint fromIcrs(SkyPoint icrs, CelestialFrame to);

/// FK4 B1950 <-> ICRS for a source observed at Julian epoch `epochJulianYear` (SLALIB's FK45Z/
/// FK54Z: the FK4 frame's fictitious proper motion is applied over epoch - B1950). toIcrs/fromIcrs
/// with Fk4 use epoch B1950; DS9 (through AST) uses the image's MJD-OBS, else J2000.
SkyPoint fk4ToIcrs(SkyPoint fk4, double epochJulianYear);
SkyPoint icrsToFk4(SkyPoint icrs, double epochJulianYear);

/// Great-circle distance in degrees (haversine: accurate at every scale).
double angularDistanceDeg(SkyPoint a, SkyPoint b);

}  // namespace xsky::wcs
