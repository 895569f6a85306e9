#include "timing/EventBinning.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsError.h"

namespace xsky::timing {

LightCurveBand binEvents(std::span<const double> sortedTimes, const events::GtiList& gti,
                         double binWidth, double minFracExp) {
  if (!(binWidth > 0)) throw Error(QStringLiteral("the time bin must be > 0 s"));
  if (sortedTimes.empty()) throw Error(QStringLiteral("no events to bin"));
  const double t0 = gti.empty() ? sortedTimes.front() : gti.start();
  const double t1 = gti.empty() ? sortedTimes.back() : gti.stop();
  const double nb = std::max(1.0, std::ceil((t1 - t0) / binWidth));
  if (nb > 1e8) throw Error(QStringLiteral("%1 bins: choose a longer time bin").arg(nb, 0, 'g', 3));
  const size_t n = static_cast<size_t>(nb);
  std::vector<double> counts(n, 0.0), exposure(n, gti.empty() ? binWidth : 0.0);
  for (double t : sortedTimes) {
    if (t < t0 || t > t1 || (!gti.empty() && !gti.contains(t))) continue;
    counts[std::min(n - 1, static_cast<size_t>((t - t0) / binWidth))] += 1.0;
  }
  for (const events::TimeInterval& iv : gti.intervals()) {
    const size_t first = static_cast<size_t>(std::max(0.0, (iv.start - t0) / binWidth));
    for (size_t b = first; b < n; ++b) {
      const double a = t0 + static_cast<double>(b) * binWidth, z = a + binWidth;
      if (a >= iv.stop) break;
      exposure[b] += std::max(0.0, std::min(z, iv.stop) - std::max(a, iv.start));
    }
  }
  LightCurveBand band;
  band.name = QStringLiteral("events");
  band.poissonErrors = true;
  for (size_t b = 0; b < n; ++b) {
    const double f = exposure[b] / binWidth;
    if (f < minFracExp || !(exposure[b] > 0)) continue;
    band.start.push_back(t0 + static_cast<double>(b) * binWidth);
    band.width.push_back(binWidth);
    band.fracExp.push_back(f);
    band.counts.push_back(counts[b]);
    band.rate.push_back(counts[b] / exposure[b]);
    band.error.push_back(std::sqrt(std::max(counts[b], 1.0)) / exposure[b]);
  }
  if (band.rate.empty()) throw Error(QStringLiteral("no time bin is exposed"));
  return band;
}

}  // namespace xsky::timing
