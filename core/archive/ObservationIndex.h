#pragma once
// The observation index: an SQLite database (Qt Sql, QSQLITE driver) with one row per
// observation and camera (ObservationRecord) and its footprint MOC. The database is the source of
// truth; FootprintIndex.h builds the in-memory structure that answers region queries from it.
//
// Storage: WAL journal, synchronous=NORMAL (a crash of the program or the machine loses at most
// the last transaction, never the file), every change inside a transaction. Schema version in
// table `meta` (key/value: application = xsky-observation-index, schema_version = 1); table
// `observations` keyed by the file location (unique); footprints as FootprintBlob.h blobs with
// their order in `footprint_order`.
//
// Never overwrites what it does not own: opening a file that is not an SQLite database, an SQLite
// database of another application, a corrupt database or a newer schema throws xsky::Error and
// leaves the file untouched; so does a database locked by another connection or process (after
// waiting busyTimeoutMs for it).
//
// Threading model: one ObservationIndex is one QSqlDatabase connection with a name unique to the
// instance ("xsky.archive.index.<n>"). Qt allows a connection only on the thread that opened it,
// so create the object on the thread that uses it (a worker may open its own instance of the same
// file at the same time; SQLite serialises writers and WAL lets readers run beside a writer).
// Methods assert that they run on the opening thread. FootprintIndex, built from it, is an
// immutable value that any thread may query.

#include <functional>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QThread>

#include "archive/FileChecksum.h"
#include "archive/ObservationRecord.h"

class QSqlQuery;

namespace xsky::archive {

struct IndexOpenOptions {
  bool readOnly = false;      ///< open an existing index for queries only
  int busyTimeoutMs = 3000;   ///< how long to wait for another connection's lock
};

class ObservationIndex {
 public:
  static constexpr int kSchemaVersion = 1;

  /// Opens the index at `path`, creating it (with its folder's file) when absent unless readOnly.
  /// Throws xsky::Error: locked, corrupt, not an XSky index, newer schema, cannot create.
  explicit ObservationIndex(const QString& path, const IndexOpenOptions& options = {});
  ~ObservationIndex();
  ObservationIndex(const ObservationIndex&) = delete;
  ObservationIndex& operator=(const ObservationIndex&) = delete;

  const QString& path() const { return path_; }
  bool readOnly() const { return options_.readOnly; }

  /// Number of rows.
  long long count() const;
  /// The row of a file location (absolute path or URL), with or without its footprint.
  std::optional<ObservationRecord> findByLocation(const QString& location,
                                                  bool withFootprint = false) const;
  /// Every row, in id order.
  std::vector<ObservationRecord> records(bool withFootprints = true) const;
  /// Visits every row in id order with its footprint left empty and its footprint blob raw
  /// (FootprintBlob.h): the fast path FootprintIndex is built on.
  void forEachRow(const std::function<void(ObservationRecord&&, const QByteArray& blob)>& visit) const;

  /// Inserts each record, or replaces the row with the same location; sets record.id. One
  /// transaction for all: either every record is stored or none. Throws xsky::Error.
  void store(std::vector<ObservationRecord>& records);
  void store(ObservationRecord& record);
  /// Same, with footprints already encoded (blobs[i] for records[i]; their footprint is ignored).
  void storeEncoded(std::vector<ObservationRecord>& records, const std::vector<QByteArray>& blobs);
  /// Records a new size/mtime for an unchanged file (same checksum).
  void updateStamp(long long id, const FileStamp& stamp);
  /// Removes the row of a location; false when there was none.
  bool remove(const QString& location);

 private:
  void open();
  void checkThread() const;
  [[noreturn]] void fail(const QString& doing, const QSqlQuery& query) const;
  void exec(const QString& sql) const;
  void begin() const;
  void commit() const;
  void rollback() const noexcept;
  void checkSchema(bool create);

  QString path_;
  IndexOpenOptions options_;
  QString connection_;
  QThread* thread_ = nullptr;
};

}  // namespace xsky::archive
