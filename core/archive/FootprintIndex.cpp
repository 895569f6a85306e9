#include "archive/FootprintIndex.h"

#include <algorithm>

#include "archive/FootprintBlob.h"
#include "archive/ObservationIndex.h"

namespace xsky::archive {

namespace {

constexpr int kCoarseShift = 2 * (moc::kMaxSpaceOrder - FootprintIndex::kCoarseOrder);

size_t stringBytes(const QString& s) { return static_cast<size_t>(s.capacity()) * 2 + 24; }

}  // namespace

uint32_t FootprintIndex::Builder::add(const ObservationRecord& record) {
  ObservationRecord copy = record;
  copy.footprint = moc::SpaceMoc();
  copy.footprintOrder = record.footprint.order();
  return add(std::move(copy), encodeFootprint(record.footprint));
}

uint32_t FootprintIndex::Builder::add(ObservationRecord record, const QByteArray& blob) {
  int order = 0;
  const std::vector<moc::Range> ranges =
      decodeFootprintRanges(blob.constData(), static_cast<size_t>(blob.size()), &order);
  const auto entry = static_cast<uint32_t>(records_.size());
  record.footprint = moc::SpaceMoc();
  record.footprintOrder = order;
  records_.push_back(std::move(record));
  bytes_.insert(bytes_.end(), blob.begin(), blob.end());
  offsets_.push_back(bytes_.size());
  bounds_.push_back(ranges.empty() ? moc::Range{} : moc::Range{ranges.front().first, ranges.back().last});

  uint64_t coarse = 0;
  for (const moc::Range& r : ranges) coarse += ((r.last - 1) >> kCoarseShift) - (r.first >> kCoarseShift) + 1;
  if (coarse > kMaxCoarseCells) {
    wide_.push_back(entry);
    return entry;
  }
  uint64_t previous = UINT64_MAX;
  for (const moc::Range& r : ranges) {
    for (uint64_t c = r.first >> kCoarseShift; c <= (r.last - 1) >> kCoarseShift; ++c) {
      if (c != previous) cellEntries_.emplace_back(c, entry);  // ranges are sorted: skip repeats
      previous = c;
    }
  }
  return entry;
}

FootprintIndex FootprintIndex::Builder::build() && {
  FootprintIndex index;
  std::sort(cellEntries_.begin(), cellEntries_.end());
  index.cells_.reserve(cellEntries_.size() / 8 + 1);
  index.entries_.reserve(cellEntries_.size());
  for (const auto& [cell, entry] : cellEntries_) {
    if (index.cells_.empty() || index.cells_.back() != cell) {
      index.cells_.push_back(cell);
      index.cellStart_.push_back(static_cast<uint32_t>(index.entries_.size()));
    }
    index.entries_.push_back(entry);
  }
  index.cellStart_.push_back(static_cast<uint32_t>(index.entries_.size()));
  index.cells_.shrink_to_fit();
  index.cellStart_.shrink_to_fit();
  bytes_.shrink_to_fit();
  index.records_ = std::move(records_);
  index.bytes_ = std::move(bytes_);
  index.offsets_ = std::move(offsets_);
  index.bounds_ = std::move(bounds_);
  index.wide_ = std::move(wide_);
  return index;
}

FootprintIndex FootprintIndex::fromDatabase(const ObservationIndex& database, const ProgressFn& progress) {
  Builder builder;
  const long long total = progress ? database.count() : 0;
  long long done = 0;
  database.forEachRow([&](ObservationRecord&& record, const QByteArray& blob) {
    builder.add(std::move(record), blob);
    if (progress && (++done % 1024) == 0) {
      reportProgress(progress, static_cast<double>(done) / static_cast<double>(std::max(total, 1LL)),
                     QStringLiteral("reading footprints"));
    }
  });
  return std::move(builder).build();
}

moc::SpaceMoc FootprintIndex::footprint(uint32_t entry) const {
  const QByteArray blob = QByteArray::fromRawData(
      reinterpret_cast<const char*>(bytes_.data() + offsets_[entry]),
      static_cast<qsizetype>(offsets_[entry + 1] - offsets_[entry]));
  return decodeFootprint(blob);
}

bool FootprintIndex::passesDates(const ObservationRecord& r, const FootprintQuery& q) const {
  if (!q.fromMjd && !q.toMjd) return true;
  if (!r.hasDates()) return false;
  const double end = std::isnan(r.mjdEnd) ? r.mjdStart : r.mjdEnd;
  if (q.fromMjd && end < *q.fromMjd) return false;
  if (q.toMjd && r.mjdStart > *q.toMjd) return false;
  return true;
}

uint64_t FootprintIndex::overlapCells(uint32_t entry, const std::vector<moc::Range>& region) const {
  const moc::Range bound = bounds_[entry];
  if (bound.last <= region.front().first || bound.first >= region.back().last) return 0;
  FootprintCursor cursor(bytes_.data() + offsets_[entry], offsets_[entry + 1] - offsets_[entry]);
  moc::Range f;
  if (!cursor.next(&f)) return 0;
  uint64_t shared = 0;
  auto r = region.begin();
  while (r != region.end()) {
    if (f.last <= r->first) {
      if (!cursor.next(&f)) break;
    } else if (r->last <= f.first) {
      ++r;
    } else {
      shared += std::min(f.last, r->last) - std::max(f.first, r->first);
      if (f.last < r->last) {
        if (!cursor.next(&f)) break;
      } else {
        ++r;
      }
    }
  }
  return shared;
}

std::vector<FootprintHit> FootprintIndex::query(const std::vector<moc::Range>& ranges,
                                                const FootprintQuery& options) const {
  std::vector<FootprintHit> hits;
  if (ranges.empty() || records_.empty()) return hits;
  uint64_t regionCells = 0;
  for (const moc::Range& r : ranges) regionCells += r.last - r.first;

  // Candidates: the footprints listed in the coarse cells under the region, and the wide ones.
  std::vector<uint32_t> candidates(wide_);
  auto from = cells_.begin();
  for (const moc::Range& r : ranges) {
    const uint64_t lo = r.first >> kCoarseShift, hi = (r.last - 1) >> kCoarseShift;
    auto cell = std::lower_bound(from, cells_.end(), lo);
    for (; cell != cells_.end() && *cell <= hi; ++cell) {
      const auto i = static_cast<size_t>(cell - cells_.begin());
      candidates.insert(candidates.end(), entries_.begin() + cellStart_[i],
                        entries_.begin() + cellStart_[i + 1]);
    }
    // The next range may start in this range's last coarse cell.
    from = (cell != cells_.begin() && *(cell - 1) == hi) ? cell - 1 : cell;
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  for (uint32_t e : candidates) {
    if (!passesDates(records_[e], options)) continue;
    const uint64_t shared = overlapCells(e, ranges);
    if (shared == 0) continue;
    const double fraction = static_cast<double>(shared) / static_cast<double>(regionCells);
    if (fraction > options.minCoveredFraction) hits.push_back({e, fraction});
  }
  return hits;
}

size_t FootprintIndex::memoryBytes() const {
  size_t bytes = bytes_.capacity() + offsets_.capacity() * sizeof(uint64_t) +
                 bounds_.capacity() * sizeof(moc::Range) + cells_.capacity() * sizeof(uint64_t) +
                 cellStart_.capacity() * sizeof(uint32_t) + entries_.capacity() * sizeof(uint32_t) +
                 wide_.capacity() * sizeof(uint32_t) + records_.capacity() * sizeof(ObservationRecord);
  for (const ObservationRecord& r : records_) {
    for (const QString* s : {&r.obsId, &r.mission, &r.instrument, &r.filter, &r.mode, &r.target,
                             &r.observer, &r.dateStart, &r.dateEnd, &r.location, &r.checksum}) {
      bytes += stringBytes(*s);
    }
  }
  return bytes;
}

}  // namespace xsky::archive
