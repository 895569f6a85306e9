#include "imaging/EventBinning.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsError.h"
#include "fits/FitsFile.h"

#include <QRegularExpression>

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
  for (size_t k = 0; k < n; ++k) {
    if (filterEnergy) {
      const double e = useEnergy ? events.energy[k] : events.pi[k];
      if (e < emin || e >= emax) continue;
    }
    if (filterPattern && events.pattern[k] > patternMax) continue;
    if (filterFlag && (static_cast<uint32_t>(events.flag[k]) & flagMask) != 0) continue;
    const double fx = (xs[k] - ox) * inv;
    const double fy = (ys[k] - oy) * inv;
    if (!(fx >= 0 && fy >= 0)) continue;
    const auto i = static_cast<unsigned>(fx), j = static_cast<unsigned>(fy);
    if (i >= w || j >= h) continue;
    out[static_cast<size_t>(j) * w + i] += 1.0f;
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

std::optional<uint32_t> recommendedFlagMask(const QString& expression) {
  static const QRegularExpression re(QStringLiteral("\\(\\s*FLAG\\s*&\\s*0x([0-9a-fA-F]+)\\s*\\)\\s*==\\s*0"));
  const auto m = re.match(expression);
  if (!m.hasMatch()) return std::nullopt;
  bool ok = false;
  const uint32_t mask = m.captured(1).toUInt(&ok, 16);
  return ok ? std::optional<uint32_t>(mask) : std::nullopt;
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
