#pragma once
// The image a region file's pixel coordinates refer to: its sky WCS (optional), its IRAF physical
// transform (LTM/LTV; identity when absent) and its size. Region files in image or physical
// coordinates, and sizes given in pixels, need one to be put on the sky.
//
// DS9 convention (what DS9 8.4.1 does, so files convert exactly as DS9 converts them): one pixel
// scale and one orientation per image, measured at its centre (NAXIS1/2, NAXIS2/2): the scale is
// the arc between the centre and the pixel above it; the orientation is the position angle of the
// +y pixel axis there, in the sky frame asked for (angles between two sky frames are turned
// through the image the same way). FK4 positions are converted at the epoch of MJD-OBS, else J2000
// (as DS9/AST do). A value; not thread-safe (holds a SkyWcs).

#include <array>
#include <optional>

#include <QString>

#include "regions/RegionTypes.h"
#include "wcs/SkyWcs.h"

namespace xsky::regions {

class ReferenceImage {
 public:
  /// No image: no WCS, identity physical transform, unknown size.
  ReferenceImage() = default;
  /// From the first image HDU of a FITS file (its WCS when it has one, LTM/LTV, NAXIS1/2).
  /// Throws xsky::Error when the file cannot be read or holds no 2-D image.
  static ReferenceImage fromFits(const QString& path);
  /// From header text, one "KEY = value / comment" card per line (as pyregion's .header files).
  /// Throws xsky::Error when the header has no celestial WCS.
  static ReferenceImage fromHeaderText(const QString& text, const QString& context);
  /// From a WCS alone (e.g. an event list's X/Y sky WCS); centre is the reference pixel unless a
  /// size is given.
  static ReferenceImage fromWcs(const wcs::SkyWcs& skyWcs, const wcs::PhysicalTransform& physical = {},
                                double width = 0, double height = 0);

  bool hasWcs() const { return wcs_.has_value(); }
  /// The WCS; throws xsky::Error when there is none.
  const wcs::SkyWcs& wcs() const;
  const wcs::PhysicalTransform& physical() const { return physical_; }
  /// Image pixel (1-based) where DS9 measures scale and orientation.
  Vec2 centre() const { return centre_; }

  Vec2 physicalToImage(Vec2 p) const;
  Vec2 imageToPhysical(Vec2 p) const;
  /// Image pixel -> ICRS degrees; nullopt without a WCS or off the projection.
  std::optional<wcs::SkyPoint> imageToIcrs(Vec2 pixel) const;
  /// ICRS degrees -> image pixel; nullopt without a WCS or when it cannot be projected.
  std::optional<Vec2> icrsToImage(wcs::SkyPoint icrs) const;

  /// Degrees on the sky per image pixel at the centre (0 without a WCS).
  double degreesPerPixel() const { return scaleDeg_; }
  /// Position angle (degrees east of north in a sky `system`) of the image +y axis at the centre.
  double yAxisPositionAngle(CoordSystem system) const;
  /// True when East is clockwise from North on the image (x right, y up), i.e. a mirrored sky.
  bool mirrored() const { return mirrored_; }
  /// Julian epoch of the observation (MJD-OBS), used for FK4; J2000 when unknown (as DS9/AST).
  double fk4Epoch() const { return fk4Epoch_; }

  /// Sky angle (RegionTypes.h convention, in a sky `system`) of an image angle, and back, by the DS9
  /// convention. Identity without a WCS.
  double imageAngleToSky(double imageAngleDeg, CoordSystem system) const;
  double skyAngleToImage(double skyAngleDeg, CoordSystem system) const;

 private:
  void measure();

  std::optional<wcs::SkyWcs> wcs_;
  wcs::PhysicalTransform physical_;
  Vec2 centre_;
  double scaleDeg_ = 0;
  bool mirrored_ = false;
  double fk4Epoch_ = 2000.0;
  std::array<double, 7> yAxisPa_{};  // per CoordSystem
};

/// The celestial frame of a sky coordinate system (Icrs for the pixel systems).
wcs::CelestialFrame celestialFrameOf(CoordSystem system);

/// Initial bearing (degrees east of north) of the great circle from `from` to `to`.
double bearingDeg(wcs::SkyPoint from, wcs::SkyPoint to);

/// A sky system's coordinates (degrees) to ICRS and back; FK4 at Julian epoch `fk4Epoch`.
wcs::SkyPoint systemToIcrs(wcs::SkyPoint p, CoordSystem system, double fk4Epoch = 2000.0);
wcs::SkyPoint icrsToSystem(wcs::SkyPoint icrs, CoordSystem system, double fk4Epoch = 2000.0);

/// Rotation (degrees) to add to an ICRS sky angle at `icrs` to express it in `system`
/// (the bearing, in `system`, of ICRS north there).
double frameRotationDeg(wcs::SkyPoint icrs, CoordSystem system, double fk4Epoch = 2000.0);

}  // namespace xsky::regions
