#pragma once
// Draws true photon energies from a count spectrum tabulated on the analytic response's energy
// grid (AnalyticResponse::energyLo/Hi), and folds them through the camera's energy resolution.
// Rates come from the midpoint rule: counts/s in bin i = weight(centre_i) * 5 eV.

#include <functional>
#include <vector>

#include "sim/AnalyticResponse.h"
#include "sim/Random.h"
#include "sim/Spectra.h"

namespace xsky::sim {

class EnergySampler {
 public:
  EnergySampler() = default;
  /// Counts/s in each bin of the energy grid (AnalyticResponse::kGridBins values, >= 0).
  explicit EnergySampler(const std::vector<double>& binRates);
  /// Bin rates of a density (counts/s/keV, evaluated at each bin centre) by the midpoint rule.
  static std::vector<double> binRates(const std::function<double(double)>& weightPerKeV);
  /// A source spectrum folded through the on-axis effective area: counts/s/keV.
  static EnergySampler forSpectrum(const Spectrum& spectrum, const AnalyticResponse& response);

  /// Total rate over the grid, counts/s.
  double rate() const { return total_; }
  /// A random true energy in keV (bin by weight, then uniform within the bin).
  double sampleEnergy(Rng& rng, int* bin) const;

 private:
  std::vector<double> cumulative_;  // running sums of the bin rates
  double total_ = 0;
};

/// Folds a true energy through a camera's resolution: returns PI in eV (floor of the measured
/// energy), redrawing negative measured energies. sigmaKeV is the resolution at the bin centre.
int measuredPi(double trueEnergyKeV, double sigmaKeV, Rng& rng);

/// Resolution sigma (keV) at the centre of every energy-grid bin of a camera.
std::vector<double> sigmaTable(const AnalyticResponse& response);

}  // namespace xsky::sim
