#include "spectral/Wabs.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace xsky::spectral {

namespace {

// Morrison, R. & McCammon, D. 1983, ApJ 270, 119, Table 2: for E in [lo, hi) keV,
// sigma(E) E^3 = c0 + c1 E + c2 E^2 in units of 1e-24 cm^2 keV^3.
struct Interval {
  double lo, hi, c0, c1, c2;
};
constexpr std::array<Interval, 14> kTable2 = {{
    {0.030, 0.100, 17.3, 608.1, -2150.0},
    {0.100, 0.284, 34.6, 267.9, -476.1},
    {0.284, 0.400, 78.1, 18.8, 4.3},
    {0.400, 0.532, 71.4, 66.8, -51.4},
    {0.532, 0.707, 95.5, 145.8, -61.1},
    {0.707, 0.867, 308.9, -380.6, 294.0},
    {0.867, 1.303, 120.6, 169.3, -47.7},
    {1.303, 1.840, 141.3, 146.8, -31.5},
    {1.840, 2.471, 202.7, 104.7, -17.0},
    {2.471, 3.210, 342.7, 18.7, 0.0},
    {3.210, 4.038, 352.2, 18.7, 0.0},
    {4.038, 7.111, 433.9, -2.4, 0.75},
    {7.111, 8.331, 629.0, 30.9, 0.0},
    {8.331, 10.000, 701.2, 25.2, 0.0},
}};

}  // namespace

double wabsCrossSection(double e) {
  if (!(e > 0.0)) return 0.0;
  // Outside the paper's 0.03-10 keV range sigma E^3 is held at its value at the nearest end
  // (33.6 below 0.03 keV, 953.2 above 10 keV): a pure E^-3 continuation.
  const double x = std::clamp(e, kTable2.front().lo, kTable2.back().hi);
  const Interval* use = &kTable2.back();
  for (const auto& interval : kTable2) {
    if (x < interval.hi) {
      use = &interval;
      break;
    }
  }
  const double poly = use->c0 + use->c1 * x + use->c2 * x * x;
  return poly / (e * e * e) * 1e-24;
}

double wabsTransmission(double nH22, double e) {
  return std::exp(-nH22 * 1e22 * wabsCrossSection(e));
}

}  // namespace xsky::spectral
