#pragma once
// The indexes of one SourceTable, built the first time a query needs them and kept for the next
// queries (catalog/ColumnIndex.h): a sorted index per numeric column compared with a constant,
// a zone index per pair of position columns. The catalogue dock keeps one beside its table and
// passes it in QueryOptions::index; a one-off query (xsky-cli query) scans instead, since building
// an index costs more than one scan.
//
// Two ways to build: Build::OnFirstUse builds an index when a query first asks for it (that query
// waits: ~150 ms a column for a million rows); Build::InBackground answers "not yet" and builds
// it on the global thread pool, so the query scans as if there were no index and the next ones
// use it (what the catalogue dock does: no query ever waits for an index).
//
// Threading: thread-safe; an index is built once and then shared read-only. The destructor waits
// for background builds. The table must outlive this object and not change (as for a Query).

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "catalog/ColumnIndex.h"

namespace xsky::catalog {

class TableIndex {
 public:
  enum class Build { OnFirstUse, InBackground };
  explicit TableIndex(const SourceTable& table, Build build = Build::OnFirstUse) : table_(&table), build_(build) {}
  ~TableIndex();
  TableIndex(const TableIndex&) = delete;
  TableIndex& operator=(const TableIndex&) = delete;

  const SourceTable& table() const { return *table_; }
  /// The sorted index of a Real or Integer column of the table; null while it is being built
  /// in the background.
  const SortedColumnIndex* numeric(const Column& column) const;
  /// The zone index of two position columns (values times the scales give degrees); null while
  /// it is being built in the background.
  const SkyZoneIndex* sky(const Column& ra, double raScale, const Column& dec, double decScale) const;
  /// Waits for the background builds started so far (for tests and benchmarks).
  void waitForBuilds() const;

 private:
  template <class Index, class Key, class Make>
  const Index* lookup(std::map<Key, std::shared_ptr<Index>>& cache, const Key& key, Make make) const;

  const SourceTable* table_;
  Build build_;
  mutable std::mutex mutex_;
  mutable std::condition_variable idle_;
  mutable int building_ = 0;
  mutable std::map<const Column*, std::shared_ptr<SortedColumnIndex>> numeric_;
  mutable std::map<std::tuple<const Column*, double, const Column*, double>, std::shared_ptr<SkyZoneIndex>> sky_;
};

}  // namespace xsky::catalog
