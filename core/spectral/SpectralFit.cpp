#include "spectral/SpectralFit.h"

#include <cmath>
#include <limits>

#include "spectral/LevenbergMarquardt.h"

namespace xsky::spectral {

FitProblem::FitProblem(std::vector<const SpectralData*> data, const Model* model, FitConfig config)
    : data_(std::move(data)), model_(model), config_(config) {
  if (config_.subtractBackground && !isChiSquare(config_.statistic)) {
    throw Error(QStringLiteral("--subtract-background works with chi-square statistics only"));
  }
  for (const SpectralData* d : data_) {
    if (!d->rmf()) {
      throw Error(
          QStringLiteral("%1: no response (RMF); give one with rmf=FILE").arg(d->source().path));
    }
    if (config_.statistic == StatisticKind::Wstat && !d->background()) {
      throw Error(QStringLiteral("%1: wstat needs a background spectrum").arg(d->source().path));
    }
    if (config_.subtractBackground && !d->background()) {
      throw Error(QStringLiteral("%1: no background to subtract").arg(d->source().path));
    }
  }
}

int FitProblem::pointCount() const {
  int n = 0;
  for (const SpectralData* d : data_) n += d->noticedCount();
  return n;
}

namespace {

template <typename Visit>
void forEachGroup(const std::vector<const SpectralData*>& data, const Model& model,
                  const std::vector<double>& values, bool needBackground, Visit visit) {
  std::vector<double> channels;
  for (const SpectralData* d : data) {
    d->foldChannels(model, values, &channels);
    const auto& groups = d->groups();
    const auto& noticed = d->noticed();
    const auto& src = d->source().counts;
    const auto* bkg = d->background() && needBackground ? &d->background()->counts : nullptr;
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      if (!noticed[gi]) continue;
      GroupCounts g;
      for (int c : groups[gi].channels) {
        g.source += src[size_t(c)];
        g.model += channels[size_t(c)];
        if (bkg) g.background += (*bkg)[size_t(c)];
      }
      if (bkg) g.ratio = d->backgroundRatio(groups[gi]);
      visit(g);
    }
  }
}

}  // namespace

void FitProblem::residuals(const std::vector<double>& values, std::vector<double>* out) const {
  out->clear();
  const bool needBackground =
      config_.subtractBackground || config_.statistic == StatisticKind::Wstat;
  forEachGroup(data_, *model_, values, needBackground, [&](const GroupCounts& g) {
    out->push_back(statisticResidual(config_.statistic, g, config_.subtractBackground));
  });
}

double FitProblem::statistic(const std::vector<double>& values) const {
  std::vector<double> r;
  residuals(values, &r);
  double s = 0.0;
  for (double v : r) s += v * v;
  return s;
}

void FitProblem::totals(const std::vector<double>& values, double* data, double* model) const {
  *data = 0.0;
  *model = 0.0;
  forEachGroup(data_, *model_, values, config_.subtractBackground, [&](const GroupCounts& g) {
    *data += config_.subtractBackground ? g.source - g.ratio * g.background : g.source;
    *model += g.model;
  });
}

namespace {

std::vector<int> freeIndices(const Model& model) {
  std::vector<int> free;
  for (size_t i = 0; i < model.parameters().size(); ++i) {
    if (!model.parameters()[i].frozen) free.push_back(int(i));
  }
  return free;
}

std::vector<double> values(const Model& model) {
  std::vector<double> v;
  for (const auto& p : model.parameters()) v.push_back(p.value);
  return v;
}

}  // namespace

FitResult evaluateModel(const FitProblem& problem, const Model& model) {
  FitResult result;
  result.statistic = problem.statistic(values(model));
  result.points = problem.pointCount();
  result.dof = result.points - int(freeIndices(model).size());
  result.converged = true;
  result.errors.assign(model.parameters().size(), 0.0);
  result.atBound.assign(model.parameters().size(), false);
  return result;
}

FitResult fitModel(const FitProblem& problem, Model* model, bool scaleNorms) {
  auto& params = model->parameters();
  const std::vector<int> free = freeIndices(*model);
  if (scaleNorms) {
    double data = 0.0, predicted = 0.0;
    problem.totals(values(*model), &data, &predicted);
    if (data > 0.0 && predicted > 0.0) {
      for (int i : free) {
        if (params[size_t(i)].name == QLatin1String("norm"))
          params[size_t(i)].value *= data / predicted;
      }
    }
  }
  std::vector<double> all = values(*model);
  std::vector<double> x, lower, upper, scale;
  for (int i : free) {
    x.push_back(params[size_t(i)].value);
    lower.push_back(params[size_t(i)].min);
    upper.push_back(params[size_t(i)].max);
    scale.push_back(std::max(std::abs(params[size_t(i)].value), params[size_t(i)].step));
  }
  auto f = [&](const std::vector<double>& xf, std::vector<double>* r) {
    std::vector<double> v = all;
    for (size_t k = 0; k < free.size(); ++k) v[size_t(free[k])] = xf[k];
    problem.residuals(v, r);
  };
  const LmResult lm = levenbergMarquardt(f, x, lower, upper, scale);
  for (size_t k = 0; k < free.size(); ++k) params[size_t(free[k])].value = lm.x[k];
  FitResult result = evaluateModel(problem, *model);
  result.converged = lm.converged;
  result.iterations = lm.iterations;
  const auto errors = covarianceErrors(problem, *model);
  for (size_t k = 0; k < free.size(); ++k) {
    const auto& p = params[size_t(free[k])];
    result.errors[size_t(free[k])] = errors[k];
    result.atBound[size_t(free[k])] = p.value <= p.min || p.value >= p.max;
  }
  return result;
}

std::vector<double> covarianceErrors(const FitProblem& problem, const Model& model) {
  const std::vector<int> free = freeIndices(model);
  const int n = int(free.size());
  const std::vector<double> base = values(model);
  std::vector<double> h(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) {
    const auto& p = model.parameters()[size_t(free[size_t(k)])];
    h[size_t(k)] = 1e-4 * (p.value != 0.0 ? std::abs(p.value) : p.step);
  }
  auto at = [&](int i, double di, int j, double dj) {
    std::vector<double> v = base;
    v[size_t(free[size_t(i)])] += di;
    v[size_t(free[size_t(j)])] += dj;
    return problem.statistic(v);
  };
  const double f0 = problem.statistic(base);
  std::vector<double> half(size_t(n * n));
  for (int i = 0; i < n; ++i) {
    const double hi = h[size_t(i)];
    half[size_t(i * n + i)] = 0.5 * (at(i, hi, i, 0.0) - 2.0 * f0 + at(i, -hi, i, 0.0)) / (hi * hi);
    for (int j = 0; j < i; ++j) {
      const double hj = h[size_t(j)];
      const double d =
          (at(i, hi, j, hj) - at(i, hi, j, -hj) - at(i, -hi, j, hj) + at(i, -hi, j, -hj)) /
          (4.0 * hi * hj);
      half[size_t(i * n + j)] = half[size_t(j * n + i)] = 0.5 * d;
    }
  }
  std::vector<double> cov;
  std::vector<double> errors(size_t(n), std::numeric_limits<double>::quiet_NaN());
  if (!invertMatrix(half, &cov, n)) return errors;
  for (int i = 0; i < n; ++i) {
    const double c = cov[size_t(i * n + i)];
    if (c > 0.0) errors[size_t(i)] = std::sqrt(c);
  }
  return errors;
}

}  // namespace xsky::spectral
