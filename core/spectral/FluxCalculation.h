#pragma once
// Model fluxes in an energy band: photon flux (photons cm^-2 s^-1), energy flux
// (erg cm^-2 s^-1, 1 keV = 1.602176634e-9 erg), absorbed and unabsorbed (every wabs, phabs and
// tbabs set to 1, as XSPEC users get with cflux outside the absorption). The model is integrated
// on its own fine logarithmic grid over the band (independent of the response's energy range):
// photon flux = sum of the model's bin integrals, energy flux = sum of bin integral x bin centre.
// Errors by simulation, as XSPEC's `flux err` and Sherpa's sample_flux do: parameter vectors are
// drawn from the multivariate normal of the covariance matrix (clipped to the hard limits) with
// a fixed seed, and the interval is the central `level` fraction of the fluxes drawn.

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "spectral/SpectralFit.h"

namespace xsky::spectral {

struct BandFlux {
  double lo = 0.0, hi = 0.0;  // keV
  double photonFlux = 0.0, energyFlux = 0.0;
  double unabsorbedPhotonFlux = 0.0, unabsorbedEnergyFlux = 0.0;
  // Absolute bounds of the simulated interval (NaN without errors).
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  double photonFluxLow = kNone, photonFluxHigh = kNone;
  double energyFluxLow = kNone, energyFluxHigh = kNone;
  double unabsorbedEnergyFluxLow = kNone, unabsorbedEnergyFluxHigh = kNone;
};

constexpr double kErgPerKeV = 1.602176634e-9;

/// True for the absorption components that the unabsorbed flux leaves out.
bool isAbsorptionComponent(const ComponentType& type);

/// Fluxes of `model` at these parameter values (one per model parameter), no errors.
BandFlux modelFlux(const Model& model, const std::vector<double>& values, double lo, double hi);

struct FluxErrorOptions {
  int draws = 1000;
  std::uint64_t seed = 20261123;
  double level = 0.90;
};

/// Fluxes of data set `dataSet` (0-based) at the fitted values `params` (as the problem numbers
/// them), with errors from `options.draws` draws of the covariance matrix. Without an invertible
/// Hessian the errors are NaN.
std::vector<BandFlux> fluxesWithErrors(const FitProblem& problem,
                                       const std::vector<Parameter>& params,
                                       const std::vector<std::pair<double, double>>& bands,
                                       int dataSet = 0, const FluxErrorOptions& options = {});

/// Lower triangle L (row-major) with L L^T = A; false when A is not positive definite.
bool cholesky(const std::vector<double>& a, int n, std::vector<double>* lower);

}  // namespace xsky::spectral
