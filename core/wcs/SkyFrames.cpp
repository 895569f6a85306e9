#include "wcs/SkyFrames.h"

#include <array>
#include <cmath>
#include <numbers>

namespace xsky::wcs {

namespace {

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;

constexpr double kDeg = std::numbers::pi / 180.0;

// ICRS -> Galactic. The IAU 1958 system as realised through FK4 B1950 -> FK5 J2000 -> ICRS
// (the chain astropy uses); it differs from the Hipparcos 1997 matrix by < 0.03 arcsec.
constexpr Mat3 kIcrsToGalactic = {{
    {-0.054875657712591681, -0.87343705195561649, -0.48383507361671552},
    {0.49410943719272749, -0.44482972122329478, 0.7469821839866676},
    {-0.86766613755965871, -0.1980763372730007, 0.45598381368730168},
}};

// ICRS -> FK5 J2000: the frame bias (Feissel & Mignard 1998: eta0 = -19.9 mas, xi0 = 9.1 mas,
// dalpha0 = -22.9 mas), as astropy applies it.
constexpr Mat3 kIcrsToFk5 = {{
    {0.99999999999999278, -1.1102233282139344e-07, -4.4118044877913306e-08},
    {1.1102233723050043e-07, 0.99999999999998912, 9.6477922368644283e-08},
    {4.4118034269763301e-08, -9.6477927519581311e-08, 0.99999999999999434},
}};

// Mean obliquity of the ecliptic at J2000 (IAU 2006): 84381.406 arcsec.
constexpr double kObliquityDeg = 84381.406 / 3600.0;

// FK4 B1950 -> FK5 J2000 (Standish 1982 / Aoki et al. 1983), position part and the rows that
// turn a position into its fictitious FK4 proper motion, with the E-terms of aberration.
constexpr std::array<Vec3, 6> kFk4ToFk5 = {{
    {0.9999256782, -0.0111820610, -0.0048579479},
    {0.0111820610, 0.9999374784, -0.0000271474},
    {0.0048579477, -0.0000271765, 0.9999881997},
    {-0.000551, -0.238565, 0.435739},
    {0.238514, -0.002667, -0.008541},
    {-0.435623, 0.012254, 0.002117},
}};
constexpr Vec3 kETerms = {-1.62557e-6, -0.31919e-6, -0.13843e-6};

Vec3 toVector(SkyPoint p) {
  const double a = p.lon * kDeg, d = p.lat * kDeg;
  return {std::cos(d) * std::cos(a), std::cos(d) * std::sin(a), std::sin(d)};
}

SkyPoint toPoint(const Vec3& v) {
  const double r = std::hypot(v[0], v[1]);
  double lon = (r == 0) ? 0.0 : std::atan2(v[1], v[0]) / kDeg;
  if (lon < 0) lon += 360.0;
  if (lon >= 360.0) lon -= 360.0;
  return {lon, std::atan2(v[2], r) / kDeg};
}

Vec3 multiply(const Mat3& m, const Vec3& v) {
  return {m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
          m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
          m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
}

Vec3 multiplyTransposed(const Mat3& m, const Vec3& v) {
  return {m[0][0] * v[0] + m[1][0] * v[1] + m[2][0] * v[2],
          m[0][1] * v[0] + m[1][1] * v[1] + m[2][1] * v[2],
          m[0][2] * v[0] + m[1][2] * v[1] + m[2][2] * v[2]};
}

Mat3 eclipticRotation() {
  const double e = kObliquityDeg * kDeg;
  return {{{1, 0, 0}, {0, std::cos(e), std::sin(e)}, {0, -std::sin(e), std::cos(e)}}};
}

// FK4 B1950 (no proper motion, observed at Julian epoch `epochJ`) -> FK5 J2000, as SLALIB's FK45Z
// does it.
SkyPoint fk4ToFk5(SkyPoint p, double epochJ = 1949.9997904423) {
  const Vec3 r0 = toVector(p);
  const double w = r0[0] * kETerms[0] + r0[1] * kETerms[1] + r0[2] * kETerms[2];
  Vec3 v1;
  for (int i = 0; i < 3; ++i) v1[i] = r0[i] - kETerms[i] + w * r0[i];
  std::array<double, 6> v2{};
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 3; ++j) v2[i] += kFk4ToFk5[i][j] * v1[j];
  }
  // Fictitious proper motion from epoch B1950.0 (= J1949.9997904) to J2000.
  const double pmf = 100.0 * 60.0 * 60.0 * 360.0 / (2.0 * std::numbers::pi);
  const double t = (epochJ - 2000.0) / pmf;
  return toPoint({v2[0] + t * v2[3], v2[1] + t * v2[4], v2[2] + t * v2[5]});
}

// FK5 J2000 -> FK4 B1950 by fixed-point iteration on fk4ToFk5 (it converges to 1e-12 deg in a
// few steps because the map is a near-rotation).
SkyPoint fk5ToFk4(SkyPoint target, double epochJ = 1949.9997904423) {
  Mat3 rot;
  for (int i = 0; i < 3; ++i) rot[i] = kFk4ToFk5[i];
  SkyPoint guess = toPoint(multiplyTransposed(rot, toVector(target)));
  for (int iter = 0; iter < 20; ++iter) {
    const Vec3 got = toVector(fk4ToFk5(guess, epochJ));
    const Vec3 want = toVector(target);
    Vec3 g = toVector(guess);
    double change = 0;
    for (int i = 0; i < 3; ++i) {
      const double d = want[i] - got[i];
      g[i] += d;
      change = std::max(change, std::abs(d));
    }
    guess = toPoint(g);
    if (change < 1e-15) break;
  }
  return guess;
}

}  // namespace

