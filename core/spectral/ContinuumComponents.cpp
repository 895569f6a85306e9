#include "spectral/ContinuumComponents.h"

#include <cmath>
#include <numbers>
#include <vector>

#include "spectral/BinIntegration.h"
#include "spectral/ModelComponents.h"

namespace xsky::spectral {

namespace {

// XSPEC bbodyrad's constant: pi (1 km / 10 kpc)^2 2 / (h^3 c^2) in photons cm^-2 s^-1 keV^-3,
// so that A(E) = K 1.0344e-3 E^2 / (exp(E/kT) - 1) with K = (R/km)^2 / (D/10 kpc)^2.
constexpr double kBbodyradConstant = 1.0344e-3;

// ---- diskbb: G(a) tabulated in v = a^(1/3) --------------------------------------------------
// With u = v^3, G(a) = integral from a^(1/3) to infinity of 3 v^7 / (exp(v^3) - 1) dv, whose
// integrand is smooth (3 v^4 near 0). ln G is tabulated on a uniform grid in v with its exact
// derivative and interpolated with cubic Hermite polynomials.
constexpr double kDiskStep = 0.005;
constexpr int kDiskNodes = 1201;  // v from 0 to 6 (a up to 216; beyond, G < 1e-90)

double diskIntegrand(double v) {
  if (v <= 0.0) return 0.0;
  const double v3 = v * v * v;
  return v3 > 700.0 ? 0.0 : 3.0 * v3 * v3 * v / std::expm1(v3);
}

struct DiskTable {
  std::vector<double> lnG, slope;  // ln G(v) and d ln G / dv at each node
  DiskTable() : lnG(kDiskNodes), slope(kDiskNodes) {
    const double vMax = kDiskStep * (kDiskNodes - 1);
    // The tail beyond vMax, integrated in u where its integrand u^(5/3) e^-u is smooth.
    const double aMax = vMax * vMax * vMax;
    double tail = 0.0;
    for (int k = 0; k < 40; ++k) {
      tail += gaussLegendre8([](double u) { return std::pow(u, 5.0 / 3.0) / std::expm1(u); },
                             aMax + k, aMax + k + 1);
    }
    double g = tail;
    for (int i = kDiskNodes - 1; i >= 0; --i) {
      const double v = i * kDiskStep;
      if (i < kDiskNodes - 1) g += gaussLegendre8(diskIntegrand, v, v + kDiskStep);
      lnG[size_t(i)] = std::log(g);
      slope[size_t(i)] = -diskIntegrand(v) / g;
    }
  }
};

// ---- bremss: the thermally averaged free-free gaunt factor -----------------------------------
// Born approximation, g(x) = (sqrt 3 / pi) e^(x/2) K0(x/2) with x = E/kT (Rybicki & Lightman
// 1979, Radiative Processes in Astrophysics, Sect. 5.3), valid for kT >> Z^2 13.6 eV, i.e. at
// X-ray temperatures. Returned multiplied by e^-x.
double gauntTimesBoltzmann(double x) {
  if (x > 1400.0) return 0.0;
  return std::numbers::sqrt3 / std::numbers::pi * std::cyl_bessel_k(0.0, 0.5 * x) *
         std::exp(-0.5 * x);
}

}  // namespace

double diskbbIntegral(double a) {
  static const DiskTable table;
  if (!(a > 0.0)) return std::exp(table.lnG.front());
  const double v = std::cbrt(a);
  const double position = v / kDiskStep;
  if (position >= kDiskNodes - 1) return 0.0;
  const size_t k = size_t(position);
  const double t = position - double(k);
  const double y0 = table.lnG[k], y1 = table.lnG[k + 1];
  const double m0 = table.slope[k] * kDiskStep, m1 = table.slope[k + 1] * kDiskStep;
  const double t2 = t * t, t3 = t2 * t;
  const double lnG = (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 +
                     (t3 - t2) * m1;
  return std::exp(lnG);
}

// XSPEC cutoffpl: A(E) = K E^-Gamma exp(-E / HighECut), K in photons keV^-1 cm^-2 s^-1 at 1 keV.
void cutoffplComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                       double* out) {
  const double gamma = p[0], cut = p[1], norm = p[2];
  auto f = [&](double e) { return std::pow(e, -gamma) * std::exp(-e / cut); };
  for (size_t i = 0; i < lo.size(); ++i) out[i] = norm * integrateBin(f, lo[i], hi[i], cut);
}

// XSPEC bknpower: A(E) = K E^-Gamma1 below BreakE and K BreakE^(Gamma2 - Gamma1) E^-Gamma2
// above (continuous at the break), integrated exactly.
void bknpowerComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                       double* out) {
  const double g1 = p[0], eb = p[1], g2 = p[2], norm = p[3];
  const double above = norm * std::pow(eb, g2 - g1);
  for (size_t i = 0; i < lo.size(); ++i) {
    double sum = 0.0;
    if (lo[i] < eb) sum += powerlawIntegral(norm, g1, lo[i], std::min(hi[i], eb));
    if (hi[i] > eb) sum += powerlawIntegral(above, g2, std::max(lo[i], eb), hi[i]);
    out[i] = sum;
  }
}

