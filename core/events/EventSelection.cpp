#include "events/EventSelection.h"

#include <span>

namespace xsky::events {

namespace {
constexpr size_t kChunk = size_t(1) << 20;
}

std::vector<uint32_t> selectInArea(const EventFilter& filter, const regions::ProjectedArea& area,
                                   size_t* inArea, const ProgressFn& progress) {
  const EventList& list = filter.list();
  if (list.x.empty() && list.rows > 0) list.sky();  // throws with the reason
  std::vector<uint32_t> kept;
  size_t candidates = 0;
  if (area.empty()) {
    if (inArea) *inArea = 0;
    return kept;
  }
  const size_t n = list.x.size();
  for (size_t first = 0; first < n; first += kChunk) {
    const size_t count = std::min(kChunk, n - first);
    const std::vector<uint32_t> inside =
        area.indices(std::span<const float>(list.x.data() + first, count),
                     std::span<const float>(list.y.data() + first, count));
    candidates += inside.size();
    for (const uint32_t local : inside) {
      const size_t i = first + local;
      if (filter.passes(i)) kept.push_back(static_cast<uint32_t>(i));
    }
    reportProgress(progress, static_cast<double>(first + count) / static_cast<double>(n),
                   QStringLiteral("selecting events"));
  }
  if (inArea) *inArea = candidates;
  return kept;
}

SelectedEvents selectEvents(const EventFilter& filter, const regions::ProjectedRegionSet& areas,
                            const ProgressFn& progress) {
  SelectedEvents s;
  const auto half = [&progress](double offset) -> ProgressFn {
    if (!progress) return {};
    return [&progress, offset](double f, const QString& stage) {
      return progress(offset + 0.5 * f, stage);
    };
  };
  s.source = selectInArea(filter, areas.source, &s.sourceInArea, half(0.0));
  s.hasBackground = !areas.background.empty();
  if (s.hasBackground) {
    s.background = selectInArea(filter, areas.background, &s.backgroundInArea, half(0.5));
  }
  reportProgress(progress, 1.0, QStringLiteral("events selected"));
  return s;
}

}  // namespace xsky::events
