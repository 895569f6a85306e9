#include "timing/BayesianBlocks.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsError.h"
#include "timing/FunctionalPruning.h"

namespace xsky::timing {

namespace {

void checkP0(double p0) {
  if (!(p0 > 0 && p0 < 1)) throw Error(QStringLiteral("p0 must lie in (0, 1) (got %1)").arg(p0));
}

// Cash fitness of one block, Scargle et al. 2013 eq. 19 (the constant term dropped).
double fitness(double n, double t) { return n > 0 ? n * (std::log(n) - std::log(t)) : 0.0; }

// Good time in the GTIs before t, s.
double goodTimeBefore(const events::GtiList& gti, double t) {
  double sum = 0;
  for (const events::TimeInterval& iv : gti.intervals()) {
    if (iv.start >= t) break;
    sum += std::min(t, iv.stop) - iv.start;
  }
  return sum;
}

}  // namespace

double ncpPriorFromP0(double p0, long long cells) {
  return 4.0 - std::log(73.53 * p0 * std::pow(static_cast<double>(cells), -0.478));
}

std::vector<Block> bayesianBlocks(std::span<const Cell> cells, double ncpPrior,
                                  const ProgressFn& progress, BlockPruning pruning) {
  const size_t n = cells.size();
  if (n == 0) throw Error(QStringLiteral("Bayesian Blocks: no data"));
  // Suffix-friendly cumulative sums: cumN[i] = sum of counts of cells [0, i).
  std::vector<double> cumN(n + 1, 0.0), cumT(n + 1, 0.0);
  for (size_t i = 0; i < n; ++i) {
    cumN[i + 1] = cumN[i] + cells[i].counts;
    cumT[i + 1] = cumT[i] + cells[i].exposure;
  }
  std::vector<double> best(n);
  std::vector<size_t> last(n);
  // best[r]: optimal fitness of cells [0, r]; last[r]: first cell of the final block (section 3).
  bool positive = pruning == BlockPruning::Functional;
  for (size_t i = 0; i < n && positive; ++i)
    positive = cells[i].counts > 0 && cells[i].exposure > 0 && std::isfinite(cells[i].counts) &&
               std::isfinite(cells[i].exposure);
  if (positive) {
    // Every cell has counts and exposure (event cells always): functional pruning keeps only
    // the starts that can still be optimal for some rate (timing/FunctionalPruning.h).
    PoissonStartPruning starts;
    for (size_t r = 0; r < n; ++r) {
      if (progress && (r & 4095) == 0)
        reportProgress(progress, static_cast<double>(r) / static_cast<double>(n), QStringLiteral("Bayesian Blocks"));
      starts.arrive(r, r > 0 ? best[r - 1] : 0.0, cumN[r], cumT[r]);
      double bestValue = -HUGE_VAL;
      size_t bestStart = 0;
      for (const PoissonStartPruning::Candidate& c : starts.live()) {
        const double a = fitness(cumN[r + 1] - c.cumN, cumT[r + 1] - c.cumT) + c.before - ncpPrior;
        if (a > bestValue) {  // strict: the earliest start wins ties (candidates ascend)
          bestValue = a;
          bestStart = c.start;
        }
      }
      best[r] = bestValue;
      last[r] = bestStart;
    }
  } else {
    // Candidate starts pruned as in PELT (Killick, Fearnhead & Eckley 2012): the Cash fitness
    // is superadditive (splitting a block never lowers its fitness), so a start k with
    // best[k-1] + F(k..r) < best[r] can never begin the last block of a later optimum. The margin
    // keeps every start that could tie, so the result (earliest start on ties) is unchanged.
    std::vector<size_t> candidates;
    candidates.reserve(1024);
    std::vector<double> withoutPrior;
    for (size_t r = 0; r < n; ++r) {
      if (progress && (r & 1023) == 0)
        reportProgress(progress, static_cast<double>(r) / static_cast<double>(n),
                       QStringLiteral("Bayesian Blocks"));
      candidates.push_back(r);
      withoutPrior.resize(candidates.size());
      double bestValue = -HUGE_VAL;
      size_t bestStart = 0;
      for (size_t c = 0; c < candidates.size(); ++c) {
        const size_t k = candidates[c];
        const double t = cumT[r + 1] - cumT[k];
        const double nk = cumN[r + 1] - cumN[k];
        double a = t > 0 ? fitness(nk, t) : (nk > 0 ? -HUGE_VAL : 0.0);
        if (k > 0) a += best[k - 1];
        withoutPrior[c] = a;
        a -= ncpPrior;
        if (a > bestValue) {  // strict: the earliest start wins ties (candidates ascend)
          bestValue = a;
          bestStart = k;
        }
      }
      best[r] = bestValue;
      last[r] = bestStart;
      const double margin = 1e-9 * (std::abs(bestValue) + 1.0);
      size_t kept = 0;
      for (size_t c = 0; c < candidates.size(); ++c)
        if (withoutPrior[c] >= bestValue - margin || !std::isfinite(withoutPrior[c]))
          candidates[kept++] = candidates[c];  // (an infinite cost is kept: no bound holds)
      candidates.resize(kept);
    }
  }
  std::vector<size_t> starts;
  for (size_t end = n; end > 0;) {
    const size_t k = last[end - 1];
    starts.push_back(k);
    end = k;
  }
  std::reverse(starts.begin(), starts.end());
  std::vector<Block> blocks;
  for (size_t b = 0; b < starts.size(); ++b) {
    const size_t k = starts[b];
    const size_t e = b + 1 < starts.size() ? starts[b + 1] : n;  // exclusive
    Block blk;
    blk.start = cells[k].start;
    blk.stop = cells[e - 1].stop;
    blk.counts = cumN[e] - cumN[k];
    blk.exposure = cumT[e] - cumT[k];
    blocks.push_back(blk);
  }
  return blocks;
}

std::vector<Block> eventBlocks(std::span<const double> times, double p0, const events::GtiList& gti,
                               const ProgressFn& progress) {
  checkP0(p0);
  std::vector<double> t;
  t.reserve(times.size());
  for (double v : times)
    if (gti.empty() || gti.contains(v)) t.push_back(v);
  std::sort(t.begin(), t.end());
  std::vector<double> unique;
  std::vector<double> mult;
  for (double v : t) {
    if (!unique.empty() && v == unique.back()) {
      mult.back() += 1;
    } else {
      unique.push_back(v);
      mult.push_back(1);
    }
  }
  if (unique.size() < 2)
    throw Error(QStringLiteral("Bayesian Blocks need at least two distinct event times"));
  const size_t n = unique.size();
  std::vector<Cell> cells(n);
  for (size_t i = 0; i < n; ++i) {
    cells[i].start = i == 0 ? unique[0] : 0.5 * (unique[i - 1] + unique[i]);
    cells[i].stop = i + 1 == n ? unique[n - 1] : 0.5 * (unique[i] + unique[i + 1]);
    cells[i].exposure =
        gti.empty() ? cells[i].stop - cells[i].start
                    : goodTimeBefore(gti, cells[i].stop) - goodTimeBefore(gti, cells[i].start);
    cells[i].counts = mult[i];
  }
  return bayesianBlocks(cells, ncpPriorFromP0(p0, static_cast<long long>(n)), progress);
}

std::vector<Block> binnedBlocks(std::span<const double> binStart, std::span<const double> width,
                                std::span<const double> counts, std::span<const double> fracExp,
                                double p0, const ProgressFn& progress) {
  checkP0(p0);
  std::vector<Cell> cells;
  for (size_t i = 0; i < binStart.size(); ++i) {
    const double f = i < fracExp.size() ? fracExp[i] : 1.0;
    const double exposure = width[i] * f;
    if (!(exposure > 0) || !std::isfinite(counts[i])) continue;
    cells.push_back({binStart[i], binStart[i] + width[i], counts[i], exposure});
  }
  if (cells.empty()) throw Error(QStringLiteral("Bayesian Blocks: no bin has exposure"));
  std::sort(cells.begin(), cells.end(),
            [](const Cell& a, const Cell& b) { return a.start < b.start; });
  return bayesianBlocks(cells, ncpPriorFromP0(p0, static_cast<long long>(cells.size())), progress);
}

}  // namespace xsky::timing
