#include "products/RegionQuery.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsError.h"
#include "regions/ProjectedRegion.h"

namespace xsky::products {

namespace {

// The light-curve grid of a list: from TSTART (else the first event) in bins of binS.
void startCurves(const events::EventList& list, const QuickProductsOptions& options, QuickProducts* q) {
  if (!(options.lightCurveBinS > 0) || list.time.empty()) return;
  const auto [lo, hi] = std::minmax_element(list.time.begin(), list.time.end());
  const double start = list.tstop > list.tstart ? std::min(list.tstart, *lo) : *lo;
  const double stop = list.tstop > list.tstart ? std::max(list.tstop, *hi) : *hi;
  q->curveStart = start;
  q->curveBinS = options.lightCurveBinS;
  const size_t bins = static_cast<size_t>(std::ceil((stop - start) / options.lightCurveBinS)) + 1;
  q->sourceCurve.assign(bins, 0);
  if (q->hasBackground) q->backgroundCurve.assign(bins, 0);
}

// Adds the events flagged in `inside` to a spectrum and a curve.
void accumulate(const uint8_t* inside, const int32_t* channel, const double* time, size_t n, const QuickProducts& q,
                std::vector<int32_t>& spectrum, std::vector<int32_t>& curve, long long* counts) {
  const bool curves = !curve.empty();
  const double inv = curves ? 1.0 / q.curveBinS : 0.0;
  const size_t last = curve.size() - 1;
  long long c = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!inside[i]) continue;
    ++c;
    if (channel[i] >= 0) ++spectrum[static_cast<size_t>(channel[i])];
    if (curves) {
      const double k = (time[i] - q.curveStart) * inv;
      ++curve[std::min(last, static_cast<size_t>(std::max(0.0, k)))];
    }
  }
  *counts += c;
}

QuickProducts prepare(const events::EventList& list, const ChannelScheme& scheme, const regions::ProjectedRegionSet& areas,
                      const QuickProductsOptions& options) {
  QuickProducts q;
  q.scheme = scheme;
  q.hasBackground = !areas.background.empty();
  q.sourceSpectrum.assign(static_cast<size_t>(scheme.channels), 0);
  if (q.hasBackground) q.backgroundSpectrum.assign(static_cast<size_t>(scheme.channels), 0);
  startCurves(list, options, &q);
  return q;
}

}  // namespace

SpatialIndex::SpatialIndex(const events::EventList& list, const events::FilterOptions& options, double cellPixels) {
  if (list.x.empty() || list.y.empty()) throw Error(list.path + QStringLiteral(": the event list has no sky X/Y columns"));
  scheme_ = channelSchemeFor(list);
  const events::EventFilter filter = events::EventFilter::make(list, options);
  const size_t n = list.x.size();
  std::vector<uint8_t> keep(n);
  float xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;
  for (size_t i = 0; i < n; ++i) {
    keep[i] = filter.passes(i) && std::isfinite(list.x[i]) && std::isfinite(list.y[i]);
    if (!keep[i]) continue;
    xMin = std::min(xMin, list.x[i]);
    xMax = std::max(xMax, list.x[i]);
    yMin = std::min(yMin, list.y[i]);
    yMax = std::max(yMax, list.y[i]);
  }
  if (!(xMax >= xMin)) xMin = xMax = yMin = yMax = 0;
  x0_ = xMin;
  y0_ = yMin;
  cell_ = cellPixels > 0 ? cellPixels : std::max(1.0, std::max<double>(xMax - xMin, yMax - yMin) / 64.0);
  nx_ = static_cast<int>((xMax - xMin) / cell_) + 1;
  ny_ = static_cast<int>((yMax - yMin) / cell_) + 1;
  std::vector<uint32_t> cellOf(n);
  start_.assign(static_cast<size_t>(nx_) * ny_ + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    const int cx = std::min(nx_ - 1, static_cast<int>((list.x[i] - x0_) / cell_));
    const int cy = std::min(ny_ - 1, static_cast<int>((list.y[i] - y0_) / cell_));
    cellOf[i] = static_cast<uint32_t>(cy) * nx_ + cx;
    ++start_[cellOf[i] + 1];
  }
  for (size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
  const size_t kept = start_.back();
  x_.resize(kept);
  y_.resize(kept);
  channel_.resize(kept);
  time_.assign(kept, 0.0);
  std::vector<uint32_t> next(start_.begin(), start_.end() - 1);
  const bool times = !list.time.empty();
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    const uint32_t at = next[cellOf[i]]++;
    x_[at] = list.x[i];
    y_[at] = list.y[i];
    const int c = list.pi.empty() ? -1 : scheme_.channelOf(list.pi[i]);
    channel_[at] = c < 0 ? -1 : c - scheme_.firstChannel;
    if (times) time_[at] = list.time[i];
  }
}

