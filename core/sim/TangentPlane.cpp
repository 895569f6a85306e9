#include "sim/TangentPlane.h"

#include <cmath>
#include <numbers>

namespace xsky::sim {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kArcsecPerRad = 180.0 * 3600.0 / std::numbers::pi;
}  // namespace

Plane toStandard(double ra0, double dec0, double ra, double dec) {
  const double a = (ra - ra0) * kDeg, d = dec * kDeg, d0 = dec0 * kDeg;
  const double denom = std::sin(d) * std::sin(d0) + std::cos(d) * std::cos(d0) * std::cos(a);
  const double xi = std::cos(d) * std::sin(a) / denom;
  const double eta =
      (std::sin(d) * std::cos(d0) - std::cos(d) * std::sin(d0) * std::cos(a)) / denom;
  return {xi * kArcsecPerRad, eta * kArcsecPerRad};
}

void fromStandard(double ra0, double dec0, const Plane& standard, double* ra, double* dec) {
  const double xi = standard.x / kArcsecPerRad, eta = standard.y / kArcsecPerRad;
  const double d0 = dec0 * kDeg;
  const double across = std::cos(d0) - eta * std::sin(d0);
  double r = ra0 + std::atan2(xi, across) / kDeg;
  r = std::fmod(r, 360.0);
  if (r < 0) r += 360.0;
  *ra = r;
  *dec = std::atan2(std::sin(d0) + eta * std::cos(d0), std::hypot(xi, across)) / kDeg;
}

Rotation::Rotation(double angleDeg)
    : c_(std::cos(angleDeg * kDeg)), s_(std::sin(angleDeg * kDeg)) {}

}  // namespace xsky::sim
