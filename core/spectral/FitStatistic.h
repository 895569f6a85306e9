#pragma once
// Fit statistics on grouped counts, one term per noticed group. Each term is returned as a
// signed residual whose square is the term's contribution, so that one least-squares minimiser
// serves them all (the likelihood terms below are deviances, never negative).
//   chi2gehrels: sigma = 1 + sqrt(N + 0.75) (Gehrels 1986, ApJ 303, 336, eq. 7).
//   chi2datavar: sigma^2 = N.
//   cstat: XSPEC's Cash statistic with its goodness offset, 2 sum(mu - S + S ln(S/mu))
//          (Cash 1979, ApJ 228, 939; XSPEC manual, Appendix B).
//   wstat: Poisson source and background, the background profiled out (XSPEC manual,
//          Appendix B, "Poisson data with Poisson background").
// With a subtracted background (chi-square only): y = S - r B, variance sigma_S^2 + r^2 sigma_B^2.

#include <QString>
#include <optional>

namespace xsky::spectral {

enum class StatisticKind { Chi2Gehrels, Chi2DataVar, Cstat, Wstat };

std::optional<StatisticKind> statisticFromName(const QString& name);
QString statisticName(StatisticKind kind);
bool isChiSquare(StatisticKind kind);

/// One group's input. r is the background scale (counts of background in the source region per
/// background count).
struct GroupCounts {
  double source = 0.0;      // S
  double background = 0.0;  // B
  double ratio = 0.0;       // r
  double model = 0.0;       // mu, predicted source counts
};

/// Signed residual whose square is the group's contribution to the statistic.
double statisticResidual(StatisticKind kind, const GroupCounts& g, bool subtractBackground);

/// The wstat deviance for one group.
double wstatTerm(double source, double background, double ratio, double model);
/// The background that wstat profiles out for one group: its expected counts in the source
/// region (the background region expects this / ratio), XSPEC manual Appendix B's f with
/// t_s = 1, t_b = 1 / ratio.
double wstatBackground(double source, double background, double ratio, double model);

}  // namespace xsky::spectral
