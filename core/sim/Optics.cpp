#include "sim/Optics.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace xsky::sim {

double KingProfile::encircled(double r) const {
  const double x = r / coreRadiusArcsec;
  return 1.0 - std::pow(1.0 + x * x, 1.0 - beta);
}

double KingProfile::radiusEnclosing(double u) const {
  // Inverts encircled(): (1 + x^2)^(1 - beta) = 1 - u.
  const double x2 = std::pow(1.0 - u, 1.0 / (1.0 - beta)) - 1.0;
  return coreRadiusArcsec * std::sqrt(std::max(0.0, x2));
}

double KingProfile::density(double r) const {
  const double x = r / coreRadiusArcsec;
  return (beta - 1.0) / (std::numbers::pi * coreRadiusArcsec * coreRadiusArcsec) *
         std::pow(1.0 + x * x, -beta);
}

KingProfile psfOf(Camera camera) {
  switch (camera) {
    case Camera::Pn:
      return {5.5, 1.6};
    case Camera::Mos1:
      return {5.0, 1.5};
    case Camera::Mos2:
      break;
  }
  return {5.2, 1.52};
}

double vignetting(double offAxisArcmin) {
  const double t = offAxisArcmin / kVignettingScaleArcmin;
  return 1.0 / (1.0 + t * t);
}

QJsonObject psfJson(Camera camera) {
  const KingProfile k = psfOf(camera);
  return QJsonObject{{QStringLiteral("model"), QStringLiteral("king")},
                     {QStringLiteral("core_radius_arcsec"), k.coreRadiusArcsec},
                     {QStringLiteral("beta"), k.beta},
                     {QStringLiteral("surface_brightness"), QStringLiteral("(1 + (r/rc)^2)^-beta")},
                     {QStringLiteral("eef"), QStringLiteral("1 - (1 + (r/rc)^2)^(1 - beta)")},
                     {QStringLiteral("energy_dependent"), false},
                     {QStringLiteral("off_axis_dependent"), false}};
}

QJsonObject vignettingJson() {
  return QJsonObject{{QStringLiteral("formula"), QStringLiteral("1 / (1 + (theta/theta0)^2)")},
                     {QStringLiteral("theta0_arcmin"), kVignettingScaleArcmin},
                     {QStringLiteral("energy_dependent"), false},
                     {QStringLiteral("applies_to"),
                      QStringLiteral("sources and cosmic X-ray background, evaluated at the "
                                     "source position; not the particle background")}};
}

}  // namespace xsky::sim
