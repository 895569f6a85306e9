#include "timing/EpochFolding.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsError.h"
#include "timing/IncompleteGamma.h"

namespace xsky::timing {

FoldedProfile foldEvents(std::span<const double> times, double frequency, double fdot, double epoch,
                         int nbins) {
  if (nbins < 2) throw Error(QStringLiteral("folding needs at least 2 phase bins"));
  if (times.empty()) throw Error(QStringLiteral("no events to fold"));
  if (!(frequency > 0)) throw Error(QStringLiteral("the folding frequency must be > 0"));
  FoldedProfile p;
  p.counts.assign(static_cast<size_t>(nbins), 0.0);
  for (double t : times) {
    const double dt = t - epoch;
    double cycles = dt * (frequency + 0.5 * fdot * dt);
    cycles -= std::floor(cycles);
    const int bin = std::min(nbins - 1, static_cast<int>(cycles * nbins));
    p.counts[static_cast<size_t>(bin)] += 1.0;
  }
  const double expected = static_cast<double>(times.size()) / nbins;
  for (double c : p.counts) p.chiSquare += (c - expected) * (c - expected) / expected;
  p.dof = nbins - 1;
  p.probability = chiSquareSurvival(p.chiSquare, p.dof);
  const auto [mn, mx] = std::minmax_element(p.counts.begin(), p.counts.end());
  p.pulsedFraction = (*mx + *mn) > 0 ? (*mx - *mn) / (*mx + *mn) : 0.0;
  return p;
}

}  // namespace xsky::timing
