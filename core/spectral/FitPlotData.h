#pragma once
// What the fit plots show, per noticed group of one data set: the data as counts/s/keV with its
// error, the folded model and each additive component (the model with the other components'
// norms at 0), the residual (data - model) / error and the ratio data / model. Energies are the
// groups' centres and half-widths from EBOUNDS, keV. Errors are sqrt(N) (at least 1 count).
// The unfolded plot is XSPEC's `eeufspec` (E^2 f(E), keV^2 photons cm^-2 s^-1 keV^-1): per group,
// the model's mean photon flux over the group's energies [E_lo, E_hi] (its integral over the
// group divided by the width) times E_lo E_hi (XSPEC's E^2 weight, exact for a power law of
// index 2: flat at its norm); the data unfolded through the model, data x unfolded model /
// folded model, with the data's error scaled alike. The unfolded data depend on the model.

#include <QStringList>

#include <span>
#include <vector>

#include "spectral/ModelExpression.h"
#include "spectral/SpectralData.h"

namespace xsky::spectral {

struct FoldedPlot {
  std::vector<double> energy, halfWidth;  // keV
  std::vector<double> rate, rateError;    // counts/s/keV
  std::vector<double> model;              // counts/s/keV
  std::vector<double> residual, ratio;
  QStringList componentNames;
  std::vector<std::vector<double>> components;  // counts/s/keV, one per additive component
};

struct UnfoldedPlot {
  std::vector<double> energy, halfWidth;  // keV, as FoldedPlot's
  std::vector<double> data, dataError;    // keV^2 photons cm^-2 s^-1 keV^-1 (NaN: model 0)
  std::vector<double> model;              // the same units
  QStringList componentNames;
  std::vector<std::vector<double>> components;  // one per additive component (when several)
};

/// `values` are the model's parameter values for this data set. With subtractBackground the
/// scaled background is taken off the data (chi-square fits that subtract it).
FoldedPlot foldedPlot(const SpectralData& data, const Model& model, std::span<const double> values,
                      bool subtractBackground = false);

/// The same groups unfolded as E^2 f(E) (XSPEC's eeufspec); `folded` is foldedPlot() of the same
/// data, model and values.
UnfoldedPlot unfoldedPlot(const FoldedPlot& folded, const Model& model,
                          std::span<const double> values);

}  // namespace xsky::spectral
