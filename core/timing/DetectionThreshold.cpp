#include "timing/DetectionThreshold.h"

#include <cmath>

#include "fits/FitsError.h"

namespace xsky::timing {

double detectionThreshold(PeriodogramMethod method, int harmonics, long long trials, double fap) {
  if (!(fap > 0 && fap < 1))
    throw Error(QStringLiteral("the false-alarm probability must lie in (0, 1) (got %1)").arg(fap));
  if (trials < 1) throw Error(QStringLiteral("the number of trials must be >= 1"));
  const double p1 = -std::expm1(std::log1p(-fap) / static_cast<double>(trials));
  double lo = 0, hi = 1;
  while (singleTrialFap(method, hi, harmonics) > p1 && hi < 1e7) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (singleTrialFap(method, mid, harmonics) > p1)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace xsky::timing
