#pragma once
// What the demo sky contains: the sources (positions, spectra, time behaviour), the observations
// (dates, pointings, roll angles, removed background-flare intervals) and the backgrounds. The
// field is fixed; only the random realisation of the photons depends on the seed.
//
// Coordinates are FK5/ICRS J2000 degrees; times are XMM mission times (MissionTime.h), s.

#include <vector>

#include <QJsonObject>
#include <QString>

#include "sim/Camera.h"
#include "sim/Optics.h"
#include "sim/Spectra.h"

namespace xsky::sim {

struct Interval {
  double start = 0;  // s
  double stop = 0;   // s
};

/// A source's count rate relative to its mean (quiescent) rate, as a function of mission time.
///  Flare: 1 + amplitude * g(t), g rising linearly from 0 at flareStart to 1 after riseTime, then
///         decaying as exp(-(t - flareStart - riseTime) / decayTime).
///  Pulsed: 1 + pulsedFraction * sin(2 pi (t - epoch) / period) (pulsed fraction =
///  (max-min)/(max+min)).
struct TimeProfile {
  enum class Kind { Constant, Flare, Pulsed };
  Kind kind = Kind::Constant;
  double flareStart = 0, riseTime = 0, decayTime = 0, amplitude = 0;  // s, s, s, peak - 1
  double period = 0, pulsedFraction = 0, epoch = 0;                   // s, -, s

  double factor(double t) const;
  /// Largest factor over [a, b].
  double maxFactor(double a, double b) const;
  /// Integral of factor over [a, b], s.
  double integral(double a, double b) const;
  QJsonObject toJson() const;
};

struct Source {
  QString id;              // "SRC01"
  QString name;            // IAU-style "XSKY Jhhmmss.s+ddmmss"
  QString kind;            // what it stands for ("AGN", "pulsar", ...)
  double ra = 0, dec = 0;  // deg
  bool extended = false;
  double coreRadiusArcsec = 0;  // extended: beta-model core radius
  double betaModel = 0;         // extended: beta of (1 + (r/rc)^2)^(-3 beta + 1/2)
  Spectrum spectrum;            // for extended sources: the whole source
  TimeProfile time;

  /// The beta model's radial profile in KingProfile form.
  KingProfile shape() const { return {coreRadiusArcsec, 3.0 * betaModel - 0.5}; }
};

struct Observation {
  QString obsId;
  double start = 0;                         // mission time of the first MOS frame, s
  double duration = 0;                      // s
  double raPnt = 0, decPnt = 0, paPnt = 0;  // deg (PA: north through east)
  std::vector<Interval> flaresRemoved;      // background-flare intervals cut from every GTI

  /// Exposure span of a camera: MOS starts at `start`; pn starts 1800 s later and ends 40 s later.
  double cameraStart(Camera c) const { return start + (isMos(c) ? 0.0 : 1800.0); }
  double cameraStop(Camera c) const { return start + duration + (isMos(c) ? 0.0 : 40.0); }
};

struct BackgroundModel {
  /// Particle background, counts/s/arcmin^2 of CCD in 0.1-15 keV before dead time (pn, MOS).
  double particleRatePn = 7e-4, particleRateMos = 3e-4;
  /// Its continuum photon-index-like slope: dN/dE proportional to E^-slope.
  double particleSlope = 0.2;
  /// Cosmic X-ray background per arcmin^2 (wabs * (hard powerlaw + soft powerlaw)).
  Spectrum cxb;
};

struct FieldModel {
  double raCentre = 0, decCentre = 0;  // deg
  QString object;                      // OBJECT keyword
  std::vector<Source> sources;
  std::vector<Observation> observations;
  BackgroundModel background;
};

/// The demo field around RA 150.10, Dec +2.20, observed three times (2019, 2020, 2021).
const FieldModel& demoField();

/// Instrumental fluorescence lines of the particle background: energy (keV) and share of the
/// particle events.
struct BackgroundLine {
  double energyKeV;
  double share;
  const char* name;
};
std::vector<BackgroundLine> particleLines(Camera camera);

}  // namespace xsky::sim
