#include "spectral/ModelComponents.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "spectral/ContinuumComponents.h"
#include "spectral/TabulatedAbsorption.h"
#include "spectral/Wabs.h"

namespace xsky::spectral {

namespace {

// Gauss-Legendre nodes and weights on [-1, 1], four points (Abramowitz & Stegun 25.4.30).
constexpr double kGlNodes[4] = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563,
                                0.8611363115940526};
constexpr double kGlWeights[4] = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461,
                                  0.3478548451374538};

template <typename F>
double integrate(F f, double lo, double hi) {
  const double half = 0.5 * (hi - lo), mid = 0.5 * (hi + lo);
  double sum = 0.0;
  for (int i = 0; i < 4; ++i) sum += kGlWeights[i] * f(mid + half * kGlNodes[i]);
  return sum * half;
}

// XSPEC powerlaw: A(E) = K E^-Gamma, K in photons keV^-1 cm^-2 s^-1 at 1 keV.
void powerlaw(const double* p, std::span<const double> lo, std::span<const double> hi,
              double* out) {
  for (size_t i = 0; i < lo.size(); ++i) out[i] = powerlawIntegral(p[1], p[0], lo[i], hi[i]);
}

// XSPEC bbody: A(E) = K 8.0525 E^2 dE / ((kT)^4 (exp(E/kT) - 1)), K = L39 / D10^2
// (Planck's law normalised to a luminosity of 1e39 erg/s at 10 kpc).
void bbody(const double* p, std::span<const double> lo, std::span<const double> hi, double* out) {
  const double kT = p[0], norm = p[1];
  const double scale = norm * 8.0525 / (kT * kT * kT * kT);
  auto f = [kT](double e) {
    const double x = e / kT;
    return x > 700.0 ? 0.0 : e * e / std::expm1(x);
  };
  // Bins wider than kT / 5 are split so that the quadrature follows the spectrum's curvature.
  for (size_t i = 0; i < lo.size(); ++i) {
    const int parts = std::clamp(int(std::ceil((hi[i] - lo[i]) / (0.2 * kT))), 1, 32);
    const double width = (hi[i] - lo[i]) / parts;
    double sum = 0.0;
    for (int k = 0; k < parts; ++k) sum += integrate(f, lo[i] + k * width, lo[i] + (k + 1) * width);
    out[i] = scale * sum;
  }
}

// XSPEC gaussian: A(E) = K exp(-(E - El)^2 / (2 sigma^2)) / (sigma sqrt(2 pi)), integrated
// exactly with erf; sigma = 0 puts the whole line in the bin holding El.
void gaussian(const double* p, std::span<const double> lo, std::span<const double> hi,
              double* out) {
  const double line = p[0], sigma = p[1], norm = p[2];
  for (size_t i = 0; i < lo.size(); ++i) {
    if (sigma <= 0.0) {
      out[i] = (line >= lo[i] && line < hi[i]) ? norm : 0.0;
      continue;
    }
    const double s = sigma * std::numbers::sqrt2;
    out[i] = 0.5 * norm * (std::erf((hi[i] - line) / s) - std::erf((lo[i] - line) / s));
  }
}

void constant(const double* p, std::span<const double> lo, std::span<const double>, double* out) {
  for (size_t i = 0; i < lo.size(); ++i) out[i] = p[0];
}

// XSPEC wabs: exp(-nH sigma(E)), Morrison & McCammon (1983), at each bin's mid-point.
void wabs(const double* p, std::span<const double> lo, std::span<const double> hi, double* out) {
  for (size_t i = 0; i < lo.size(); ++i) out[i] = wabsTransmission(p[0], 0.5 * (lo[i] + hi[i]));
}

// XSPEC phabs: exp(-nH sigma(E)) with Anders & Grevesse (1989) abundances and Verner et al.
// (1996) cross-sections; XSPEC tbabs: the same with Wilms, Allen & McCray (2000). Both at each
// bin's mid-point, from tables (TabulatedAbsorption.h).
void phabs(const double* p, std::span<const double> lo, std::span<const double> hi, double* out) {
  for (size_t i = 0; i < lo.size(); ++i) {
    out[i] = tabulatedTransmission(AbsorptionTable::PhabsAngr, p[0], 0.5 * (lo[i] + hi[i]));
  }
}

void tbabs(const double* p, std::span<const double> lo, std::span<const double> hi, double* out) {
  for (size_t i = 0; i < lo.size(); ++i) {
    out[i] = tabulatedTransmission(AbsorptionTable::TbabsWilm, p[0], 0.5 * (lo[i] + hi[i]));
  }
}

