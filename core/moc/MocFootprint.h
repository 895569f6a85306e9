#pragma once
// Footprints: the sky area an observation actually exposed, as a space MOC.
//
// Event lists. Photon counts are sparse: at a useful order (14: 12.9" cells) most cells of a
// background-dominated field hold no event at all, so "cells with events" would be full of Poisson
// holes. The footprint is therefore built from each CCD's outline and only checked against counts
// where counts can decide:
//  1. Events off the sky (non-finite X/Y) are dropped, and for XMM-Newton lists the events flagged
//     OUT_OF_FOV (FLAG 0x10000: particle events under the camera's field-of-view stop).
//  2. Per CCD (CCDNR / CCD_ID; the whole list when there is no CCD column), the convex hull of the
//     events' sky pixels (X/Y) is that CCD's exposed outline (CCD square clipped by the circular
//     field of view; spacecraft dither included). Its edges are straight in pixels, i.e. great
//     circles for TAN sky pixels, so each hull is exactly a convex sky polygon: its MOC at the
//     chosen order (centre-in rule, MocBuilders.h). The union over CCDs leaves the gaps out.
//  3. Holes: at the coarsest order where a cell expects >= minExpectedPerCell events (mean density
//     over the hulls), a cell lying wholly inside the hulls that holds no event at all is removed
//     (a dead or windowed-out area). With an expectation of 10 a Poisson hole has probability
//     e^-10 = 4.5e-5 per cell, so sparse fields keep their area.
//
// Images and exposure maps: the cells holding the centre of a sample of a pixel above the
// threshold, each pixel sampled k x k times with k chosen so samples are at most half a cell apart.
//
// Threading: plain functions; they copy the WCS they use, so distinct lists may be processed
// concurrently. Progress is reported from the calling thread.

#include "events/EventList.h"
#include "imaging/Image2D.h"
#include "moc/SpaceMoc.h"
#include "util/Progress.h"

namespace xsky::moc {

struct FootprintOptions {
  int order = 14;                    // MOC order of the result
  bool dropOutOfFov = true;          // XMM: ignore events flagged OUT_OF_FOV (0x10000)
  double minExpectedPerCell = 10.0;  // expected events per cell where empty cells count as holes
  long long minEventsPerCcd = 20;    // CCDs with fewer selected events are left out (stray hits)
};

/// Throws xsky::Error when the list has no sky WCS or no usable event; Cancelled on request.
SpaceMoc eventListFootprint(const events::EventList& events, const FootprintOptions& options = {},
                            const ProgressFn& progress = {});

/// Pixels with a value > threshold (NaN never). Throws xsky::Error when the image has no WCS.
SpaceMoc imageFootprint(const imaging::Image2D& image, double threshold, int order);

/// Which of the functions above a FITS file calls for: an events table (events.EventListReader
/// finds one) or an image HDU (exposure map: threshold 0). Throws xsky::Error.
SpaceMoc fileFootprint(const QString& path, int order, const ProgressFn& progress = {});

}  // namespace xsky::moc
