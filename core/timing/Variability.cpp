#include "timing/Variability.h"

#include <cmath>
#include <limits>
#include <vector>

#include "fits/FitsError.h"
#include "timing/IncompleteGamma.h"

namespace xsky::timing {

VariabilityStats variability(std::span<const double> rate, std::span<const double> error) {
  std::vector<double> x, s;
  for (size_t i = 0; i < rate.size() && i < error.size(); ++i) {
    if (std::isfinite(rate[i]) && std::isfinite(error[i]) && error[i] > 0) {
      x.push_back(rate[i]);
      s.push_back(error[i]);
    }
  }
  const int n = static_cast<int>(x.size());
  if (n < 2) {
    throw Error(QStringLiteral("variability needs at least two bins with a positive error (got %1)")
                    .arg(n));
  }
  VariabilityStats r;
  r.bins = n;
  double sw = 0, swx = 0, sum = 0, meanErr2 = 0;
  for (int i = 0; i < n; ++i) {
    const double w = 1.0 / (s[i] * s[i]);
    sw += w;
    swx += w * x[i];
    sum += x[i];
    meanErr2 += s[i] * s[i];
  }
  r.weightedMean = swx / sw;
  r.mean = sum / n;
  meanErr2 /= n;
  double chi2 = 0, var = 0;
  int iMax = 0, iMin = 0;
  for (int i = 0; i < n; ++i) {
    chi2 += (x[i] - r.weightedMean) * (x[i] - r.weightedMean) / (s[i] * s[i]);
    var += (x[i] - r.mean) * (x[i] - r.mean);
    if (x[i] > x[iMax]) iMax = i;
    if (x[i] < x[iMin]) iMin = i;
  }
  var /= (n - 1);  // sample variance S^2
  r.chiSquare = chi2;
  r.dof = n - 1;
  r.probability = chiSquareSurvival(chi2, r.dof);

  // Vaughan et al. 2003 eq. 10: Fvar = sqrt((S^2 - <sigma_err^2>) / xbar^2); eq. B2 for its error.
  const double excess = var - meanErr2;
  if (r.mean != 0 && excess > 0) {
    r.fvar = std::sqrt(excess / (r.mean * r.mean));
    const double a = std::sqrt(1.0 / (2.0 * n)) * meanErr2 / (r.mean * r.mean * r.fvar);
    const double b = std::sqrt(meanErr2 / n) / r.mean;
    r.fvarError = std::sqrt(a * a + b * b);
  } else {
    r.fvar = std::numeric_limits<double>::quiet_NaN();
    r.fvarError = std::numeric_limits<double>::quiet_NaN();
    r.note = QStringLiteral(
        "Fvar undefined: the sample variance does not exceed the mean squared "
        "error (no detectable intrinsic variability)");
  }
  r.maxRate = x[iMax];
  r.maxError = s[iMax];
  r.minRate = x[iMin];
  r.minError = s[iMin];
  r.maxMinRatio = r.minRate > 0 ? r.maxRate / r.minRate : std::numeric_limits<double>::infinity();
  r.maxMinSignificance =
      (r.maxRate - r.minRate) / std::sqrt(r.maxError * r.maxError + r.minError * r.minError);
  return r;
}

}  // namespace xsky::timing
