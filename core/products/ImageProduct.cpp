#include "products/ImageProduct.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsFile.h"
#include "products/ProductKeywords.h"
#include "util/AtomicFile.h"

namespace xsky::products {

QString EnergyBand::label() const {
  if (all()) return QStringLiteral("all");
  return QStringLiteral("%1-%2keV").arg(minKeV).arg(maxKeV);
}

ImageGrid neighbourhoodGrid(const regions::Bounds& b, double margin, int maxSize) {
  ImageGrid g;
  g.centreX = 0.5 * (b.xMin + b.xMax);
  g.centreY = 0.5 * (b.yMin + b.yMax);
  const double extent = std::max(b.xMax - b.xMin, b.yMax - b.yMin) * (1.0 + 2.0 * margin);
  g.binFactor = std::max(1.0, std::ceil(extent / std::max(maxSize, 1)));
  g.size = std::max(1, static_cast<int>(std::ceil(extent / g.binFactor)));
  return g;
}

std::vector<imaging::Image2D> binBandImages(const events::EventFilter& filter,
                                            const ImageGrid& grid,
                                            const std::vector<EnergyBand>& bands,
                                            const ProgressFn& progress) {
  const events::EventList& list = filter.list();
  const wcs::SkyWcs& sky = list.sky();
  for (const EnergyBand& band : bands) {
    if (!band.all() && !filter.hasEnergyScale()) {
      throw Error(list.path +
                  QStringLiteral(": no energy scale for the %1 image").arg(band.label()));
    }
  }
  std::vector<imaging::Image2D> images(bands.size());
  const double ox = grid.centreX - 0.5 * grid.size * grid.binFactor;
  const double oy = grid.centreY - 0.5 * grid.size * grid.binFactor;
  for (imaging::Image2D& img : images) {
    img.width = img.height = grid.size;
    img.binFactor = grid.binFactor;
    img.physicalOriginX = ox;
    img.physicalOriginY = oy;
    img.pixels.assign(static_cast<size_t>(grid.size) * grid.size, 0.0f);
    img.wcs = sky.rebinned(img.toImage(sky.referencePixel()), grid.binFactor);
    img.title = list.path;
  }
  const double inv = 1.0 / grid.binFactor;
  const size_t n = list.x.size();
  reportProgress(progress, 0.0, QStringLiteral("binning images"));
  for (size_t i = 0; i < n; ++i) {
    if ((i & 0xfffff) == 0xfffff) {
      reportProgress(progress, static_cast<double>(i) / static_cast<double>(n),
                     QStringLiteral("binning images"));
    }
    const double fx = (list.x[i] - ox) * inv, fy = (list.y[i] - oy) * inv;
    if (!(fx >= 0 && fy >= 0 && fx < grid.size && fy < grid.size)) continue;
    if (!filter.passes(i)) continue;
    const size_t pixel =
        static_cast<size_t>(fy) * static_cast<size_t>(grid.size) + static_cast<size_t>(fx);
    const double e = filter.hasEnergyScale() ? filter.energyKeV(i) : 0.0;
    for (size_t b = 0; b < bands.size(); ++b) {
      if (bands[b].all() || (e >= bands[b].minKeV && e < bands[b].maxKeV))
        images[b].pixels[pixel] += 1.0f;
    }
  }
  reportProgress(progress, 1.0, QStringLiteral("images binned"));
  return images;
}

void writeImage(const QString& path, const imaging::Image2D& image, const EnergyBand& band,
                const events::EventList& list, const ObservationInfo& obs,
                const QStringList& history) {
  const wcs::SkyWcs& sky = list.sky();
  AtomicFile out(path);
  {
    fits::FitsFile f = fits::FitsFile::create(out.temporaryPath());
    f.createImage(-32, {static_cast<long>(image.width), static_cast<long>(image.height)});
    f.writeImage(std::span<const float>(image.pixels.data(), image.pixels.size()));
    writeIdentityKeywords(f, obs);
    f.writeKey(QStringLiteral("BUNIT"), "count", QStringLiteral("events per pixel"));
    // WCS: the list's column projection on the binned grid.
    const bool galactic = sky.frame() == wcs::CelestialFrame::Galactic;
    const QString proj = sky.projection();
    const QString lon = galactic ? QStringLiteral("GLON") : QStringLiteral("RA--");
    const QString lat = galactic ? QStringLiteral("GLAT") : QStringLiteral("DEC-");
    const wcs::PixelPoint ref = image.toImage(sky.referencePixel());
    const wcs::SkyPoint world = sky.referenceWorld();
    const double scale = sky.pixelScaleDeg() * image.binFactor;
    f.writeKey(QStringLiteral("CTYPE1"), lon + QLatin1Char('-') + proj,
               QStringLiteral("projection"));
    f.writeKey(QStringLiteral("CTYPE2"), lat + QLatin1Char('-') + proj,
               QStringLiteral("projection"));
    f.writeKey(QStringLiteral("CRPIX1"), ref.x, QStringLiteral("reference pixel"));
    f.writeKey(QStringLiteral("CRPIX2"), ref.y, QStringLiteral("reference pixel"));
    f.writeKey(QStringLiteral("CRVAL1"), world.lon, QStringLiteral("[deg] reference value"));
    f.writeKey(QStringLiteral("CRVAL2"), world.lat, QStringLiteral("[deg] reference value"));
    f.writeKey(QStringLiteral("CDELT1"), -scale, QStringLiteral("[deg] pixel size"));
    f.writeKey(QStringLiteral("CDELT2"), scale, QStringLiteral("[deg] pixel size"));
    f.writeKey(QStringLiteral("CUNIT1"), "deg", QStringLiteral("unit of CRVAL1/CDELT1"));
    f.writeKey(QStringLiteral("CUNIT2"), "deg", QStringLiteral("unit of CRVAL2/CDELT2"));
    if (!galactic && sky.frame() != wcs::CelestialFrame::Ecliptic) {
      f.writeKey(QStringLiteral("RADESYS"), wcs::frameName(sky.frame()),
                 QStringLiteral("celestial frame"));
      if (sky.frame() != wcs::CelestialFrame::Icrs) {
        f.writeKey(QStringLiteral("EQUINOX"),
                   sky.frame() == wcs::CelestialFrame::Fk4 ? 1950.0 : 2000.0,
                   QStringLiteral("equinox of the frame"));
      }
    }
    // Image pixel p -> list X/Y: physical = origin + (p - 0.5) * bin, i.e. p = LTM * phys + LTV.
    f.writeKey(QStringLiteral("LTM1_1"), 1.0 / image.binFactor,
               QStringLiteral("physical to image scale"));
    f.writeKey(QStringLiteral("LTM2_2"), 1.0 / image.binFactor,
               QStringLiteral("physical to image scale"));
    f.writeKey(QStringLiteral("LTV1"), 0.5 - image.physicalOriginX / image.binFactor,
               QStringLiteral("physical to image offset"));
    f.writeKey(QStringLiteral("LTV2"), 0.5 - image.physicalOriginY / image.binFactor,
               QStringLiteral("physical to image offset"));
    if (!band.all()) {
      f.writeKey(QStringLiteral("E_MIN"), band.minKeV,
                 QStringLiteral("[keV] lower energy of the band"));
      f.writeKey(QStringLiteral("E_MAX"), band.maxKeV,
                 QStringLiteral("[keV] upper energy of the band"));
    }
    writeHistory(f, history);
    f.writeDate(obs.productDate);
    f.writeChecksum();
  }
  out.commit();
}

}  // namespace xsky::products
