#pragma once
// Source spectra of the demo sky, with XSPEC's definitions so that a fit with the same model
// expression recovers the injected parameters:
//   wabs      exp(-nH * sigma_MM83(E)), nH in 1e22 cm^-2, sigma from Morrison & McCammon (1983)
//             Table 2 (E^-3 continuations below 0.03 keV and above 10 keV, as XSPEC does)
//   powerlaw  norm * E^-PhoIndex                              [ph/cm^2/s/keV at 1 keV]
//   bbodyrad  norm * 1.0344e-3 * E^2 / (exp(E/kT) - 1)         [norm = R_km^2 / D_10kpc^2]
// A Spectrum is wabs(nH) * (sum of components). Energies in keV, photon flux densities in
// photons/cm^2/s/keV, energy fluxes in erg/cm^2/s.

#include <vector>

#include <QJsonObject>
#include <QString>

namespace xsky::sim {

/// Photoelectric absorption cross-section per hydrogen atom (wabs), cm^2.
double wabsCrossSection(double energyKeV);

struct SpectralComponent {
  enum class Kind { PowerLaw, BlackbodyRad };
  Kind kind = Kind::PowerLaw;
  double photonIndex = 2.0;  // PowerLaw: PhoIndex
  double kT = 1.0;           // BlackbodyRad: temperature, keV
  double norm = 0;           // see the header comment

  /// Unabsorbed photon flux density at energyKeV, photons/cm^2/s/keV.
  double photonFlux(double energyKeV) const;
};

struct Spectrum {
  double nH = 0;  // 1e22 cm^-2
  std::vector<SpectralComponent> components;

  static Spectrum powerLaw(double nH, double photonIndex, double norm);
  static Spectrum blackbody(double nH, double kT, double norm);

  /// Absorbed photon flux density, photons/cm^2/s/keV.
  double photonFlux(double energyKeV) const;
  /// Energy flux in [lo, hi] keV, erg/cm^2/s, absorbed (observed) or not.
  double energyFlux(double loKeV, double hiKeV, bool absorbed) const;
  /// The XSPEC model expression ("wabs*powerlaw", "wabs*(powerlaw+powerlaw)", ...).
  QString expression() const;
  /// Model expression, parameters and fluxes for truth.json.
  QJsonObject toJson() const;
};

}  // namespace xsky::sim
