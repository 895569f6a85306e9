#pragma once
// Fitting a model to one or more spectra (joint: one model, every parameter shared): the
// statistic as a function of the parameters, the Levenberg-Marquardt fit and covariance errors.
// Covariance errors are sqrt(diag(C)), C = (H / 2)^-1 with H the full numerical Hessian of the
// statistic at the best fit (central differences), as Sherpa's "covar" defines them.
// Runs on the calling thread; nothing here is shared, so separate fits may run in parallel.

#include <QString>
#include <vector>

#include "spectral/FitStatistic.h"
#include "spectral/ModelExpression.h"
#include "spectral/SpectralData.h"

namespace xsky::spectral {

struct FitConfig {
  StatisticKind statistic = StatisticKind::Chi2Gehrels;
  bool subtractBackground = false;  // chi-square statistics only
};

class FitProblem {
 public:
  /// Throws xsky::Error for combinations that make no sense (wstat without a background,
  /// subtraction with a likelihood statistic, a spectrum without response).
  FitProblem(std::vector<const SpectralData*> data, const Model* model, FitConfig config);

  /// Statistic at these values of all parameters (frozen ones included).
  double statistic(const std::vector<double>& values) const;
  void residuals(const std::vector<double>& values, std::vector<double>* out) const;
  int pointCount() const;
  const FitConfig& config() const { return config_; }
  /// Sum of (subtracted) counts and of predicted counts over the noticed groups.
  void totals(const std::vector<double>& values, double* data, double* model) const;

 private:
  std::vector<const SpectralData*> data_;
  const Model* model_;
  FitConfig config_;
};

struct FitResult {
  double statistic = 0.0;
  int points = 0;
  int dof = 0;
  bool converged = false;
  int iterations = 0;
  std::vector<double> errors;  // 1-sigma covariance errors per parameter; 0 for frozen ones
  std::vector<bool> atBound;   // free parameters ending at a hard limit
};

/// Fits the free parameters of `model` (their values are updated in place, also when the fit
/// does not converge). When `scaleNorms`, free `norm` parameters are first rescaled together so
/// that the model predicts the observed total counts.
FitResult fitModel(const FitProblem& problem, Model* model, bool scaleNorms = true);
/// The statistic at the model's current values (no fit; no errors).
FitResult evaluateModel(const FitProblem& problem, const Model& model);
/// Covariance errors of the free parameters at the model's current values (NaN when the
/// Hessian cannot be inverted).
std::vector<double> covarianceErrors(const FitProblem& problem, const Model& model);

}  // namespace xsky::spectral
