#include "sim/Spectra.h"

#include <QJsonArray>

#include <array>
#include <cmath>

namespace xsky::sim {

namespace {

// Morrison & McCammon (1983), Table 2: sigma = (c0 + c1 E + c2 E^2) E^-3 1e-24 cm^2 in [lo, hi).
struct Mm83Range {
  double hi, c0, c1, c2;
};
constexpr std::array<Mm83Range, 14> kMm83{{{0.100, 17.3, 608.1, -2150.0},
                                           {0.284, 34.6, 267.9, -476.1},
                                           {0.400, 78.1, 18.8, 4.3},
                                           {0.532, 71.4, 66.8, -51.4},
                                           {0.707, 95.5, 145.8, -61.1},
                                           {0.867, 308.9, -380.6, 294.0},
                                           {1.303, 120.6, 169.3, -47.7},
                                           {1.840, 141.3, 146.8, -31.5},
                                           {2.471, 202.7, 104.7, -17.0},
                                           {3.210, 342.7, 18.7, 0.0},
                                           {4.038, 352.2, 18.7, 0.0},
                                           {7.111, 433.9, -2.4, 0.75},
                                           {8.331, 629.0, 30.9, 0.0},
                                           {10.000, 701.2, 25.2, 0.0}}};
constexpr double kKeVToErg = 1.602176634e-9;

}  // namespace

double wabsCrossSection(double e) {
  double c = 0;
  if (e < 0.03) {
    c = 33.6;  // the first range's value at 0.03 keV, continued as E^-3
  } else if (e >= 10.0) {
    c = 953.2;  // the last range's value at 10 keV, continued as E^-3
  } else {
    for (const Mm83Range& r : kMm83) {
      if (e < r.hi) {
        c = r.c0 + r.c1 * e + r.c2 * e * e;
        break;
      }
    }
  }
  return c / (e * e * e) * 1e-24;
}

double SpectralComponent::photonFlux(double e) const {
  switch (kind) {
    case Kind::PowerLaw:
      return norm * std::pow(e, -photonIndex);
    case Kind::BlackbodyRad:
      return norm * 1.0344e-3 * e * e / std::expm1(e / kT);
  }
  return 0;
}

Spectrum Spectrum::powerLaw(double nH, double photonIndex, double norm) {
  SpectralComponent c;
  c.kind = SpectralComponent::Kind::PowerLaw;
  c.photonIndex = photonIndex;
  c.norm = norm;
  return {nH, {c}};
}

Spectrum Spectrum::blackbody(double nH, double kT, double norm) {
  SpectralComponent c;
  c.kind = SpectralComponent::Kind::BlackbodyRad;
  c.kT = kT;
  c.norm = norm;
  return {nH, {c}};
}

double Spectrum::photonFlux(double e) const {
  double sum = 0;
  for (const SpectralComponent& c : components) sum += c.photonFlux(e);
  return sum * std::exp(-nH * 1e22 * wabsCrossSection(e));
}

double Spectrum::energyFlux(double lo, double hi, bool absorbed) const {
  constexpr double step = 0.001;  // keV, midpoint rule
  const int n = static_cast<int>(std::lround((hi - lo) / step));
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const double e = lo + (i + 0.5) * step;
    double f = 0;
    for (const SpectralComponent& c : components) f += c.photonFlux(e);
    if (absorbed) f *= std::exp(-nH * 1e22 * wabsCrossSection(e));
    sum += f * e;
  }
  return sum * step * kKeVToErg;
}

QString Spectrum::expression() const {
  QStringList parts;
  for (const SpectralComponent& c : components) {
    parts << (c.kind == SpectralComponent::Kind::PowerLaw ? QStringLiteral("powerlaw")
                                                          : QStringLiteral("bbodyrad"));
  }
  const QString sum =
      parts.size() == 1 ? parts.front() : QStringLiteral("(%1)").arg(parts.join('+'));
  return QStringLiteral("wabs*") + sum;
}

QJsonObject Spectrum::toJson() const {
  QJsonArray comps;
  for (const SpectralComponent& c : components) {
    if (c.kind == SpectralComponent::Kind::PowerLaw) {
      comps.append(QJsonObject{{QStringLiteral("model"), QStringLiteral("powerlaw")},
                               {QStringLiteral("PhoIndex"), c.photonIndex},
                               {QStringLiteral("norm"), c.norm}});
    } else {
      comps.append(QJsonObject{{QStringLiteral("model"), QStringLiteral("bbodyrad")},
                               {QStringLiteral("kT_keV"), c.kT},
                               {QStringLiteral("norm"), c.norm}});
    }
  }
  return QJsonObject{{QStringLiteral("expression"), expression()},
                     {QStringLiteral("nH_1e22"), nH},
                     {QStringLiteral("components"), comps},
                     {QStringLiteral("flux_0.5_2_keV_absorbed"), energyFlux(0.5, 2.0, true)},
                     {QStringLiteral("flux_2_10_keV_absorbed"), energyFlux(2.0, 10.0, true)},
                     {QStringLiteral("flux_0.5_2_keV_unabsorbed"), energyFlux(0.5, 2.0, false)},
                     {QStringLiteral("flux_2_10_keV_unabsorbed"), energyFlux(2.0, 10.0, false)},
                     {QStringLiteral("flux_units"), QStringLiteral("erg/cm^2/s")}};
}

}  // namespace xsky::sim
