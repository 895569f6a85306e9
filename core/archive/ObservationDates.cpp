#include "archive/ObservationDates.h"

#include <QDateTime>
#include <QRegularExpression>

#include <cmath>

#include "fits/FitsError.h"

namespace xsky::archive {

namespace {

constexpr double kMjdOfUnixEpoch = 40587.0;
constexpr double kMsPerDay = 86400000.0;

std::optional<QDateTime> parseUtc(const QString& text) {
  const QString t = text.trimmed();
  static const QRegularExpression full(
      QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?)?Z?$"));
  static const QRegularExpression old(QStringLiteral("^(\\d{2})/(\\d{2})/(\\d{2})$"));
  if (const auto m = full.match(t); m.hasMatch()) {
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid()) return std::nullopt;
    const int hour = m.captured(4).isEmpty() ? 0 : m.captured(4).toInt();
    const int minute = m.captured(5).isEmpty() ? 0 : m.captured(5).toInt();
    const int second = m.captured(6).isEmpty() ? 0 : m.captured(6).toInt();
    const double fraction = m.captured(7).isEmpty() ? 0.0 : m.captured(7).toDouble();
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    QDateTime dt(date, QTime(hour, minute, 0), Qt::UTC);
    return dt.addMSecs(static_cast<qint64>(std::llround((second + fraction) * 1000.0)));
  }
  if (const auto m = old.match(t); m.hasMatch()) {  // DD/MM/YY, FITS before 2000
    const QDate date(1900 + m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
    if (!date.isValid()) return std::nullopt;
    return QDateTime(date, QTime(0, 0), Qt::UTC);
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> mjdOfIsoDate(const QString& text) {
  const auto dt = parseUtc(text);
  if (!dt) return std::nullopt;
  return kMjdOfUnixEpoch + static_cast<double>(dt->toMSecsSinceEpoch()) / kMsPerDay;
}

QString isoDateOfMjd(double mjd) {
  const auto ms = static_cast<qint64>(std::llround((mjd - kMjdOfUnixEpoch) * kMsPerDay));
  return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
      .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
}

double parseDateArgument(const QString& text, bool endOfDay) {
  bool isNumber = false;
  const double mjd = text.trimmed().toDouble(&isNumber);
  if (isNumber && std::isfinite(mjd)) return mjd;
  const auto value = mjdOfIsoDate(text);
  if (!value) {
    throw Error(QStringLiteral("cannot read the date \"%1\" (expected YYYY-MM-DD, "
                               "YYYY-MM-DDThh:mm:ss or an MJD)").arg(text));
  }
  const bool bareDate = text.trimmed().size() == 10;
  return endOfDay && bareDate ? *value + 1.0 : *value;
}

}  // namespace xsky::archive
