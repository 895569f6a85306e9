#include "archive/ObservationIndex.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>
#include <cmath>

#include "archive/FootprintBlob.h"
#include "fits/FitsError.h"

namespace xsky::archive {

namespace {

constexpr const char* kApplication = "xsky-observation-index";

// Columns read back into a record, in this order; the footprint blob comes last.
constexpr const char* kColumns =
    "id, obsid, mission, instrument, filter, mode, target, observer, ra_pnt, dec_pnt, "
    "date_start, date_end, mjd_start, mjd_end, exposure, kind, location, file_size, file_mtime, "
    "checksum, footprint_order";

const char* const kSchema[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE observations ("
    " id INTEGER PRIMARY KEY,"
    " obsid TEXT NOT NULL DEFAULT '', mission TEXT NOT NULL DEFAULT '',"
    " instrument TEXT NOT NULL DEFAULT '', filter TEXT NOT NULL DEFAULT '',"
    " mode TEXT NOT NULL DEFAULT '', target TEXT NOT NULL DEFAULT '',"
    " observer TEXT NOT NULL DEFAULT '',"
    " ra_pnt REAL, dec_pnt REAL,"                 // ICRS degrees
    " date_start TEXT, date_end TEXT,"            // UTC ISO 8601
    " mjd_start REAL, mjd_end REAL,"              // UTC MJD
    " exposure REAL NOT NULL DEFAULT 0,"          // seconds
    " kind TEXT NOT NULL,"                        // 'events' or 'image'
    " location TEXT NOT NULL UNIQUE,"             // absolute path or URL
    " file_size INTEGER NOT NULL DEFAULT 0,"      // bytes
    " file_mtime INTEGER NOT NULL DEFAULT 0,"     // ms since the Unix epoch
    " checksum TEXT NOT NULL DEFAULT '',"         // sha256:<hex>
    " footprint_order INTEGER NOT NULL,"
    " footprint BLOB NOT NULL,"                   // FootprintBlob.h
    " indexed_at TEXT NOT NULL)",                 // UTC ISO 8601
    "CREATE INDEX observations_obsid ON observations(obsid)",
    "CREATE INDEX observations_checksum ON observations(checksum)",
};

std::atomic<unsigned long long> connectionCounter{0};

// Qt binds a null QString as SQL NULL; the text columns are NOT NULL DEFAULT ''.
QVariant text(const QString& s) { return QVariant(s.isNull() ? QStringLiteral("") : s); }
QVariant real(double v) { return std::isnan(v) ? QVariant() : QVariant(v); }
double realOf(const QVariant& v) {
  return v.isNull() ? std::numeric_limits<double>::quiet_NaN() : v.toDouble();
}

ObservationRecord recordOf(const QSqlQuery& q) {
  ObservationRecord r;
  r.id = q.value(0).toLongLong();
  r.obsId = q.value(1).toString();
  r.mission = q.value(2).toString();
  r.instrument = q.value(3).toString();
  r.filter = q.value(4).toString();
  r.mode = q.value(5).toString();
  r.target = q.value(6).toString();
  r.observer = q.value(7).toString();
  r.raPointing = realOf(q.value(8));
  r.decPointing = realOf(q.value(9));
  r.dateStart = q.value(10).toString();
  r.dateEnd = q.value(11).toString();
  r.mjdStart = realOf(q.value(12));
  r.mjdEnd = realOf(q.value(13));
  r.exposure = q.value(14).toDouble();
  r.kind = q.value(15).toString() == QLatin1String("image") ? ObservationFileKind::Image
                                                             : ObservationFileKind::EventList;
  r.location = q.value(16).toString();
  r.fileSize = q.value(17).toLongLong();
  r.fileMtime = q.value(18).toLongLong();
  r.checksum = q.value(19).toString();
  r.footprintOrder = q.value(20).toInt();
  return r;
}

// SQLite's primary result code of a failed statement.
int sqliteCode(const QSqlError& e) { return e.nativeErrorCode().toInt() & 0xff; }

}  // namespace

ObservationIndex::ObservationIndex(const QString& path, const IndexOpenOptions& options)
    : path_(QFileInfo(path).absoluteFilePath()),
      options_(options),
      connection_(QStringLiteral("xsky.archive.index.%1").arg(++connectionCounter)),
      thread_(QThread::currentThread()) {
  try {
    open();
  } catch (...) {
    QSqlDatabase::database(connection_, false).close();
    QSqlDatabase::removeDatabase(connection_);
    throw;
  }
}

ObservationIndex::~ObservationIndex() {
  {
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    db.close();
  }
  QSqlDatabase::removeDatabase(connection_);
}

void ObservationIndex::checkThread() const {
  Q_ASSERT_X(QThread::currentThread() == thread_, "ObservationIndex",
             "used from a thread other than the one that opened it");
}

void ObservationIndex::open() {
  const QFileInfo info(path_);
  const bool exists = info.exists();
  if (exists && !info.isFile()) {
    throw Error(QStringLiteral("observation index %1: not a regular file").arg(path_));
  }
  if (!exists && options_.readOnly) {
    throw Error(QStringLiteral("observation index %1: no such file").arg(path_));
  }
  if (exists && info.size() > 0) {
    // Refuse anything that is not an SQLite file before SQLite sees it.
    QFile f(path_);
    if (!f.open(QIODevice::ReadOnly)) {
      throw Error(QStringLiteral("observation index %1: cannot read: %2").arg(path_, f.errorString()));
    }
    if (f.read(16) != QByteArray("SQLite format 3\0", 16)) {
      throw Error(QStringLiteral("observation index %1: not an SQLite database (corrupt, or "
                                 "another kind of file); left unchanged").arg(path_));
    }
  }
  if (!exists) {
    const QDir dir = info.absoluteDir();
    if (!dir.exists()) {
      throw Error(QStringLiteral("observation index %1: folder %2 does not exist")
                      .arg(path_, dir.path()));
    }
  }
  QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
  if (!db.isValid()) throw Error(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));
  db.setDatabaseName(path_);
  QString connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options_.busyTimeoutMs);
  if (options_.readOnly) connectOptions += QStringLiteral(";QSQLITE_OPEN_READONLY");
  db.setConnectOptions(connectOptions);
  if (!db.open()) {
    throw Error(QStringLiteral("observation index %1: cannot open: %2")
                    .arg(path_, db.lastError().text()));
  }
  checkSchema(!options_.readOnly);
  if (!options_.readOnly) {
    exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
  }
}

