#include "sim/MissionTime.h"

#include <QDateTime>

#include <cmath>

namespace xsky::sim {

namespace {
// TT has no leap seconds, so a leap-second-free calendar (QDateTime in UTC mode) counts TT
// seconds exactly.
QDateTime epoch() { return QDateTime(QDate(1998, 1, 1), QTime(0, 0), Qt::UTC); }
}  // namespace

double missionTimeFromTt(const QString& ttIso) {
  QDateTime t = QDateTime::fromString(ttIso, Qt::ISODate);
  t.setTimeSpec(Qt::UTC);
  return static_cast<double>(epoch().msecsTo(t)) / 1000.0;
}

QString utcDateOfMissionTime(double seconds) {
  const auto ms = static_cast<qint64>(std::floor((seconds - kTtMinusUtc) * 1000.0));
  const QDateTime t = epoch().addMSecs(ms - ((ms % 1000) + 1000) % 1000);
  return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
}

int revolutionOf(double seconds) {
  return 809 + static_cast<int>(std::floor((seconds - 2.004e8) / 172296.0));
}

}  // namespace xsky::sim
