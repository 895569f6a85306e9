#pragma once
// Variability statistics of a binned light curve (rates and their 1-sigma errors, same units).
//   chi-square against the error-weighted mean, with N-1 dof and its tail probability;
//   fractional variability Fvar and its error: Vaughan, Edelson, Warwick & Uttley 2003, MNRAS 345,
//   1271, eq. 10 (Fvar) and eq. B2 (its error);
//   maximum/minimum ratio and the significance of the difference, (Rmax - Rmin) /
//   sqrt(sigma_max^2 + sigma_min^2), as XMM-Newton serendipitous-survey variability flags use it.

#include <span>

#include <QString>

namespace xsky::timing {

struct VariabilityStats {
  int bins = 0;
  double mean = 0;          // unweighted mean rate
  double weightedMean = 0;  // error-weighted mean rate (the constant model)
  double chiSquare = 0;
  int dof = 0;
  double probability = 1;  // P(chi2 >= observed | constant)
  double fvar = 0;         // NaN when the excess variance is negative (no intrinsic variability)
  double fvarError = 0;
  double maxRate = 0, maxError = 0, minRate = 0, minError = 0;
  double maxMinRatio = 0;         // +inf when the minimum is <= 0
  double maxMinSignificance = 0;  // sigma
  QString note;                   // why a statistic is undefined
};

/// Throws xsky::Error when fewer than two bins have a positive finite error.
VariabilityStats variability(std::span<const double> rate, std::span<const double> error);

/// The default decision used by the CLI: chi-square probability below this is "variable".
inline constexpr double kVariableProbability = 1e-3;

}  // namespace xsky::timing