void ObservationIndex::fail(const QString& doing, const QSqlQuery& query) const {
  const QSqlError e = query.lastError();
  const int code = sqliteCode(e);
  QString why;
  if (code == 5 || code == 6) {
    why = QStringLiteral("the database is locked by another connection or process");
  } else if (code == 11 || code == 26) {
    why = QStringLiteral("the database is corrupt (%1); left unchanged").arg(e.databaseText());
  } else {
    why = e.text();
  }
  throw Error(QStringLiteral("observation index %1: %2: %3").arg(path_, doing, why));
}

void ObservationIndex::exec(const QString& sql) const {
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  if (!q.exec(sql)) fail(sql.section(QLatin1Char(' '), 0, 1).toLower(), q);
}

void ObservationIndex::begin() const { exec(QStringLiteral("BEGIN IMMEDIATE")); }
void ObservationIndex::commit() const { exec(QStringLiteral("COMMIT")); }
void ObservationIndex::rollback() const noexcept {
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.exec(QStringLiteral("ROLLBACK"));
}

void ObservationIndex::checkSchema(bool create) {
  QSqlDatabase db = QSqlDatabase::database(connection_, false);
  if (create) begin();  // takes the write lock now: a locked database fails here, untouched
  try {
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"))) {
      fail(QStringLiteral("reading the schema"), q);
    }
    QStringList tables;
    while (q.next()) tables << q.value(0).toString();
    if (tables.isEmpty()) {
      if (!create) {
        throw Error(QStringLiteral("observation index %1: empty database (no tables)").arg(path_));
      }
      for (const char* sql : kSchema) exec(QString::fromLatin1(sql));
      QSqlQuery m(db);
      m.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
      for (const auto& [k, v] : {std::pair{QStringLiteral("application"), QString::fromLatin1(kApplication)},
                                 std::pair{QStringLiteral("schema_version"), QString::number(kSchemaVersion)},
                                 std::pair{QStringLiteral("created"),
                                           QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}}) {
        m.addBindValue(k);
        m.addBindValue(v);
        if (!m.exec()) fail(QStringLiteral("writing the schema"), m);
      }
    } else {
      QString application, version;
      if (tables.contains(QLatin1String("meta"))) {
        QSqlQuery m(db);
        if (!m.exec(QStringLiteral("SELECT key, value FROM meta"))) fail(QStringLiteral("reading meta"), m);
        while (m.next()) {
          if (m.value(0).toString() == QLatin1String("application")) application = m.value(1).toString();
          if (m.value(0).toString() == QLatin1String("schema_version")) version = m.value(1).toString();
        }
      }
      if (application != QLatin1String(kApplication) || !tables.contains(QLatin1String("observations"))) {
        throw Error(QStringLiteral("observation index %1: an SQLite database, but not an XSky "
                                   "observation index; left unchanged").arg(path_));
      }
      if (version.toInt() > kSchemaVersion || version.toInt() < 1) {
        throw Error(QStringLiteral("observation index %1: schema version %2, this XSky reads "
                                   "version %3; left unchanged").arg(path_, version).arg(kSchemaVersion));
      }
    }
    if (create) commit();
  } catch (...) {
    if (create) rollback();
    throw;
  }
}

