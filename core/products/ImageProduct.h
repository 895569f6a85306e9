#pragma once
// Counts images of a region's neighbourhood, one per energy band, binned from an event list's
// sky X/Y with the list's filter (PATTERN, FLAG, GTIs, time range), and written as FITS images
// with a celestial WCS (CTYPE/CRVAL/CRPIX/CDELT/CUNIT/RADESYS) and the physical-pixel keywords
// (LTM1_1/LTM2_2/LTV1/LTV2) that take image pixels back to the list's X/Y.
// The column WCS of X-ray event lists is never rotated, so CDELT describes the binned grid fully.

#include <vector>

#include <QString>
#include <QStringList>

#include "events/EventFilter.h"
#include "imaging/Image2D.h"
#include "products/ObservationInfo.h"
#include "regions/RegionGeometry.h"
#include "util/Progress.h"

namespace xsky::products {

struct EnergyBand {
  double minKeV = 0, maxKeV = 0;  // [min, max); maxKeV <= 0: every energy
  bool all() const { return maxKeV <= 0; }
  /// "0.5-2keV", or "all".
  QString label() const;
};

/// The grid shown: centre and extent of `bounds` grown by `margin` (fraction per side), made
/// square, in at most maxSize pixels a side (integer bin factor >= 1 sky pixel).
struct ImageGrid {
  double centreX = 0, centreY = 0;  // sky X/Y
  double binFactor = 1;
  int size = 0;
};
ImageGrid neighbourhoodGrid(const regions::Bounds& bounds, double margin = 0.25, int maxSize = 256);

/// One image per band, in one pass over the events. Throws xsky::Error without sky columns or
/// with an energy band on a list without an energy scale; xsky::Cancelled on cancel.
std::vector<imaging::Image2D> binBandImages(const events::EventFilter& filter,
                                            const ImageGrid& grid,
                                            const std::vector<EnergyBand>& bands,
                                            const ProgressFn& progress = {});

/// Writes the image as a primary array with its WCS, through a temporary file.
void writeImage(const QString& path, const imaging::Image2D& image, const EnergyBand& band,
                const events::EventList& list, const ObservationInfo& obs,
                const QStringList& history);

}  // namespace xsky::products
