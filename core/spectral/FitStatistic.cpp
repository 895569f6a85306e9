#include "spectral/FitStatistic.h"

#include <cmath>
#include <limits>

namespace xsky::spectral {

namespace {

double gehrelsSigma(double n) { return 1.0 + std::sqrt(n + 0.75); }

double signedRoot(double term, double model, double data) {
  const double root = std::sqrt(std::max(term, 0.0));
  return model >= data ? root : -root;
}

constexpr double kTiny = 1e-300;

}  // namespace

std::optional<StatisticKind> statisticFromName(const QString& name) {
  const QString n = name.trimmed().toLower();
  if (n == QLatin1String("chi2gehrels") || n == QLatin1String("chi2"))
    return StatisticKind::Chi2Gehrels;
  if (n == QLatin1String("chi2datavar")) return StatisticKind::Chi2DataVar;
  if (n == QLatin1String("cstat")) return StatisticKind::Cstat;
  if (n == QLatin1String("wstat")) return StatisticKind::Wstat;
  return std::nullopt;
}

QString statisticName(StatisticKind kind) {
  switch (kind) {
    case StatisticKind::Chi2Gehrels:
      return QStringLiteral("chi2gehrels");
    case StatisticKind::Chi2DataVar:
      return QStringLiteral("chi2datavar");
    case StatisticKind::Cstat:
      return QStringLiteral("cstat");
    case StatisticKind::Wstat:
      return QStringLiteral("wstat");
  }
  return {};
}

bool isChiSquare(StatisticKind kind) {
  return kind == StatisticKind::Chi2Gehrels || kind == StatisticKind::Chi2DataVar;
}

double wstatTerm(double S, double B, double r, double mu) {
  // XSPEC manual Appendix B with t_s = 1 and t_b = a = 1/r: counts in the source region.
  const double a = 1.0 / r;
  const double f = 1.0 + a;
  mu = std::max(mu, kTiny);
  if (S == 0.0) return 2.0 * (mu - B * std::log(a / f));
  if (B == 0.0) {
    if (mu < S / f) return 2.0 * (-a * mu - S * std::log(1.0 / f));
    return 2.0 * (mu + S * (std::log(S) - std::log(mu) - 1.0));
  }
  const double d = std::sqrt((f * mu - S - B) * (f * mu - S - B) + 4.0 * f * B * mu);
  const double fhat = std::max((S + B - f * mu + d) / (2.0 * f), kTiny);
  return 2.0 * (mu + f * fhat - S * std::log(mu + fhat) - B * std::log(a * fhat) -
                S * (1.0 - std::log(S)) - B * (1.0 - std::log(B)));
}

double wstatBackground(double S, double B, double r, double mu) {
  const double a = 1.0 / r;
  const double f = 1.0 + a;
  mu = std::max(mu, kTiny);
  if (S == 0.0) return B / f;
  if (B == 0.0) return mu < S / f ? S / f - mu : 0.0;
  const double d = std::sqrt((f * mu - S - B) * (f * mu - S - B) + 4.0 * f * B * mu);
  return std::max((S + B - f * mu + d) / (2.0 * f), kTiny);
}

double statisticResidual(StatisticKind kind, const GroupCounts& g, bool subtract) {
  const double S = g.source, B = g.background, r = g.ratio, mu = g.model;
  switch (kind) {
    case StatisticKind::Chi2Gehrels:
    case StatisticKind::Chi2DataVar: {
      const bool sub = subtract && r > 0.0;
      const double y = sub ? S - r * B : S;
      double var = kind == StatisticKind::Chi2Gehrels ? std::pow(gehrelsSigma(S), 2) : S;
      if (sub)
        var += r * r * (kind == StatisticKind::Chi2Gehrels ? std::pow(gehrelsSigma(B), 2) : B);
      if (!(var > 0.0)) return std::numeric_limits<double>::quiet_NaN();
      return (y - mu) / std::sqrt(var);
    }
    case StatisticKind::Cstat: {
      const double m = std::max(mu, kTiny);
      const double term = S > 0.0 ? 2.0 * (m - S + S * (std::log(S) - std::log(m))) : 2.0 * m;
      return signedRoot(term, mu, S);
    }
    case StatisticKind::Wstat:
      if (!(r > 0.0)) {
        const double m = std::max(mu, kTiny);
        const double term = S > 0.0 ? 2.0 * (m - S + S * (std::log(S) - std::log(m))) : 2.0 * m;
        return signedRoot(term, mu, S);
      }
      return signedRoot(wstatTerm(S, B, r, mu), mu, S - r * B);
  }
  return 0.0;
}

}  // namespace xsky::spectral