long long ObservationIndex::count() const {
  checkThread();
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM observations")) || !q.next()) {
    fail(QStringLiteral("counting rows"), q);
  }
  return q.value(0).toLongLong();
}

std::optional<ObservationRecord> ObservationIndex::findByLocation(const QString& location,
                                                                  bool withFootprint) const {
  checkThread();
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.prepare(QStringLiteral("SELECT %1, footprint FROM observations WHERE location = ?")
                .arg(QLatin1String(kColumns)));
  q.addBindValue(location);
  if (!q.exec()) fail(QStringLiteral("looking up %1").arg(location), q);
  if (!q.next()) return std::nullopt;
  ObservationRecord r = recordOf(q);
  if (withFootprint) r.footprint = decodeFootprint(q.value(21).toByteArray());
  return r;
}

void ObservationIndex::forEachRow(
    const std::function<void(ObservationRecord&&, const QByteArray&)>& visit) const {
  checkThread();
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.setForwardOnly(true);
  if (!q.exec(QStringLiteral("SELECT %1, footprint FROM observations ORDER BY id")
                  .arg(QLatin1String(kColumns)))) {
    fail(QStringLiteral("reading the observations"), q);
  }
  while (q.next()) {
    const QByteArray blob = q.value(21).toByteArray();
    visit(recordOf(q), blob);
  }
  if (q.lastError().isValid()) fail(QStringLiteral("reading the observations"), q);
}

std::vector<ObservationRecord> ObservationIndex::records(bool withFootprints) const {
  std::vector<ObservationRecord> out;
  forEachRow([&](ObservationRecord&& r, const QByteArray& blob) {
    if (withFootprints) r.footprint = decodeFootprint(blob);
    out.push_back(std::move(r));
  });
  return out;
}

void ObservationIndex::store(ObservationRecord& record) {
  std::vector<ObservationRecord> one{record};
  store(one);
  record.id = one.front().id;
}

void ObservationIndex::store(std::vector<ObservationRecord>& records) {
  std::vector<QByteArray> blobs;
  blobs.reserve(records.size());
  for (ObservationRecord& r : records) {
    r.footprintOrder = r.footprint.order();
    blobs.push_back(encodeFootprint(r.footprint));
  }
  storeEncoded(records, blobs);
}