// XSPEC bbodyrad: A(E) = K 1.0344e-3 E^2 / (exp(E/kT) - 1), K = (R_km / D_10kpc)^2 (Planck's
// law for a sphere of radius R at distance D).
void bbodyradComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                       double* out) {
  const double kT = p[0], norm = p[1];
  auto f = [kT](double e) {
    const double x = e / kT;
    return x > 700.0 ? 0.0 : e * e / std::expm1(x);
  };
  for (size_t i = 0; i < lo.size(); ++i) {
    out[i] = norm * kBbodyradConstant * integrateBin(f, lo[i], hi[i], 0.5 * kT);
  }
}

// XSPEC diskbb, the multicolour disk of Mitsuda et al. (1984, PASJ 36, 741): blackbody annuli
// with T(r) = Tin (r / Rin)^(-3/4) from Rin outwards, seen at inclination i from a distance D:
//   A(E) = (cos i / D^2) integral from Rin to infinity of 2 pi r B_E(T(r)) dr / E
//        = 2 C K integral from 1 to infinity of x E^2 / (exp(E / T(x)) - 1) dx, x = r / Rin,
// with C = 1.0344e-3 bbodyrad's constant and K = (Rin_km / D_10kpc)^2 cos i (XSPEC's norm).
// Substituting u = E / T(x) gives A(E) = (8/3) C K Tin^(8/3) E^(-2/3) G(E / Tin) where
// G(a) = integral from a to infinity of u^(5/3) / (e^u - 1) du. The energy flux, integral of
// E A(E) dE, is 2 cos i (Rin / D)^2 sigma Tin^4: the disk luminosity L = 4 pi Rin^2 sigma Tin^4
// over both faces of Makishima et al. (2000, ApJ 535, 632), seen at inclination i.
void diskbbComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                     double* out) {
  const double tin = p[0], norm = p[1];
  if (!(tin > 0.0)) {
    for (size_t i = 0; i < lo.size(); ++i) out[i] = 0.0;
    return;
  }
  const double scale = 8.0 / 3.0 * kBbodyradConstant * norm * std::pow(tin, 8.0 / 3.0);
  auto f = [tin](double e) { return std::pow(e, -2.0 / 3.0) * diskbbIntegral(e / tin); };
  for (size_t i = 0; i < lo.size(); ++i) {
    out[i] = scale * integrateBin(f, lo[i], hi[i], 0.5 * tin);
  }
}

// XSPEC bremss (Kellogg, Baldwin & Koch 1975, ApJ 199, 299): thermal bremsstrahlung,
//   A(E) = K g(E, kT) exp(-E/kT) / (E sqrt(kT)),  K = 3.02e-15 / (4 pi D^2) integral n_e n_I dV
// (the emissivity 6.8e-38 Z^2 n_e n_I T^-1/2 g e^(-h nu / kT) erg s^-1 cm^-3 Hz^-1 turned into
// photons keV^-1 with kT in keV). XSPEC evaluates g with the KBK75 polynomial fits to Karzas &
// Latter's (1961) gaunt factors for a plasma with n(He)/n(H) = 0.085; those coefficients are not
// reproduced here: g is the Born-approximation thermal average (gauntTimesBoltzmann), which
// differs from Karzas & Latter by a few per cent at kT of a few keV.
void bremssComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                     double* out) {
  const double kT = p[0], norm = p[1];
  const double scale = norm / std::sqrt(kT);
  auto f = [kT](double e) { return gauntTimesBoltzmann(e / kT) / e; };
  for (size_t i = 0; i < lo.size(); ++i) out[i] = scale * integrateBin(f, lo[i], hi[i], 0.5 * kT);
}

// XSPEC lorentz: A(E) = K (W / 2 pi) / ((E - El)^2 + (W / 2)^2), W the FWHM, integrated
// exactly with arctan; W = 0 puts the whole line in the bin holding El.
void lorentzComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                      double* out) {
  const double line = p[0], width = p[1], norm = p[2];
  for (size_t i = 0; i < lo.size(); ++i) {
    if (width <= 0.0) {
      out[i] = (line >= lo[i] && line < hi[i]) ? norm : 0.0;
      continue;
    }
    const double half = 0.5 * width;
    out[i] = norm / std::numbers::pi *
             (std::atan((hi[i] - line) / half) - std::atan((lo[i] - line) / half));
  }
}

}  // namespace xsky::spectral
