#pragma once
// Quick products of a region on an event list already in memory: the live preview that follows a
// region while it is dragged (source and background spectra and light curves, counts). Unlike
// Extraction.h it writes nothing and computes no BACKSCAL or exposure: it answers "what is in the
// region" fast enough for every mouse move.
//
// SpatialIndex: the events that pass a filter (PATTERN, FLAG, GTIs, energy), copied once into
// cells of a square grid over the sky pixels, column by column (x, y, channel, time), so that a
// region visits only the cells under its bounding box and reads them sequentially; cells wholly
// inside an area skip the per-event test. Memory: 20 bytes per kept event.
//
// Threading: the index is immutable after construction; quickProducts may run on any thread,
// several at once, on one index.

#include <cstdint>
#include <vector>

#include "events/EventFilter.h"
#include "events/EventList.h"
#include "products/ChannelScheme.h"
#include "regions/RegionSet.h"

namespace xsky::products {

class SpatialIndex {
 public:
  /// Indexes the events of `list` that pass `filter`. cellPixels 0 picks a cell about 1/64 of the
  /// events' extent (a few hundred pixels for XMM's 0.05" sky pixels).
  explicit SpatialIndex(const events::EventList& list, const events::FilterOptions& filter = {}, double cellPixels = 0);

  size_t size() const { return x_.size(); }
  const ChannelScheme& scheme() const { return scheme_; }

  const float* x() const { return x_.data(); }
  const float* y() const { return y_.data(); }
  const int32_t* channel() const { return channel_.data(); }  ///< index into the spectrum, -1: outside
  const double* time() const { return time_.data(); }
  double cellPixels() const { return cell_; }
  double originX() const { return x0_; }
  double originY() const { return y0_; }
  int columns() const { return nx_; }
  int rows() const { return ny_; }
  /// Events of cell (i, j) are [cellStart(i, j), cellStart(i + 1, j)) in the arrays above; the
  /// cells of one grid row are contiguous, and cellStart(columns(), j) ends the row.
  uint32_t cellStart(int column, int row) const { return start_[static_cast<size_t>(row) * nx_ + column]; }

 private:
  ChannelScheme scheme_;
  double x0_ = 0, y0_ = 0, cell_ = 1;
  int nx_ = 0, ny_ = 0;
  std::vector<uint32_t> start_;  // nx*ny + 1 offsets
  std::vector<float> x_, y_;
  std::vector<int32_t> channel_;
  std::vector<double> time_;
};

struct QuickProductsOptions {
  events::FilterOptions filter;  // for the full-scan version (the index has its own)
  double lightCurveBinS = 0;     // 0: no light curves
};

struct QuickProducts {
  ChannelScheme scheme;
  long long sourceCounts = 0, backgroundCounts = 0;
  bool hasBackground = false;
  std::vector<int32_t> sourceSpectrum, backgroundSpectrum;  // counts per channel
  double curveStart = 0, curveBinS = 0;                     // bin k covers [start + k*bin, +bin)
  std::vector<int32_t> sourceCurve, backgroundCurve;        // counts per time bin
};

/// Through the index (regions in the list's frame, as Extraction.h reads them).
QuickProducts quickProducts(const events::EventList& list, const SpatialIndex& index, const regions::RegionSet& set,
                            const QuickProductsOptions& options);
/// The same by testing every event of the list (the reference the index must equal).
QuickProducts quickProducts(const events::EventList& list, const regions::RegionSet& set,
                            const QuickProductsOptions& options);

}  // namespace xsky::products
