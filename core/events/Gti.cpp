#include "events/Gti.h"

#include <algorithm>

namespace xsky::events {

GtiList::GtiList(std::vector<TimeInterval> intervals) {
  std::erase_if(intervals, [](const TimeInterval& i) { return !(i.stop > i.start); });
  std::sort(intervals.begin(), intervals.end(),
            [](const TimeInterval& a, const TimeInterval& b) { return a.start < b.start; });
  for (const TimeInterval& i : intervals) {
    if (!intervals_.empty() && i.start <= intervals_.back().stop) {
      intervals_.back().stop = std::max(intervals_.back().stop, i.stop);
    } else {
      intervals_.push_back(i);
    }
  }
}

double GtiList::total() const {
  double sum = 0;
  for (const TimeInterval& i : intervals_) sum += i.stop - i.start;
  return sum;
}

bool GtiList::contains(double t) const {
  auto it = std::upper_bound(intervals_.begin(), intervals_.end(), t,
                             [](double v, const TimeInterval& i) { return v < i.start; });
  if (it == intervals_.begin()) return false;
  --it;
  return t >= it->start && t < it->stop;
}

GtiList GtiList::intersected(const GtiList& other) const {
  std::vector<TimeInterval> out;
  size_t a = 0, b = 0;
  const auto& x = intervals_;
  const auto& y = other.intervals_;
  while (a < x.size() && b < y.size()) {
    const double lo = std::max(x[a].start, y[b].start);
    const double hi = std::min(x[a].stop, y[b].stop);
    if (hi > lo) out.push_back({lo, hi});
    if (x[a].stop < y[b].stop) {
      ++a;
    } else {
      ++b;
    }
  }
  return GtiList(std::move(out));
}

GtiList GtiList::united(const GtiList& other) const {
  std::vector<TimeInterval> all = intervals_;
  all.insert(all.end(), other.intervals_.begin(), other.intervals_.end());
  return GtiList(std::move(all));
}

}  // namespace xsky::events
