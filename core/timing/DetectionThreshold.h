#pragma once
// The periodogram power a peak must exceed to be a detection at a multi-trial false-alarm
// probability: the single-trial probability p1 = 1 - (1 - fap)^(1 / trials) (Periodogram.h), then
// the power whose single-trial probability is p1 (chi-square with 2n dof for Z^2_n, exp(-0.4 H)
// for the H-test, exp(-P) for Lomb-Scargle), found by bisection.

#include "timing/Periodogram.h"

namespace xsky::timing {

/// Throws xsky::Error for fap outside (0, 1) or trials < 1.
double detectionThreshold(PeriodogramMethod method, int harmonics, long long trials, double fap);

}  // namespace xsky::timing
