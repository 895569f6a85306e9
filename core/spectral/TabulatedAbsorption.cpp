#include "spectral/TabulatedAbsorption.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

namespace xsky::spectral {

namespace {

struct CrossSectionPoint {
  double energy;  // keV
  double sigma;   // 1e-22 cm^2 per H atom
};

#include "spectral/AbsorptionTables.inc"

/// A table in log-log form, built once (thread-safe static initialisation).
class LogTable {
 public:
  explicit LogTable(std::span<const CrossSectionPoint> points) {
    logE_.reserve(points.size());
    logSigma_.reserve(points.size());
    for (const auto& p : points) {
      logE_.push_back(std::log(p.energy));
      logSigma_.push_back(std::log(p.sigma));
    }
    eMin_ = points.front().energy;
    eMax_ = points.back().energy;
    sigmaE3Min_ = points.front().sigma * eMin_ * eMin_ * eMin_;
    sigmaE3Max_ = points.back().sigma * eMax_ * eMax_ * eMax_;
  }

  /// sigma in 1e-22 cm^2.
  double operator()(double e) const {
    if (e <= eMin_) return sigmaE3Min_ / (e * e * e);
    if (e >= eMax_) return sigmaE3Max_ / (e * e * e);
    const double x = std::log(e);
    const auto upper = std::upper_bound(logE_.begin(), logE_.end(), x);
    const size_t k = size_t(upper - logE_.begin());  // 1 <= k < size
    const double t = (x - logE_[k - 1]) / (logE_[k] - logE_[k - 1]);
    return std::exp(logSigma_[k - 1] + t * (logSigma_[k] - logSigma_[k - 1]));
  }

 private:
  std::vector<double> logE_, logSigma_;
  double eMin_ = 0.0, eMax_ = 0.0, sigmaE3Min_ = 0.0, sigmaE3Max_ = 0.0;
};

const LogTable& table(AbsorptionTable which) {
  static const LogTable phabs{std::span<const CrossSectionPoint>(kPhabsAngr)};
  static const LogTable tbabs{std::span<const CrossSectionPoint>(kTbabsWilm)};
  return which == AbsorptionTable::PhabsAngr ? phabs : tbabs;
}

}  // namespace

double tabulatedCrossSection(AbsorptionTable which, double e) {
  if (!(e > 0.0)) return 0.0;
  return table(which)(e) * 1e-22;
}

double tabulatedTransmission(AbsorptionTable which, double nH22, double e) {
  if (!(e > 0.0)) return 1.0;
  return std::exp(-nH22 * table(which)(e));
}

}  // namespace xsky::spectral
