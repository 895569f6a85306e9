#include "moc/TimeMoc.h"

#include <cmath>

#include "fits/FitsError.h"
#include "moc/RangeAlgebra.h"

namespace xsky::moc {

namespace {

constexpr uint64_t kTimeEnd = uint64_t(1) << kMaxTimeOrder;

void checkOrder(int order) {
  if (order < 0 || order > kMaxTimeOrder)
    throw Error(QStringLiteral("time MOC order %1 is outside 0..61").arg(order));
}

TimeMoc make(std::vector<Range> ranges, int order) {
  return TimeMoc::fromRanges(std::move(ranges), order);
}

}  // namespace

uint64_t microsecondsFromJd(double jd) {
  const double us = std::round(jd * kMicrosecondsPerDay);
  if (!(us > 0)) return 0;
  if (us >= double(kTimeEnd)) return kTimeEnd;
  return uint64_t(us);
}
uint64_t microsecondsFromMjd(double mjd) { return microsecondsFromJd(mjd + kJdOfMjd0); }
double jdFromMicroseconds(uint64_t us) { return double(us) / kMicrosecondsPerDay; }
double mjdFromMicroseconds(uint64_t us) { return jdFromMicroseconds(us) - kJdOfMjd0; }

TimeMoc TimeMoc::fromRanges(std::vector<Range> ranges, int order) {
  checkOrder(order);
  const uint64_t mask = (uint64_t(1) << (kMaxTimeOrder - order)) - 1;
  for (Range& r : ranges) {
    if (r.first > r.last)
      throw Error(QStringLiteral("time MOC range [%1, %2) has first > last").arg(r.first).arg(r.last));
    if (r.last > kTimeEnd)
      throw Error(QStringLiteral("time MOC range [%1, %2) runs past 2^61 microseconds")
                      .arg(r.first)
                      .arg(r.last));
    r.first &= ~mask;
    r.last = (r.last + mask) & ~mask;
  }
  TimeMoc moc;
  moc.order_ = order;
  moc.ranges_ = normalizeRanges(std::move(ranges));
  return moc;
}

TimeMoc TimeMoc::fromJdInterval(double jdStart, double jdEnd, int order) {
  return fromRanges({{microsecondsFromJd(jdStart), microsecondsFromJd(jdEnd)}}, order);
}

TimeMoc TimeMoc::unionWith(const TimeMoc& o) const {
  return make(unionRanges(ranges_, o.ranges_), std::max(order_, o.order_));
}
TimeMoc TimeMoc::intersection(const TimeMoc& o) const {
  return make(intersectRanges(ranges_, o.ranges_), std::max(order_, o.order_));
}
TimeMoc TimeMoc::difference(const TimeMoc& o) const {
  return make(subtractRanges(ranges_, o.ranges_), std::max(order_, o.order_));
}
TimeMoc TimeMoc::complement() const { return make(complementRanges(ranges_, kTimeEnd), order_); }
TimeMoc TimeMoc::degraded(int order) const {
  checkOrder(order);
  if (order < order_) return make(ranges_, order);
  TimeMoc moc = *this;
  moc.order_ = order;
  return moc;
}

bool TimeMoc::containsJd(double jd) const { return rangesContain(ranges_, microsecondsFromJd(jd)); }
bool TimeMoc::overlaps(const TimeMoc& other) const { return rangesOverlap(ranges_, other.ranges_); }
bool TimeMoc::overlapsJd(double jdStart, double jdEnd) const {
  const uint64_t a = microsecondsFromJd(jdStart), b = microsecondsFromJd(jdEnd);
  if (a >= b) return false;
  return rangesOverlap(ranges_, {{a, b}});
}
double TimeMoc::startJd() const { return empty() ? 0 : jdFromMicroseconds(ranges_.front().first); }
double TimeMoc::endJd() const { return empty() ? 0 : jdFromMicroseconds(ranges_.back().last); }
double TimeMoc::durationSeconds() const { return double(rangesLength(ranges_)) * 1e-6; }

size_t TimeMoc::cellCount() const {
  size_t n = 0;
  for (const Range& r : ranges_) {
    uint64_t pos = r.first;
    while (pos < r.last) {
      int o = order_;
      while (o > 0) {
        const uint64_t size = uint64_t(1) << (kMaxTimeOrder - (o - 1));
        if ((pos & (size - 1)) != 0 || pos + size > r.last) break;
        --o;
      }
      pos += uint64_t(1) << (kMaxTimeOrder - o);
      ++n;
    }
  }
  return n;
}

}  // namespace xsky::moc
