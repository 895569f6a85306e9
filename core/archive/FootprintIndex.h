#pragma once
// The in-memory structure that answers "which observations and cameras cover this region?"
// (region MOC -> overlapping footprints, with the fraction of the region each covers) in well
// under a millisecond for archives of 10^4-10^5 footprints.
//
// Layout: every footprint held as its compact blob (FootprintBlob.h, ~3 bytes per range) in one
// byte array; an inverted index from HEALPix cells at kCoarseOrder (3.4 arcmin) to the footprints
// touching them (sorted cells, offsets, entry numbers: CSR). A query takes the coarse cells under
// the region's ranges, gathers the candidates listed there, then intersects the region's ranges
// exactly with each candidate's (a linear merge that stops past the region's last cell). All
// HEALPix cells of one order have the same area, so the covered fraction is the count of shared
// order-29 cells over the region's count: exact for the two MOCs as given.
//
// Footprints spread over more than kMaxCoarseCells coarse cells (all-sky surveys) are not listed
// cell by cell; they are candidates of every query.
//
// Threading: build on any thread; the built index is immutable and queries are const and
// re-entrant, so any number of threads may query one index at once.

#include <cstdint>
#include <optional>
#include <vector>

#include <QByteArray>

#include "archive/ObservationRecord.h"
#include "util/Progress.h"

namespace xsky::archive {

class ObservationIndex;

struct FootprintQuery {
  std::optional<double> fromMjd;  ///< keep observations ending at or after this (UTC MJD)
  std::optional<double> toMjd;    ///< keep observations starting at or before this
  double minCoveredFraction = 0;  ///< keep hits covering more than this fraction of the region
};

struct FootprintHit {
  uint32_t entry = 0;          ///< FootprintIndex::record(entry)
  double coveredFraction = 0;  ///< area(region AND footprint) / area(region), in (0, 1]
};

class FootprintIndex {
 public:
  static constexpr int kCoarseOrder = 10;
  static constexpr uint64_t kMaxCoarseCells = 1u << 16;

  class Builder {
   public:
    /// Adds a record (its footprint is encoded and dropped from the copy kept). Returns its entry.
    uint32_t add(const ObservationRecord& record);
    /// Adds a record whose footprint comes as a blob (the record's own footprint is ignored).
    /// Throws xsky::Error on a malformed blob.
    uint32_t add(ObservationRecord record, const QByteArray& blob);
    FootprintIndex build() &&;

   private:
    friend class FootprintIndex;
    std::vector<ObservationRecord> records_;
    std::vector<uint8_t> bytes_;
    std::vector<uint64_t> offsets_{0};
    std::vector<std::pair<uint64_t, uint32_t>> cellEntries_;
    std::vector<uint32_t> wide_;
    std::vector<moc::Range> bounds_;
  };

  FootprintIndex() = default;
  /// Reads every row of the database (the source of truth). Throws xsky::Error.
  static FootprintIndex fromDatabase(const ObservationIndex& index, const ProgressFn& progress = {});

  size_t size() const { return records_.size(); }
  /// The record of an entry; its footprint is empty (see footprint()).
  const ObservationRecord& record(uint32_t entry) const { return records_[entry]; }
  /// The footprint of an entry, decoded.
  moc::SpaceMoc footprint(uint32_t entry) const;

  /// Footprints overlapping the region, in entry order.
  std::vector<FootprintHit> query(const moc::SpaceMoc& region, const FootprintQuery& options = {}) const {
    return query(region.ranges(), options);
  }
  /// Same, for a region given as sorted, disjoint order-29 ranges (SpaceMoc::ranges()).
  std::vector<FootprintHit> query(const std::vector<moc::Range>& region,
                                  const FootprintQuery& options = {}) const;

  /// Bytes held by the index (footprints, inverted index, records), an estimate of its memory.
  size_t memoryBytes() const;

 private:
  bool passesDates(const ObservationRecord& r, const FootprintQuery& q) const;
  uint64_t overlapCells(uint32_t entry, const std::vector<moc::Range>& region) const;

  std::vector<ObservationRecord> records_;
  std::vector<uint8_t> bytes_;       // all blobs, back to back
  std::vector<uint64_t> offsets_;    // blob of entry e: bytes_[offsets_[e], offsets_[e + 1])
  std::vector<moc::Range> bounds_;   // [first cell, last cell) of each footprint, order 29
  std::vector<uint64_t> cells_;      // coarse cells holding at least one footprint, ascending
  std::vector<uint32_t> cellStart_;  // entries of cells_[i]: entries_[cellStart_[i], cellStart_[i + 1])
  std::vector<uint32_t> entries_;
  std::vector<uint32_t> wide_;       // footprints listed in no cell: candidates of every query
};

}  // namespace xsky::archive
