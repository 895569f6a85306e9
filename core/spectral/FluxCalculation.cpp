#include "spectral/FluxCalculation.h"

#include <QLatin1String>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace xsky::spectral {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kBinsPerBand = 2000;

/// Linear interpolation between order statistics (NumPy's default percentile).
double percentile(std::vector<double> v, double q) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double pos = q * double(v.size() - 1);
  const size_t i = size_t(std::floor(pos));
  const double t = pos - double(i);
  return i + 1 < v.size() ? v[i] * (1.0 - t) + v[i + 1] * t : v[i];
}

}  // namespace

bool isAbsorptionComponent(const ComponentType& type) {
  for (const char* name : {"wabs", "phabs", "tbabs", "zwabs", "zphabs", "ztbabs"}) {
    if (QLatin1String(type.name).compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
      return true;
  }
  return false;
}

BandFlux modelFlux(const Model& model, const std::vector<double>& values, double lo, double hi) {
  BandFlux flux;
  flux.lo = lo;
  flux.hi = hi;
  std::vector<double> edgesLo(kBinsPerBand), edgesHi(kBinsPerBand), out(kBinsPerBand);
  const double ratio = std::log(hi / lo) / kBinsPerBand;
  for (int i = 0; i < kBinsPerBand; ++i) {
    edgesLo[size_t(i)] = lo * std::exp(ratio * i);
    edgesHi[size_t(i)] = i + 1 == kBinsPerBand ? hi : lo * std::exp(ratio * (i + 1));
  }
  auto integrate = [&](double* photons, double* energy) {
    *photons = 0.0;
    *energy = 0.0;
    for (int i = 0; i < kBinsPerBand; ++i) {
      *photons += out[size_t(i)];
      *energy += out[size_t(i)] * 0.5 * (edgesLo[size_t(i)] + edgesHi[size_t(i)]);
    }
    *energy *= kErgPerKeV;
  };
  model.evaluate(values, edgesLo, edgesHi, out.data());
  integrate(&flux.photonFlux, &flux.energyFlux);
  model.evaluate(values, edgesLo, edgesHi, out.data(), isAbsorptionComponent);
  integrate(&flux.unabsorbedPhotonFlux, &flux.unabsorbedEnergyFlux);
  return flux;
}

bool cholesky(const std::vector<double>& a, int n, std::vector<double>* lower) {
  lower->assign(size_t(n * n), 0.0);
  auto& l = *lower;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j <= i; ++j) {
      double s = a[size_t(i * n + j)];
      for (int k = 0; k < j; ++k) s -= l[size_t(i * n + k)] * l[size_t(j * n + k)];
      if (i == j) {
        if (!(s > 0.0)) return false;
        l[size_t(i * n + i)] = std::sqrt(s);
      } else {
        l[size_t(i * n + j)] = s / l[size_t(j * n + j)];
      }
    }
  }
  return true;
}

std::vector<BandFlux> fluxesWithErrors(const FitProblem& problem,
                                       const std::vector<Parameter>& params,
                                       const std::vector<std::pair<double, double>>& bands,
                                       int dataSet, const FluxErrorOptions& options) {
  const std::vector<double> best = parameterValues(params);
  std::vector<BandFlux> out;
  for (const auto& [lo, hi] : bands) {
    out.push_back(modelFlux(problem.model(), problem.modelValues(dataSet, best), lo, hi));
  }
  const std::vector<int> free = freeIndices(params);
  const int n = int(free.size());
  std::vector<double> cov, l;
  if (n == 0 || options.draws < 2 || !covarianceMatrix(problem, params, &cov) ||
      !cholesky(cov, n, &l)) {
    return out;
  }
  std::mt19937_64 rng(options.seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::vector<double>> photon(bands.size()), energy(bands.size()),
      unabsorbed(bands.size());
  std::vector<double> z(static_cast<size_t>(n));
  for (int draw = 0; draw < options.draws; ++draw) {
    for (double& v : z) v = normal(rng);
    std::vector<double> values = best;
    for (int i = 0; i < n; ++i) {
      double dx = 0.0;
      for (int k = 0; k <= i; ++k) dx += l[size_t(i * n + k)] * z[size_t(k)];
      const Parameter& p = params[size_t(free[size_t(i)])];
      values[size_t(free[size_t(i)])] = std::clamp(p.value + dx, p.min, p.max);
    }
    const std::vector<double> modelValues = problem.modelValues(dataSet, values);
    for (size_t b = 0; b < bands.size(); ++b) {
      const BandFlux f = modelFlux(problem.model(), modelValues, bands[b].first, bands[b].second);
      photon[b].push_back(f.photonFlux);
      energy[b].push_back(f.energyFlux);
      unabsorbed[b].push_back(f.unabsorbedEnergyFlux);
    }
  }
  const double qLo = 0.5 * (1.0 - options.level), qHi = 1.0 - qLo;
  for (size_t b = 0; b < bands.size(); ++b) {
    out[b].photonFluxLow = percentile(photon[b], qLo);
    out[b].photonFluxHigh = percentile(photon[b], qHi);
    out[b].energyFluxLow = percentile(energy[b], qLo);
    out[b].energyFluxHigh = percentile(energy[b], qHi);
    out[b].unabsorbedEnergyFluxLow = percentile(unabsorbed[b], qLo);
    out[b].unabsorbedEnergyFluxHigh = percentile(unabsorbed[b], qHi);
  }
  return out;
}

}  // namespace xsky::spectral
