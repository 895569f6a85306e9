#pragma once
// The compact form in which the observation index stores a footprint MOC (the `footprint` BLOB
// column) and holds it in memory (FootprintIndex): a RANGE MOC at the footprint's own order,
// delta-encoded so that a 30-arcmin field with CCD gaps at order 14 (~1,000 ranges) takes about
// 3 bytes per range instead of 16.
//
// Layout (all integers unsigned LEB128 varints unless stated):
//   bytes 0..3  "XMR1" (XSky MOC Ranges, version 1)
//   byte  4     order k of the cells below (0..29)
//   varint      n, the number of ranges
//   n pairs     (gap, length): the range starts `gap` order-k cells after the end of the previous
//               one (after cell 0 for the first) and covers `length` cells (length >= 1)
// A range [a, b) of order-k cells is [a << 2(29-k), b << 2(29-k)) at order 29.

#include <cstdint>
#include <vector>

#include <QByteArray>

#include "moc/SpaceMoc.h"

namespace xsky::archive {

/// Encodes ranges (order-29 units, sorted, disjoint, aligned to whole cells of `order`).
QByteArray encodeFootprint(const std::vector<moc::Range>& ranges, int order);
inline QByteArray encodeFootprint(const moc::SpaceMoc& moc) {
  return encodeFootprint(moc.ranges(), moc.order());
}

/// Decodes a blob into order-29 ranges and its order. Throws xsky::Error on a malformed blob.
std::vector<moc::Range> decodeFootprintRanges(const char* data, size_t size, int* order);
/// The blob as a SpaceMoc.
moc::SpaceMoc decodeFootprint(const QByteArray& blob);

/// Streaming reader over the (validated) pairs of a blob, in order-29 units; used by the
/// in-memory index to intersect without materialising the ranges.
class FootprintCursor {
 public:
  /// data points at a blob checked by decodeFootprintRanges (or written by encodeFootprint).
  FootprintCursor(const uint8_t* data, size_t size);
  /// The next range; false at the end.
  bool next(moc::Range* range);

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  uint64_t remaining_ = 0;
  uint64_t position_ = 0;  // end of the previous range, order-k cells
  int shift_ = 0;          // 2 * (29 - k)
};

}  // namespace xsky::archive
