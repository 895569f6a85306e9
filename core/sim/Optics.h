#pragma once
// Point-spread function and vignetting of the simulated telescope (energy-independent).
//
// PSF: a King profile, surface brightness proportional to (1 + (r/rc)^2)^-beta, whose encircled
// energy fraction is EEF(r) = 1 - (1 + (r/rc)^2)^(1 - beta) (beta > 1). The same functional form
// samples the beta-model of extended sources (beta_King = 3 beta_model - 1/2).
// Vignetting: V(theta) = 1 / (1 + (theta / 14')^2), theta the off-axis angle (V(10') = 0.66,
// V(15') = 0.47); it scales source and cosmic-background rates, not the particle background.

#include <QJsonObject>

#include "sim/Camera.h"
#include "sim/Random.h"

namespace xsky::sim {

struct KingProfile {
  double coreRadiusArcsec = 5.0;
  double beta = 1.5;

  /// Fraction of the counts within radius r (arcsec).
  double encircled(double radiusArcsec) const;
  /// Radius (arcsec) enclosing the fraction u in [0, 1).
  double radiusEnclosing(double u) const;
  /// A random radius (arcsec) drawn from the profile.
  double sampleRadius(Rng& rng) const { return radiusEnclosing(rng.uniform()); }
  /// Surface density at radius r, per arcsec^2 (integrates to 1 over the plane).
  double density(double radiusArcsec) const;
};

/// The PSF of each camera: pn rc = 5.5", beta = 1.6; MOS1 5.0", 1.5; MOS2 5.2", 1.52.
KingProfile psfOf(Camera camera);

inline constexpr double kVignettingScaleArcmin = 14.0;
/// Vignetting factor at this off-axis angle (arcmin), 1 on axis.
double vignetting(double offAxisArcmin);

QJsonObject psfJson(Camera camera);
QJsonObject vignettingJson();

}  // namespace xsky::sim
