#include "spectral/SpectralFit.h"

#include <cmath>
#include <limits>

#include "spectral/LevenbergMarquardt.h"
#include "spectral/NelderMead.h"

namespace xsky::spectral {

FitProblem::FitProblem(std::vector<const SpectralData*> data, const Model* model, FitConfig config,
                       ParameterMap map)
    : data_(std::move(data)), model_(model), config_(config), map_(std::move(map)) {
  if (config_.subtractBackground && !isChiSquare(config_.statistic)) {
    throw Error(QStringLiteral("--subtract-background works with chi-square statistics only"));
  }
  if (!map_.fitted.empty()) {
    bool ok = map_.fitted.size() == data_.size();
    for (const auto& s : map_.fitted) ok = ok && s.size() == model_->parameters().size();
    if (!ok) throw Error(QStringLiteral("the parameter map does not match the data and model"));
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

FitProblem FitProblem::withCounts(std::vector<ChannelCounts> counts) const {
  if (counts.size() != data_.size()) {
    throw Error(QStringLiteral("simulated counts for %1 data sets, the problem has %2")
                    .arg(counts.size())
                    .arg(data_.size()));
  }
  for (size_t d = 0; d < data_.size(); ++d) {
    const size_t n = size_t(data_[d]->source().channelCount());
    const bool backgroundOk = counts[d].background.empty() ||
                              (data_[d]->background() && counts[d].background.size() == n);
    if (counts[d].source.size() != n || !backgroundOk) {
      throw Error(QStringLiteral("simulated counts do not match the channels of %1")
                      .arg(data_[d]->source().path));
    }
  }
  FitProblem copy = *this;
  copy.counts_ = std::make_shared<const std::vector<ChannelCounts>>(std::move(counts));
  return copy;
}

const std::vector<double>& FitProblem::sourceCounts(size_t d) const {
  return counts_ ? (*counts_)[d].source : data_[d]->source().counts;
}

const std::vector<double>* FitProblem::backgroundCounts(size_t d) const {
  if (!data_[d]->background()) return nullptr;
  if (counts_ && !(*counts_)[d].background.empty()) return &(*counts_)[d].background;
  return &data_[d]->background()->counts;
}

int FitProblem::pointCount() const {
  int n = 0;
  for (const SpectralData* d : data_) n += d->noticedCount();
  return n;
}

std::vector<double> FitProblem::modelValues(int d, const std::vector<double>& values) const {
  if (map_.fitted.empty()) return values;
  const auto& fitted = map_.fitted[size_t(d)];
  std::vector<double> out(fitted.size());
  for (size_t i = 0; i < fitted.size(); ++i) out[i] = values[size_t(fitted[i])];
  return out;
}

template <typename Visit>
void FitProblem::forEachGroup(const std::vector<double>& values, bool needBackground,
                              Visit visit) const {
  std::vector<double> channels;
  for (size_t di = 0; di < data_.size(); ++di) {
    const SpectralData* d = data_[di];
    d->foldChannels(*model_, modelValues(int(di), values), &channels);
    const auto& groups = d->groups();
    const auto& noticed = d->noticed();
    const auto& src = sourceCounts(di);
    const auto* bkg = needBackground ? backgroundCounts(di) : nullptr;
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

void FitProblem::residuals(const std::vector<double>& values, std::vector<double>* out) const {
  out->clear();
  const bool needBackground =
      config_.subtractBackground || config_.statistic == StatisticKind::Wstat;
  forEachGroup(values, needBackground, [&](const GroupCounts& g) {
    out->push_back(statisticResidual(config_.statistic, g, config_.subtractBackground));
  });
}

void FitProblem::residualsBatch(const std::vector<std::vector<double>>& values,
                                std::vector<std::vector<double>>* out) const {
  const bool needBackground = config_.subtractBackground || config_.statistic == StatisticKind::Wstat;
  out->assign(values.size(), {});
  std::vector<std::vector<double>> modelValuesOf(values.size()), channels;
  for (size_t di = 0; di < data_.size(); ++di) {
    const SpectralData* d = data_[di];
    for (size_t k = 0; k < values.size(); ++k) modelValuesOf[k] = modelValues(int(di), values[k]);
    d->foldChannelsBatch(*model_, modelValuesOf, &channels);
    const auto& groups = d->groups();
    const auto& noticed = d->noticed();
    const auto& src = sourceCounts(di);
    const auto* bkg = needBackground ? backgroundCounts(di) : nullptr;
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      if (!noticed[gi]) continue;
      GroupCounts g;
      for (int c : groups[gi].channels) {
        g.source += src[size_t(c)];
        if (bkg) g.background += (*bkg)[size_t(c)];
      }
      if (bkg) g.ratio = d->backgroundRatio(groups[gi]);
      for (size_t k = 0; k < values.size(); ++k) {
        GroupCounts gk = g;
        for (int c : groups[gi].channels) gk.model += channels[k][size_t(c)];
        (*out)[k].push_back(statisticResidual(config_.statistic, gk, config_.subtractBackground));
      }
    }
  }
}

std::vector<double> FitProblem::statisticBatch(const std::vector<std::vector<double>>& values) const {
  std::vector<std::vector<double>> r;
  residualsBatch(values, &r);
  std::vector<double> out;
  for (const auto& rk : r) {
    double s = 0.0;
    for (double v : rk) s += v * v;
    out.push_back(s);
  }
  return out;
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
  forEachGroup(values, config_.subtractBackground, [&](const GroupCounts& g) {
    *data += config_.subtractBackground ? g.source - g.ratio * g.background : g.source;
    *model += g.model;
  });
}

std::vector<int> freeIndices(const std::vector<Parameter>& params) {
  std::vector<int> free;
  for (size_t i = 0; i < params.size(); ++i) {
    if (!params[i].frozen) free.push_back(int(i));
  }
  return free;
}

std::vector<double> parameterValues(const std::vector<Parameter>& params) {
  std::vector<double> v;
  for (const auto& p : params) v.push_back(p.value);
  return v;
}

FitResult evaluateParameters(const FitProblem& problem, const std::vector<Parameter>& params) {
  FitResult result;
  result.statistic = problem.statistic(parameterValues(params));
  result.points = problem.pointCount();
  result.dof = result.points - int(freeIndices(params).size());
  result.converged = true;
  result.errors.assign(params.size(), 0.0);
  result.atBound.assign(params.size(), false);
  return result;
}

namespace {

/// The fit over the free parameters as a function of their values alone.
struct FreeView {
  const FitProblem& problem;
  std::vector<double> all;
  std::vector<int> free;
  std::vector<double> lower, upper, scale;

  FreeView(const FitProblem& p, const std::vector<Parameter>& params)
      : problem(p), all(parameterValues(params)), free(freeIndices(params)) {
    for (int i : free) {
      const Parameter& q = params[size_t(i)];
      lower.push_back(q.min);
      upper.push_back(q.max);
      scale.push_back(std::max(std::abs(q.value), q.step));
    }
  }
  std::vector<double> full(const std::vector<double>& x) const {
    std::vector<double> v = all;
    for (size_t k = 0; k < free.size(); ++k) v[size_t(free[k])] = x[k];
    return v;
  }
  std::vector<double> start() const {
    std::vector<double> x;
    for (int i : free) x.push_back(all[size_t(i)]);
    return x;
  }
};

}  // namespace

FitResult fitParameters(const FitProblem& problem, std::vector<Parameter>* params,
                        const FitOptions& options) {
  const std::vector<int> free = freeIndices(*params);
  if (options.scaleNorms) {
    double data = 0.0, predicted = 0.0;
    problem.totals(parameterValues(*params), &data, &predicted);
    if (data > 0.0 && predicted > 0.0) {
      for (int i : free) {
        Parameter& p = (*params)[size_t(i)];
        if (p.name == QLatin1String("norm")) p.value = std::min(p.value * data / predicted, p.max);
      }
    }
  }
  const FreeView view(problem, *params);
  auto residuals = [&](const std::vector<double>& xf, std::vector<double>* r) {
    problem.residuals(view.full(xf), r);
  };
  const BatchResidualFunction batch = [&](const std::vector<std::vector<double>>& xs, std::vector<std::vector<double>>* rs) {
    std::vector<std::vector<double>> full;
    for (const auto& xf : xs) full.push_back(view.full(xf));
    problem.residualsBatch(full, rs);
  };
  LmOptions lmOptions;
  lmOptions.maxIterations = options.maxIterations;
  LmResult lm =
      levenbergMarquardt(residuals, view.start(), view.lower, view.upper, view.scale, lmOptions, batch);
  bool converged = lm.converged;
  int iterations = lm.iterations;
  if (!isChiSquare(problem.config().statistic) && !free.empty() && lm.converged &&
      options.maxRestarts > 0) {
    // Check the likelihood minimum with simplex restarts; polish each improvement by LM.
    auto stat = [&](const std::vector<double>& xf) { return problem.statistic(view.full(xf)); };
    bool settled = false;
    for (int restart = 0; restart < options.maxRestarts; ++restart) {
      std::vector<double> step(free.size());
      for (size_t k = 0; k < free.size(); ++k)
        step[k] = 0.05 * std::max(std::abs(lm.x[k]), 1e-3 * view.scale[k]);
      const NelderMeadResult nm = nelderMead(stat, lm.x, view.lower, view.upper, step, 1e-9);
      if (!(nm.value < lm.sumOfSquares - 1e-7 * std::max(1.0, lm.sumOfSquares))) {
        settled = true;
        break;
      }
      LmResult polished =
          levenbergMarquardt(residuals, nm.x, view.lower, view.upper, view.scale, lmOptions, batch);
      iterations += polished.iterations;
      if (polished.sumOfSquares > nm.value) {
        polished.x = nm.x;
        polished.sumOfSquares = nm.value;
      }
      lm = polished;
    }
    converged = settled && lm.converged;
  }
  for (size_t k = 0; k < free.size(); ++k) (*params)[size_t(free[k])].value = lm.x[k];
  FitResult result = evaluateParameters(problem, *params);
  result.converged = converged;
  result.iterations = iterations;
  const auto errors = options.computeErrors ? covarianceErrors(problem, *params)
                                            : std::vector<double>(free.size(), 0.0);
  for (size_t k = 0; k < free.size(); ++k) {
    const Parameter& p = (*params)[size_t(free[k])];
    result.errors[size_t(free[k])] = errors[k];
    result.atBound[size_t(free[k])] = p.value <= p.min || p.value >= p.max;
  }
  return result;
}

bool covarianceMatrix(const FitProblem& problem, const std::vector<Parameter>& params,
                      std::vector<double>* covariance) {
  const std::vector<int> free = freeIndices(params);
  const int n = int(free.size());
  const std::vector<double> base = parameterValues(params);
  std::vector<double> h(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) {
    const auto& p = params[size_t(free[size_t(k)])];
    h[size_t(k)] = 1e-4 * (p.value != 0.0 ? std::abs(p.value) : p.step);
  }
  // Every point of the central-difference Hessian, evaluated in one batch.
  std::vector<std::vector<double>> points{base};
  auto add = [&](int i, double di, int j, double dj) {
    std::vector<double> v = base;
    v[size_t(free[size_t(i)])] += di;
    v[size_t(free[size_t(j)])] += dj;
    points.push_back(std::move(v));
    return points.size() - 1;
  };
  struct Entry {
    int i, j;
    size_t a, b, c, d;
  };
  std::vector<Entry> entries;
  for (int i = 0; i < n; ++i) {
    const double hi = h[size_t(i)];
    entries.push_back({i, i, add(i, hi, i, 0.0), add(i, -hi, i, 0.0), 0, 0});
    for (int j = 0; j < i; ++j) {
      const double hj = h[size_t(j)];
      entries.push_back({i, j, add(i, hi, j, hj), add(i, hi, j, -hj), add(i, -hi, j, hj), add(i, -hi, j, -hj)});
    }
  }
  const std::vector<double> stat = problem.statisticBatch(points);
  const double f0 = stat[0];
  std::vector<double> half(size_t(n * n));
  for (const Entry& e : entries) {
    const double hi = h[size_t(e.i)];
    if (e.i == e.j) {
      half[size_t(e.i * n + e.i)] = 0.5 * (stat[e.a] - 2.0 * f0 + stat[e.b]) / (hi * hi);
    } else {
      const double hj = h[size_t(e.j)];
      const double d = (stat[e.a] - stat[e.b] - stat[e.c] + stat[e.d]) / (4.0 * hi * hj);
      half[size_t(e.i * n + e.j)] = half[size_t(e.j * n + e.i)] = 0.5 * d;
    }
  }
  return invertMatrix(half, covariance, n);
}

std::vector<double> covarianceErrors(const FitProblem& problem,
                                     const std::vector<Parameter>& params) {
  const int n = int(freeIndices(params).size());
  std::vector<double> cov;
  std::vector<double> errors(size_t(n), std::numeric_limits<double>::quiet_NaN());
  if (!covarianceMatrix(problem, params, &cov)) return errors;
  for (int i = 0; i < n; ++i) {
    const double c = cov[size_t(i * n + i)];
    if (c > 0.0) errors[size_t(i)] = std::sqrt(c);
  }
  return errors;
}

FitResult fitModel(const FitProblem& problem, Model* model, bool scaleNorms) {
  FitOptions options;
  options.scaleNorms = scaleNorms;
  return fitParameters(problem, &model->parameters(), options);
}

FitResult evaluateModel(const FitProblem& problem, const Model& model) {
  return evaluateParameters(problem, model.parameters());
}

std::vector<double> covarianceErrors(const FitProblem& problem, const Model& model) {
  return covarianceErrors(problem, model.parameters());
}

}  // namespace xsky::spectral
