#pragma once
// Photoelectric absorption cross-section of Morrison & McCammon (1983, ApJ 270, 119), XSPEC's
// "wabs": the published piecewise-quadratic fit of Table 2, per hydrogen atom, for the abundances
// of Anders & Ebihara (1982).

namespace xsky::spectral {

/// sigma(E) [cm^2 per H atom] at energy E [keV]: Table 2's (c0 + c1 E + c2 E^2) E^-3 x 1e-24
/// inside 0.03-10 keV; outside, sigma E^3 is held at its value at the nearest end.
double wabsCrossSection(double energyKeV);

/// Transmission exp(-nH sigma(E)) for nH in units of 1e22 atoms cm^-2.
double wabsTransmission(double nH22, double energyKeV);

}  // namespace xsky::spectral
