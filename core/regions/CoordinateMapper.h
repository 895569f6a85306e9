#pragma once
// Converts positions, lengths and angles between region coordinate systems, through an optional
// ReferenceImage (needed whenever pixels meet the sky, or image meets physical pixels).
//
// Units: positions are degrees (lon, lat) in the sky systems and pixels otherwise; lengths are
// degrees of arc in the sky systems and pixels of that system otherwise; angles are degrees in the
// RegionTypes.h convention of each system. Between the sky and pixels angles follow the reference
// image's DS9 convention (ReferenceImage.h); between two sky frames they turn through the image
// the same way when there is one (as DS9 does), else by the frames' local rotation at the position. Failures return nullopt and say why in *error.

#include <optional>

#include <QString>

#include "regions/ReferenceImage.h"
#include "regions/RegionTypes.h"

namespace xsky::regions {

class CoordinateMapper {
 public:
  /// `image` may be null (then only sky <-> sky and identity conversions work); not owned.
  explicit CoordinateMapper(const ReferenceImage* image) : image_(image) {}

  const ReferenceImage* image() const { return image_; }
  /// Julian epoch FK4 positions are converted at (the image's, else J2000).
  double fk4Epoch() const { return image_ != nullptr ? image_->fk4Epoch() : 2000.0; }

  std::optional<Vec2> position(Vec2 p, CoordSystem from, CoordSystem to, QString* error) const;
  /// axis 0: along x (first radius, width); axis 1: along y (second radius, height).
  std::optional<double> length(double v, CoordSystem from, CoordSystem to, int axis,
                               QString* error) const;
  /// `atIcrs` (ICRS degrees) is where the angle sits; needed between two sky frames.
  std::optional<double> angle(double a, CoordSystem from, CoordSystem to,
                              std::optional<wcs::SkyPoint> atIcrs, QString* error) const;

  /// ICRS position of a point given in `from` (nullopt when it cannot be put on the sky).
  std::optional<wcs::SkyPoint> toIcrs(Vec2 p, CoordSystem from, QString* error) const;

 private:
  bool needImage(QString* error, bool needWcs) const;

  const ReferenceImage* image_;
};

}  // namespace xsky::regions
