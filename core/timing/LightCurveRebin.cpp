#include "timing/LightCurveRebin.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsError.h"

namespace xsky::timing {

namespace {

// Accumulates old bins into one new bin.
struct Accumulator {
  double start = 0, stop = 0, exposure = 0, rateExposure = 0, var = 0, counts = 0;
  int bins = 0;
  void add(const LightCurveBand& b, size_t i) {
    const double e = b.width[i] * b.fracExp[i];
    if (bins == 0) start = b.start[i];
    stop = b.start[i] + b.width[i];
    exposure += e;
    rateExposure += b.rate[i] * e;
    var += (b.error[i] * e) * (b.error[i] * e);
    counts += b.counts[i];
    ++bins;
  }
  void flush(LightCurveBand* out, bool poisson) {
    if (bins == 0 || !(exposure > 0)) {
      *this = {};
      return;
    }
    out->start.push_back(start);
    out->width.push_back(stop - start);
    out->fracExp.push_back(std::min(1.0, exposure / (stop - start)));
    out->rate.push_back(rateExposure / exposure);
    out->error.push_back(poisson ? std::sqrt(std::max(counts, 1.0)) / exposure
                                 : std::sqrt(var) / exposure);
    out->counts.push_back(counts);
    *this = {};
  }
};

LightCurveBand emptyLike(const LightCurveBand& band) {
  LightCurveBand out;
  out.name = band.name;
  out.poissonErrors = band.poissonErrors;
  return out;
}

bool exposed(const LightCurveBand& b, size_t i) { return b.width[i] * b.fracExp[i] > 0; }

}  // namespace

LightCurveBand rebinByFactor(const LightCurveBand& band, int factor) {
  if (factor < 1) throw Error(QStringLiteral("the rebinning factor must be >= 1 (got %1)").arg(factor));
  LightCurveBand out = emptyLike(band);
  Accumulator acc;
  for (size_t i = 0; i < band.start.size(); ++i) {
    if (!exposed(band, i)) continue;
    const bool gap = acc.bins > 0 && band.start[i] - acc.stop > 0.5 * band.width[i];
    if (acc.bins == factor || gap) acc.flush(&out, band.poissonErrors);
    acc.add(band, i);
  }
  acc.flush(&out, band.poissonErrors);
  return out;
}

LightCurveBand rebinToWidth(const LightCurveBand& band, double widthS) {
  if (!(widthS > 0)) throw Error(QStringLiteral("the bin width must be positive (got %1 s)").arg(widthS));
  LightCurveBand out = emptyLike(band);
  if (band.start.empty()) return out;
  const double widest = *std::max_element(band.width.begin(), band.width.end());
  if (widthS < widest * (1 - 1e-9))
    throw Error(QStringLiteral("cannot rebin %1 s bins to a shorter %2 s: rebin the events instead")
                    .arg(widest)
                    .arg(widthS));
  const double t0 = band.start.front();
  const double span = band.start.back() + band.width.back() - t0;
  if (span / widthS > 1e8) throw Error(QStringLiteral("%1 s bins would be too many").arg(widthS));
  Accumulator acc;
  long long current = -1;
  for (size_t i = 0; i < band.start.size(); ++i) {
    if (!exposed(band, i)) continue;
    const auto k = static_cast<long long>(
        std::floor((band.start[i] + 0.5 * band.width[i] - t0) / widthS));
    if (k != current) acc.flush(&out, band.poissonErrors);
    current = k;
    acc.add(band, i);
  }
  acc.flush(&out, band.poissonErrors);
  // Report each new bin on its nominal grid: start at its grid edge, FRACEXP over the new width.
  for (size_t j = 0; j < out.start.size(); ++j) {
    const double k = std::floor((out.start[j] + 0.5 * out.width[j] - t0) / widthS);
    const double exposure = out.width[j] * out.fracExp[j];
    out.start[j] = t0 + k * widthS;
    out.width[j] = widthS;
    out.fracExp[j] = std::min(1.0, exposure / widthS);
  }
  return out;
}

LightCurveBand rebinMinCounts(const LightCurveBand& band, double minCounts) {
  if (!(minCounts > 0))
    throw Error(QStringLiteral("the minimum counts per bin must be positive (got %1)").arg(minCounts));
  double total = 0;
  for (size_t i = 0; i < band.counts.size(); ++i)
    if (exposed(band, i)) total += band.counts[i];
  if (total < minCounts)
    throw Error(QStringLiteral("the light curve holds %1 counts, fewer than %2 per bin")
                    .arg(total)
                    .arg(minCounts));
  LightCurveBand out = emptyLike(band);
  Accumulator acc;
  std::vector<size_t> group;
  std::vector<std::vector<size_t>> groups;
  double counts = 0;
  for (size_t i = 0; i < band.start.size(); ++i) {
    if (!exposed(band, i)) continue;
    group.push_back(i);
    counts += band.counts[i];
    if (counts >= minCounts) {
      groups.push_back(std::move(group));
      group.clear();
      counts = 0;
    }
  }
  if (!group.empty()) groups.back().insert(groups.back().end(), group.begin(), group.end());
  for (const std::vector<size_t>& g : groups) {
    for (size_t i : g) acc.add(band, i);
    acc.flush(&out, band.poissonErrors);
  }
  return out;
}

}  // namespace xsky::timing
