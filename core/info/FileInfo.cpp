#include "info/FileInfo.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <cmath>

#include "events/EventListReader.h"
#include "fits/FitsFile.h"
#include "wcs/Angles.h"
#include "wcs/SkyWcs.h"

namespace xsky::info {

namespace {

const char* const kKeywords[] = {
    "TELESCOP", "INSTRUME", "OBJECT",   "OBS_ID",   "DATE-OBS", "EXPOSURE", "HDUCLASS",
    "HDUCLAS1", "HDUCLAS2", "HDUCLAS3", "CHANTYPE", "DETCHANS", "BACKSCAL", "AREASCAL",
    "RESPFILE", "ANCRFILE", "BACKFILE", "TIMESYS",  "TSTART",   "TSTOP",    "TIMEDEL",
    "MOCVERS",  "MOCDIM",   "ORDERING", "COORDSYS", "MOCORDER", "MOCORD_S", "MOCORD_T",
    "MOCTOOL",  "BUNIT"};

QJsonValue keywordValue(const fits::FitsFile& file, const QString& key) {
  // Quoted values are strings (OBJECT = '00001' stays a string), the rest numbers or logicals.
  const auto raw = file.keyRawValue(key);
  if (!raw) return QJsonValue::Undefined;
  if (raw->startsWith(QLatin1Char('\''))) return file.keyString(key).value_or(QString()).trimmed();
  if (*raw == QLatin1String("T") || *raw == QLatin1String("F")) return *raw == QLatin1String("T");
  bool ok = false;
  const double v = raw->toDouble(&ok);
  if (ok && std::isfinite(v)) return v;
  return *raw;
}

QJsonObject wcsSummary(const wcs::SkyWcs& w, double cx, double cy) {
  QJsonObject o;
  o[QStringLiteral("projection")] = w.projection();
  o[QStringLiteral("frame")] = wcs::frameName(w.frame());
  o[QStringLiteral("pixel_scale_arcsec")] = w.pixelScaleDeg() * 3600.0;
  if (const auto c = w.pixelToIcrs({cx, cy})) {
    QJsonObject centre;
    centre[QStringLiteral("x")] = cx;
    centre[QStringLiteral("y")] = cy;
    centre[QStringLiteral("ra")] = c->lon;
    centre[QStringLiteral("dec")] = c->lat;
    centre[QStringLiteral("ra_hms")] = wcs::formatRaHms(c->lon);
    centre[QStringLiteral("dec_dms")] = wcs::formatDecDms(c->lat);
    const wcs::SkyPoint g = wcs::fromIcrs(*c, wcs::CelestialFrame::Galactic);
    centre[QStringLiteral("glon")] = g.lon;
    centre[QStringLiteral("glat")] = g.lat;
    o[QStringLiteral("centre")] = centre;
  }
  return o;
}

QJsonArray columnsJson(const std::vector<fits::ColumnInfo>& columns) {
  QJsonArray a;
  for (const fits::ColumnInfo& c : columns) {
    QJsonObject o;
    o[QStringLiteral("name")] = c.name;
    o[QStringLiteral("format")] = c.format;
    if (!c.unit.isEmpty()) o[QStringLiteral("unit")] = c.unit;
    a.append(o);
  }
  return a;
}

QJsonObject describeHdu(fits::FitsFile& file, QJsonObject* imageOut) {
  QJsonObject hdu;
  hdu[QStringLiteral("index")] = file.currentHdu() - 1;
  hdu[QStringLiteral("name")] = file.extName();
  QJsonObject keys;
  for (const char* k : kKeywords) {
    const QJsonValue v = keywordValue(file, QLatin1String(k));
    if (!v.isUndefined()) keys[QLatin1String(k)] = v;
  }
  if (!keys.isEmpty()) hdu[QStringLiteral("keywords")] = keys;
  if (file.hduType() == fits::HduType::Image) {
    hdu[QStringLiteral("type")] = QStringLiteral("image");
    QJsonArray shape;
    const std::vector<long> dims = file.imageShape();
    for (long d : dims) shape.append(static_cast<double>(d));
    hdu[QStringLiteral("shape")] = shape;
    if (dims.size() >= 2 && imageOut->isEmpty()) {
      QJsonObject image;
      image[QStringLiteral("hdu")] = file.currentHdu() - 1;
      image[QStringLiteral("shape")] = shape;
      try {
        const wcs::SkyWcs w = wcs::SkyWcs::fromImageHeader(file);
        image[QStringLiteral("wcs")] = wcsSummary(w, (dims[0] + 1) / 2.0, (dims[1] + 1) / 2.0);
      } catch (const Error& e) {
        image[QStringLiteral("wcs_error")] = e.message();
      }
      const wcs::PhysicalTransform phys = wcs::PhysicalTransform::fromHeader(file);
      if (!phys.isIdentity()) {
        image[QStringLiteral("physical")] = QJsonObject{{QStringLiteral("ltm1_1"), phys.ltm1},
                                                        {QStringLiteral("ltm2_2"), phys.ltm2},
                                                        {QStringLiteral("ltv1"), phys.ltv1},
                                                        {QStringLiteral("ltv2"), phys.ltv2}};
      }
      *imageOut = image;
    }
  } else {
    hdu[QStringLiteral("type")] = file.hduType() == fits::HduType::BinaryTable
                                      ? QStringLiteral("bintable")
                                      : QStringLiteral("table");
    hdu[QStringLiteral("rows")] = static_cast<double>(file.rowCount());
    hdu[QStringLiteral("columns")] = columnsJson(file.columns());
  }
  return hdu;
}

template <typename T>
QJsonArray rangeOf(const std::vector<T>& v) {
  if (v.empty()) return {};
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return QJsonArray{static_cast<double>(*lo), static_cast<double>(*hi)};
}

QJsonObject describeEvents(const QString& path) {
  const events::EventList ev = events::readEventList(path);
  QJsonObject o;
  o[QStringLiteral("hdu")] = ev.eventsHdu - 1;
  o[QStringLiteral("name")] = ev.eventsExtName;
  o[QStringLiteral("rows")] = static_cast<double>(ev.rows);
  o[QStringLiteral("telescope")] = ev.telescope;
  o[QStringLiteral("instrument")] = ev.instrument;
  if (!ev.observationId.isEmpty()) o[QStringLiteral("obs_id")] = ev.observationId;
  QJsonObject time;
  time[QStringLiteral("system")] = ev.timeSystem;
  time[QStringLiteral("mjdref")] = ev.mjdRef;
  time[QStringLiteral("tstart")] = ev.tstart;
  time[QStringLiteral("tstop")] = ev.tstop;
  if (!ev.time.empty()) time[QStringLiteral("range")] = rangeOf(ev.time);
  if (ev.exposure) time[QStringLiteral("exposure")] = *ev.exposure;
  o[QStringLiteral("time")] = time;
  QJsonObject gti;
  const events::GtiList ref = ev.referenceGti();
  gti[QStringLiteral("total")] = ref.total();
  gti[QStringLiteral("intervals")] = static_cast<double>(ref.intervals().size());
  QJsonObject perCcd;
  for (const auto& [ccdId, list] : ev.gtis) {
    if (ccdId >= 0) perCcd[QString::number(ccdId)] = list.total();
  }
  if (!perCcd.isEmpty()) gti[QStringLiteral("per_ccd")] = perCcd;
  o[QStringLiteral("gti")] = gti;
  const QString axis = ev.energyAxisName();
  if (!axis.isEmpty()) {
    QJsonObject energy;
    energy[QStringLiteral("column")] = axis;
    energy[QStringLiteral("unit")] = ev.energyUnit;
    energy[QStringLiteral("range")] = ev.energyColumn.isEmpty() ? rangeOf(ev.pi) : rangeOf(ev.energy);
    o[QStringLiteral("energy")] = energy;
  }
  if (ev.hasSky()) {
    QJsonObject sky = wcsSummary(ev.sky(), ev.sky().referencePixel().x, ev.sky().referencePixel().y);
    sky[QStringLiteral("x_column")] = ev.xColumn;
    sky[QStringLiteral("y_column")] = ev.yColumn;
    o[QStringLiteral("sky")] = sky;
  } else {
    o[QStringLiteral("no_sky")] = ev.noSkyReason;
  }
  return o;
}

QString kindOf(const QJsonArray& hdus, bool hasEvents, bool hasImage) {
  if (hasEvents) return QStringLiteral("events");
  for (const QJsonValue& h : hdus) {
    const QJsonObject k = h.toObject()[QStringLiteral("keywords")].toObject();
    const QString c1 = k[QStringLiteral("HDUCLAS1")].toString().toUpper();
    const QString c2 = k[QStringLiteral("HDUCLAS2")].toString().toUpper();
    const QString name = h.toObject()[QStringLiteral("name")].toString().toUpper();
    if (c1 == QLatin1String("SPECTRUM")) return QStringLiteral("spectrum");
    if (c1 == QLatin1String("LIGHTCURVE") || name == QLatin1String("RATE")) return QStringLiteral("lightcurve");
    if (c1 == QLatin1String("RESPONSE") || c2 == QLatin1String("SPECRESP")) return QStringLiteral("response");
    if (k.contains(QStringLiteral("MOCORDER")) || k.contains(QStringLiteral("MOCORD_S")) ||
        k.contains(QStringLiteral("MOCORD_T")) || k.contains(QStringLiteral("MOCDIM"))) {
      return QStringLiteral("moc");
    }
  }
  return hasImage ? QStringLiteral("image") : QStringLiteral("table");
}

}  // namespace

QJsonObject describeFile(const QString& path) {
  fits::FitsFile file = fits::FitsFile::open(path);
  QJsonObject result;
  result[QStringLiteral("file")] = path;
  QJsonArray hdus;
  QJsonObject image;
  const int count = file.hduCount();
  for (int i = 1; i <= count; ++i) {
    file.moveTo(i);
    hdus.append(describeHdu(file, &image));
  }
  result[QStringLiteral("hdus")] = hdus;
  if (!image.isEmpty()) result[QStringLiteral("image")] = image;
  const bool hasEvents = events::findEventsHdu(file) != 0;
  if (hasEvents) result[QStringLiteral("events")] = describeEvents(path);
  result[QStringLiteral("kind")] = kindOf(hdus, hasEvents, !image.isEmpty());
  return result;
}

namespace {

QString number(const QJsonValue& v) {
  const double d = v.toDouble();
  if (d == std::floor(d) && std::abs(d) < 1e15) return QString::number(static_cast<long long>(d));
  return QString::number(d, 'g', 12);
}

QString wcsLine(const QJsonObject& w) {
  const QJsonObject c = w[QStringLiteral("centre")].toObject();
  return QStringLiteral("%1 %2, centre %3 %4 (%5 %6), %7\"/pixel")
      .arg(w[QStringLiteral("frame")].toString(), w[QStringLiteral("projection")].toString(),
           c[QStringLiteral("ra_hms")].toString(), c[QStringLiteral("dec_dms")].toString(),
           QString::number(c[QStringLiteral("ra")].toDouble(), 'f', 6),
           QString::number(c[QStringLiteral("dec")].toDouble(), 'f', 6))
      .arg(w[QStringLiteral("pixel_scale_arcsec")].toDouble(), 0, 'g', 6);
}

}  // namespace

QString formatText(const QJsonObject& d) {
  QStringList lines;
  lines << QStringLiteral("%1: %2").arg(d[QStringLiteral("file")].toString(), d[QStringLiteral("kind")].toString());
  for (const QJsonValue& hv : d[QStringLiteral("hdus")].toArray()) {
    const QJsonObject h = hv.toObject();
    QString line = QStringLiteral("  HDU %1 %2 %3").arg(h[QStringLiteral("index")].toInt()).arg(
        h[QStringLiteral("name")].toString(), h[QStringLiteral("type")].toString());
    if (h.contains(QStringLiteral("shape"))) {
      QStringList dims;
      for (const QJsonValue& v : h[QStringLiteral("shape")].toArray()) dims << number(v);
      line += dims.isEmpty() ? QStringLiteral(" (no data)") : QStringLiteral(" ") + dims.join(QLatin1Char('x'));
    } else {
      line += QStringLiteral(" %1 rows, %2 columns")
                  .arg(number(h[QStringLiteral("rows")]))
                  .arg(h[QStringLiteral("columns")].toArray().size());
    }
    lines << line;
  }
  if (d.contains(QStringLiteral("image"))) {
    const QJsonObject im = d[QStringLiteral("image")].toObject();
    if (im.contains(QStringLiteral("wcs"))) {
      lines << QStringLiteral("  image WCS: ") + wcsLine(im[QStringLiteral("wcs")].toObject());
    } else {
      lines << QStringLiteral("  image WCS: none (%1)").arg(im[QStringLiteral("wcs_error")].toString());
    }
  }
  if (d.contains(QStringLiteral("events"))) {
    const QJsonObject e = d[QStringLiteral("events")].toObject();
    lines << QStringLiteral("  events: %1 rows in HDU %2 (%3), %4 %5")
                 .arg(number(e[QStringLiteral("rows")]))
                 .arg(e[QStringLiteral("hdu")].toInt())
                 .arg(e[QStringLiteral("name")].toString(), e[QStringLiteral("telescope")].toString(),
                      e[QStringLiteral("instrument")].toString());
    const QJsonObject t = e[QStringLiteral("time")].toObject();
    const QJsonArray tr = t[QStringLiteral("range")].toArray();
    lines << QStringLiteral("  time: %1, MJDREF %2, events %3 .. %4 s")
                 .arg(t[QStringLiteral("system")].toString(), number(t[QStringLiteral("mjdref")]),
                      number(tr.at(0)), number(tr.at(1)));
    lines << QStringLiteral("  GTI total: %1 s").arg(number(e[QStringLiteral("gti")].toObject()[QStringLiteral("total")]));
    if (e.contains(QStringLiteral("energy"))) {
      const QJsonObject en = e[QStringLiteral("energy")].toObject();
      const QJsonArray r = en[QStringLiteral("range")].toArray();
      lines << QStringLiteral("  energy column: %1 [%2] %3 .. %4")
                   .arg(en[QStringLiteral("column")].toString(), en[QStringLiteral("unit")].toString(),
                        number(r.at(0)), number(r.at(1)));
    }
    if (e.contains(QStringLiteral("sky"))) {
      lines << QStringLiteral("  sky WCS: ") + wcsLine(e[QStringLiteral("sky")].toObject());
    } else {
      lines << QStringLiteral("  sky WCS: none (%1)").arg(e[QStringLiteral("no_sky")].toString());
    }
    QStringList cols;
    for (const QJsonValue& hv : d[QStringLiteral("hdus")].toArray()) {
      if (hv.toObject()[QStringLiteral("index")].toInt() != e[QStringLiteral("hdu")].toInt()) continue;
      for (const QJsonValue& c : hv.toObject()[QStringLiteral("columns")].toArray()) {
        cols << c.toObject()[QStringLiteral("name")].toString();
      }
    }
    lines << QStringLiteral("  columns: ") + cols.join(QLatin1Char(' '));
  }
  return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace xsky::info
