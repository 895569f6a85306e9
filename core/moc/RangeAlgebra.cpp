#include "moc/RangeAlgebra.h"

#include <algorithm>

namespace xsky::moc {

namespace {

/// Appends [first, last) to a normalized vector whose ranges all start at or before `first`.
void append(std::vector<Range>& out, uint64_t first, uint64_t last) {
  if (first >= last) return;
  if (!out.empty() && out.back().last >= first) {
    out.back().last = std::max(out.back().last, last);
    return;
  }
  out.push_back({first, last});
}

}  // namespace

std::vector<Range> normalizeRanges(std::vector<Range> ranges) {
  if (isNormalized(ranges)) return ranges;
  std::sort(ranges.begin(), ranges.end(),
            [](const Range& a, const Range& b) { return a.first < b.first; });
  std::vector<Range> out;
  out.reserve(ranges.size());
  for (const Range& r : ranges) append(out, r.first, r.last);
  return out;
}

bool isNormalized(const std::vector<Range>& ranges) {
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (ranges[i].first >= ranges[i].last) return false;
    if (i > 0 && ranges[i - 1].last >= ranges[i].first) return false;
  }
  return true;
}

std::vector<Range> unionRanges(const std::vector<Range>& a, const std::vector<Range>& b) {
  std::vector<Range> out;
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const bool takeA = j >= b.size() || (i < a.size() && a[i].first <= b[j].first);
    const Range& r = takeA ? a[i++] : b[j++];
    append(out, r.first, r.last);
  }
  return out;
}

std::vector<Range> intersectRanges(const std::vector<Range>& a, const std::vector<Range>& b) {
  std::vector<Range> out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const uint64_t first = std::max(a[i].first, b[j].first);
    const uint64_t last = std::min(a[i].last, b[j].last);
    if (first < last) out.push_back({first, last});
    if (a[i].last < b[j].last) ++i;
    else ++j;
  }
  return out;
}

std::vector<Range> subtractRanges(const std::vector<Range>& a, const std::vector<Range>& b) {
  std::vector<Range> out;
  size_t j = 0;
  for (const Range& r : a) {
    uint64_t pos = r.first;
    while (j < b.size() && b[j].last <= pos) ++j;
    size_t k = j;
    while (k < b.size() && b[k].first < r.last) {
      if (b[k].first > pos) out.push_back({pos, b[k].first});
      pos = std::max(pos, b[k].last);
      if (b[k].last > r.last) break;
      ++k;
    }
    if (pos < r.last) out.push_back({pos, r.last});
  }
  return out;
}

std::vector<Range> complementRanges(const std::vector<Range>& a, uint64_t end) {
  std::vector<Range> out;
  uint64_t pos = 0;
  for (const Range& r : a) {
    if (r.first > pos) out.push_back({pos, r.first});
    pos = r.last;
  }
  if (pos < end) out.push_back({pos, end});
  return out;
}

bool rangesContain(const std::vector<Range>& a, uint64_t value) {
  auto it = std::upper_bound(a.begin(), a.end(), value,
                             [](uint64_t v, const Range& r) { return v < r.first; });
  if (it == a.begin()) return false;
  --it;
  return value < it->last;
}

bool rangesOverlap(const std::vector<Range>& a, const std::vector<Range>& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::max(a[i].first, b[j].first) < std::min(a[i].last, b[j].last)) return true;
    if (a[i].last < b[j].last) ++i;
    else ++j;
  }
  return false;
}

uint64_t rangesLength(const std::vector<Range>& a) {
  uint64_t n = 0;
  for (const Range& r : a) n += r.last - r.first;
  return n;
}

}  // namespace xsky::moc
