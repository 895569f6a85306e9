#pragma once
// A spatial coverage (IVOA MOC 2.0, SPACE): a set of HEALPix NESTED cells, held as sorted,
// disjoint, non-adjacent half-open ranges of cell indices at order 29, plus the order the MOC was
// built at (MOCORD_S: its resolution; cells finer than it never appear). Immutable value; every
// operation returns a new MOC. Thread-safe to share const.
//
// HEALPix C++ (libhealpix-cxx) does the sphere geometry (cone and polygon queries, pixel
// centres, ang2pix) in the builders (MocBuilders.h); the set algebra here is plain range
// arithmetic, linear in the number of ranges.

#include <cstdint>
#include <span>
#include <vector>

#include "wcs/SkyWcs.h"

namespace xsky::moc {

constexpr int kMaxSpaceOrder = 29;

/// Cells [first, last) at order 29 (cell c at order o covers [c << 2(29-o), (c+1) << 2(29-o))).
struct Range {
  uint64_t first = 0;
  uint64_t last = 0;
  friend bool operator==(const Range&, const Range&) = default;
};

class SpaceMoc {
 public:
  /// The empty coverage at order 0.
  SpaceMoc() = default;

  /// Ranges at order 29, in any order, overlapping or not; they are sorted and merged, and rounded
  /// outwards to whole cells of `order`. Throws xsky::Error on a range past 12 * 4^29 or with
  /// first > last, or an order outside 0..29.
  static SpaceMoc fromRanges(std::vector<Range> ranges, int order);
  /// NESTED cells of one order.
  static SpaceMoc fromCells(int order, std::span<const uint64_t> cells);
  /// NUNIQ values (uniq = 4 * 4^order + ipix); `order` = the MOC order (-1: the deepest cell's).
  /// Throws xsky::Error naming the first invalid value (below 4, or order above 29).
  static SpaceMoc fromNuniq(std::span<const uint64_t> uniq, int order = -1);
  static SpaceMoc fullSky(int order = 0);

  int order() const { return order_; }
  const std::vector<Range>& ranges() const { return ranges_; }
  bool empty() const { return ranges_.empty(); }
  bool isFullSky() const;

  SpaceMoc unionWith(const SpaceMoc& other) const;
  SpaceMoc intersection(const SpaceMoc& other) const;
  SpaceMoc difference(const SpaceMoc& other) const;  // this minus other
  SpaceMoc complement() const;
  /// At a coarser order: every cell touched at `order` becomes fully covered (a superset). A finer
  /// order than the MOC's only relabels it.
  SpaceMoc degraded(int order) const;

  /// Area in steradians, and as a fraction of the sky.
  double areaSteradians() const;
  double skyFraction() const;
  /// Cells of the minimal NUNIQ form (each range cut into the largest aligned cells, none finer
  /// than order()).
  size_t cellCount() const;
  std::vector<uint64_t> toNuniq() const;
  /// The cells of the minimal form in ascending sky position (not uniq order): f(order, ipix).
  template <class F>
  void forEachCell(F f) const;

  /// True when the ICRS position (degrees) lies in a covered cell.
  bool contains(wcs::SkyPoint icrs) const;
  bool overlaps(const SpaceMoc& other) const;
  /// Area of (this AND other) / area of this (0 for an empty MOC).
  double coveredFractionBy(const SpaceMoc& other) const;

  friend bool operator==(const SpaceMoc& a, const SpaceMoc& b) { return a.order_ == b.order_ && a.ranges_ == b.ranges_; }

 private:
  std::vector<Range> ranges_;
  int order_ = 0;
};

/// The largest aligned cells that tile [r.first, r.last) at order 29, none finer than maxOrder:
/// f(order, ipix) in ascending position.
template <class F>
void decomposeRange(Range r, int maxOrder, F f) {
  uint64_t pos = r.first;
  while (pos < r.last) {
    int order = maxOrder;
    // Go up while the cell of the next order up starts here and fits.
    while (order > 0) {
      const int shift = 2 * (kMaxSpaceOrder - (order - 1));
      const uint64_t size = uint64_t(1) << shift;
      if ((pos & (size - 1)) != 0 || pos + size > r.last) break;
      --order;
    }
    const int shift = 2 * (kMaxSpaceOrder - order);
    f(order, pos >> shift);
    pos += uint64_t(1) << shift;
  }
}

template <class F>
void SpaceMoc::forEachCell(F f) const {
  for (const Range& r : ranges_) decomposeRange(r, order_, f);
}

}  // namespace xsky::moc
