#pragma once
// The documented analytic response of each EPIC camera, used both to fold the simulated photons
// and to write the RMF/ARF files, so that a fit with those files recovers the injected spectra.
//
// Effective area on axis (cm^2, E in keV), a mirror-like roll-off times a filter/QE low-energy
// cut-off, with the Si K (1.839 keV) and Au M (2.206 keV) edges as steps:
//   A(E) = peak exp(-(cut/E)^p) / (1 + (E/roll)^q) * (E >= 1.839 ? si : 1) * (E >= 2.206 ? au : 1)
//   pn:  peak 1300, cut 0.28, p 2.0, roll 8.0, q 4.3, si 0.97, au 0.88
//   MOS: peak  505, cut 0.36, p 1.9, roll 7.4, q 5.7, si 0.86, au 0.90
// (pn peaks near 1250 cm^2 at 1.5-1.8 keV, MOS near 470 cm^2.)
// Energy resolution: Gaussian, FWHM(E) = sqrt(a + b E) eV with pn a=7500, b=2500 (100 eV at
// 1 keV, 150 eV at 6 keV) and MOS a=2500, b=2400 (70 eV at 1 keV, 130 eV at 6 keV).
// Measured energy = true energy + Gaussian(sigma at the centre of the true energy's 5 eV bin),
// redrawn when negative; PI = floor(measured energy / 1 eV).
// Energy grid: 0.1-15 keV in 2980 bins of 5 eV (photons are simulated on this range only).
// Channels (as SAS bins spectra): pn 4096 channels of 5 eV (channel = PI/5, 0-20.475 keV),
// MOS 800 channels of 15 eV (channel = PI/15, 0-12 keV). The RMF keeps values above 1e-7 within
// +-6 sigma; each row is the exact Gaussian mass per channel divided by P(measured energy >= 0).

#include <vector>

#include <QJsonObject>

#include "products/ResponseWriter.h"
#include "sim/Camera.h"

namespace xsky::sim {

class AnalyticResponse {
 public:
  static constexpr double kGridMinKeV = 0.1;
  static constexpr double kGridMaxKeV = 15.0;
  static constexpr int kGridStepEv = 5;
  static constexpr int kGridBins = 2980;  // (15.0 - 0.1) keV / 5 eV

  explicit AnalyticResponse(Camera camera) : camera_(camera) {}

  Camera camera() const { return camera_; }
  /// Bin i of the energy grid, keV.
  static double energyLo(int i) { return (100 + kGridStepEv * i) * 1e-3; }
  static double energyHi(int i) { return (100 + kGridStepEv * (i + 1)) * 1e-3; }
  static double energyCentre(int i) { return (100 + kGridStepEv * i + 0.5 * kGridStepEv) * 1e-3; }

  /// On-axis effective area, cm^2.
  double effectiveArea(double energyKeV) const;
  /// Energy resolution FWHM and Gaussian sigma, keV.
  double fwhm(double energyKeV) const;
  double sigma(double energyKeV) const { return fwhm(energyKeV) / 2.3548200450309493; }
  /// Spectral channel width (eV) and count: pn 5 eV x 4096, MOS 15 eV x 800.
  int channelWidthEv() const { return isMos(camera_) ? 15 : 5; }
  int channelCount() const { return isMos(camera_) ? 800 : 4096; }

  products::EnergyGrid energyGrid() const;
  products::ChannelGrid channelGrid() const;
  /// The redistribution matrix on energyGrid() x channelGrid().
  products::RedistributionMatrix matrix() const;
  /// effectiveArea() at every bin centre of energyGrid(), cm^2.
  std::vector<double> arf() const;
  /// The model's formulas and parameters, for truth.json.
  QJsonObject toJson() const;

 private:
  Camera camera_;
};

}  // namespace xsky::sim