// Parameter names, units and defaults as XSPEC's model.dat gives them; min/max are limits that
// a fit never crosses.
const std::vector<ComponentType>& types() {
  static const std::vector<ComponentType> all = {
      {"powerlaw",
       ComponentKind::Additive,
       {{"PhoIndex", "", 1.0, -3.0, 10.0, 0.01},
        {"norm", "photons/keV/cm^2/s at 1 keV", 1.0, 0.0, 1e24, 0.01}},
       &powerlaw},
      {"bbody",
       ComponentKind::Additive,
       {{"kT", "keV", 3.0, 1e-4, 200.0, 0.01}, {"norm", "L39/D10^2", 1.0, 0.0, 1e24, 0.01}},
       &bbody},
      {"gaussian",
       ComponentKind::Additive,
       {{"LineE", "keV", 6.5, 0.0, 1e6, 0.05},
        {"Sigma", "keV", 0.1, 0.0, 20.0, 0.05},
        {"norm", "photons/cm^2/s", 1.0, 0.0, 1e24, 0.01}},
       &gaussian},
      {"cutoffpl",
       ComponentKind::Additive,
       {{"PhoIndex", "", 1.0, -3.0, 10.0, 0.01},
        {"HighECut", "keV", 15.0, 0.01, 500.0, 0.01},
        {"norm", "photons/keV/cm^2/s at 1 keV", 1.0, 0.0, 1e24, 0.01}},
       &cutoffplComponent},
      {"bknpower",
       ComponentKind::Additive,
       {{"PhoIndx1", "", 1.0, -3.0, 10.0, 0.01},
        {"BreakE", "keV", 5.0, 1e-2, 1e6, 0.01},
        {"PhoIndx2", "", 2.0, -3.0, 10.0, 0.01},
        {"norm", "photons/keV/cm^2/s at 1 keV", 1.0, 0.0, 1e24, 0.01}},
       &bknpowerComponent},
      {"bbodyrad",
       ComponentKind::Additive,
       {{"kT", "keV", 3.0, 1e-3, 200.0, 0.01}, {"norm", "R_km^2/D10^2", 1.0, 0.0, 1e24, 0.01}},
       &bbodyradComponent},
      {"diskbb",
       ComponentKind::Additive,
       {{"Tin", "keV", 1.0, 0.0, 1000.0, 0.01},
        {"norm", "(R_in/km)^2/(D/10 kpc)^2 cos i", 1.0, 0.0, 1e24, 0.01}},
       &diskbbComponent},
      {"bremss",
       ComponentKind::Additive,
       {{"kT", "keV", 7.0, 1e-4, 200.0, 0.01},
        {"norm", "3.02e-15/(4 pi D^2) int n_e n_I dV", 1.0, 0.0, 1e24, 0.01}},
       &bremssComponent},
      {"lorentz",
       ComponentKind::Additive,
       {{"LineE", "keV", 6.5, 0.0, 1e6, 0.05},
        {"Width", "keV", 0.1, 0.0, 20.0, 0.05},
        {"norm", "photons/cm^2/s", 1.0, 0.0, 1e24, 0.01}},
       &lorentzComponent},
      {"constant",
       ComponentKind::Multiplicative,
       {{"factor", "", 1.0, 0.0, 1e10, 0.01}},
       &constant},
      {"wabs",
       ComponentKind::Multiplicative,
       {{"nH", "10^22 atoms/cm^2", 1.0, 0.0, 1e5, 0.001}},
       &wabs},
      {"phabs",
       ComponentKind::Multiplicative,
       {{"nH", "10^22 atoms/cm^2", 1.0, 0.0, 1e6, 0.001}},
       &phabs},
      {"tbabs",
       ComponentKind::Multiplicative,
       {{"nH", "10^22 atoms/cm^2", 1.0, 0.0, 1e6, 0.001}},
       &tbabs},
  };
  return all;
}

}  // namespace

double powerlawIntegral(double norm, double gamma, double lo, double hi) {
  if (std::abs(gamma - 1.0) < 1e-12) return norm * std::log(hi / lo);
  const double a = 1.0 - gamma;
  return norm * (std::pow(hi, a) - std::pow(lo, a)) / a;
}

const ComponentType* findComponentType(const QString& name) {
  for (const auto& type : types()) {
    if (name.compare(QLatin1String(type.name), Qt::CaseInsensitive) == 0) return &type;
  }
  return nullptr;
}

QStringList componentTypeNames() {
  QStringList names;
  for (const auto& type : types()) names << QString::fromLatin1(type.name);
  return names;
}

}  // namespace xsky::spectral
