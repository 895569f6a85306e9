#include "events/EventListReader.h"

#include <fitsio.h>

#include <QRegularExpression>

#include "fits/FitsFile.h"

namespace xsky::events {

namespace {

// The first of `names` that the table has as a scalar numeric column: {index, name}.
std::pair<int, QString> findColumn(const std::vector<fits::ColumnInfo>& columns,
                                   std::initializer_list<const char*> names) {
  for (const char* wanted : names) {
    for (const fits::ColumnInfo& c : columns) {
      if (c.name.compare(QLatin1String(wanted), Qt::CaseInsensitive) == 0 && c.repeat == 1 &&
          c.typeCode != TSTRING && c.typeCode != TBIT && c.typeCode != TLOGICAL) {
        return {c.index, c.name};
      }
    }
  }
  return {0, QString()};
}

// Reads the GTI table in the current HDU.
GtiList readGtiTable(const fits::FitsFile& file) {
  const int start = file.columnIndex(QStringLiteral("START"));
  const int stop = file.columnIndex(QStringLiteral("STOP"));
  if (start == 0 || stop == 0) return {};
  const std::vector<double> a = file.readColumn<double>(start);
  const std::vector<double> b = file.readColumn<double>(stop);
  std::vector<TimeInterval> intervals;
  intervals.reserve(a.size());
  for (size_t i = 0; i < a.size(); ++i) intervals.push_back({a[i], b[i]});
  return GtiList(std::move(intervals));
}

// Applies the data-subspace (DSS) time selections that SAS evselect records on a filtered list:
// DSTYPi = 'TIME' with DSREFi = ':GTInnnnn', one subspace per CCD (prefix '', '2', '3', ... and
// DSVALc naming the CCDNR). Each CCD's GTI becomes its STDGTInn intersected with its subspace GTI.
void applySubspaceGtis(fits::FitsFile& file, int eventsHdu, EventList& list) {
  file.moveTo(eventsHdu);
  int timeIndex = 0, ccdIndex = 0;
  for (int i = 1; i <= 99; ++i) {
    const auto type = file.keyString(QStringLiteral("DSTYP%1").arg(i));
    if (!type) continue;
    if (type->trimmed().compare(QLatin1String("TIME"), Qt::CaseInsensitive) == 0) timeIndex = i;
    if (type->trimmed().compare(QLatin1String("CCDNR"), Qt::CaseInsensitive) == 0) ccdIndex = i;
  }
  if (timeIndex == 0) return;
  std::vector<std::pair<int, QString>> selections;  // (CCD or -1, GTI extension)
  for (int k = 1; k <= 99; ++k) {
    const QString prefix = k == 1 ? QString() : QString::number(k);
    const auto ref = file.keyString(prefix + QStringLiteral("DSREF%1").arg(timeIndex));
    if (!ref) {
      if (k > 1) break;
      continue;
    }
    if (!ref->trimmed().startsWith(QLatin1Char(':'))) continue;  // a file elsewhere: not ours
    int ccd = -1;
    if (ccdIndex != 0) {
      const auto val = file.keyString(prefix + QStringLiteral("DSVAL%1").arg(ccdIndex));
      bool ok = false;
      const int v = val ? val->trimmed().toInt(&ok) : 0;
      if (ok) ccd = v;
    }
    selections.emplace_back(ccd, ref->trimmed().mid(1));
  }
  for (const auto& [ccd, extname] : selections) {
    if (!file.moveToNamed(extname)) continue;
    const GtiList subspace = readGtiTable(file);
    if (ccd < 0) {
      for (auto& [key, gti] : list.gtis) gti = gti.intersected(subspace);
    } else if (auto it = list.gtis.find(ccd); it != list.gtis.end()) {
      it->second = it->second.intersected(subspace);
    } else {
      list.gtis.emplace(ccd, subspace);
    }
  }
}

// Collects the GTI extensions: XMM STDGTInn (per CCD), Chandra GTI with CCD_ID, plain GTI/STDGTI,
// then narrows them by evselect's data-subspace GTIs (GTInnnnn tables, see above).
void readGtis(fits::FitsFile& file, EventList& list) {
  static const QRegularExpression perCcd(QStringLiteral("^STDGTI(\\d\\d)$"),
                                         QRegularExpression::CaseInsensitiveOption);
  static const QRegularExpression subspace(QStringLiteral("^GTI\\d+$"),
                                           QRegularExpression::CaseInsensitiveOption);
  const int count = file.hduCount();
  for (int hdu = 2; hdu <= count; ++hdu) {
    file.moveTo(hdu);
    if (file.hduType() != fits::HduType::BinaryTable) continue;
    const QString name = file.extName().toUpper();
    const auto clas = file.keyString(QStringLiteral("HDUCLAS1")).value_or(QString()).trimmed();
    int key = -2;
    if (subspace.match(name).hasMatch()) continue;
    if (const auto m = perCcd.match(name); m.hasMatch()) {
      key = m.captured(1).toInt();
    } else if (name == QLatin1String("GTI") || name == QLatin1String("STDGTI") ||
               clas.compare(QLatin1String("GTI"), Qt::CaseInsensitive) == 0) {
      key = static_cast<int>(file.keyInt(QStringLiteral("CCD_ID")).value_or(-1));
    }
    if (key == -2) continue;
    GtiList gti = readGtiTable(file);
    auto it = list.gtis.find(key);
    if (it == list.gtis.end()) {
      list.gtis.emplace(key, std::move(gti));
    } else {
      it->second = it->second.united(gti);
    }
  }
  applySubspaceGtis(file, list.eventsHdu, list);
}

}  // namespace

const wcs::SkyWcs& EventList::sky() const {
  if (!skyWcs) throw Error(path + QStringLiteral(": ") + noSkyReason);
  return *skyWcs;
}

GtiList EventList::referenceGti() const {
  if (auto it = gtis.find(-1); it != gtis.end()) return it->second;
  const GtiList* best = nullptr;
  for (const auto& [ccdId, gti] : gtis) {
    if (best == nullptr || gti.total() > best->total()) best = &gti;
  }
  return best != nullptr ? *best : GtiList();
}

int findEventsHdu(fits::FitsFile& file) {
  if (file.moveToNamed(QStringLiteral("EVENTS")) &&
      file.hduType() == fits::HduType::BinaryTable) {
    return file.currentHdu();
  }
  const int count = file.hduCount();
  for (int hdu = 2; hdu <= count; ++hdu) {
    file.moveTo(hdu);
    const auto clas = file.keyString(QStringLiteral("HDUCLAS1"));
    if (file.hduType() == fits::HduType::BinaryTable && clas &&
        clas->trimmed().compare(QLatin1String("EVENTS"), Qt::CaseInsensitive) == 0) {
      return hdu;
    }
  }
  for (int hdu = 2; hdu <= count; ++hdu) {
    file.moveTo(hdu);
    if (file.hduType() == fits::HduType::BinaryTable &&
        file.columnIndex(QStringLiteral("TIME")) != 0) {
      return hdu;
    }
  }
  return 0;
}

EventList readEventList(const QString& path, const ProgressFn& progress) {
  fits::FitsFile file = fits::FitsFile::open(path);
  EventList list;
  list.path = path;
  list.eventsHdu = findEventsHdu(file);
  if (list.eventsHdu == 0) {
    throw Error(path + QStringLiteral(": no event list in this file (no EVENTS table, no table "
                                      "with HDUCLAS1=EVENTS, no table with a TIME column)"));
  }
  file.moveTo(list.eventsHdu);
  list.eventsExtName = file.extName();
  auto text = [&file](const char* key) {
    return file.keyString(QLatin1String(key)).value_or(QString()).trimmed();
  };
  list.telescope = text("TELESCOP");
  list.instrument = text("INSTRUME");
  list.observationId = text("OBS_ID");
  if (list.observationId.isEmpty()) list.observationId = text("OBSID");
  list.object = text("OBJECT");
  list.timeSystem = text("TIMESYS");
  if (const auto ref = file.keyDouble(QStringLiteral("MJDREF"))) {
    list.mjdRef = *ref;
  } else {
    list.mjdRef = file.keyDouble(QStringLiteral("MJDREFI")).value_or(0.0) +
                  file.keyDouble(QStringLiteral("MJDREFF")).value_or(0.0);
  }
  list.tstart = file.keyDouble(QStringLiteral("TSTART")).value_or(0.0);
  list.tstop = file.keyDouble(QStringLiteral("TSTOP")).value_or(0.0);
  list.exposure = file.keyDouble(QStringLiteral("EXPOSURE"));
  if (!list.exposure) list.exposure = file.keyDouble(QStringLiteral("LIVETIME"));
  list.rows = file.rowCount();
  list.goodEventsExpression = text("XMMEA_EP");
  if (list.goodEventsExpression.isEmpty()) list.goodEventsExpression = text("XMMEA_EM");

  const std::vector<fits::ColumnInfo> columns = file.columns();
  int index = 0;
  reportProgress(progress, 0.0, QStringLiteral("reading %1").arg(path));
  // Every column wanted is read in one pass over the table.
  std::vector<fits::FitsFile::ColumnRequest> wanted;
  std::tie(index, list.timeColumn) = findColumn(columns, {"TIME"});
  if (index != 0) wanted.push_back(fits::FitsFile::columnInto(index, &list.time));
  int xIndex = 0, yIndex = 0;
  std::tie(xIndex, list.xColumn) = findColumn(columns, {"X"});
  std::tie(yIndex, list.yColumn) = findColumn(columns, {"Y"});
  if (xIndex != 0 && yIndex != 0) {
    wanted.push_back(fits::FitsFile::columnInto(xIndex, &list.x));
    wanted.push_back(fits::FitsFile::columnInto(yIndex, &list.y));
  }
  std::tie(index, list.piColumn) = findColumn(columns, {"PI"});
  if (index != 0) wanted.push_back(fits::FitsFile::columnInto(index, &list.pi));
  std::tie(index, list.energyColumn) = findColumn(columns, {"ENERGY"});
  if (index != 0) wanted.push_back(fits::FitsFile::columnInto(index, &list.energy));
  std::tie(index, list.patternColumn) = findColumn(columns, {"PATTERN", "GRADE"});
  if (index != 0) wanted.push_back(fits::FitsFile::columnInto(index, &list.pattern));
  std::tie(index, list.flagColumn) = findColumn(columns, {"FLAG", "STATUS"});
  if (index != 0) wanted.push_back(fits::FitsFile::columnInto(index, &list.flag));
  std::tie(index, list.ccdColumn) = findColumn(columns, {"CCDNR", "CCD_ID", "CHIP_ID"});
  if (index != 0) wanted.push_back(fits::FitsFile::columnInto(index, &list.ccd));
  file.readColumns(wanted);

  reportProgress(progress, 0.7, QStringLiteral("reading the sky coordinates' WCS"));
  if (xIndex != 0 && yIndex != 0) {
    try {
      list.skyWcs = wcs::SkyWcs::fromEventColumns(file, xIndex, yIndex);
    } catch (const Error& e) {
      list.noSkyReason = e.message().section(QStringLiteral(": "), 1);
    }
  } else {
    list.xColumn.clear();
    list.yColumn.clear();
    list.noSkyReason = QStringLiteral("the event list has no sky coordinates (no X/Y columns)");
  }
  const QString& axis = list.energyAxisName();
  for (const fits::ColumnInfo& c : columns) {
    if (!axis.isEmpty() && c.name == axis) list.energyUnit = c.unit;
  }

  reportProgress(progress, 0.9, QStringLiteral("reading good time intervals"));
  readGtis(file, list);
  reportProgress(progress, 1.0, QStringLiteral("done"));
  return list;
}

}  // namespace xsky::events
