#pragma once
// The indexes of one SourceTable, built the first time a query needs them and kept for the next
// queries (catalog/ColumnIndex.h): a sorted index per numeric column compared with a constant,
// a zone index per pair of position columns. The catalogue dock keeps one beside its table and
// passes it in QueryOptions::index; a one-off query (xsky-cli query) scans instead, since building
// an index costs more than one scan.
//
// Threading: thread-safe; an index is built once under a lock and then shared read-only. The
// table must outlive this object and not change (as for a compiled Query).

#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "catalog/ColumnIndex.h"

namespace xsky::catalog {

class TableIndex {
 public:
  explicit TableIndex(const SourceTable& table) : table_(&table) {}

  const SourceTable& table() const { return *table_; }
  /// The sorted index of a Real or Integer column of the table.
  const SortedColumnIndex& numeric(const Column& column) const;
  /// The zone index of two position columns (values times the scales give degrees).
  const SkyZoneIndex& sky(const Column& ra, double raScale, const Column& dec, double decScale) const;

 private:
  const SourceTable* table_;
  mutable std::mutex mutex_;
  mutable std::map<const Column*, std::unique_ptr<SortedColumnIndex>> numeric_;
  mutable std::map<std::tuple<const Column*, double, const Column*, double>, std::unique_ptr<SkyZoneIndex>> sky_;
};

}  // namespace xsky::catalog
