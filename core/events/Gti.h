#pragma once
// Good time intervals: sorted, non-overlapping [start, stop) pairs in the event list's own time
// system (seconds, TIMESYS/MJDREF of the file).

#include <vector>

namespace xsky::events {

struct TimeInterval {
  double start = 0;  // s
  double stop = 0;   // s
};

class GtiList {
 public:
  GtiList() = default;
  /// Sorts and merges the intervals; drops empty or reversed ones.
  explicit GtiList(std::vector<TimeInterval> intervals);

  const std::vector<TimeInterval>& intervals() const { return intervals_; }
  bool empty() const { return intervals_.empty(); }
  /// Sum of interval lengths, s.
  double total() const;
  double start() const { return intervals_.empty() ? 0.0 : intervals_.front().start; }
  double stop() const { return intervals_.empty() ? 0.0 : intervals_.back().stop; }
  /// True when t lies in an interval (binary search).
  bool contains(double t) const;
  GtiList intersected(const GtiList& other) const;
  GtiList united(const GtiList& other) const;

 private:
  std::vector<TimeInterval> intervals_;
};

}  // namespace xsky::events
