#pragma once
// Regularised incomplete gamma functions and the chi-square tail probability built on them.
// Series and continued fraction of the classic form (Abramowitz & Stegun 6.5.29 and 6.5.31),
// evaluated in double precision; relative accuracy about 1e-14 away from underflow.

namespace xsky::timing {

/// P(a, x) = gamma(a, x) / Gamma(a), a > 0, x >= 0.
double regularizedGammaP(double a, double x);
/// Q(a, x) = 1 - P(a, x), computed without cancellation in the tail.
double regularizedGammaQ(double a, double x);
/// Probability that a chi-square variable with `dof` degrees of freedom exceeds x.
double chiSquareSurvival(double x, double dof);

}  // namespace xsky::timing
