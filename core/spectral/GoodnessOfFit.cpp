#include "spectral/GoodnessOfFit.h"

#include <QtConcurrent/QtConcurrentMap>

#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>

#include "spectral/PoissonDeviates.h"

namespace xsky::spectral {

std::vector<ChannelCounts> expectedCounts(const FitProblem& problem,
                                          const std::vector<Parameter>& best) {
  const FitConfig& config = problem.config();
  const std::vector<double> values = parameterValues(best);
  std::vector<ChannelCounts> out;
  std::vector<double> model;
  for (int di = 0; di < problem.dataSetCount(); ++di) {
    const SpectralData& d = problem.data(di);
    d.foldChannels(problem.model(), problem.modelValues(di, values), &model);
    const auto& src = d.source().counts;
    const bool wstat = config.statistic == StatisticKind::Wstat;
    const bool simulateBackground = d.background() && (wstat || config.subtractBackground);
    ChannelCounts e;
    e.source = src;  // channels outside the noticed groups keep their counts
    if (simulateBackground) e.background = d.background()->counts;
    const auto& groups = d.groups();
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      if (!d.noticed()[gi]) continue;
      const ChannelGroup& g = groups[gi];
      const double r = simulateBackground ? d.backgroundRatio(g) : 0.0;
      if (!(r > 0.0)) {
        for (int c : g.channels) e.source[size_t(c)] = model[size_t(c)];
        continue;
      }
      const auto& bkg = d.background()->counts;
      if (!wstat) {
        for (int c : g.channels) e.source[size_t(c)] = model[size_t(c)] + r * bkg[size_t(c)];
        continue;
      }
      double S = 0.0, B = 0.0, mu = 0.0;
      for (int c : g.channels) {
        S += src[size_t(c)];
        B += bkg[size_t(c)];
        mu += model[size_t(c)];
      }
      const double f = wstatBackground(S, B, r, mu);
      const double n = double(g.channels.size());
      for (int c : g.channels) {
        const double share = B > 0.0 ? bkg[size_t(c)] / B : 1.0 / n;
        e.source[size_t(c)] = model[size_t(c)] + f * share;
        e.background[size_t(c)] = f * share / r;
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<ChannelCounts> drawCounts(const std::vector<ChannelCounts>& expected,
                                      std::uint64_t seed, std::uint64_t index) {
  PoissonDeviates random(PoissonDeviates::streamSeed(seed, index));
  std::vector<ChannelCounts> out = expected;
  for (ChannelCounts& d : out) {
    for (double& v : d.source) v = random.poisson(v);
    for (double& v : d.background) v = random.poisson(v);
  }
  return out;
}

GoodnessResult goodnessOfFit(const FitProblem& problem, const std::vector<Parameter>& best,
                             const GoodnessOptions& options, const ProgressFn& progress) {
  if (options.simulations < 1) throw Error(QStringLiteral("goodness needs at least 1 simulation"));
  GoodnessResult result;
  result.observed = problem.statistic(parameterValues(best));
  const std::vector<ChannelCounts> expected = expectedCounts(problem, best);
  const int n = options.simulations;
  result.statistics.assign(size_t(n), std::numeric_limits<double>::quiet_NaN());
  std::vector<int> indices(static_cast<size_t>(n));
  std::iota(indices.begin(), indices.end(), 0);
  std::atomic<bool> stop{false};
  std::atomic<int> done{0};
  std::mutex progressMutex;
  std::exception_ptr failure;
  QtConcurrent::blockingMap(indices, [&](int i) {
    if (stop.load()) return;
    try {
      const FitProblem simulated =
          problem.withCounts(drawCounts(expected, options.seed, std::uint64_t(i)));
      std::vector<Parameter> params = best;
      FitOptions fit;
      fit.scaleNorms = false;
      fit.computeErrors = false;
      const double s = fitParameters(simulated, &params, fit).statistic;
      result.statistics[size_t(i)] = s;
    } catch (const Cancelled&) {
      stop.store(true);
    } catch (const Error&) {
      // A simulation that cannot be fitted counts as failed (left NaN).
    } catch (...) {
      std::lock_guard lock(progressMutex);
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
    const int finished = ++done;
    if (progress) {
      std::lock_guard lock(progressMutex);
      if (!stop.load() && !progress(double(finished) / n, QStringLiteral("goodness")))
        stop.store(true);
    }
  });
  if (failure) std::rethrow_exception(failure);
  if (stop.load()) throw Cancelled();
  int lower = 0;
  for (double s : result.statistics) {
    if (!std::isfinite(s)) {
      ++result.failed;
      continue;
    }
    ++result.simulations;
    if (s < result.observed) ++lower;
  }
  result.fractionLower = result.simulations > 0 ? double(lower) / result.simulations
                                                : std::numeric_limits<double>::quiet_NaN();
  return result;
}

}  // namespace xsky::spectral
