#include "imaging/EventBinning.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "fits/FitsError.h"
#include "fits/FitsFile.h"


namespace xsky::imaging {

std::optional<wcs::SkyPoint> Image2D::pixelToIcrs(wcs::PixelPoint image) const {
  if (!wcs) return std::nullopt;
  return wcs->pixelToIcrs(image);
}

Image2D binEvents(const events::EventList& events, const BinningSpec& spec) {
  const wcs::SkyWcs& sky = events.sky();  // throws with the reason when there is none
  if (spec.binFactor <= 0 || spec.width <= 0 || spec.height <= 0) {
    throw Error(QStringLiteral("binning: bin factor and size must be positive"));
  }
  wcs::PixelPoint centre;
  if (spec.centre) {
    centre = *spec.centre;
  } else if (!events.x.empty()) {
    const auto [xlo, xhi] = std::minmax_element(events.x.begin(), events.x.end());
    const auto [ylo, yhi] = std::minmax_element(events.y.begin(), events.y.end());
    centre = {0.5 * (*xlo + *xhi), 0.5 * (*ylo + *yhi)};
  } else {
    centre = sky.referencePixel();
  }
  Image2D img;
  img.width = spec.width;
  img.height = spec.height;
  img.binFactor = spec.binFactor;
  img.physicalOriginX = centre.x - 0.5 * spec.width * spec.binFactor;
  img.physicalOriginY = centre.y - 0.5 * spec.height * spec.binFactor;
  img.pixels.assign(static_cast<size_t>(spec.width) * spec.height, 0.0f);
  // One pass over the columns; each filter is hoisted out when it is not requested.
  const bool useEnergy = !events.energy.empty();
  const bool filterEnergy = (spec.energyMin || spec.energyMax) && (useEnergy || !events.pi.empty());
  const double emin = spec.energyMin.value_or(-1e300), emax = spec.energyMax.value_or(1e300);
  const bool filterPattern = spec.patternMax && !events.pattern.empty();
  const bool filterFlag = spec.flagReject && !events.flag.empty();
  const int patternMax = spec.patternMax.value_or(0);
  const uint32_t flagMask = spec.flagReject.value_or(0);
  const double inv = 1.0 / spec.binFactor;
  const double ox = img.physicalOriginX, oy = img.physicalOriginY;
  const size_t n = events.x.size();
  const float* xs = events.x.data();
  const float* ys = events.y.data();
  float* out = img.pixels.data();
  const unsigned w = static_cast<unsigned>(spec.width), h = static_cast<unsigned>(spec.height);
  // Branch-free: an event that is filtered out or falls outside goes to one of 16 extra "trash"
  // bins (rotating, so that consecutive dropped events do not wait on one counter). Events are
  // spread over several copies of the counts (two threads, each alternating between two copies
  // for images up to 4 Mpixel): increments of one bin that are close in the stream then rarely
  // meet in the same copy, which is what makes a plain histogram loop stall on real sky data.
  const size_t bins = static_cast<size_t>(w) * h;
  const size_t stride = bins + 16;
  const int threads = n >= (size_t(1) << 20) && bins <= (size_t(1) << 24) ? 2 : 1;
  const int copiesPerThread = bins <= (size_t(1) << 22) ? 2 : 1;
  std::vector<uint32_t> counts(stride * static_cast<size_t>(threads * copiesPerThread), 0);
  auto binRange = [&](int thread, size_t from, size_t to) {
    uint32_t* const base = counts.data() + stride * static_cast<size_t>(thread * copiesPerThread);
    const size_t copyMask = static_cast<size_t>(copiesPerThread - 1);
    for (size_t k = from; k < to; ++k) {
      bool keep = true;
      if (filterEnergy) {
        const double e = useEnergy ? events.energy[k] : events.pi[k];
        keep &= e >= emin && e < emax;
      }
      if (filterPattern) keep &= events.pattern[k] <= patternMax;
      if (filterFlag) keep &= (static_cast<uint32_t>(events.flag[k]) & flagMask) == 0;
      const double fx = (xs[k] - ox) * inv;
      const double fy = (ys[k] - oy) * inv;
      keep &= fx >= 0 && fy >= 0 && fx < w && fy < h;
      const auto i = static_cast<unsigned>(keep ? fx : 0.0), j = static_cast<unsigned>(keep ? fy : 0.0);
      uint32_t* copy = base + stride * (k & copyMask);
      ++copy[keep ? static_cast<size_t>(j) * w + i : bins + (k & 15)];
    }
  };
  if (threads == 2) {
    std::thread second([&] { binRange(1, n / 2, n); });
    binRange(0, 0, n / 2);
    second.join();
  } else {
    binRange(0, 0, n);
  }
  const size_t copies = static_cast<size_t>(threads * copiesPerThread);
  for (size_t p = 0; p < bins; ++p) {
    uint32_t total = 0;
    for (size_t c = 0; c < copies; ++c) total += counts[c * stride + p];
    out[p] = static_cast<float>(total);
  }
  // The binned image's WCS: the column WCS with CRPIX moved and CDELT scaled, built through the
  // same header path as an image (so every projection WCSLIB knows works).
  const wcs::PixelPoint refImage = img.toImage(sky.referencePixel());
  img.wcs = sky.rebinned(refImage, spec.binFactor);
  img.title = events.path;
  return img;
}

BinningSpec wholeListBinning(const events::EventList& events, int maxSize) {
  BinningSpec spec;
  if (events.x.empty()) return spec;
  const auto [xlo, xhi] = std::minmax_element(events.x.begin(), events.x.end());
  const auto [ylo, yhi] = std::minmax_element(events.y.begin(), events.y.end());
  const double extent = std::max<double>(*xhi - *xlo, *yhi - *ylo) + 1.0;
  spec.binFactor = std::max(1.0, std::ceil(extent / maxSize));
  spec.centre = wcs::PixelPoint{0.5 * (*xlo + *xhi), 0.5 * (*ylo + *yhi)};
  spec.width = spec.height = std::max(1, static_cast<int>(std::ceil(extent / spec.binFactor)));
  return spec;
}

Image2D readFitsImage(const QString& path, int hdu, long plane) {
  fits::FitsFile f = fits::FitsFile::open(path);
  if (hdu >= 0) {
    if (hdu + 1 > f.hduCount()) throw Error(path + QStringLiteral(": there is no HDU %1").arg(hdu));
    f.moveTo(hdu + 1);
  } else {
    const int count = f.hduCount();
    int found = 0;
    for (int h = 1; h <= count && found == 0; ++h) {
      f.moveTo(h);
      if (f.imageShape().size() >= 2) found = h;
    }
    if (found == 0) throw Error(path + QStringLiteral(": no 2-D image in this file"));
  }
  const std::vector<long> shape = f.imageShape();
  Image2D img;
  RangeScan range;  // gathered while the blocks are in cache
  img.pixels = f.readImagePlane(plane, [&](int part, const float* block, size_t n) { range.add(part, block, n); });
  img.statistics.setRange(range.finish(img.pixels));
  img.width = static_cast<int>(shape[0]);
  img.height = static_cast<int>(shape[1]);
  img.title = path;
  try {
    img.wcs = wcs::SkyWcs::fromImageHeader(f);
  } catch (const Error&) {
    img.wcs.reset();  // an image without a usable WCS still displays, in pixels
  }
  return img;
}

}  // namespace xsky::imaging
