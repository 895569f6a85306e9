#include "regions/Ds9Format.h"

#include <cfloat>
#include <cmath>
#include <cstdio>

namespace xsky::regions::format {

namespace {

// |value| split into whole units, minutes and seconds in ticks of the last printed digit.
QString sexagesimal(double value, int decimals, long long wrapUnits) {
  const long long scale = static_cast<long long>(std::llround(std::pow(10.0, decimals)));
  long long ticks = std::llround(std::abs(value) * 3600.0 * static_cast<double>(scale));
  const long long perUnit = 3600 * scale;
  if (wrapUnits > 0) ticks %= wrapUnits * perUnit;
  const long long whole = ticks / perUnit;
  const long long minutes = (ticks % perUnit) / (60 * scale);
  const long long secTicks = ticks % (60 * scale);
  QString seconds = QString::number(secTicks / scale).rightJustified(2, QLatin1Char('0'));
  if (decimals > 0) {
    seconds += QLatin1Char('.') +
               QString::number(secTicks % scale).rightJustified(decimals, QLatin1Char('0'));
  }
  return QStringLiteral("%1:%2:%3")
      .arg(whole)
      .arg(minutes, 2, 10, QLatin1Char('0'))
      .arg(seconds);
}

}  // namespace

QString general(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  return QString::fromLatin1(buf);
}

QString fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return QString::fromLatin1(buf);
}

double wrap360(double degrees) {
  double r = std::fmod(degrees, 360.0);
  if (r < 0) r += 360.0;
  // Round-off just below 360 (or -0) prints as DS9 prints an exact 0.
  if (r >= 360.0 - 1e-9 || r == 0) r = 0.0;
  return r;
}

QString angle(double degrees) { return general(wrap360(degrees)); }

QString endAngle(double degrees, double previousWrapped) {
  double a = wrap360(degrees);
  if (a <= previousWrapped + FLT_EPSILON) a += 360.0;
  return general(a);
}

QString hours(double degrees, int decimals) {
  return sexagesimal(wrap360(degrees) / 15.0, decimals, 24);
}

QString degreesDms(double degrees, int decimals) {
  const QString body = sexagesimal(degrees, decimals, 0);
  // "-0:00:00.000" keeps its sign only when something non-zero is printed.
  const bool negative = degrees < 0 && body != sexagesimal(0.0, decimals, 0);
  return (negative ? QLatin1Char('-') : QLatin1Char('+')) + body;
}

}  // namespace xsky::regions::format
