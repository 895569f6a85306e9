#pragma once
// Bins an event list's sky X/Y into an image: bin factor in sky pixels, centre in sky pixels,
// output size in image pixels, an optional energy (same unit as the list's energy axis) range.
// The result carries a TAN WCS derived from the list's column WCS, so sky positions on the
// binned image are exact. Throws xsky::Error when the list has no sky columns.

#include <optional>

#include "events/EventList.h"
#include "imaging/Image2D.h"

namespace xsky::imaging {

struct BinningSpec {
  double binFactor = 80;                 // sky pixels per image pixel (XMM: 80 x 0.05" = 4")
  std::optional<wcs::PixelPoint> centre; // sky X/Y; default the middle of the events' extent
  int width = 1024;                      // image pixels
  int height = 1024;
  std::optional<double> energyMin, energyMax;  // energy axis units of the list, [min, max)
  std::optional<int> patternMax;         // keep PATTERN (or GRADE) <= this
  std::optional<uint32_t> flagReject;    // drop events with (FLAG & mask) != 0
};

Image2D binEvents(const events::EventList& events, const BinningSpec& spec);

/// A binning that shows the whole list in at most maxSize x maxSize image pixels (integer bin
/// factor, centred on the events' extent).
BinningSpec wholeListBinning(const events::EventList& events, int maxSize = 1024);


}  // namespace xsky::imaging