void ObservationIndex::storeEncoded(std::vector<ObservationRecord>& records,
                                    const std::vector<QByteArray>& blobs) {
  checkThread();
  if (options_.readOnly) throw Error(QStringLiteral("observation index %1: opened read-only").arg(path_));
  Q_ASSERT(records.size() == blobs.size());
  begin();
  try {
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral(
        "INSERT INTO observations (obsid, mission, instrument, filter, mode, target, observer, "
        "ra_pnt, dec_pnt, date_start, date_end, mjd_start, mjd_end, exposure, kind, location, "
        "file_size, file_mtime, checksum, footprint_order, footprint, indexed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(location) DO UPDATE SET obsid = excluded.obsid, mission = excluded.mission, "
        "instrument = excluded.instrument, filter = excluded.filter, mode = excluded.mode, "
        "target = excluded.target, observer = excluded.observer, ra_pnt = excluded.ra_pnt, "
        "dec_pnt = excluded.dec_pnt, date_start = excluded.date_start, date_end = excluded.date_end, "
        "mjd_start = excluded.mjd_start, mjd_end = excluded.mjd_end, exposure = excluded.exposure, "
        "kind = excluded.kind, file_size = excluded.file_size, file_mtime = excluded.file_mtime, "
        "checksum = excluded.checksum, footprint_order = excluded.footprint_order, "
        "footprint = excluded.footprint, indexed_at = excluded.indexed_at"));
    QSqlQuery idOf(QSqlDatabase::database(connection_, false));
    idOf.prepare(QStringLiteral("SELECT id FROM observations WHERE location = ?"));
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (size_t i = 0; i < records.size(); ++i) {
      ObservationRecord& r = records[i];
      if (r.location.isEmpty()) throw Error(QStringLiteral("observation index: a record without a location"));
      for (const QVariant& v :
           {text(r.obsId), text(r.mission), text(r.instrument), text(r.filter),
            text(r.mode), text(r.target), text(r.observer), real(r.raPointing),
            real(r.decPointing), text(r.dateStart), text(r.dateEnd), real(r.mjdStart),
            real(r.mjdEnd), QVariant(r.exposure),
            QVariant(r.kind == ObservationFileKind::Image ? QStringLiteral("image") : QStringLiteral("events")),
            text(r.location), QVariant(r.fileSize), QVariant(r.fileMtime), text(r.checksum),
            QVariant(r.footprintOrder), QVariant(blobs[i]), QVariant(now)}) {
        q.addBindValue(v);
      }
      if (!q.exec()) fail(QStringLiteral("storing %1").arg(r.location), q);
      idOf.addBindValue(r.location);
      if (!idOf.exec() || !idOf.next()) fail(QStringLiteral("storing %1").arg(r.location), idOf);
      r.id = idOf.value(0).toLongLong();
    }
    commit();
  } catch (...) {
    rollback();
    throw;
  }
}

void ObservationIndex::updateStamp(long long id, const FileStamp& stamp) {
  checkThread();
  begin();
  try {
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("UPDATE observations SET file_size = ?, file_mtime = ? WHERE id = ?"));
    q.addBindValue(stamp.size);
    q.addBindValue(stamp.mtime);
    q.addBindValue(id);
    if (!q.exec()) fail(QStringLiteral("updating row %1").arg(id), q);
    commit();
  } catch (...) {
    rollback();
    throw;
  }
}

bool ObservationIndex::remove(const QString& location) {
  checkThread();
  begin();
  try {
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("DELETE FROM observations WHERE location = ?"));
    q.addBindValue(location);
    if (!q.exec()) fail(QStringLiteral("removing %1").arg(location), q);
    const bool removed = q.numRowsAffected() > 0;
    commit();
    return removed;
  } catch (...) {
    rollback();
    throw;
  }
}

}  // namespace xsky::archive
