#include "imaging/EventBinning.h"

#include <algorithm>
#include <cmath>

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
  const bool useEnergy = !events.energy.empty();
  const bool filterEnergy = spec.energyMin || spec.energyMax;
  const double emin = spec.energyMin.value_or(-1e300), emax = spec.energyMax.value_or(1e300);
  const double inv = 1.0 / spec.binFactor;
  for (size_t k = 0; k < events.x.size(); ++k) {
    if (filterEnergy) {
      const double e = useEnergy ? events.energy[k] : (events.pi.empty() ? 0.0 : events.pi[k]);
      if (e < emin || e >= emax) continue;
    }
    const double fx = (events.x[k] - img.physicalOriginX) * inv;
    const double fy = (events.y[k] - img.physicalOriginY) * inv;
    if (fx < 0 || fy < 0) continue;
    const auto i = static_cast<long>(fx), j = static_cast<long>(fy);
    if (i >= spec.width || j >= spec.height) continue;
    img.pixels[static_cast<size_t>(j) * spec.width + i] += 1.0f;
  }
  // The binned image's WCS: the column WCS with CRPIX moved and CDELT scaled, built through the
  // same header path as an image (so every projection WCSLIB knows works).
  const wcs::PixelPoint refImage = img.toImage(sky.referencePixel());
  img.wcs = sky.rebinned(refImage, spec.binFactor);
  img.title = events.path;
  return img;
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
  img.pixels = f.readImagePlane(plane);
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
