#include "sim/FieldModel.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/MissionTime.h"
#include "sim/TangentPlane.h"

namespace xsky::sim {

namespace {

constexpr double kFieldRa = 150.10, kFieldDec = 2.20;
constexpr double kFlareTail = 20.0;  // decay times after which a flare counts as over

// Positions are kept to 1e-7 deg (0.36 mas), so that every machine starts from the same doubles
// whatever the last bit its libm gives for the projection.
double roundDeg(double deg) { return std::round(deg * 1e7) / 1e7; }

/// (ra, dec) at (east, north) arcmin from the field centre, rounded by roundDeg.
void offsetPosition(double eastArcmin, double northArcmin, double* ra, double* dec) {
  fromStandard(kFieldRa, kFieldDec, {eastArcmin * 60.0, northArcmin * 60.0}, ra, dec);
  *ra = roundDeg(*ra);
  *dec = roundDeg(*dec);
}

QString iauName(double ra, double dec) {
  const double raSec = ra / 15.0 * 3600.0;  // seconds of time
  const int h = static_cast<int>(raSec / 3600.0);
  const int m = static_cast<int>((raSec - h * 3600.0) / 60.0);
  const double s = std::floor((raSec - h * 3600.0 - m * 60.0) * 10.0) / 10.0;
  const double a = std::abs(dec) * 3600.0;
  const int d = static_cast<int>(a / 3600.0), dm = static_cast<int>((a - d * 3600.0) / 60.0);
  const int ds = static_cast<int>(a - d * 3600.0 - dm * 60.0);
  return QStringLiteral("XSKY J%1%2%3%4%5%6%7")
      .arg(h, 2, 10, QLatin1Char('0'))
      .arg(m, 2, 10, QLatin1Char('0'))
      .arg(s, 4, 'f', 1, QLatin1Char('0'))
      .arg(dec < 0 ? QLatin1Char('-') : QLatin1Char('+'))
      .arg(d, 2, 10, QLatin1Char('0'))
      .arg(dm, 2, 10, QLatin1Char('0'))
      .arg(ds, 2, 10, QLatin1Char('0'));
}

/// A source at (east, north) arcmin from the field centre.
Source place(const char* id, const char* kind, double eastArcmin, double northArcmin,
             Spectrum spectrum) {
  Source s;
  s.id = QString::fromLatin1(id);
  s.kind = QString::fromLatin1(kind);
  offsetPosition(eastArcmin, northArcmin, &s.ra, &s.dec);
  s.name = iauName(s.ra, s.dec);
  s.spectrum = std::move(spectrum);
  return s;
}

Observation observe(const char* obsId, const char* ttStart, double duration, double eastArcmin,
                    double northArcmin, double pa, std::vector<Interval> flaresRelative) {
  Observation o;
  o.obsId = QString::fromLatin1(obsId);
  o.start = missionTimeFromTt(QString::fromLatin1(ttStart));
  o.duration = duration;
  offsetPosition(eastArcmin, northArcmin, &o.raPnt, &o.decPnt);
  o.paPnt = pa;
  for (const Interval& f : flaresRelative)
    o.flaresRemoved.push_back({o.start + f.start, o.start + f.stop});
  return o;
}

FieldModel build() {
  FieldModel f;
  f.raCentre = kFieldRa;
  f.decCentre = kFieldDec;
  f.object = QStringLiteral("XSKY DEMO FIELD");
  f.observations = {
      observe("0901230101", "2019-04-21T06:12:34", 33500, -2.0, 1.5, 61.3,
              {{9800, 11400}, {26500, 27800}}),
      observe("0901230201", "2020-11-08T21:40:02", 28000, 4.0, -1.0, 244.6, {{15200, 17900}}),
      observe("0901230301", "2021-05-02T03:05:47", 41000, -0.5, -4.5, 78.2,
              {{3000, 3900}, {21000, 22600}, {36500, 38000}})};

  auto& s = f.sources;
  s.push_back(place("SRC01", "AGN", 0.8, 0.6, Spectrum::powerLaw(0.02, 1.9, 1.0e-4)));
  s.push_back(place("SRC02", "obscured AGN", -4.2, 3.1, Spectrum::powerLaw(4.0, 1.7, 3.0e-4)));
  s.push_back(place("SRC03", "soft AGN", 5.6, -2.7, Spectrum::powerLaw(0.03, 2.4, 2.5e-5)));
  s.push_back(place("SRC04", "flaring star", -2.3, -3.9, Spectrum::powerLaw(0.01, 2.2, 1.5e-5)));
  s.back().time.kind = TimeProfile::Kind::Flare;
  s.back().time.flareStart = f.observations[1].start + 8000.0;
  s.back().time.riseTime = 300.0;
  s.back().time.decayTime = 1200.0;
  s.back().time.amplitude = 9.0;
  s.push_back(
      place("SRC05", "neutron star (blackbody)", 3.2, 5.4, Spectrum::blackbody(0.015, 0.25, 4.0)));
  s.push_back(place("SRC06", "X-ray pulsar", -6.1, -0.8, Spectrum::powerLaw(0.6, 1.2, 4.0e-5)));
  s.back().time.kind = TimeProfile::Kind::Pulsed;
  s.back().time.period = 9.4321;
  s.back().time.pulsedFraction = 0.42;
  s.back().time.epoch = f.observations[0].start + 1000.0;
  s.push_back(place("SRC07", "AGN", 1.9, -1.6, Spectrum::powerLaw(0.05, 1.8, 8.0e-6)));
  s.push_back(place("SRC08", "AGN", -0.9, 6.3, Spectrum::powerLaw(0.3, 1.6, 1.2e-5)));
  s.push_back(place("SRC09", "AGN", 7.2, 2.4, Spectrum::powerLaw(0.02, 2.0, 1.0e-5)));
  s.push_back(place("SRC10", "AGN", -5.0, -6.5, Spectrum::powerLaw(0.01, 2.1, 6.0e-6)));
  s.push_back(place("EXT01", "galaxy group (beta model)", 2.6, -6.2,
                    Spectrum::powerLaw(0.02, 2.0, 4.0e-5)));
  s.back().extended = true;
  s.back().coreRadiusArcsec = 30.0;
  s.back().betaModel = 2.0 / 3.0;

  f.background.cxb.nH = 0.0175;
  SpectralComponent hard, soft;
  hard.photonIndex = 1.42;
  hard.norm = 2.5e-7;
  soft.photonIndex = 3.0;
  soft.norm = 1.0e-7;
  f.background.cxb.components = {hard, soft};
  return f;
}

}  // namespace

double TimeProfile::factor(double t) const {
  switch (kind) {
    case Kind::Constant:
      return 1.0;
    case Kind::Flare: {
      const double dt = t - flareStart;
      if (dt < 0) return 1.0;
      if (dt < riseTime) return 1.0 + amplitude * dt / riseTime;
      return 1.0 + amplitude * std::exp(-(dt - riseTime) / decayTime);
    }
    case Kind::Pulsed:
      return 1.0 + pulsedFraction * std::sin(2.0 * std::numbers::pi * (t - epoch) / period);
  }
  return 1.0;
}

double TimeProfile::maxFactor(double a, double b) const {
  switch (kind) {
    case Kind::Constant:
      return 1.0;
    case Kind::Flare:
      return (b < flareStart || a > flareStart + riseTime + kFlareTail * decayTime)
                 ? 1.0
                 : 1.0 + amplitude;
    case Kind::Pulsed:
      return 1.0 + pulsedFraction;
  }
  return 1.0;
}

double TimeProfile::integral(double a, double b) const {
  if (b <= a) return 0.0;
  switch (kind) {
    case Kind::Constant:
      return b - a;
    case Kind::Flare: {
      // Excess over the quiescent level, piecewise: linear rise, then exponential decay.
      auto riseArea = [&](double t) {  // integral of g from flareStart to t, t in the rise
        const double x = std::clamp(t - flareStart, 0.0, riseTime);
        return 0.5 * x * x / riseTime;
      };
      auto decayArea = [&](double t) {  // integral of g from the peak to t
        const double x = std::max(0.0, t - flareStart - riseTime);
        return decayTime * -std::expm1(-x / decayTime);
      };
      const double excess = riseArea(b) - riseArea(a) + decayArea(b) - decayArea(a);
      return (b - a) + amplitude * excess;
    }
    case Kind::Pulsed: {
      const double w = 2.0 * std::numbers::pi / period;
      return (b - a) + pulsedFraction / w * (std::cos(w * (a - epoch)) - std::cos(w * (b - epoch)));
    }
  }
  return b - a;
}

QJsonObject TimeProfile::toJson() const {
  switch (kind) {
    case Kind::Constant:
      break;
    case Kind::Flare:
      return QJsonObject{
          {QStringLiteral("type"), QStringLiteral("flare")},
          {QStringLiteral("formula"),
           QStringLiteral("rate = quiescent * (1 + amplitude * g(t)); g rises linearly from 0 at "
                          "start to 1 at start + rise, then exp(-(t - start - rise) / decay)")},
          {QStringLiteral("start"), flareStart},
          {QStringLiteral("rise_s"), riseTime},
          {QStringLiteral("decay_s"), decayTime},
          {QStringLiteral("amplitude"), amplitude},
          {QStringLiteral("peak_over_quiescent"), 1.0 + amplitude}};
    case Kind::Pulsed:
      return QJsonObject{
          {QStringLiteral("type"), QStringLiteral("pulsed")},
          {QStringLiteral("formula"),
           QStringLiteral("rate = mean * (1 + pulsed_fraction * sin(2 pi (t - epoch) / period)); "
                          "spacecraft TT, no barycentric correction")},
          {QStringLiteral("period_s"), period},
          {QStringLiteral("frequency_hz"), 1.0 / period},
          {QStringLiteral("pulsed_fraction"), pulsedFraction},
          {QStringLiteral("epoch"), epoch}};
  }
  return QJsonObject{{QStringLiteral("type"), QStringLiteral("none")}};
}

const FieldModel& demoField() {
  static const FieldModel field = build();
  return field;
}

std::vector<BackgroundLine> particleLines(Camera camera) {
  if (camera == Camera::Pn) {
    return {{1.487, 0.04, "Al K alpha"},
            {7.478, 0.03, "Ni K alpha"},
            {8.048, 0.10, "Cu K alpha"},
            {8.639, 0.04, "Zn K alpha"}};
  }
  return {{1.487, 0.06, "Al K alpha"}, {1.740, 0.05, "Si K alpha"}};
}

}  // namespace xsky::sim
