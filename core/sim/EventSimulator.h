#pragma once
// Draws the events of one event list, in time order, from an EventListModel.
//
// All components (each source, the cosmic X-ray background, the particle background) are merged
// into one Poisson process of candidate arrival times with the sum of their peak rates, so events
// come out already sorted and a list of any length streams through fixed-size chunks. Each
// candidate picks a component by rate, is thinned by the component's time profile (flare, pulse),
// gets a position (source: King PSF about the centre, beta model for extended sources; CXB:
// uniform over the FOV, thinned by the vignetting; particles: uniform over the CCD array), is
// dropped in CCD gaps, outside the FOV (X-rays) or outside its CCD's GTIs, and otherwise gets a
// frame-centre TIME, an energy folded through the camera's resolution, a PATTERN, a FLAG and PHA.
//
// PATTERN fractions (independent of energy), pn / MOS:
//   0 (single)          0.700 / 0.760
//   1-4 (doubles)       0.255 / 0.205
//   5-8 (triples)       0.025 / 0.012
//   9-12 (quadruples)   0.012 / 0.010
//   13-31 (invalid)     0.008 / 0.013
// FLAG: CLOSE_TO_CCD_BORDER (0x2) in the outermost pixel row/column of a CCD, CLOSE_TO_BADCOL
// (0x200) on and next to the camera's bad column, OUT_OF_FOV (0x10000) for particle events beyond
// the 15' field of view. PHA = floor(PI / gain of the CCD), at most 4095.

#include <cstddef>
#include <functional>
#include <vector>

#include "sim/EventChunk.h"
#include "sim/EventListModel.h"
#include "sim/Random.h"

namespace xsky::sim {

class EventSimulator {
 public:
  /// sink receives each full chunk (and the last partial one); it may throw to stop the run.
  using Sink = std::function<void(const EventChunk&)>;
  /// progress receives the fraction of the exposure done; it may throw (xsky::Cancelled).
  using Progress = std::function<void(double)>;

  /// model must outlive the simulator.
  explicit EventSimulator(const EventListModel& model);
  ~EventSimulator();

  /// Simulates the list; returns the number of events handed to sink.
  long long run(Rng& rng, std::size_t chunkRows, const Sink& sink, const Progress& progress = {});

 private:
  struct Component;
  /// Follows one candidate arriving at time t (s): appends an event to chunk, or drops it.
  void follow(double t, Rng& rng, EventChunk& chunk) const;
  const Component& pick(Rng& rng) const;

  const EventListModel& model_;
  std::vector<Component> components_;
  std::vector<double> cumulative_;  // running sums of the components' peak rates, counts/s
  std::vector<double> sigmas_;      // resolution per energy-grid bin, keV
};

}  // namespace xsky::sim
