#pragma once
// Functional pruning of block starts for the Bayesian Blocks dynamic program with the Poisson
// (Cash) fitness: FPOP of Maidstone, Hocking, Rigaill & Fearnhead 2017 ("On optimal
// multiple changepoint algorithms for large data", Statistics and Computing 27, 519).
//
// A candidate start k of the last block, seen as a function of the block's rate lambda:
//   G_k(u) = best[k-1] - N_k + n_k u - t_k e^u,   u = ln lambda,
// with n_k, t_k the counts and exposure from k to the current cell and N_k the counts before k.
// max_u G_k is the dynamic program's value of starting the last block at k (minus a term common
// to every k). Every cell adds the same n u - t e^u to every G_k, so which candidate is highest
// at a given u never changes once the candidates are there; only a new start, which arrives as
// the constant best[r-1] - N_r, can take rates away from the others. Each candidate keeps the
// set of u where it is the highest; a candidate whose set is empty can never be the optimum
// again and is dropped. With few changes in rate this keeps a handful of candidates instead of
// all since the last change (PELT), so the program runs in near-linear time.
//
// The sets are computed in floating point with margins that keep a candidate (and admit a new
// one) whenever it could be within rounding of the highest: the optimum, and the earliest start
// on ties, are those of the full program.

#include <cstddef>
#include <utility>
#include <vector>

namespace xsky::timing {

class PoissonStartPruning {
 public:
  struct Candidate {
    size_t start = 0;
    double before = 0;  // best[start - 1] (0 for the first cell)
    double cumN = 0, cumT = 0;  // counts and exposure before the start
    std::vector<std::pair<double, double>> region;  // open intervals of u where it may be highest
  };

  /// The start r arrives before its cell is added: `before` = best[r-1], the sums before r.
  /// Every cell so far must have had positive counts and exposure.
  void arrive(size_t r, double before, double cumN, double cumT);
  /// Live candidates, by ascending start.
  const std::vector<Candidate>& live() const { return live_; }

 private:
  std::vector<Candidate> live_;
};

}  // namespace xsky::timing
