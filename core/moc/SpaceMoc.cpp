#include "moc/SpaceMoc.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>

#include <healpix_base.h>
#include <pointing.h>

#include "fits/FitsError.h"
#include "moc/RangeAlgebra.h"

namespace xsky::moc {

namespace {

constexpr uint64_t kCellsAt29 = uint64_t(12) << (2 * kMaxSpaceOrder);

void checkOrder(int order) {
  if (order < 0 || order > kMaxSpaceOrder)
    throw Error(QStringLiteral("MOC order %1 is outside 0..29").arg(order));
}

uint64_t shiftFor(int order) { return uint64_t(2 * (kMaxSpaceOrder - order)); }

}  // namespace

SpaceMoc SpaceMoc::fromRanges(std::vector<Range> ranges, int order) {
  checkOrder(order);
  for (const Range& r : ranges) {
    if (r.first > r.last)
      throw Error(QStringLiteral("MOC range [%1, %2) has first > last").arg(r.first).arg(r.last));
    if (r.last > kCellsAt29)
      throw Error(QStringLiteral("MOC range [%1, %2) runs past the last order-29 cell (%3)")
                      .arg(r.first)
                      .arg(r.last)
                      .arg(kCellsAt29));
  }
  const uint64_t mask = (uint64_t(1) << shiftFor(order)) - 1;
  for (Range& r : ranges) {
    r.first &= ~mask;
    r.last = (r.last + mask) & ~mask;
  }
  SpaceMoc moc;
  moc.order_ = order;
  moc.ranges_ = normalizeRanges(std::move(ranges));
  return moc;
}

SpaceMoc SpaceMoc::fromCells(int order, std::span<const uint64_t> cells) {
  checkOrder(order);
  const uint64_t shift = shiftFor(order);
  const uint64_t limit = uint64_t(12) << (2 * order);
  std::vector<Range> ranges;
  ranges.reserve(cells.size());
  for (uint64_t c : cells) {
    if (c >= limit)
      throw Error(QStringLiteral("HEALPix cell %1 does not exist at order %2").arg(c).arg(order));
    ranges.push_back({c << shift, (c + 1) << shift});
  }
  return fromRanges(std::move(ranges), order);
}

SpaceMoc SpaceMoc::fromNuniq(std::span<const uint64_t> uniq, int order) {
  std::vector<Range> ranges;
  ranges.reserve(uniq.size());
  int deepest = 0;
  for (uint64_t u : uniq) {
    if (u < 4) throw Error(QStringLiteral("invalid NUNIQ value %1 (below 4)").arg(u));
    // order = (floor(log2(u)) - 2) / 2
    const int msb = 63 - std::countl_zero(u);
    const int o = (msb - 2) / 2;
    if (o > kMaxSpaceOrder)
      throw Error(QStringLiteral("invalid NUNIQ value %1: order %2 is above 29").arg(u).arg(o));
    const uint64_t ipix = u - (uint64_t(4) << (2 * o));
    if (ipix >= (uint64_t(12) << (2 * o)))
      throw Error(QStringLiteral("invalid NUNIQ value %1: not a cell of order %2").arg(u).arg(o));
    deepest = std::max(deepest, o);
    const uint64_t shift = shiftFor(o);
    ranges.push_back({ipix << shift, (ipix + 1) << shift});
  }
  if (order < 0) order = deepest;
  checkOrder(order);
  if (order < deepest)
    throw Error(QStringLiteral("MOC order %1 is below its deepest cell's order %2")
                    .arg(order)
                    .arg(deepest));
  return fromRanges(std::move(ranges), order);
}

SpaceMoc SpaceMoc::fullSky(int order) { return fromRanges({{0, kCellsAt29}}, order); }

bool SpaceMoc::isFullSky() const {
  return ranges_.size() == 1 && ranges_.front().first == 0 && ranges_.front().last == kCellsAt29;
}

SpaceMoc SpaceMoc::unionWith(const SpaceMoc& other) const {
  SpaceMoc moc;
  moc.order_ = std::max(order_, other.order_);
  moc.ranges_ = unionRanges(ranges_, other.ranges_);
  return moc;
}

SpaceMoc SpaceMoc::intersection(const SpaceMoc& other) const {
  SpaceMoc moc;
  moc.order_ = std::max(order_, other.order_);
  moc.ranges_ = intersectRanges(ranges_, other.ranges_);
  return moc;
}

SpaceMoc SpaceMoc::difference(const SpaceMoc& other) const {
  SpaceMoc moc;
  moc.order_ = std::max(order_, other.order_);
  moc.ranges_ = subtractRanges(ranges_, other.ranges_);
  return moc;
}

SpaceMoc SpaceMoc::complement() const {
  SpaceMoc moc;
  moc.order_ = order_;
  moc.ranges_ = complementRanges(ranges_, kCellsAt29);
  return moc;
}

SpaceMoc SpaceMoc::degraded(int order) const {
  checkOrder(order);
  if (order >= order_) {
    SpaceMoc moc = *this;
    moc.order_ = order;
    return moc;
  }
  return fromRanges(ranges_, order);
}

double SpaceMoc::areaSteradians() const {
  return skyFraction() * 4.0 * std::numbers::pi;
}

double SpaceMoc::skyFraction() const {
  uint64_t cells = 0;
  for (const Range& r : ranges_) cells += r.last - r.first;
  return double(cells) / double(kCellsAt29);
}

size_t SpaceMoc::cellCount() const {
  size_t n = 0;
  forEachCell([&n](int, uint64_t) { ++n; });
  return n;
}

std::vector<uint64_t> SpaceMoc::toNuniq() const {
  std::vector<uint64_t> out;
  forEachCell([&out](int o, uint64_t ipix) { out.push_back((uint64_t(4) << (2 * o)) + ipix); });
  std::sort(out.begin(), out.end());
  return out;
}

bool SpaceMoc::contains(wcs::SkyPoint icrs) const {
  if (ranges_.empty()) return false;
  static const Healpix_Base2 base(kMaxSpaceOrder, NEST);
  const double theta = (90.0 - icrs.lat) * std::numbers::pi / 180.0;
  const double phi = icrs.lon * std::numbers::pi / 180.0;
  const uint64_t cell = uint64_t(base.ang2pix(pointing(theta, phi)));
  return rangesContain(ranges_, cell);
}

bool SpaceMoc::overlaps(const SpaceMoc& other) const {
  return rangesOverlap(ranges_, other.ranges_);
}

double SpaceMoc::coveredFractionBy(const SpaceMoc& other) const {
  const double own = skyFraction();
  if (own <= 0) return 0;
  return intersection(other).skyFraction() / own;
}

}  // namespace xsky::moc
