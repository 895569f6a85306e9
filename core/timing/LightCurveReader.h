#pragma once
// Reads OGIP-like binned light curves: a table (EXTNAME RATE, else HDUCLAS1 LIGHTCURVE /
// LIGHT CURVE, else the first table with TIME) with TIME and one of
//   RATE + ERROR, RATE + RATE_ERR, RATEn + ERRORn (one band per n), RATE alone, COUNTS alone;
// scalar or vector (one band per element) columns. A missing error column means Poisson errors
// from the counts: sqrt(N) (1 count when N = 0) divided by the exposure of the bin. Bin widths:
// TIMEDEL column, else 2 XAX_E, else the TIMEDEL keyword (seconds), else the median TIME step.
// FRACEXP, when present, scales the exposure; zero-exposure or non-finite bins are dropped.
// TIME is taken as the bin centre when XAX_E is given or TIMEPIXR = 0.5, else as its start.

#include <vector>

#include <QString>
#include <QStringList>

namespace xsky::timing {

struct LightCurveBand {
  QString name;                 // "RATE", "RATE1", "RATE[2]", ...
  std::vector<double> start;    // bin start, s
  std::vector<double> width;    // bin width, s
  std::vector<double> fracExp;  // exposed fraction of the bin
  std::vector<double> rate;     // count/s
  std::vector<double> error;    // 1 sigma, count/s
  std::vector<double> counts;   // counts (rate * width * fracExp when the file has no COUNTS)
  bool poissonErrors = false;   // errors derived from the counts
};

struct LightCurveFile {
  QString path;
  QString timeSystem;  // TIMESYS, "" when absent
  double mjdRef = 0;
  std::vector<LightCurveBand> bands;
  QStringList notes;  // dropped bins, assumptions
};

/// Throws xsky::Error (not FITS, no light-curve table, no rate or counts column, no valid bin).
LightCurveFile readLightCurve(const QString& path);

}  // namespace xsky::timing

namespace xsky::timing {

/// True when the file holds a binned light curve rather than an event list: an EVENTS table
/// (by EXTNAME or HDUCLAS1) means events; else a table with RATE, RATEn or COUNTS means a light
/// curve. Throws xsky::Error when the file cannot be opened.
bool isLightCurveFile(const QString& path);

}  // namespace xsky::timing
