#include "timing/LongTermLightCurve.h"

#include <cmath>
#include <limits>

#include "fits/FitsError.h"
#include "products/Extraction.h"
#include "timing/PoissonLimits.h"

namespace xsky::timing {

ObservationCounts observationFromExtraction(const products::ExtractionResult& r, double time) {
  ObservationCounts o;
  o.label = r.obsId + QLatin1Char(' ') + r.instrument;
  o.time = time;
  o.sourceCounts = static_cast<double>(r.sourceCounts);
  o.sourceExposureS = r.sourceExposureS;
  o.sourceBackscal = r.sourceBackscal;
  if (r.hasBackground) {
    o.backgroundCounts = static_cast<double>(r.backgroundCounts);
    o.backgroundExposureS = r.backgroundExposureS;
    o.backgroundBackscal = r.backgroundBackscal;
  }
  return o;
}

namespace {

LongTermPoint point(const ObservationCounts& o, const LongTermOptions& opt) {
  if (!(o.sourceExposureS > 0))
    throw Error(QStringLiteral("observation %1 has no source exposure").arg(o.label));
  if (o.sourceCounts < 0 || o.backgroundCounts < 0)
    throw Error(QStringLiteral("observation %1 has negative counts").arg(o.label));
  double scale = 0;
  if (o.backgroundBackscal > 0) {
    const double tb = o.backgroundExposureS > 0 ? o.backgroundExposureS : o.sourceExposureS;
    scale = (o.sourceBackscal / o.backgroundBackscal) * (o.sourceExposureS / tb);
  }
  LongTermPoint p;
  p.label = o.label;
  p.time = o.time;
  p.backgroundCounts = scale * o.backgroundCounts;
  p.detectionFap = poissonTailAtLeast(o.sourceCounts, p.backgroundCounts);
  p.detected = p.detectionFap < opt.detectionFap;
  if (p.detected) {
    const NetRate n = netRate(o.sourceCounts, o.backgroundCounts, scale, o.sourceExposureS);
    p.rate = n.rate;
    p.errorLow = n.errorLow;
    p.errorHigh = n.errorHigh;
  } else {
    p.rate = kbnInterval(o.sourceCounts, p.backgroundCounts, opt.upperLimitLevel).upper /
             o.sourceExposureS;
  }
  return p;
}

}  // namespace

LongTermLightCurve longTermLightCurve(const std::vector<ObservationCounts>& observations,
                                      const LongTermOptions& options) {
  LongTermLightCurve lc;
  for (const ObservationCounts& o : observations) lc.points.push_back(point(o, options));
  LongTermVariability& v = lc.variability;
  v.ratio = std::numeric_limits<double>::quiet_NaN();
  for (size_t i = 0; i < lc.points.size(); ++i) {
    const LongTermPoint& p = lc.points[i];
    if (p.detected && (v.maxIndex < 0 || p.rate > lc.points[size_t(v.maxIndex)].rate))
      v.maxIndex = int(i);
  }
  if (v.maxIndex < 0) {
    v.note = QStringLiteral("the source is detected in no observation");
    return lc;
  }
  for (size_t i = 0; i < lc.points.size(); ++i) {
    if (int(i) == v.maxIndex) continue;
    if (v.minIndex < 0 || lc.points[i].rate < lc.points[size_t(v.minIndex)].rate)
      v.minIndex = int(i);
  }
  if (v.minIndex < 0) {
    v.note = QStringLiteral("one observation only");
    return lc;
  }
  const LongTermPoint& hi = lc.points[size_t(v.maxIndex)];
  const LongTermPoint& lo = lc.points[size_t(v.minIndex)];
  v.ratioIsLowerLimit = !lo.detected;
  v.ratio = lo.rate > 0 ? hi.rate / lo.rate : std::numeric_limits<double>::infinity();
  const double sigma = lo.detected ? std::hypot(hi.errorLow, lo.errorHigh) : hi.errorLow;
  v.significance = sigma > 0 ? (hi.rate - lo.rate) / sigma : 0.0;
  v.flagged = v.ratio >= options.ratioThreshold && v.significance >= options.significanceThreshold;
  return lc;
}

}  // namespace xsky::timing
