#pragma once
// A space-time coverage (IVOA MOC 2.0, TIME.SPACE): a list of (time ranges, space MOC) pairs whose
// time ranges are disjoint and ascending: during each time range the sky covered is its space MOC.
// Orders: time 0..61 (TimeMoc.h), space 0..29 (SpaceMoc.h). Immutable value; thread-safe to share
// const.

#include <vector>

#include "moc/SpaceMoc.h"
#include "moc/TimeMoc.h"

namespace xsky::moc {

struct SpaceTimeEntry {
  std::vector<Range> time;  // microseconds since JD 0, normalized
  SpaceMoc space;
  friend bool operator==(const SpaceTimeEntry&, const SpaceTimeEntry&) = default;
};

class SpaceTimeMoc {
 public:
  SpaceTimeMoc() = default;
  /// Entries in any order; time ranges are rounded outwards to `timeOrder` cells and space MOCs
  /// relabelled to `spaceOrder`. Throws xsky::Error when time ranges of two entries overlap.
  static SpaceTimeMoc fromEntries(std::vector<SpaceTimeEntry> entries, int timeOrder,
                                  int spaceOrder);

  int timeOrder() const { return timeOrder_; }
  int spaceOrder() const { return spaceOrder_; }
  const std::vector<SpaceTimeEntry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

  /// Every time covered (any position), and every position covered (any time).
  TimeMoc timeCoverage() const;
  SpaceMoc spaceCoverage() const;
  /// The sky covered at some time in [jdStart, jdEnd).
  SpaceMoc spaceDuringJd(double jdStart, double jdEnd) const;
  /// The sky covered at some time of `when`.
  SpaceMoc spaceDuring(const TimeMoc& when) const;
  /// The times at which some position of `where` is covered.
  TimeMoc timeOver(const SpaceMoc& where) const;
  /// True when the position (ICRS degrees) is covered at Julian date jd.
  bool contains(wcs::SkyPoint icrs, double jd) const;

  friend bool operator==(const SpaceTimeMoc&, const SpaceTimeMoc&) = default;

 private:
  std::vector<SpaceTimeEntry> entries_;
  int timeOrder_ = 0;
  int spaceOrder_ = 0;
};

}  // namespace xsky::moc
