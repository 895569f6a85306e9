#include "regions/CoordinateMapper.h"

#include <cmath>

namespace xsky::regions {

namespace {

double wrap360(double a) {
  double r = std::fmod(a, 360.0);
  if (r < 0) r += 360.0;
  return r;
}

void setError(QString* error, const QString& message) {
  if (error != nullptr) *error = message;
}

}  // namespace

bool CoordinateMapper::needImage(QString* error, bool needWcs) const {
  if (image_ == nullptr) {
    setError(error, QStringLiteral("needs a reference image (pixel coordinates)"));
    return false;
  }
  if (needWcs && !image_->hasWcs()) {
    setError(error, QStringLiteral("the reference image has no sky coordinates (no WCS)"));
    return false;
  }
  return true;
}

std::optional<wcs::SkyPoint> CoordinateMapper::toIcrs(Vec2 p, CoordSystem from,
                                                      QString* error) const {
  if (isSkySystem(from)) return systemToIcrs({p.x, p.y}, from, fk4Epoch());
  if (!needImage(error, true)) return std::nullopt;
  const Vec2 img = from == CoordSystem::Physical ? image_->physicalToImage(p) : p;
  auto s = image_->imageToIcrs(img);
  if (!s) setError(error, QStringLiteral("pixel (%1, %2) is off the sky projection").arg(p.x).arg(p.y));
  return s;
}

std::optional<Vec2> CoordinateMapper::position(Vec2 p, CoordSystem from, CoordSystem to,
                                               QString* error) const {
  if (from == to) return p;
  if (isSkySystem(to)) {
    const auto icrs = toIcrs(p, from, error);
    if (!icrs) return std::nullopt;
    const wcs::SkyPoint s = icrsToSystem(*icrs, to, fk4Epoch());
    return Vec2{wrap360(s.lon), s.lat};
  }
  // Destination is a pixel system.
  Vec2 img;
  if (isSkySystem(from)) {
    if (!needImage(error, true)) return std::nullopt;
    const auto q = image_->icrsToImage(systemToIcrs({p.x, p.y}, from, fk4Epoch()));
    if (!q) {
      setError(error, QStringLiteral("(%1, %2) cannot be projected on the reference image")
                          .arg(p.x, 0, 'f', 6)
                          .arg(p.y, 0, 'f', 6));
      return std::nullopt;
    }
    img = *q;
  } else {
    if (!needImage(error, false)) return std::nullopt;
    img = from == CoordSystem::Physical ? image_->physicalToImage(p) : p;
  }
  return to == CoordSystem::Physical ? image_->imageToPhysical(img) : img;
}

std::optional<double> CoordinateMapper::length(double v, CoordSystem from, CoordSystem to,
                                               int axis, QString* error) const {
  if (from == to) return v;
  const bool skyFrom = isSkySystem(from), skyTo = isSkySystem(to);
  if (skyFrom && skyTo) return v;
  if (!needImage(error, skyFrom || skyTo)) return std::nullopt;
  const double ltm = std::abs(axis == 0 ? image_->physical().ltm1 : image_->physical().ltm2);
  // To image pixels first.
  double imagePixels = v;
  if (skyFrom) {
    if (image_->degreesPerPixel() <= 0) {
      setError(error, QStringLiteral("the reference image has no pixel scale"));
      return std::nullopt;
    }
    imagePixels = v / image_->degreesPerPixel();
  } else if (from == CoordSystem::Physical) {
    imagePixels = v * ltm;
  }
  if (skyTo) return imagePixels * image_->degreesPerPixel();
  return to == CoordSystem::Physical ? imagePixels / ltm : imagePixels;
}

std::optional<double> CoordinateMapper::angle(double a, CoordSystem from, CoordSystem to,
                                              std::optional<wcs::SkyPoint> atIcrs,
                                              QString* error) const {
  if (from == to) return a;
  const bool skyFrom = isSkySystem(from), skyTo = isSkySystem(to);
  if (skyFrom && skyTo) {
    // With a reference image DS9 turns angles through the image (its orientation in each frame
    // at the image centre); without one, the frames' local rotation at the position is used.
    if (image_ != nullptr && image_->hasWcs()) {
      return image_->imageAngleToSky(image_->skyAngleToImage(a, from), to);
    }
    if (!atIcrs) {
      setError(error, QStringLiteral("no sky position to turn the angle at"));
      return std::nullopt;
    }
    return a - frameRotationDeg(*atIcrs, from, fk4Epoch()) + frameRotationDeg(*atIcrs, to, fk4Epoch());
  }
  if (!skyFrom && !skyTo) return a;  // image <-> physical: same axes
  if (!needImage(error, true)) return std::nullopt;
  if (skyFrom) return image_->skyAngleToImage(a, from);
  return image_->imageAngleToSky(a, to);
}

}  // namespace xsky::regions
