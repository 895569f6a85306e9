#include "products/ObservationInfo.h"

#include "fits/FitsFile.h"

namespace xsky::products {

namespace {

QString cameraKeyOf(const QString& instrument) {
  const QString u = instrument.trimmed().toUpper();
  if (u == QLatin1String("EPN")) return QStringLiteral("pn");
  if (u == QLatin1String("EMOS1")) return QStringLiteral("mos1");
  if (u == QLatin1String("EMOS2")) return QStringLiteral("mos2");
  if (u.isEmpty()) return QStringLiteral("events");
  return u.toLower().remove(QLatin1Char(' '));
}

}  // namespace

ObservationInfo readObservationInfo(const events::EventList& list) {
  ObservationInfo info;
  info.telescope = list.telescope;
  info.instrument = list.instrument;
  info.obsId = list.observationId;
  info.object = list.object;
  if (!list.timeSystem.isEmpty()) info.timeSystem = list.timeSystem;
  info.mjdRef = list.mjdRef;
  info.cameraKey = cameraKeyOf(list.instrument);
  fits::FitsFile f = fits::FitsFile::open(list.path);
  auto text = [&f](const char* key, int fallbackHdu, int hdu) -> QString {
    f.moveTo(hdu);
    QString v = f.keyString(QLatin1String(key)).value_or(QString()).trimmed();
    if (v.isEmpty() && fallbackHdu > 0) {
      f.moveTo(fallbackHdu);
      v = f.keyString(QLatin1String(key)).value_or(QString()).trimmed();
    }
    return v;
  };
  const int ev = list.eventsHdu > 0 ? list.eventsHdu : 1;
  info.filter = text("FILTER", 1, ev);
  info.dateObs = text("DATE-OBS", 1, ev);
  info.dateEnd = text("DATE-END", 1, ev);
  if (info.object.isEmpty()) info.object = text("OBJECT", 1, ev);
  f.moveTo(ev);
  info.timeZero = f.keyDouble(QStringLiteral("TIMEZERO")).value_or(0.0);
  if (const auto ms = f.keyDouble(QStringLiteral("FRMTIME"))) {
    info.frameTime = *ms / 1000.0;
  } else if (const auto s = f.keyDouble(QStringLiteral("FRAMETIM"))) {
    info.frameTime = *s;
  } else if (const auto e = f.keyDouble(QStringLiteral("EXPTIME"))) {
    info.frameTime = *e;  // Chandra ACIS: frame exposure (TIMEDEL adds the transfer)
    if (const auto d = f.keyDouble(QStringLiteral("TIMEDEL"))) info.frameTime = *d;
  } else if (const auto d = f.keyDouble(QStringLiteral("TIMEDEL"))) {
    info.frameTime = *d;
  }
  if (info.frameTime && !(*info.frameTime > 0)) info.frameTime.reset();
  return info;
}

}  // namespace xsky::products
