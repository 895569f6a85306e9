#include "catalog/ColumnIndex.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "catalog/SkyCapTest.h"

namespace xsky::catalog {

namespace {

constexpr size_t kBins = 64;
/// Ranks on either side of a boundary evaluated one by one (see select()).
constexpr size_t kGuard = 8;

bool holds(CompareOp op, double x, double y) {
  switch (op) {
    case CompareOp::Eq: return x == y;
    case CompareOp::Ne: return (x < y) | (x > y);
    case CompareOp::Lt: return x < y;
    case CompareOp::Le: return x <= y;
    case CompareOp::Gt: return x > y;
    case CompareOp::Ge: return x >= y;
  }
  return false;
}

}  // namespace

SortedColumnIndex::SortedColumnIndex(const Column& column) : rows_(column.size()) {
  values_.resize(rows_);
  for (size_t i = 0; i < rows_; ++i) values_[i] = column.number(i);
  std::vector<std::pair<double, uint32_t>> sorted;
  sorted.reserve(rows_);
  for (size_t i = 0; i < rows_; ++i) {
    if (!std::isnan(values_[i])) sorted.emplace_back(values_[i], static_cast<uint32_t>(i));
  }
  std::sort(sorted.begin(), sorted.end());
  perm_.resize(sorted.size());
  for (size_t r = 0; r < sorted.size(); ++r) perm_[r] = sorted[r].second;
  const size_t n = perm_.size();
  step_ = std::max<size_t>(1, (n + kBins - 1) / kBins);
  const size_t bins = (n + step_ - 1) / step_;
  atLeast_.resize(bins);
  RowBitmap cur(rows_);
  for (size_t j = bins; j-- > 0;) {
    setRanks(cur, j * step_, std::min(n, (j + 1) * step_));
    atLeast_[j] = cur;
  }
}

RowBitmap SortedColumnIndex::valid() const { return atLeast_.empty() ? RowBitmap(rows_) : atLeast_.front(); }

void SortedColumnIndex::setRanks(RowBitmap& out, size_t lo, size_t hi) const {
  for (size_t r = lo; r < hi; ++r) out.set(perm_[r]);
}

RowBitmap SortedColumnIndex::rankRange(size_t lo, size_t hi) const {
  if (lo >= hi) return RowBitmap(rows_);
  const size_t ja = (lo + step_ - 1) / step_, jb = hi / step_;
  if (ja >= jb) {
    RowBitmap out(rows_);
    setRanks(out, lo, hi);
    return out;
  }
  RowBitmap out = atLeast_[ja];
  if (jb < atLeast_.size()) out.andNot(atLeast_[jb]);
  setRanks(out, lo, ja * step_);
  setRanks(out, std::min(hi, jb * step_), hi);
  return out;
}

RowBitmap SortedColumnIndex::select(CompareOp op, double c, const std::function<double(double)>& f,
                                    double domainMin) const {
  if (std::isnan(c)) return RowBitmap(rows_);
  const size_t n = perm_.size();
  auto key = [&](size_t rank) { return f ? f(valueAtRank(rank)) : valueAtRank(rank); };
  const size_t d0 = static_cast<size_t>(
      std::partition_point(perm_.begin(), perm_.end(), [&](uint32_t row) { return values_[row] < domainMin; }) -
      perm_.begin());
  // First rank of [d0, n) whose key is > c (strict) or >= c.
  auto firstAbove = [&](bool strict) {
    size_t lo = d0, hi = n;
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      const double k = key(mid);
      if (strict ? k > c : k >= c) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  };
  // The matching ranks as ranges between boundaries.
  std::vector<std::pair<size_t, size_t>> ranges;
  std::vector<size_t> boundaries;
  switch (op) {
    case CompareOp::Gt:
    case CompareOp::Ge: {
      const size_t b = firstAbove(op == CompareOp::Gt);
      ranges.emplace_back(b, n);
      boundaries.push_back(b);
      break;
    }
    case CompareOp::Lt:
    case CompareOp::Le: {
      const size_t b = firstAbove(op == CompareOp::Le);
      ranges.emplace_back(d0, b);
      boundaries.push_back(b);
      break;
    }
    case CompareOp::Eq:
    case CompareOp::Ne: {
      const size_t lo = firstAbove(false), hi = firstAbove(true);
      if (op == CompareOp::Eq) {
        ranges.emplace_back(lo, hi);
      } else {
        ranges.emplace_back(d0, lo);
        ranges.emplace_back(hi, n);
      }
      boundaries.push_back(lo);
      boundaries.push_back(hi);
      break;
    }
  }
  // Ranges shrunk away from the boundaries; the ranks near each boundary are tested exactly.
  RowBitmap out(rows_);
  bool first = true;
  for (auto [lo, hi] : ranges) {
    if (lo != d0) lo = std::min(hi, lo + kGuard);
    if (hi != n) hi = hi - std::min(hi - lo, kGuard);
    if (lo >= hi) continue;
    if (first) {
      out = rankRange(lo, hi);
      first = false;
    } else {
      out |= rankRange(lo, hi);
    }
  }
  for (const size_t b : boundaries) {
    const size_t lo = std::max(d0, b < kGuard ? 0 : b - kGuard), hi = std::min(n, b + kGuard);
    for (size_t r = lo; r < hi; ++r) {
      if (holds(op, key(r), c)) out.set(perm_[r]);
    }
  }
  return out;
}

SkyZoneIndex::SkyZoneIndex(const std::vector<double>& ra, const std::vector<double>& dec) : rows_(ra.size()) {
  double lo = 90, hi = -90;
  size_t n = 0;
  for (size_t i = 0; i < rows_; ++i) {
    if (std::isnan(ra[i]) || !(std::abs(dec[i]) <= 90)) continue;
    if (!(ra[i] >= 0 && ra[i] < 360)) {
      odd_.push_back(static_cast<uint32_t>(i));
      oddRa_.push_back(ra[i]);
      oddDec_.push_back(dec[i]);
      continue;
    }
    lo = std::min(lo, dec[i]);
    hi = std::max(hi, dec[i]);
    ++n;
  }
  // Zones of about 2,000 rows, at least an arcsecond high.
  const size_t zones = std::max<size_t>(1, n / 2048);
  decMin_ = n > 0 ? lo : 0;
  zoneHeight_ = std::max(1.0 / 3600, (n > 0 ? hi - lo : 1) / static_cast<double>(zones));
  const size_t count = static_cast<size_t>((hi - decMin_) / zoneHeight_) + 1;
  struct Entry {
    uint32_t zone;
    double ra;
    uint32_t row;
  };
  std::vector<Entry> entries;
  entries.reserve(n);
  for (size_t i = 0; i < rows_; ++i) {
    if (std::isnan(ra[i]) || !(std::abs(dec[i]) <= 90) || !(ra[i] >= 0 && ra[i] < 360)) continue;
    const auto z = std::min(count - 1, static_cast<size_t>((dec[i] - decMin_) / zoneHeight_));
    entries.push_back({static_cast<uint32_t>(z), ra[i], static_cast<uint32_t>(i)});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.zone != b.zone ? a.zone < b.zone : a.ra < b.ra;
  });
  zoneStart_.assign(count + 1, 0);
  ra_.resize(entries.size());
  dec_.resize(entries.size());
  row_.resize(entries.size());
  for (size_t k = 0; k < entries.size(); ++k) {
    ra_[k] = entries[k].ra;
    dec_[k] = dec[entries[k].row];
    row_[k] = entries[k].row;
    ++zoneStart_[entries[k].zone + 1];
  }
  for (size_t z = 0; z < count; ++z) zoneStart_[z + 1] += zoneStart_[z];
}

