// xsky-cli timing longterm SPECTRUM.pha... [--energy LO:HI] [--json]
//   The long-term light curve of one source across observations (core/timing/LongTermLightCurve.h):
//   one point per source spectrum (as `xsky-cli extract` writes them: the background spectrum is
//   found through BACKFILE), a net count rate with 1-sigma errors where the source is detected at
//   3 sigma, else a 99.73 % upper limit (Kraft, Burrows & Nousek 1991), in time order (DATE-OBS);
//   then the maximum/minimum ratio with its significance, upper limits included, and whether it
//   passes the alert thresholds (ratio >= 5 at >= 3 sigma). --energy counts only the channels of
//   that band (keV, through the spectrum's RESPFILE). Exit 1 when a spectrum cannot be read.

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "archive/ObservationDates.h"
#include "cli/CliCommon.h"
#include "fits/FitsError.h"
#include "fits/FitsFile.h"
#include "spectral/SpectralData.h"
#include "timing/LongTermLightCurve.h"

namespace xsky::cli {

namespace {

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

double mean(const std::vector<double>& v) {
  if (v.empty()) return 1.0;
  double s = 0;
  for (double x : v) s += x;
  return s / double(v.size());
}

// One observation's counts from a source spectrum and its background.
timing::ObservationCounts readObservation(const QString& path, std::optional<std::pair<double, double>> band,
                                          QStringList* warnings) {
  spectral::LoadOptions options;
  spectral::SpectralData d = spectral::SpectralData::load(path, options, warnings);
  d.setGrouped(false);
  if (band) {
    if (!d.rmf()) throw Error(path + QStringLiteral(": --energy needs the spectrum's RESPFILE (channel energies)"));
    constexpr double kInf = std::numeric_limits<double>::infinity();
    d.ignoreEnergy(-kInf, band->first);
    d.ignoreEnergy(band->second, kInf);
  }
  timing::ObservationCounts o;
  const auto& groups = d.groups();
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    if (!d.noticed()[gi]) continue;
    for (int c : groups[gi].channels) {
      o.sourceCounts += d.source().counts[size_t(c)];
      if (d.background()) o.backgroundCounts += d.background()->counts[size_t(c)];
    }
  }
  o.sourceExposureS = d.source().exposure;
  o.sourceBackscal = mean(d.source().backScale);
  if (d.background()) {
    o.backgroundExposureS = d.background()->exposure;
    o.backgroundBackscal = mean(d.background()->backScale);
  }
  fits::FitsFile f = fits::FitsFile::open(path);
  f.moveTo(2);
  const QString obsId = f.keyString(QStringLiteral("OBS_ID")).value_or(QString());
  const QString instrument = f.keyString(QStringLiteral("INSTRUME")).value_or(QString());
  o.label = obsId.isEmpty() ? QFileInfo(path).completeBaseName() : QStringLiteral("%1 %2").arg(obsId, instrument);
  const QString date = f.keyString(QStringLiteral("DATE-OBS")).value_or(QString());
  o.time = archive::mjdOfIsoDate(date).value_or(std::nan(""));
  if (std::isnan(o.time)) warnings->append(path + QStringLiteral(": no DATE-OBS; the point has no date"));
  return o;
}

}  // namespace

int runLongTerm(const QStringList& args) {
  const QString cmd = QStringLiteral("timing longterm");
  QCommandLineParser parser;
  const QCommandLineOption energy(QStringLiteral("energy"), QStringLiteral("Count only this band, keV."), QStringLiteral("LO:HI"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({energy, json});
  parser.addPositionalArgument(QStringLiteral("SPECTRUM"), QStringLiteral("Source spectra, one per observation."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("The long-term light curve of a source across observations."), &code)) {
    return code;
  }
  const QStringList paths = parser.positionalArguments().mid(1);
  if (paths.isEmpty()) return fail(cmd, QStringLiteral("expected at least one source spectrum"), kUsage);
  std::optional<std::pair<double, double>> band;
  if (parser.isSet(energy)) {
    const QStringList parts = parser.value(energy).split(QLatin1Char(':'));
    bool ok1 = false, ok2 = false;
    const double lo = parts.value(0).toDouble(&ok1), hi = parts.value(1).toDouble(&ok2);
    if (parts.size() != 2 || !ok1 || !ok2 || !(hi > lo) || lo < 0) {
      return fail(cmd, QStringLiteral("--energy expects LO:HI in keV with 0 <= LO < HI"), kUsage);
    }
    band = std::make_pair(lo, hi);
  }
  std::vector<timing::ObservationCounts> observations;
  QStringList warnings;
  for (const QString& path : paths) observations.push_back(readObservation(path, band, &warnings));
  std::stable_sort(observations.begin(), observations.end(),
                   [](const timing::ObservationCounts& a, const timing::ObservationCounts& b) { return a.time < b.time; });
  const timing::LongTermLightCurve lc = timing::longTermLightCurve(observations);
  const timing::LongTermVariability& v = lc.variability;
  if (parser.isSet(json)) {
    QJsonArray points;
    for (size_t i = 0; i < lc.points.size(); ++i) {
      const timing::LongTermPoint& p = lc.points[i];
      points.append(QJsonObject{{QStringLiteral("label"), p.label},
                                {QStringLiteral("mjd"), number(p.time)},
                                {QStringLiteral("detected"), p.detected},
                                {QStringLiteral("rate"), number(p.detected ? p.rate : std::nan(""))},
                                {QStringLiteral("upper_limit"), number(p.detected ? std::nan("") : p.rate)},
                                {QStringLiteral("error_low"), number(p.errorLow)},
                                {QStringLiteral("error_high"), number(p.errorHigh)},
                                {QStringLiteral("source_counts"), observations[i].sourceCounts},
                                {QStringLiteral("background_expected"), p.backgroundCounts},
                                {QStringLiteral("detection_fap"), p.detectionFap}});
    }
    printJson(QJsonObject{{QStringLiteral("points"), points},
                          {QStringLiteral("max_min_ratio"), number(v.ratio)},
                          {QStringLiteral("ratio_is_lower_limit"), v.ratioIsLowerLimit},
                          {QStringLiteral("significance"), number(v.significance)},
                          {QStringLiteral("flagged"), v.flagged},
                          {QStringLiteral("note"), v.note},
                          {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}});
  } else {
    for (const QString& w : warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w));
    std::printf("%-24s %12s %10s  %s\n", "observation", "MJD", "counts", "net rate (counts/s)");
    for (size_t i = 0; i < lc.points.size(); ++i) {
      const timing::LongTermPoint& p = lc.points[i];
      const QString rate = p.detected ? QStringLiteral("%1 -%2 +%3").arg(p.rate, 0, 'g', 5).arg(p.errorLow, 0, 'g', 2).arg(p.errorHigh, 0, 'g', 2)
                                      : QStringLiteral("< %1 (not detected)").arg(p.rate, 0, 'g', 4);
      std::printf("%-24s %12.4f %10.0f  %s\n", qPrintable(p.label), p.time, observations[i].sourceCounts, qPrintable(rate));
    }
    if (std::isfinite(v.ratio)) {
      std::printf("max/min ratio %s%.3g at %.2f sigma%s\n", v.ratioIsLowerLimit ? ">= " : "", v.ratio, v.significance,
                  v.flagged ? ": VARIABLE (passes the ratio >= 5 at >= 3 sigma alert)" : "");
    } else {
      std::printf("max/min ratio undefined: %s\n", qPrintable(v.note));
    }
  }
  return kOk;
}

}  // namespace xsky::cli
