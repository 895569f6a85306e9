#include "moc/SpaceTimeMoc.h"

#include <algorithm>

#include "fits/FitsError.h"
#include "moc/RangeAlgebra.h"

namespace xsky::moc {

SpaceTimeMoc SpaceTimeMoc::fromEntries(std::vector<SpaceTimeEntry> entries, int timeOrder,
                                       int spaceOrder) {
  SpaceTimeMoc moc;
  moc.timeOrder_ = timeOrder;
  moc.spaceOrder_ = spaceOrder;
  for (SpaceTimeEntry& e : entries) {
    e.time = TimeMoc::fromRanges(std::move(e.time), timeOrder).ranges();
    e.space = e.space.degraded(spaceOrder);
    if (!e.time.empty()) moc.entries_.push_back(std::move(e));
  }
  std::sort(moc.entries_.begin(), moc.entries_.end(),
            [](const SpaceTimeEntry& a, const SpaceTimeEntry& b) {
              return a.time.front().first < b.time.front().first;
            });
  std::vector<Range> seen;
  for (const SpaceTimeEntry& e : moc.entries_) {
    if (rangesOverlap(seen, e.time))
      throw Error(QStringLiteral("space-time MOC: two entries cover the same time"));
    seen = unionRanges(seen, e.time);
  }
  return moc;
}

TimeMoc SpaceTimeMoc::timeCoverage() const {
  std::vector<Range> all;
  for (const auto& e : entries_) all.insert(all.end(), e.time.begin(), e.time.end());
  return TimeMoc::fromRanges(std::move(all), timeOrder_);
}

SpaceMoc SpaceTimeMoc::spaceCoverage() const {
  SpaceMoc out = SpaceMoc::fromRanges({}, spaceOrder_);
  for (const auto& e : entries_) out = out.unionWith(e.space);
  return out;
}

SpaceMoc SpaceTimeMoc::spaceDuring(const TimeMoc& when) const {
  SpaceMoc out = SpaceMoc::fromRanges({}, spaceOrder_);
  for (const auto& e : entries_)
    if (rangesOverlap(e.time, when.ranges())) out = out.unionWith(e.space);
  return out;
}

SpaceMoc SpaceTimeMoc::spaceDuringJd(double jdStart, double jdEnd) const {
  const uint64_t a = microsecondsFromJd(jdStart), b = microsecondsFromJd(jdEnd);
  if (a >= b) return SpaceMoc::fromRanges({}, spaceOrder_);
  return spaceDuring(TimeMoc::fromRanges({{a, b}}, kMaxTimeOrder));
}

TimeMoc SpaceTimeMoc::timeOver(const SpaceMoc& where) const {
  std::vector<Range> all;
  for (const auto& e : entries_)
    if (e.space.overlaps(where)) all.insert(all.end(), e.time.begin(), e.time.end());
  return TimeMoc::fromRanges(std::move(all), timeOrder_);
}

bool SpaceTimeMoc::contains(wcs::SkyPoint icrs, double jd) const {
  const uint64_t t = microsecondsFromJd(jd);
  for (const auto& e : entries_)
    if (rangesContain(e.time, t)) return e.space.contains(icrs);
  return false;
}

}  // namespace xsky::moc
