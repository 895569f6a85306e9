#pragma once
// Fitting a model to one or more spectra: the statistic as a function of the fitted parameters,
// the fit and covariance errors. With several data sets one model applies to all; a
// ParameterMap (JointParameters.h) says which fitted value each data set's model parameters
// take (ties, untied copies, links); without one, every data set uses the model's parameters.
// Chi-square statistics are minimised by Levenberg-Marquardt. The likelihoods (cstat, wstat)
// are minimised by Levenberg-Marquardt on the signed deviance residuals, then checked by
// Nelder-Mead simplex restarts from the best point, each improvement polished again by
// Levenberg-Marquardt, until a restart no longer lowers the statistic (as XSPEC's and Sherpa's
// users do by hand with `fit` repeated or `neldermead` after `levmar`). A fit that runs out of
// iterations is reported with converged = false and its last parameters kept.
// Covariance errors are sqrt(diag(C)), C = (H / 2)^-1 with H the full numerical Hessian of the
// statistic at the best fit (central differences), as Sherpa's "covar" defines them.
// Runs on the calling thread; nothing here is shared, so separate fits may run in parallel.

#include <QString>
#include <memory>
#include <vector>

#include "spectral/FitStatistic.h"
#include "spectral/JointParameters.h"
#include "spectral/ModelExpression.h"
#include "spectral/SpectralData.h"

namespace xsky::spectral {

/// Counts that stand in for a data set's own (simulated spectra), per channel as COUNTS holds
/// them.
struct ChannelCounts {
  std::vector<double> source;
  std::vector<double> background;  // empty: the data set's own background
};

struct FitConfig {
  StatisticKind statistic = StatisticKind::Chi2Gehrels;
  bool subtractBackground = false;  // chi-square statistics only
};

class FitProblem {
 public:
  /// Throws xsky::Error for combinations that make no sense (wstat without a background,
  /// subtraction with a likelihood statistic, a spectrum without response, a map whose size
  /// does not match the data sets and the model).
  FitProblem(std::vector<const SpectralData*> data, const Model* model, FitConfig config,
             ParameterMap map = {});

  /// Statistic at these values of all fitted parameters (frozen ones included), numbered as
  /// the map numbers them (without a map: the model's parameters).
  double statistic(const std::vector<double>& values) const;
  void residuals(const std::vector<double>& values, std::vector<double>* out) const;
  /// residuals() and statistic() of several points at once (one pass over each response).
  void residualsBatch(const std::vector<std::vector<double>>& values, std::vector<std::vector<double>>* out) const;
  std::vector<double> statisticBatch(const std::vector<std::vector<double>>& values) const;
  int pointCount() const;
  int dataSetCount() const { return int(data_.size()); }
  const FitConfig& config() const { return config_; }
  const Model& model() const { return *model_; }
  /// The model's parameter values for data set d (0-based) given the fitted values.
  std::vector<double> modelValues(int d, const std::vector<double>& values) const;
  /// Sum of (subtracted) counts and of predicted counts over the noticed groups.
  void totals(const std::vector<double>& values, double* data, double* model) const;
  const SpectralData& data(int d) const { return *data_[size_t(d)]; }
  /// The same problem (responses, groups, filters, model, map) on other counts, one entry per
  /// data set with as many channels as its spectrum; throws xsky::Error when they do not match.
  FitProblem withCounts(std::vector<ChannelCounts> counts) const;

 private:
  const std::vector<double>& sourceCounts(size_t d) const;
  const std::vector<double>* backgroundCounts(size_t d) const;

  template <typename Visit>
  void forEachGroup(const std::vector<double>& values, bool needBackground, Visit visit) const;

  std::vector<const SpectralData*> data_;
  const Model* model_;
  FitConfig config_;
  ParameterMap map_;
  std::shared_ptr<const std::vector<ChannelCounts>> counts_;  // null: the data's own
};

struct FitOptions {
  /// Free `norm` parameters are first rescaled together so that the model predicts the
  /// observed total counts.
  bool scaleNorms = true;
  int maxIterations = 500;    // Levenberg-Marquardt iterations per run
  bool computeErrors = true;  // covariance errors at the end
  int maxRestarts = 10;       // Nelder-Mead restarts for the likelihoods (0: none)
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

/// Fits the free parameters in `params` (the fitted vector as the problem's map numbers it);
/// their values are updated in place, also when the fit does not converge.
FitResult fitParameters(const FitProblem& problem, std::vector<Parameter>* params,
                        const FitOptions& options = {});
/// The statistic at these values (no fit; no errors).
FitResult evaluateParameters(const FitProblem& problem, const std::vector<Parameter>& params);
/// Covariance matrix (row-major, free parameters in order) at these values; false when the
/// Hessian cannot be inverted.
bool covarianceMatrix(const FitProblem& problem, const std::vector<Parameter>& params,
                      std::vector<double>* covariance);
/// 1-sigma covariance errors of the free parameters (NaN when the Hessian cannot be inverted).
std::vector<double> covarianceErrors(const FitProblem& problem,
                                     const std::vector<Parameter>& params);

/// The same for a problem without a map, on the model's own parameters.
FitResult fitModel(const FitProblem& problem, Model* model, bool scaleNorms = true);
FitResult evaluateModel(const FitProblem& problem, const Model& model);
std::vector<double> covarianceErrors(const FitProblem& problem, const Model& model);

/// Indices of the parameters that are not frozen.
std::vector<int> freeIndices(const std::vector<Parameter>& params);
std::vector<double> parameterValues(const std::vector<Parameter>& params);

}  // namespace xsky::spectral
