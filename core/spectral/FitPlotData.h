#pragma once
// What the fit plots show, per noticed group of one data set: the data as counts/s/keV with its
// error, the folded model and each additive component (the model with the other components'
// norms at 0), the residual (data - model) / error and the ratio data / model. Energies are the
// groups' centres and half-widths from EBOUNDS, keV. Errors are sqrt(N) (at least 1 count).

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

/// `values` are the model's parameter values for this data set. With subtractBackground the
/// scaled background is taken off the data (chi-square fits that subtract it).
FoldedPlot foldedPlot(const SpectralData& data, const Model& model, std::span<const double> values,
                      bool subtractBackground = false);

}  // namespace xsky::spectral
