#pragma once
// A temporal coverage (IVOA MOC 2.0, TIME): sorted, disjoint, non-adjacent half-open ranges of
// microseconds since JD 0 (barycentric TCB as the standard says; XSky keeps the file's TIMESYS
// beside it), plus the order the MOC was built at (0..61; a cell of order o lasts 2^(61-o) us, so
// order 61 is 1 microsecond). Immutable value; operations return new MOCs. Thread-safe to share
// const.

#include <cstdint>
#include <vector>

#include "moc/SpaceMoc.h"

namespace xsky::moc {

constexpr int kMaxTimeOrder = 61;
/// Microseconds in a day and the JD of MJD 0.
constexpr double kMicrosecondsPerDay = 86400.0e6;
constexpr double kJdOfMjd0 = 2400000.5;

/// Microseconds since JD 0 of a Julian date / MJD (double precision: ~30 us near today).
uint64_t microsecondsFromJd(double jd);
uint64_t microsecondsFromMjd(double mjd);
double jdFromMicroseconds(uint64_t us);
double mjdFromMicroseconds(uint64_t us);

class TimeMoc {
 public:
  TimeMoc() = default;
  /// Ranges of microseconds (any order, overlapping or not), rounded outwards to whole cells of
  /// `order`. Throws xsky::Error on first > last, a value past 2^61, or an order outside 0..61.
  static TimeMoc fromRanges(std::vector<Range> ranges, int order);
  /// [jdStart, jdEnd) as one range at `order`.
  static TimeMoc fromJdInterval(double jdStart, double jdEnd, int order = kMaxTimeOrder);

  int order() const { return order_; }
  const std::vector<Range>& ranges() const { return ranges_; }
  bool empty() const { return ranges_.empty(); }

  TimeMoc unionWith(const TimeMoc& other) const;
  TimeMoc intersection(const TimeMoc& other) const;
  TimeMoc difference(const TimeMoc& other) const;
  TimeMoc complement() const;
  TimeMoc degraded(int order) const;

  bool containsJd(double jd) const;
  bool containsMjd(double mjd) const { return containsJd(mjd + kJdOfMjd0); }
  bool overlaps(const TimeMoc& other) const;
  /// True when any covered time lies in [jdStart, jdEnd).
  bool overlapsJd(double jdStart, double jdEnd) const;
  /// First covered and first uncovered-after-last Julian dates (0, 0 when empty).
  double startJd() const;
  double endJd() const;
  /// Covered duration, seconds.
  double durationSeconds() const;
  /// Cells of the minimal NUNIQ-like decomposition (largest aligned cells, none finer than order).
  size_t cellCount() const;

  friend bool operator==(const TimeMoc& a, const TimeMoc& b) { return a.order_ == b.order_ && a.ranges_ == b.ranges_; }

 private:
  std::vector<Range> ranges_;
  int order_ = 0;
};

}  // namespace xsky::moc
