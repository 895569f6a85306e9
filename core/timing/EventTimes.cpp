#include "timing/EventTimes.h"

#include <algorithm>

#include "events/EventListReader.h"
#include "fits/FitsError.h"
#include "regions/ProjectedRegion.h"
#include "regions/RegionFileIo.h"
#include "regions/RegionSet.h"

namespace xsky::timing {

double EventTimes::span() const {
  if (!gti.empty()) return gti.stop() - gti.start();
  return times.size() < 2 ? 0.0 : times.back() - times.front();
}

EventTimes readEventTimes(const QString& path, const QString& regionPath,
                          const ProgressFn& progress) {
  const events::EventList list = events::readEventList(path, progress);
  if (list.time.empty()) throw Error(path + QStringLiteral(": the event list has no TIME column"));
  EventTimes out;
  out.path = path;
  out.timeSystem = list.timeSystem;
  out.mjdRef = list.mjdRef;
  out.gti = list.referenceGti();
  out.totalEvents = static_cast<long long>(list.time.size());
  if (regionPath.isEmpty()) {
    out.times = list.time;
  } else {
    const wcs::SkyWcs sky = list.sky();  // own copy: WCSLIB state is per object
    const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(sky);
    regions::RegionReadOptions ro;
    ro.image = &ref;
    ro.keepPhysicalFrame = true;
    const regions::RegionReadResult read = regions::readRegionFile(regionPath, ro);
    out.notes << read.errors << read.warnings;
    const regions::RegionSet set = regions::RegionSet::fromRegions(read.regions, &out.notes);
    if (set.source.empty())
      throw Error(regionPath + QStringLiteral(": no source region to select events with"));
    const regions::ProjectedRegionSet areas =
        regions::project(set, {&sky, regions::Frame::Physical});
    const std::vector<uint32_t> idx = areas.source.indices(list.x, list.y);
    out.times.reserve(idx.size());
    for (uint32_t i : idx) out.times.push_back(list.time[i]);
  }
  std::sort(out.times.begin(), out.times.end());
  return out;
}

}  // namespace xsky::timing