QString frameName(CelestialFrame frame) {
  switch (frame) {
    case CelestialFrame::Icrs: return QStringLiteral("ICRS");
    case CelestialFrame::Fk5: return QStringLiteral("FK5");
    case CelestialFrame::Fk4: return QStringLiteral("FK4");
    case CelestialFrame::Galactic: return QStringLiteral("GALACTIC");
    case CelestialFrame::Ecliptic: return QStringLiteral("ECLIPTIC");
  }
  return {};
}

SkyPoint toIcrs(SkyPoint p, CelestialFrame from) {
  switch (from) {
    case CelestialFrame::Icrs: return p;
    case CelestialFrame::Fk5: return toPoint(multiplyTransposed(kIcrsToFk5, toVector(p)));
    case CelestialFrame::Fk4: return toIcrs(fk4ToFk5(p), CelestialFrame::Fk5);
    case CelestialFrame::Galactic: return toPoint(multiplyTransposed(kIcrsToGalactic, toVector(p)));
    case CelestialFrame::Ecliptic: return toPoint(multiplyTransposed(eclipticRotation(), toVector(p)));
  }
  return p;
}

SkyPoint fromIcrs(SkyPoint icrs, CelestialFrame to) {
  switch (to) {
    case CelestialFrame::Icrs: return icrs;
    case CelestialFrame::Fk5: return toPoint(multiply(kIcrsToFk5, toVector(icrs)));
    case CelestialFrame::Fk4: return fk5ToFk4(fromIcrs(icrs, CelestialFrame::Fk5));
    case CelestialFrame::Galactic: return toPoint(multiply(kIcrsToGalactic, toVector(icrs)));
    case CelestialFrame::Ecliptic: return toPoint(multiply(eclipticRotation(), toVector(icrs)));
  }
  return icrs;
}

SkyPoint fk4ToIcrs(SkyPoint fk4, double epochJulianYear) {
  return toIcrs(fk4ToFk5(fk4, epochJulianYear), CelestialFrame::Fk5);
}

SkyPoint icrsToFk4(SkyPoint icrs, double epochJulianYear) {
  return fk5ToFk4(fromIcrs(icrs, CelestialFrame::Fk5), epochJulianYear);
}

double angularDistanceDeg(SkyPoint a, SkyPoint b) {
  const double dlat = (b.lat - a.lat) * kDeg, dlon = (b.lon - a.lon) * kDeg;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2.0 * std::asin(std::min(1.0, std::sqrt(h))) / kDeg;
}

}  // namespace xsky::wcs
