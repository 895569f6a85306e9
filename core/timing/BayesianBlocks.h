#pragma once
// Bayesian Blocks: the optimal piecewise-constant segmentation of Scargle, Norris, Jackson &
// Chiang 2013, ApJ 764, 167. The dynamic program of their section 3 (O(N^2) at worst; functional
// pruning of impossible block starts makes it near-linear) over "cells" with the
// Cash fitness of event data (eq. 19: N_k (log N_k - log T_k)) and the prior on the number of
// change points calibrated for a false-positive probability p0 (eq. 21:
// ncp_prior = 4 - ln(73.53 p0 N^-0.478)).
//
// Event data: cells are the Voronoi intervals around the distinct event times (edges half-way
// between neighbours, the first and last event closing the ends; repeated times are one cell with
// their multiplicity). Binned data: cells are the bins with their counts and exposures
// (width x fractional exposure), so gaps carry no exposure.
// Times in seconds, in the file's own time system.

#include <span>
#include <vector>

#include "events/Gti.h"
#include "util/Progress.h"

namespace xsky::timing {

struct Block {
  double start = 0;  // s
  double stop = 0;   // s
  double counts = 0;
  double exposure = 0;  // s of exposure inside the block
  double rate() const { return exposure > 0 ? counts / exposure : 0.0; }
};

/// Scargle et al. 2013 eq. 21.
double ncpPriorFromP0(double p0, long long cells);

struct Cell {
  double start = 0, stop = 0;  // s
  double counts = 0;
  double exposure = 0;  // s
};

/// How impossible block starts are dropped: Functional (timing/FunctionalPruning.h; used when
/// every cell has counts and exposure, else PELT) or PELT alone. Both give the blocks of the full
/// program; the choice is for tests and benchmarks.
enum class BlockPruning { Functional, Pelt };

/// The dynamic program over cells (sorted, non-overlapping). Throws xsky::Error when empty,
/// xsky::Cancelled when progress says stop.
std::vector<Block> bayesianBlocks(std::span<const Cell> cells, double ncpPrior,
                                  const ProgressFn& progress = {}, BlockPruning pruning = BlockPruning::Functional);

/// Blocks of event arrival times (any order; sorted inside). With a non-empty GTI list, events
/// outside it are ignored and each cell's exposure is its overlap with the GTIs, so gaps are not
/// mistaken for low-rate blocks. Throws xsky::Error with fewer than two distinct times or p0
/// outside (0, 1).
std::vector<Block> eventBlocks(std::span<const double> times, double p0,
                               const events::GtiList& gti = {}, const ProgressFn& progress = {});

/// Blocks of binned counts: bin start, width and exposure fraction per bin; zero-exposure bins
/// are dropped. Throws xsky::Error when no bin has exposure.
std::vector<Block> binnedBlocks(std::span<const double> binStart, std::span<const double> width,
                                std::span<const double> counts, std::span<const double> fracExp,
                                double p0, const ProgressFn& progress = {});

}  // namespace xsky::timing
