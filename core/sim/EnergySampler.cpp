#include "sim/EnergySampler.h"

#include <algorithm>
#include <cmath>

namespace xsky::sim {

EnergySampler::EnergySampler(const std::vector<double>& binRates) {
  cumulative_.reserve(binRates.size());
  for (double r : binRates) {
    total_ += std::max(0.0, r);
    cumulative_.push_back(total_);
  }
}

std::vector<double> EnergySampler::binRates(const std::function<double(double)>& weightPerKeV) {
  constexpr double width = AnalyticResponse::kGridStepEv * 1e-3;
  std::vector<double> rates;
  rates.reserve(AnalyticResponse::kGridBins);
  for (int i = 0; i < AnalyticResponse::kGridBins; ++i) {
    rates.push_back(weightPerKeV(AnalyticResponse::energyCentre(i)) * width);
  }
  return rates;
}

EnergySampler EnergySampler::forSpectrum(const Spectrum& spectrum,
                                         const AnalyticResponse& response) {
  return EnergySampler(
      binRates([&](double e) { return spectrum.photonFlux(e) * response.effectiveArea(e); }));
}

double EnergySampler::sampleEnergy(Rng& rng, int* bin) const {
  const double target = rng.uniform() * total_;
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  if (it == cumulative_.end()) --it;  // target == total_ only through rounding
  const int i = static_cast<int>(it - cumulative_.begin());
  *bin = i;
  return AnalyticResponse::energyLo(i) + rng.uniform() * AnalyticResponse::kGridStepEv * 1e-3;
}

int measuredPi(double trueEnergyKeV, double sigmaKeV, Rng& rng) {
  double measured = -1;
  while (measured < 0) measured = trueEnergyKeV + sigmaKeV * rng.normal();
  return static_cast<int>(std::min(32767.0, std::floor(measured * 1000.0)));
}

std::vector<double> sigmaTable(const AnalyticResponse& response) {
  std::vector<double> s;
  s.reserve(AnalyticResponse::kGridBins);
  for (int i = 0; i < AnalyticResponse::kGridBins; ++i) {
    s.push_back(response.sigma(AnalyticResponse::energyCentre(i)));
  }
  return s;
}

}  // namespace xsky::sim
