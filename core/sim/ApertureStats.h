#pragma once
// What a circular aperture around a source should contain in one event list, for truth.json and
// for tests that count events in it: the fraction of the aperture where X-rays are recorded (on a
// CCD and inside the field of view), whether it lies wholly on one CCD, and the expected counts of
// everything other than the source itself (particle and cosmic background, and the PSF wings or
// profiles of the other sources). Integrals use a 1" grid over the aperture; the other sources'
// and the backgrounds' counts use the GTIs of the CCD under the aperture's centre.

#include <cstddef>

#include "sim/EventListModel.h"

namespace xsky::sim {

struct ApertureStats {
  double radiusArcsec = 0;
  double onCcdFraction = 0;      // area fraction on a CCD and inside the FOV
  bool wholeOnOneCcd = false;    // the whole disc on one CCD and inside the FOV
  double particleCounts = 0;     // expected particle-background events in the aperture
  double cxbCounts = 0;          // expected cosmic-background photons in the aperture
  double otherSourceCounts = 0;  // expected photons of the other sources in the aperture
  double backgroundCounts() const { return particleCounts + cxbCounts + otherSourceCounts; }
};

/// Statistics of the aperture of this radius centred on model.sources()[sourceIndex].
ApertureStats apertureStats(const EventListModel& model, std::size_t sourceIndex,
                            double radiusArcsec);

}  // namespace xsky::sim
