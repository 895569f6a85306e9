#pragma once
// The simulator's own sky geometry: the gnomonic (TAN) projection about a pointing, the XMM sky
// pixel grid of event lists (0.05 arcsec pixels, reference pixel 25921, X increasing to the west),
// and the rotation between sky and detector axes. Angles in degrees unless a name says arcsec.
//
// Standard coordinates (xi, eta) are the TAN projection of FITS WCS (RA---TAN/DEC--TAN with
// LONPOLE 180): xi grows towards the east (increasing RA), eta towards the north.

namespace xsky::sim {

/// Sky pixel size of EPIC event lists, arcsec (TCDLTn = -/+ 1.388888888889e-05 deg).
inline constexpr double kSkyPixelArcsec = 0.05;
inline constexpr double kSkyPixelDeg = kSkyPixelArcsec / 3600.0;
/// TCRPXn of the X and Y columns: the pointing falls on pixel 25921.
inline constexpr double kSkyRefPixel = 25921.0;
/// TLMAXn of the X and Y columns (TLMINn is 1).
inline constexpr int kSkyMaxPixel = 51840;

struct Plane {
  double x = 0;  // arcsec
  double y = 0;  // arcsec
};

/// Standard coordinates of (ra, dec) about the tangent point (ra0, dec0), arcsec east/north.
Plane toStandard(double ra0, double dec0, double ra, double dec);
/// Inverse of toStandard: (ra, dec) in degrees, ra in [0, 360).
void fromStandard(double ra0, double dec0, const Plane& standard, double* ra, double* dec);

/// Sky pixel offset from the reference pixel, arcsec: +x to the west (the X column grows to the
/// west because TCDLT of X is negative), +y to the north.
inline Plane skyOffsetFromStandard(const Plane& s) { return {-s.x, s.y}; }

/// The rotation between detector (DETX, DETY) offsets and sky pixel offsets, both arcsec: the DETY
/// axis points at position angle `angleDeg` (north through east), i.e. the detector frame is the
/// sky pixel frame rotated counter-clockwise by angleDeg.
class Rotation {
 public:
  explicit Rotation(double angleDeg);
  Plane toSky(const Plane& det) const { return {c_ * det.x - s_ * det.y, s_ * det.x + c_ * det.y}; }
  Plane toDetector(const Plane& sky) const {
    return {c_ * sky.x + s_ * sky.y, -s_ * sky.x + c_ * sky.y};
  }

 private:
  double c_, s_;
};

}  // namespace xsky::sim
