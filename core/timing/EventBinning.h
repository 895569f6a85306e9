#pragma once
// Binning event arrival times into a light curve: fixed-width bins from the first GTI start (or
// the first event), exposure per bin = its overlap with the GTIs, Poisson errors
// sqrt(max(N, 1)) / exposure. Bins exposed for less than minFracExp of their width are left out.

#include <span>

#include "events/Gti.h"
#include "timing/LightCurveReader.h"

namespace xsky::timing {

/// Throws xsky::Error when binWidth <= 0, there are no events, or the bins would exceed 1e8.
LightCurveBand binEvents(std::span<const double> sortedTimes, const events::GtiList& gti,
                         double binWidth, double minFracExp = 0.5);

}  // namespace xsky::timing