template <class Visit>
void SkyZoneIndex::visitCap(const SkySelection::Cap& cap, Visit visit) const {
  const FastCap c(cap);
  const size_t zones = zoneStart_.size() - 1;
  const double margin = 1e-9;
  size_t z0 = 0, z1 = zones;  // [z0, z1)
  if (!c.all) {
    const double a = (c.dec - c.radius - decMin_) / zoneHeight_ - 1, b = (c.dec + c.radius - decMin_) / zoneHeight_ + 2;
    if (b < 0 || a >= static_cast<double>(zones)) return;
    z0 = a <= 0 ? 0 : static_cast<size_t>(a);
    z1 = std::min(zones, static_cast<size_t>(b));
  }
  const bool wholeZones = c.all || c.dAlpha >= 180;
  double ra0 = std::fmod(c.ra, 360.0);
  if (ra0 < 0) ra0 += 360;
  const double w = c.dAlpha + margin;
  std::pair<double, double> windows[3];
  int nWindows = 0;
  windows[nWindows++] = {std::max(0.0, ra0 - w), std::min(360.0, ra0 + w)};
  if (ra0 - w < 0) windows[nWindows++] = {ra0 - w + 360, 360};
  if (ra0 + w >= 360) windows[nWindows++] = {0, ra0 + w - 360};
  for (size_t z = z0; z < z1; ++z) {
    const size_t s = zoneStart_[z], e = zoneStart_[z + 1];
    if (wholeZones) {
      for (size_t i = s; i < e; ++i) visit(i);
      continue;
    }
    for (int k = 0; k < nWindows; ++k) {
      const auto first = std::lower_bound(ra_.begin() + static_cast<ptrdiff_t>(s), ra_.begin() + static_cast<ptrdiff_t>(e), windows[k].first);
      const auto last = std::upper_bound(first, ra_.begin() + static_cast<ptrdiff_t>(e), windows[k].second);
      for (auto it = first; it != last; ++it) visit(static_cast<size_t>(it - ra_.begin()));
    }
  }
}

RowBitmap SkyZoneIndex::select(const SkySelection& sel) const {
  RowBitmap out(rows_);
  const std::vector<FastCap> caps = fastCaps(sel);
  for (const SkySelection::Cap& cap : sel.caps) {
    visitCap(cap, [&](size_t i) {
      if (skySelectionContains(sel, caps, ra_[i], dec_[i])) out.set(row_[i]);
    });
  }
  for (size_t k = 0; k < odd_.size(); ++k) {
    if (skySelectionContains(sel, caps, oddRa_[k], oddDec_[k])) out.set(odd_[k]);
  }
  return out;
}

}  // namespace xsky::catalog
