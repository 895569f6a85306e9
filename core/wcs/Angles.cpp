#include "wcs/Angles.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace xsky::wcs {

namespace {

// Splits |value| into whole units, minutes and seconds rounded to `decimals`, carrying 60s.
struct Sexagesimal {
  long long whole;
  int minutes;
  double seconds;
};

Sexagesimal split(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  // Work in integer units of the last printed digit so that rounding carries exactly.
  const long long ticks = std::llround(std::abs(value) * 3600.0 * scale);
  const long long perMinute = static_cast<long long>(60 * scale);
  const long long perUnit = 60 * perMinute;
  Sexagesimal s;
  s.whole = ticks / perUnit;
  s.minutes = static_cast<int>((ticks % perUnit) / perMinute);
  s.seconds = static_cast<double>(ticks % perMinute) / scale;
  return s;
}

QString secondsText(double seconds, int decimals) {
  QString text = QString::number(seconds, 'f', decimals);
  const int intDigits = decimals > 0 ? text.indexOf(QLatin1Char('.')) : text.size();
  return QString(2 - intDigits, QLatin1Char('0')) + text;
}

// Parses "a:b:c", "a b c", "ahbmcs", "adbmcs"; returns value in the first field's unit.
std::optional<double> parseSexagesimal(QString text, bool* negative) {
  text = text.trimmed();
  *negative = text.startsWith(QLatin1Char('-'));
  if (text.startsWith(QLatin1Char('-')) || text.startsWith(QLatin1Char('+'))) text.remove(0, 1);
  static const QRegularExpression sep(QStringLiteral("[:\\s]+|(?<=\\d)[hdm°'](?=\\s*[\\d.])"));
  QString cleaned = text;
  if (cleaned.endsWith(QLatin1Char('s')) || cleaned.endsWith(QLatin1Char('"'))) cleaned.chop(1);
  const QStringList parts = cleaned.split(sep, Qt::SkipEmptyParts);
  if (parts.size() != 3 && parts.size() != 2) return std::nullopt;
  double fields[3] = {0, 0, 0};
  for (qsizetype i = 0; i < parts.size(); ++i) {
    bool ok = false;
    fields[i] = parts[i].toDouble(&ok);
    if (!ok || fields[i] < 0) return std::nullopt;
    if (i > 0 && fields[i] >= 60.0) return std::nullopt;
    if (i < parts.size() - 1 && fields[i] != std::floor(fields[i])) return std::nullopt;
  }
  return fields[0] + fields[1] / 60.0 + fields[2] / 3600.0;
}

bool looksSexagesimal(const QString& t) {
  static const QRegularExpression re(QStringLiteral("[:hms'\"°]|\\d\\s+\\d|\\dd\\d"));
  return re.match(t.trimmed()).hasMatch();
}

std::optional<double> parseDecimal(QString t) {
  t = t.trimmed();
  if (t.endsWith(QLatin1Char('d')) || t.endsWith(QChar(0x00B0))) t.chop(1);
  bool ok = false;
  const double v = t.toDouble(&ok);
  if (!ok || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

QString formatRaHms(double raDeg, int decimals) {
  double ra = std::fmod(raDeg, 360.0);
  if (ra < 0) ra += 360.0;
  Sexagesimal s = split(ra / 15.0, decimals);
  if (s.whole >= 24) s.whole -= 24;
  return QStringLiteral("%1:%2:%3")
      .arg(s.whole, 2, 10, QLatin1Char('0'))
      .arg(s.minutes, 2, 10, QLatin1Char('0'))
      .arg(secondsText(s.seconds, decimals));
}

QString formatDecDms(double decDeg, int decimals) {
  const Sexagesimal s = split(decDeg, decimals);
  const bool negative = decDeg < 0 && (s.whole > 0 || s.minutes > 0 || s.seconds > 0);
  return QStringLiteral("%1%2:%3:%4")
      .arg(negative ? QLatin1Char('-') : QLatin1Char('+'))
      .arg(s.whole, 2, 10, QLatin1Char('0'))
      .arg(s.minutes, 2, 10, QLatin1Char('0'))
      .arg(secondsText(s.seconds, decimals));
}

QString formatDegrees(double deg, int decimals) { return QString::number(deg, 'f', decimals); }

QString formatAngleSize(double deg) {
  const double a = std::abs(deg);
  // Compared after rounding to the printed digits, so that 59.9999999 arcsec reads "1 arcmin".
  const double arcsec = QString::number(a * 3600.0, 'g', 6).toDouble();
  if (arcsec < 60.0) return QStringLiteral("%1 arcsec").arg(deg * 3600.0, 0, 'g', 6);
  const double arcmin = QString::number(a * 60.0, 'g', 6).toDouble();
  if (arcmin < 60.0) return QStringLiteral("%1 arcmin").arg(deg * 60.0, 0, 'g', 6);
  return QStringLiteral("%1 deg").arg(deg, 0, 'g', 6);
}

std::optional<double> parseRa(const QString& text) {
  std::optional<double> deg;
  if (looksSexagesimal(text) && !text.trimmed().endsWith(QLatin1Char('d'))) {
    bool negative = false;
    const auto hours = parseSexagesimal(text, &negative);
    if (!hours || negative || *hours >= 24.0) return std::nullopt;
    deg = *hours * 15.0;
  } else {
    deg = parseDecimal(text);
  }
  if (!deg || *deg < 0 || *deg > 360.0) return std::nullopt;
  return *deg >= 360.0 ? 0.0 : *deg;
}

std::optional<double> parseDec(const QString& text) {
  std::optional<double> deg;
  if (looksSexagesimal(text)) {
    bool negative = false;
    const auto value = parseSexagesimal(text, &negative);
    if (!value) return std::nullopt;
    deg = negative ? -*value : *value;
  } else {
    deg = parseDecimal(text);
  }
  if (!deg || *deg < -90.0 || *deg > 90.0) return std::nullopt;
  return deg;
}

std::optional<std::pair<double, double>> parseRaDec(const QString& text) {
  const QString t = text.trimmed();
  // "RA, Dec" or "RA Dec" where each half may contain spaces (hh mm ss dd mm ss).
  QStringList halves;
  if (t.contains(QLatin1Char(','))) {
    halves = t.split(QLatin1Char(','));
  } else {
    const QStringList tokens = t.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (tokens.size() == 2) halves = tokens;
    if (tokens.size() == 6) {
      halves = {tokens.mid(0, 3).join(QLatin1Char(' ')), tokens.mid(3, 3).join(QLatin1Char(' '))};
    }
  }
  if (halves.size() != 2) return std::nullopt;
  const auto ra = parseRa(halves[0]);
  const auto dec = parseDec(halves[1]);
  if (!ra || !dec) return std::nullopt;
  return std::make_pair(*ra, *dec);
}

}  // namespace xsky::wcs
