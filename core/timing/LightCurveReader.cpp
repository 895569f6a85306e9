#include "timing/LightCurveReader.h"

#include <fitsio.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "fits/FitsError.h"
#include "fits/FitsFile.h"

namespace xsky::timing {

namespace {

using fits::FitsFile;

struct Column {
  std::vector<double> values;  // rows * repeat, row-major
  long repeat = 1;
  double at(size_t row, long element) const {
    const long e = std::min(element, repeat - 1);
    return values[row * static_cast<size_t>(repeat) + static_cast<size_t>(e)];
  }
};

std::optional<Column> readColumn(const FitsFile& file, const std::vector<fits::ColumnInfo>& cols,
                                 const QString& name) {
  for (const fits::ColumnInfo& c : cols) {
    if (c.name.compare(name, Qt::CaseInsensitive) != 0) continue;
    Column out;
    out.repeat = std::max(1L, c.repeat);
    const long long rows = file.rowCount();
    out.values.resize(static_cast<size_t>(rows * out.repeat));
    if (rows == 0) return out;
    int status = 0;
    double nulval = std::numeric_limits<double>::quiet_NaN();
    int anynul = 0;
    fits_read_col(static_cast<fitsfile*>(file.handle()), TDOUBLE, c.index, 1, 1, rows * out.repeat,
                  &nulval, out.values.data(), &anynul, &status);
    if (status != 0) throw fits::FitsError(file.path(), status, QStringLiteral("reading ") + name);
    return out;
  }
  return std::nullopt;
}

bool moveToLightCurveHdu(FitsFile& file) {
  if (file.moveToNamed(QStringLiteral("RATE"))) return true;
  const int n = file.hduCount();
  for (int h = 2; h <= n; ++h) {
    file.moveTo(h);
    if (file.hduType() != fits::HduType::BinaryTable) continue;
    QString cls = file.keyString(QStringLiteral("HDUCLAS1")).value_or(QString()).toUpper();
    if (cls.remove(QLatin1Char(' ')) == QLatin1String("LIGHTCURVE")) return true;
  }
  for (int h = 2; h <= n; ++h) {
    file.moveTo(h);
    if (file.hduType() == fits::HduType::BinaryTable &&
        file.columnIndex(QStringLiteral("TIME")) > 0)
      return true;
  }
  return false;
}

double poissonRateError(double counts, double exposure) {
  return std::sqrt(std::max(counts, 1.0)) / exposure;
}

}  // namespace

LightCurveFile readLightCurve(const QString& path) {
  FitsFile file = FitsFile::open(path);
  LightCurveFile lc;
  lc.path = path;
  if (!moveToLightCurveHdu(file))
    throw Error(path + QStringLiteral(": no light-curve table (a binary table with TIME)"));
  lc.timeSystem = file.keyString(QStringLiteral("TIMESYS")).value_or(QString());
  lc.mjdRef = file.keyDouble(QStringLiteral("MJDREF"))
                  .value_or(file.keyDouble(QStringLiteral("MJDREFI")).value_or(0) +
                            file.keyDouble(QStringLiteral("MJDREFF")).value_or(0));
  const std::vector<fits::ColumnInfo> cols = file.columns();
  const auto time = readColumn(file, cols, QStringLiteral("TIME"));
  if (!time) throw Error(path + QStringLiteral(": the light curve has no TIME column"));
  const size_t rows = time->values.size() / static_cast<size_t>(time->repeat);
  if (rows == 0) throw Error(path + QStringLiteral(": the light curve has no rows"));
  const double timeZero = file.keyDouble(QStringLiteral("TIMEZERO")).value_or(0.0);

  // Bin widths and where TIME sits in the bin.
  const auto timedel = readColumn(file, cols, QStringLiteral("TIMEDEL"));
  const auto xaxe = readColumn(file, cols, QStringLiteral("XAX_E"));
  double keyWidth = file.keyDouble(QStringLiteral("TIMEDEL")).value_or(0.0);
  const QString timeUnit = file.keyString(QStringLiteral("TIMEUNIT")).value_or(QString()).toLower();
  if (timeUnit == QLatin1String("d")) keyWidth *= 86400.0;
  double medianStep = 0;
  if (rows > 1) {
    std::vector<double> steps;
    for (size_t i = 1; i < rows; ++i) steps.push_back(time->at(i, 0) - time->at(i - 1, 0));
    std::nth_element(steps.begin(), steps.begin() + static_cast<long>(steps.size() / 2),
                     steps.end());
    medianStep = steps[steps.size() / 2];
  }
  const double pixr = xaxe ? 0.5 : file.keyDouble(QStringLiteral("TIMEPIXR")).value_or(0.5);
  auto widthAt = [&](size_t i) {
    if (timedel) return timedel->at(i, 0);
    if (xaxe) return 2.0 * xaxe->at(i, 0);
    if (keyWidth > 0) return keyWidth;
    return medianStep;
  };
  if (!timedel && !xaxe && !(keyWidth > 0)) {
    if (!(medianStep > 0))
      throw Error(path + QStringLiteral(": cannot tell the bin width (no TIMEDEL, XAX_E, or "
                                        "second bin)"));
    lc.notes << QStringLiteral("bin width taken as the median TIME step, %1 s").arg(medianStep);
  }
  const auto fracexp = readColumn(file, cols, QStringLiteral("FRACEXP"));
  const auto counts = readColumn(file, cols, QStringLiteral("COUNTS"));

  // Which rate/error columns make the bands.
  struct Source {
    QString rateName, errorName;
    std::optional<Column> rate, error;
  };
  std::vector<Source> sources;
  if (auto r = readColumn(file, cols, QStringLiteral("RATE"))) {
    Source s{QStringLiteral("RATE"), {}, std::move(r), {}};
    for (const char* e : {"ERROR", "RATE_ERR"}) {
      if (auto ec = readColumn(file, cols, QString::fromLatin1(e))) {
        s.errorName = QString::fromLatin1(e);
        s.error = std::move(ec);
        break;
      }
    }
    sources.push_back(std::move(s));
  } else {
    for (int n = 1; n < 100; ++n) {
      auto rc = readColumn(file, cols, QStringLiteral("RATE%1").arg(n));
      if (!rc) break;
      const QString en = QStringLiteral("ERROR%1").arg(n);
      sources.push_back(
          {QStringLiteral("RATE%1").arg(n), en, std::move(rc), readColumn(file, cols, en)});
    }
  }
  const bool fromCounts = sources.empty();
  if (fromCounts) {
    if (!counts)
      throw Error(path + QStringLiteral(": no RATE, RATEn or COUNTS column in the light curve"));
    sources.push_back({QStringLiteral("COUNTS"), {}, std::nullopt, std::nullopt});
  }

  for (Source& s : sources) {
    const long repeat = s.rate ? s.rate->repeat : counts->repeat;
    for (long e = 0; e < repeat; ++e) {
      LightCurveBand band;
      band.name = repeat > 1 ? QStringLiteral("%1[%2]").arg(s.rateName).arg(e + 1) : s.rateName;
      band.poissonErrors = !s.error;
      int dropped = 0, replaced = 0;
      for (size_t i = 0; i < rows; ++i) {
        const double w = widthAt(i);
        const double f = fracexp ? fracexp->at(i, e) : 1.0;
        const double exposure = w * f;
        const double c = counts ? counts->at(i, e) : std::numeric_limits<double>::quiet_NaN();
        const double rate = s.rate ? s.rate->at(i, e) : c / exposure;
        if (!(exposure > 0) || !std::isfinite(rate) || !std::isfinite(w)) {
          ++dropped;
          continue;
        }
        const double n = std::isfinite(c) ? c : rate * exposure;
        double err = s.error ? s.error->at(i, e) : poissonRateError(n, exposure);
        if (!(err > 0) || !std::isfinite(err)) {
          err = poissonRateError(n, exposure);
          ++replaced;
        }
        band.start.push_back(time->at(i, 0) + timeZero - pixr * w);
        band.width.push_back(w);
        band.fracExp.push_back(f);
        band.rate.push_back(rate);
        band.error.push_back(err);
        band.counts.push_back(n);
      }
      if (dropped > 0)
        lc.notes << QStringLiteral("%1: %2 bin(s) without exposure or rate dropped")
                        .arg(band.name)
                        .arg(dropped);
      if (replaced > 0)
        lc.notes << QStringLiteral("%1: %2 bin(s) without a positive error given Poisson errors")
                        .arg(band.name)
                        .arg(replaced);
      if (band.poissonErrors)
        lc.notes
            << QStringLiteral("%1: no error column; Poisson errors from the counts").arg(band.name);
      lc.bands.push_back(std::move(band));
    }
  }
  bool any = false;
  for (const LightCurveBand& b : lc.bands) any = any || !b.rate.empty();
  if (!any) throw Error(path + QStringLiteral(": no light-curve bin has exposure"));
  return lc;
}

}  // namespace xsky::timing

namespace xsky::timing {

bool isLightCurveFile(const QString& path) {
  FitsFile file = FitsFile::open(path);
  const int n = file.hduCount();
  bool rateTable = false;
  for (int h = 2; h <= n; ++h) {
    file.moveTo(h);
    if (file.hduType() != fits::HduType::BinaryTable) continue;
    const QString cls = file.keyString(QStringLiteral("HDUCLAS1")).value_or(QString()).trimmed();
    if (file.extName().compare(QLatin1String("EVENTS"), Qt::CaseInsensitive) == 0 ||
        cls.compare(QLatin1String("EVENTS"), Qt::CaseInsensitive) == 0)
      return false;
    if (file.columnIndex(QStringLiteral("RATE")) > 0 ||
        file.columnIndex(QStringLiteral("RATE1")) > 0 ||
        file.columnIndex(QStringLiteral("COUNTS")) > 0)
      rateTable = true;
  }
  return rateTable;
}

}  // namespace xsky::timing
