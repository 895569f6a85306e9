#pragma once
// Periodograms of photon arrival times over a user frequency grid, and their false-alarm
// probabilities.
//   Z^2_n (Buccheri et al. 1983, A&A 128, 245): Z^2_n = (2/N) sum_{k=1..n} [(sum_j cos k phi_j)^2 +
//   (sum_j sin k phi_j)^2], phi_j = 2 pi (f (t_j - t0) + fdot (t_j - t0)^2 / 2); for a constant
//   source it is chi-square with 2n dof. The Rayleigh test is Z^2_1.
//   H-test (de Jager, Raubenheimer & Swanepoel 1989, A&A 221, 180): H = max_{1<=m<=20}
//   (Z^2_m - 4m + 4); single-trial false-alarm probability exp(-0.4 H) (de Jager & Buesching
//   2010, A&A 517, L9).
//   Lomb-Scargle (Scargle 1982, ApJ 263, 835, eq. 10 with the variance normalisation of Horne &
//   Baliunas 1986): on counts binned from the events; single-trial probability exp(-P).
// Multi-trial probability 1 - (1 - p)^M with M the number of independent frequencies,
// M = max(1, round((fmax - fmin) T)) for an observation span T (the Fourier resolution 1/T).
// Frequencies in Hz, times in s (the file's own time system).

#include <span>
#include <vector>

#include <QString>

#include "util/Progress.h"

namespace xsky::timing {

enum class PeriodogramMethod { Z2, Rayleigh, HTest, LombScargle };

/// "z2", "rayleigh", "h", "ls"; false for anything else.
bool parsePeriodogramMethod(const QString& name, PeriodogramMethod* method);
QString periodogramMethodName(PeriodogramMethod method);

struct FrequencyGrid {
  double fmin = 0, fmax = 0, step = 0;  // Hz
  long long count = 0;
  double frequency(long long i) const { return fmin + static_cast<double>(i) * step; }
};

/// The default grid: step 1 / (oversample T). Throws xsky::Error when fmax <= fmin, fmin < 0, or
/// the grid would need more than maxFrequencies points (the message gives the memory it needs).
FrequencyGrid makeFrequencyGrid(double fmin, double fmax, double span, double oversample,
                                long long maxFrequencies = 50'000'000);

/// Independent trials of the search (see above).
long long independentTrials(double fmin, double fmax, double span);

struct PeriodogramOptions {
  PeriodogramMethod method = PeriodogramMethod::Z2;
  int harmonics = 2;      // n of Z^2_n (H-test: always up to 20)
  double fdot = 0;        // Hz/s
  double epoch = 0;       // t0, s
  double lsBinWidth = 0;  // Lomb-Scargle bin width, s; 0: 1 / (4 fmax)
};

struct PeriodogramResult {
  std::vector<double> frequency;  // Hz
  std::vector<double> power;
  long long bestIndex = 0;
  double bestFrequency = 0, bestPower = 0;
  double singleTrialFap = 1, multiTrialFap = 1;
  long long trials = 1;  // independent trials used for the multi-trial probability
  int harmonics = 0;     // Z^2_n: n; H-test: the m of the maximum at the best frequency
};

/// Single-trial false-alarm probability of one power value.
double singleTrialFap(PeriodogramMethod method, double power, int harmonics);
/// 1 - (1 - p)^trials, without cancellation for small p.
double multiTrialFap(double p, long long trials);
/// The one-sided Gaussian significance (sigma) of a tail probability p; 38.5 when p underflows.
double gaussianSigma(double p);

/// Z^2_m for m = 1..maxHarmonics at one frequency: out[m-1]. Uses the Chebyshev recurrence for
/// cos/sin of k phi, one sincos per event.
void z2Harmonics(std::span<const double> times, double frequency, double fdot, double epoch,
                 int maxHarmonics, double* out);

/// Runs the search. Throws xsky::Error with fewer than two events, xsky::Cancelled on request.
PeriodogramResult searchPeriodogram(std::span<const double> times, const FrequencyGrid& grid,
                                    const PeriodogramOptions& options, double span,
                                    const ProgressFn& progress = {});

}  // namespace xsky::timing
