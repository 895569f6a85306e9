#pragma once
// The additive continuum and line components beyond powerlaw, bbody and gaussian, XSPEC's
// cutoffpl, bknpower, bbodyrad, diskbb, bremss and lorentz. Each gives photons cm^-2 s^-1
// integrated over each bin [lo, hi] keV; `p` holds the component's parameters in the order of
// its ComponentType (ModelComponents.cpp). Internal to core/spectral.

#include <span>

namespace xsky::spectral {

void cutoffplComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                       double* out);
void bknpowerComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                       double* out);
void bbodyradComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                       double* out);
void diskbbComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                     double* out);
void bremssComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                     double* out);
void lorentzComponent(const double* p, std::span<const double> lo, std::span<const double> hi,
                      double* out);

/// The multicolour-disk integral G(a) = integral from a to infinity of u^(5/3) / (e^u - 1) du
/// (interpolated in a table built once; relative accuracy better than 1e-9), exposed for tests.
double diskbbIntegral(double a);

}  // namespace xsky::spectral
