#pragma once
// Which events of one list fall in the source and background areas of a region set (already
// projected into the list's sky pixel frame, regions/ProjectedRegion.h) and pass an EventFilter.
// Runs on the calling thread in chunks of about a million events, calling progress between them
// (returning false throws xsky::Cancelled).

#include <cstdint>
#include <vector>

#include "events/EventFilter.h"
#include "regions/ProjectedRegion.h"
#include "util/Progress.h"

namespace xsky::events {

struct SelectedEvents {
  std::vector<uint32_t> source;      // row indices (0-based), ascending
  std::vector<uint32_t> background;  // empty when the set has no background area
  bool hasBackground = false;
  size_t sourceInArea = 0;  // events in the source area before the filter
  size_t backgroundInArea = 0;
};

/// Throws xsky::Error when the list has no sky X/Y columns.
SelectedEvents selectEvents(const EventFilter& filter, const regions::ProjectedRegionSet& areas,
                            const ProgressFn& progress = {});

/// The same for one area.
std::vector<uint32_t> selectInArea(const EventFilter& filter, const regions::ProjectedArea& area,
                                   size_t* inArea = nullptr, const ProgressFn& progress = {});

}  // namespace xsky::events
