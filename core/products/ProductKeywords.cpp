#include "products/ProductKeywords.h"

#include <fitsio.h>

namespace xsky::products {

namespace {
QString orNone(const QString& s) { return s.isEmpty() ? QStringLiteral("UNKNOWN") : s; }
}  // namespace

void writeIdentityKeywords(fits::FitsFile& f, const ObservationInfo& o) {
  f.writeKey(QStringLiteral("TELESCOP"), orNone(o.telescope),
             QStringLiteral("mission or telescope name"));
  f.writeKey(QStringLiteral("INSTRUME"), orNone(o.instrument), QStringLiteral("instrument name"));
  f.writeKey(QStringLiteral("FILTER"), o.filter.isEmpty() ? QStringLiteral("NONE") : o.filter,
             QStringLiteral("filter name"));
  if (!o.obsId.isEmpty())
    f.writeKey(QStringLiteral("OBS_ID"), o.obsId, QStringLiteral("observation identifier"));
  if (!o.object.isEmpty())
    f.writeKey(QStringLiteral("OBJECT"), o.object, QStringLiteral("name of the observed object"));
  if (!o.dateObs.isEmpty())
    f.writeKey(QStringLiteral("DATE-OBS"), o.dateObs, QStringLiteral("start of the observation"));
  if (!o.dateEnd.isEmpty())
    f.writeKey(QStringLiteral("DATE-END"), o.dateEnd, QStringLiteral("end of the observation"));
  f.writeKey(QStringLiteral("CREATOR"), "XSky", QStringLiteral("program that wrote this file"));
}

void writeHistory(fits::FitsFile& f, const QStringList& lines) {
  for (const QString& line : lines) {
    int status = 0;
    fits_write_history(static_cast<fitsfile*>(f.handle()), line.toLatin1().constData(), &status);
    if (status != 0) throw fits::FitsError(f.path(), status, QStringLiteral("writing HISTORY"));
  }
}

void writeTimeSystemKeywords(fits::FitsFile& f, const ObservationInfo& o) {
  f.writeKey(QStringLiteral("TIMESYS"), o.timeSystem, QStringLiteral("time system of the times"));
  f.writeKey(QStringLiteral("MJDREF"), o.mjdRef, QStringLiteral("[d] MJD of time zero"));
  f.writeKey(QStringLiteral("TIMEZERO"), o.timeZero, QStringLiteral("[s] time offset"));
  f.writeKey(QStringLiteral("TIMEUNIT"), "s", QStringLiteral("unit of the times"));
  f.writeKey(QStringLiteral("TIMEREF"), "LOCAL", QStringLiteral("reference location of the times"));
}

}  // namespace xsky::products