QuickProducts quickProducts(const events::EventList& list, const SpatialIndex& index, const regions::RegionSet& set,
                            const QuickProductsOptions& options) {
  const wcs::SkyWcs sky = list.sky();
  const regions::ProjectedRegionSet areas = regions::project(set, {&sky, regions::Frame::Physical});
  QuickProducts q = prepare(list, index.scheme(), areas, options);
  std::vector<uint8_t> inside;
  auto visit = [&](const regions::ProjectedArea& area, std::vector<int32_t>& spectrum, std::vector<int32_t>& curve,
                   long long* counts) {
    if (area.empty() || index.size() == 0) return;
    const regions::Bounds b = area.bounds();
    const int i0 = std::max(0, static_cast<int>(std::floor((b.xMin - index.originX()) / index.cellPixels())));
    const int i1 = std::min(index.columns() - 1, static_cast<int>(std::floor((b.xMax - index.originX()) / index.cellPixels())));
    const int j0 = std::max(0, static_cast<int>(std::floor((b.yMin - index.originY()) / index.cellPixels())));
    const int j1 = std::min(index.rows() - 1, static_cast<int>(std::floor((b.yMax - index.originY()) / index.cellPixels())));
    for (int j = j0; j <= j1; ++j) {
      // The cells of one row of the grid are contiguous in the arrays.
      if (i0 > i1) break;
      const uint32_t first = index.cellStart(i0, j), end = index.cellStart(i1 + 1, j);  // i1 + 1 may be nx
      const size_t n = end - first;
      if (n == 0) continue;
      inside.resize(n);
      area.mask({index.x() + first, n}, {index.y() + first, n}, inside);
      accumulate(inside.data(), index.channel() + first, index.time() + first, n, q, spectrum, curve, counts);
    }
  };
  visit(areas.source, q.sourceSpectrum, q.sourceCurve, &q.sourceCounts);
  if (q.hasBackground) visit(areas.background, q.backgroundSpectrum, q.backgroundCurve, &q.backgroundCounts);
  return q;
}

QuickProducts quickProducts(const events::EventList& list, const regions::RegionSet& set, const QuickProductsOptions& options) {
  const wcs::SkyWcs sky = list.sky();
  const regions::ProjectedRegionSet areas = regions::project(set, {&sky, regions::Frame::Physical});
  const ChannelScheme scheme = channelSchemeFor(list);
  QuickProducts q = prepare(list, scheme, areas, options);
  const events::EventFilter filter = events::EventFilter::make(list, options.filter);
  const size_t n = list.x.size();
  std::vector<uint8_t> inside(n);
  std::vector<int32_t> channel(n);
  for (size_t i = 0; i < n; ++i) {
    const int c = list.pi.empty() ? -1 : scheme.channelOf(list.pi[i]);
    channel[i] = c < 0 ? -1 : c - scheme.firstChannel;
  }
  const std::vector<double> noTime(list.time.empty() ? n : 0, 0.0);
  const double* time = list.time.empty() ? noTime.data() : list.time.data();
  auto visit = [&](const regions::ProjectedArea& area, std::vector<int32_t>& spectrum, std::vector<int32_t>& curve,
                   long long* counts) {
    if (area.empty()) return;
    area.mask(list.x, list.y, inside);
    for (size_t i = 0; i < n; ++i) inside[i] = inside[i] && filter.passes(i);
    accumulate(inside.data(), channel.data(), time, n, q, spectrum, curve, counts);
  };
  visit(areas.source, q.sourceSpectrum, q.sourceCurve, &q.sourceCounts);
  if (q.hasBackground) visit(areas.background, q.backgroundSpectrum, q.backgroundCurve, &q.backgroundCounts);
  return q;
}

}  // namespace xsky::products
