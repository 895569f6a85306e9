#include "regions/Ds9Values.h"

#include <QRegularExpression>

#include <cmath>
#include <numbers>

namespace xsky::regions {

namespace {

constexpr double kRadToDeg = 180.0 / std::numbers::pi;

// "a:b:c" / "a:b" with optional sign; value in the first field's unit.
std::optional<double> parseColon(const QString& text) {
  static const QRegularExpression re(
      QStringLiteral("^([+-]?)(\\d+(?:\\.\\d*)?)(?::(\\d+(?:\\.\\d*)?))(?::(\\d*(?:\\.\\d*)?))?$"));
  const auto m = re.match(text);
  if (!m.hasMatch()) return std::nullopt;
  const double a = m.captured(2).toDouble();
  const double b = m.captured(3).toDouble();
  const double c = m.captured(4).isEmpty() ? 0.0 : m.captured(4).toDouble();
  if (b >= 60.0 || c >= 60.0) return std::nullopt;
  const double v = a + b / 60.0 + c / 3600.0;
  return m.captured(1) == QLatin1String("-") ? -v : v;
}

// "13h29m55.2s" or "47d12m36s" (also 47d12'36"): the letter after the first field.
std::optional<std::pair<double, QChar>> parseLettered(const QString& text) {
  static const QRegularExpression re(QStringLiteral(
      "^([+-]?)(\\d+(?:\\.\\d*)?)([hdHD])(?:(\\d+(?:\\.\\d*)?)[m'])?(?:(\\d+(?:\\.\\d*)?)(?:s|\"))?$"));
  const auto m = re.match(text);
  if (!m.hasMatch()) return std::nullopt;
  if (m.captured(4).isEmpty() && m.captured(5).isEmpty()) return std::nullopt;  // "202.48d"
  const double a = m.captured(2).toDouble();
  const double b = m.captured(4).isEmpty() ? 0.0 : m.captured(4).toDouble();
  const double c = m.captured(5).isEmpty() ? 0.0 : m.captured(5).toDouble();
  if (b >= 60.0 || c >= 60.0) return std::nullopt;
  const double v = a + b / 60.0 + c / 3600.0;
  return std::make_pair(m.captured(1) == QLatin1String("-") ? -v : v, m.captured(3)[0].toLower());
}

}  // namespace

std::optional<double> parseNumber(const QString& text) {
  bool ok = false;
  const double v = text.toDouble(&ok);
  if (!ok || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<CoordToken> parseCoordToken(const QString& raw) {
  const QString text = raw.trimmed();
  if (text.isEmpty()) return std::nullopt;
  if (auto v = parseNumber(text)) return CoordToken{CoordToken::Form::Plain, *v};
  if (text.contains(QLatin1Char(':'))) {
    if (auto v = parseColon(text)) return CoordToken{CoordToken::Form::Colon, *v};
    return std::nullopt;
  }
  if (auto l = parseLettered(text)) {
    return CoordToken{l->second == QLatin1Char('h') ? CoordToken::Form::Hours
                                                    : CoordToken::Form::Degrees,
                      l->first};
  }
  const QChar last = text.back().toLower();
  const QString head = text.left(text.size() - 1);
  if (auto v = parseNumber(head)) {
    if (last == QLatin1Char('d')) return CoordToken{CoordToken::Form::Degrees, *v};
    if (last == QLatin1Char('r')) return CoordToken{CoordToken::Form::Degrees, *v * kRadToDeg};
    if (last == QLatin1Char('i')) return CoordToken{CoordToken::Form::ImagePixels, *v};
    if (last == QLatin1Char('p')) return CoordToken{CoordToken::Form::PhysicalPixels, *v};
  }
  return std::nullopt;
}

bool isSkyCoordToken(const CoordToken& token) {
  return token.form == CoordToken::Form::Degrees || token.form == CoordToken::Form::Hours ||
         token.form == CoordToken::Form::Colon;
}

std::optional<LengthToken> parseLengthToken(const QString& raw) {
  const QString text = raw.trimmed();
  if (text.isEmpty()) return std::nullopt;
  if (auto v = parseNumber(text)) return LengthToken{LengthToken::Unit::Default, *v};
  struct Suffix {
    const char* text;
    LengthToken::Unit unit;
    double toDegrees;
  };
  static const Suffix suffixes[] = {
      {"''", LengthToken::Unit::Degrees, 1.0 / 3600.0},
      {"\"", LengthToken::Unit::Degrees, 1.0 / 3600.0},
      {"'", LengthToken::Unit::Degrees, 1.0 / 60.0},
      {"d", LengthToken::Unit::Degrees, 1.0},
      {"r", LengthToken::Unit::Degrees, kRadToDeg},
      {"i", LengthToken::Unit::ImagePixels, 1.0},
      {"p", LengthToken::Unit::PhysicalPixels, 1.0},
  };
  for (const Suffix& s : suffixes) {
    const QLatin1String suffix(s.text);
    if (!text.endsWith(suffix, Qt::CaseInsensitive)) continue;
    const auto v = parseNumber(text.left(text.size() - suffix.size()));
    if (!v) return std::nullopt;
    return LengthToken{s.unit, *v * s.toDegrees};
  }
  return std::nullopt;
}

std::optional<double> parseAngleToken(const QString& raw) {
  const QString text = raw.trimmed();
  if (auto v = parseNumber(text)) return v;
  if (text.size() < 2) return std::nullopt;
  const QChar last = text.back().toLower();
  const auto v = parseNumber(text.left(text.size() - 1));
  if (!v) return std::nullopt;
  if (last == QLatin1Char('d')) return v;
  if (last == QLatin1Char('r')) return *v * kRadToDeg;
  return std::nullopt;
}

}  // namespace xsky::regions
