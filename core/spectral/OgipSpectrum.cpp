#include "spectral/OgipSpectrum.h"

#include <cmath>

#include "fits/FitsFile.h"

namespace xsky::spectral {

namespace {

using fits::FitsFile;

/// Moves to the spectrum extension: EXTNAME SPECTRUM, else the first table with HDUCLAS1
/// SPECTRUM, else the first table with a CHANNEL column.
bool moveToSpectrum(FitsFile& file) {
  if (file.moveToNamed(QStringLiteral("SPECTRUM"))) return true;
  for (int pass = 0; pass < 2; ++pass) {
    for (int hdu = 2; hdu <= file.hduCount(); ++hdu) {
      file.moveTo(hdu);
      if (file.hduType() != fits::HduType::BinaryTable) continue;
      if (pass == 0) {
        const auto klass = file.keyString(QStringLiteral("HDUCLAS1"));
        if (klass && klass->trimmed().compare(QLatin1String("SPECTRUM"), Qt::CaseInsensitive) == 0)
          return true;
      } else if (file.columnIndex(QStringLiteral("CHANNEL")) > 0) {
        return true;
      }
    }
  }
  return false;
}

/// A per-channel quantity given as a column or as a keyword; `fallback` when neither.
std::vector<double> columnOrKey(const FitsFile& file, const QString& name, size_t n,
                                double fallback) {
  if (const int col = file.columnIndex(name); col > 0) return file.readColumn<double>(col);
  return std::vector<double>(n, file.keyDouble(name).value_or(fallback));
}

std::vector<int> intColumnOrKey(const FitsFile& file, const QString& name, size_t n, int fallback) {
  if (const int col = file.columnIndex(name); col > 0) {
    const auto v = file.readColumn<int32_t>(col);
    return std::vector<int>(v.begin(), v.end());
  }
  return std::vector<int>(n, int(file.keyInt(name).value_or(fallback)));
}

}  // namespace

bool OgipSpectrum::hasGrouping() const {
  for (int g : grouping) {
    if (g == -1) return true;
  }
  return false;
}

QString ogipFileKeyword(const QString& raw) {
  const QString v = raw.trimmed();
  if (v.isEmpty() || v.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) return {};
  return v;
}

OgipSpectrum readOgipSpectrum(const QString& path, QStringList* warnings) {
  FitsFile file = FitsFile::open(path);
  if (!moveToSpectrum(file)) throw Error(QStringLiteral("%1: no SPECTRUM extension").arg(path));
  OgipSpectrum s;
  s.path = path;
  const auto klass3 = file.keyString(QStringLiteral("HDUCLAS3")).value_or(QString()).trimmed();
  const int countsCol = file.columnIndex(QStringLiteral("COUNTS"));
  const int rateCol = file.columnIndex(QStringLiteral("RATE"));
  const int dataCol = countsCol > 0 ? countsCol : rateCol;
  if (dataCol <= 0) throw Error(QStringLiteral("%1: no COUNTS or RATE column").arg(path));
  for (const auto& info : file.columns()) {
    if (info.index == dataCol && info.repeat > 1) {
      throw Error(QStringLiteral("%1: PHA type II spectra are not yet supported").arg(path));
    }
  }
  if (klass3.compare(QLatin1String("TYPE:II"), Qt::CaseInsensitive) == 0) {
    throw Error(QStringLiteral("%1: PHA type II spectra are not yet supported").arg(path));
  }
  s.counts = file.readColumn<double>(dataCol);
  const size_t n = s.counts.size();
  if (n == 0) throw Error(QStringLiteral("%1: the spectrum has no channels").arg(path));
  if (const int col = file.columnIndex(QStringLiteral("CHANNEL")); col > 0) {
    const auto ch = file.readColumn<int32_t>(col);
    s.channels.assign(ch.begin(), ch.end());
  } else {
    s.channels.resize(n);
    for (size_t i = 0; i < n; ++i) s.channels[i] = int(i) + 1;
    if (warnings)
      warnings->append(QStringLiteral("%1: no CHANNEL column; channels 1..N assumed").arg(path));
  }
  s.exposure = file.keyDouble(QStringLiteral("EXPOSURE")).value_or(0.0);
  if (!(s.exposure > 0.0)) {
    throw Error(QStringLiteral("%1: EXPOSURE is missing, zero or negative").arg(path));
  }
  if (countsCol <= 0) {
    s.storedAsRate = true;
    for (double& c : s.counts) c *= s.exposure;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(s.counts[i]) || s.counts[i] < 0.0) {
      throw Error(QStringLiteral("%1: channel %2 has a negative or NaN count")
                      .arg(path)
                      .arg(s.channels[i]));
    }
  }
  s.quality = intColumnOrKey(file, QStringLiteral("QUALITY"), n, 0);
  s.grouping = intColumnOrKey(file, QStringLiteral("GROUPING"), n, 0);
  s.areaScale = columnOrKey(file, QStringLiteral("AREASCAL"), n, 1.0);
  s.backScale = columnOrKey(file, QStringLiteral("BACKSCAL"), n, 1.0);
  s.poissonErrors = file.keyBool(QStringLiteral("POISSERR")).value_or(false);
  if (const int col = file.columnIndex(QStringLiteral("STAT_ERR")); col > 0) {
    s.statError = file.readColumn<double>(col);
    bool anyNonZero = false;
    for (double& e : s.statError) {
      if (s.storedAsRate) e *= s.exposure;
      anyNonZero = anyNonZero || e != 0.0;
    }
    if (!anyNonZero) s.statError.clear();
  }
  s.backFile = ogipFileKeyword(file.keyString(QStringLiteral("BACKFILE")).value_or(QString()));
  s.respFile = ogipFileKeyword(file.keyString(QStringLiteral("RESPFILE")).value_or(QString()));
  s.ancrFile = ogipFileKeyword(file.keyString(QStringLiteral("ANCRFILE")).value_or(QString()));
  return s;
}

}  // namespace xsky::spectral
