#include "catalog/SkyTarget.h"

#include <cmath>
#include <numbers>

#include <QRegularExpression>

#include "wcs/Angles.h"

namespace xsky::catalog {

std::optional<wcs::SkyPoint> parseSkyCoordinates(const QString& text) {
  const auto radec = wcs::parseRaDec(text.trimmed());
  if (!radec) return std::nullopt;
  return wcs::SkyPoint{radec->first, radec->second};
}

std::optional<double> parseAngle(const QString& text, QString* error) {
  static const QRegularExpression form(
      QStringLiteral("^\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([^\\s\\d.]*)\\s*$"));
  const QRegularExpressionMatch m = form.match(text);
  auto bad = [&](const QString& why) -> std::optional<double> {
    if (error != nullptr) *error = why;
    return std::nullopt;
  };
  if (!m.hasMatch()) {
    return bad(QStringLiteral("\"%1\" is not an angle (write e.g. '1deg', '10arcmin', '30arcsec')")
                   .arg(text));
  }
  const double value = m.captured(1).toDouble();
  const QString unit = m.captured(2).toLower();
  double scale = 0;
  if (unit.isEmpty() || unit == u"deg" || unit == u"d" || unit == u"degree" || unit == u"degrees" ||
      unit == QString(QChar(0x00B0))) {
    scale = 1.0;
  } else if (unit == u"arcmin" || unit == u"amin" || unit == u"'" || unit == u"m" || unit == u"arcmins") {
    scale = 1.0 / 60.0;
  } else if (unit == u"arcsec" || unit == u"asec" || unit == u"\"" || unit == u"s" || unit == u"arcsecs") {
    scale = 1.0 / 3600.0;
  } else if (unit == u"mas") {
    scale = 1.0 / 3.6e6;
  } else if (unit == u"rad") {
    scale = 180.0 / std::numbers::pi;
  } else {
    return bad(QStringLiteral("unknown angle unit \"%1\" (use deg, arcmin or arcsec)").arg(m.captured(2)));
  }
  const double deg = value * scale;
  if (!std::isfinite(deg) || deg < 0) return bad(QStringLiteral("the angle \"%1\" is negative").arg(text));
  return deg;
}

}  // namespace xsky::catalog
