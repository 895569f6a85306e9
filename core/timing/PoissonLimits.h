#pragma once
// Confidence limits of Poisson counts, background-subtracted rates and hardness ratios.
//
//  - Gehrels 1986, ApJ 303, 336: the exact frequentist limits of N observed counts at a one-sided
//    confidence level CL (his Tables 1 and 2): the upper limit lu solves P(X <= N | lu) = 1 - CL,
//    the lower limit ll solves P(X >= N | ll) = 1 - CL (ll = 0 for N = 0); and his closed-form
//    approximations, eq. 9 (upper, 1 + sqrt(N + 0.75) above N for S = 1) and eq. 14 (lower).
//    At 1 sigma (CL = 0.8413) the exact limits equal astropy's
//    poisson_conf_interval(interval='frequentist-confidence').
//  - Kraft, Burrows & Nousek 1991, ApJ 374, 344: the Bayesian interval of a source intensity s
//    given N counts and a known background B (flat prior on s >= 0): the shortest interval of the
//    posterior (s + B)^N e^-(s+B) holding a credible fraction CL. When the source is not detected
//    the interval starts at 0 and its upper end is the upper limit. Equals astropy's
//    poisson_conf_interval(interval='kraft-burrows-nousek').
//  - Net rates: (S - b B) / T with b the background scaling (BACKSCAL and exposure ratios); the
//    1-sigma errors are asymmetric, from the Gehrels limits of S and B combined in quadrature.
//  - Hardness ratio HR = (H - S) / (H + S) of two rates with first-order error propagation,
//    sigma_HR = 2 sqrt(H^2 sS^2 + S^2 sH^2) / (H + S)^2. Below about 10 counts per band this
//    Gaussian error is unreliable (the ratio is bounded in [-1, 1]); a Bayesian estimate
//    (Park et al. 2006, BEHR) is the right tool there, and `lowCounts` says so.
// Counts are numbers of events; rates counts/s; exposures s.

#include <QString>

namespace xsky::timing {

/// One-sided confidence level of a Gaussian n-sigma, 1 - erfc(n / sqrt 2) / 2 (1: 0.8413).
double oneSidedLevel(double sigma);
/// Two-sided (central) content of a Gaussian n-sigma, erf(n / sqrt 2) (3: 0.9973).
double twoSidedLevel(double sigma);

struct PoissonInterval {
  double lower = 0, upper = 0;  // counts
};

/// Exact Gehrels limits of n >= 0 counts at one-sided level `cl` (0 < cl < 1).
PoissonInterval gehrelsInterval(double n, double cl);
/// Gehrels 1986 eq. 9: upper limit for S sigma, n + S sqrt(n + 3/4) + (S^2 + 3) / 4.
double gehrelsUpperApprox(double n, double sigma = 1.0);
/// Gehrels 1986 eq. 14 (beta = 0, gamma = 0 form): n (1 - 1/(9n) - S / (3 sqrt n))^3, 0 for n = 0.
double gehrelsLowerApprox(double n, double sigma = 1.0);

/// Kraft, Burrows & Nousek interval of the source counts s for n counts over background b.
/// Throws xsky::Error for n < 0, b < 0 or cl outside (0, 1).
PoissonInterval kbnInterval(double n, double background, double cl);

/// P(X >= n | mu): the chance the background alone gives at least n counts.
double poissonTailAtLeast(double n, double mu);

struct NetRate {
  double rate = 0;                   // (S - scale B) / exposure, counts/s
  double errorLow = 0, errorHigh = 0;  // 1 sigma, counts/s (Gehrels limits in quadrature)
  double symmetricError() const { return 0.5 * (errorLow + errorHigh); }
};

/// S source counts, B background counts, `scale` = expected background in the source area per
/// background count, exposure in s. Throws xsky::Error when the exposure is not positive.
NetRate netRate(double sourceCounts, double backgroundCounts, double scale, double exposureS);

struct HardnessRatio {
  double value = 0;  // (H - S) / (H + S)
  double error = 0;  // 1 sigma, propagated
  bool lowCounts = false;  // either band under 10 counts: the Gaussian error is unreliable
  QString note;
};

/// soft/hard rates with their 1-sigma errors; soft/hard counts only decide `lowCounts`
/// (pass -1 when unknown). A zero sum gives value NaN and a note.
HardnessRatio hardnessRatio(double soft, double softError, double hard, double hardError,
                            double softCounts = -1, double hardCounts = -1);

}  // namespace xsky::timing
