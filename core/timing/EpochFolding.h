#pragma once
// Epoch folding (Leahy et al. 1983, ApJ 266, 160): events binned in pulse phase
// phi = frac(f (t - t0) + fdot (t - t0)^2 / 2), and the chi-square of the profile against a
// constant, with nbins - 1 dof (each phase bin is assumed equally exposed: true when the span
// covers many cycles). Times in s, f in Hz, fdot in Hz/s.

#include <span>
#include <vector>

namespace xsky::timing {

struct FoldedProfile {
  std::vector<double> counts;  // per phase bin; bin i covers [i, i+1) / nbins
  double chiSquare = 0;
  int dof = 0;
  double probability = 1;     // P(chi2 >= observed | no pulsation), one trial
  double pulsedFraction = 0;  // (max - min) / (max + min) of the binned profile
};

/// Throws xsky::Error when nbins < 2 or there are no events.
FoldedProfile foldEvents(std::span<const double> times, double frequency, double fdot, double epoch,
                         int nbins);

}  // namespace xsky::timing
