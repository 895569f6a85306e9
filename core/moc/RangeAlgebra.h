#pragma once
// Linear-time set algebra on sorted, disjoint, non-adjacent half-open ranges of uint64 values
// (order-29 cells for space MOCs, order-61 microseconds for time MOCs). Every function takes
// normalized inputs (sorted, disjoint, non-adjacent) and returns a normalized result.

#include <vector>

#include "moc/SpaceMoc.h"

namespace xsky::moc {

/// Sorts any ranges, drops empty ones and merges overlapping or adjacent ones.
std::vector<Range> normalizeRanges(std::vector<Range> ranges);
/// True when the ranges are already sorted, disjoint and non-adjacent (and none is empty).
bool isNormalized(const std::vector<Range>& ranges);

std::vector<Range> unionRanges(const std::vector<Range>& a, const std::vector<Range>& b);
std::vector<Range> intersectRanges(const std::vector<Range>& a, const std::vector<Range>& b);
std::vector<Range> subtractRanges(const std::vector<Range>& a, const std::vector<Range>& b);
/// [0, end) minus the ranges.
std::vector<Range> complementRanges(const std::vector<Range>& a, uint64_t end);

bool rangesContain(const std::vector<Range>& a, uint64_t value);
bool rangesOverlap(const std::vector<Range>& a, const std::vector<Range>& b);
/// Sum of the range lengths.
uint64_t rangesLength(const std::vector<Range>& a);

}  // namespace xsky::moc
