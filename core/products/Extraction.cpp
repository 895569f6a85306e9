#include "products/Extraction.h"

#include <cmath>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include "events/EventSelection.h"
#include "products/ChannelScheme.h"
#include "products/DetectorArea.h"
#include "products/LightCurve.h"
#include "products/ObservationInfo.h"
#include "products/PhaWriter.h"
#include "regions/ProjectedRegion.h"

namespace xsky::products {

namespace {

// Progress of a stage mapped into [from, to] of the whole.
ProgressFn stage(const ProgressFn& progress, double from, double to) {
  if (!progress) return {};
  return [progress, from, to](double f, const QString& what) {
    return progress(from + (to - from) * f, what);
  };
}

QString relativeTo(const QString& productPath, const QString& file) {
  if (file.isEmpty()) return {};
  return QDir(QFileInfo(productPath).absolutePath())
      .relativeFilePath(QFileInfo(file).absoluteFilePath());
}

// "<dir>/<base><suffix>.<ext>" for "<dir>/<base>.<ext>".
QString withSuffix(const QString& path, const QString& suffix) {
  const QFileInfo fi(path);
  const QString ext = fi.suffix().isEmpty() ? QString() : QLatin1Char('.') + fi.suffix();
  const QString dir = path.contains(QLatin1Char('/')) ? fi.path() + QLatin1Char('/') : QString();
  return dir + fi.completeBaseName() + suffix + ext;
}

std::vector<uint32_t> inBand(const events::EventFilter& filter, const std::vector<uint32_t>& rows,
                             const EnergyBand& band) {
  if (band.all()) return rows;
  std::vector<uint32_t> out;
  for (const uint32_t i : rows) {
    const double e = filter.energyKeV(i);
    if (e >= band.minKeV && e < band.maxKeV) out.push_back(i);
  }
  return out;
}

QString describeArea(const AreaOnDetector& a) {
  QStringList ccds;
  for (const auto& [ccd, area] : a.perCcd)
    ccds << QStringLiteral("%1: %2").arg(ccd).arg(area, 0, 'f', 0);
  return QStringLiteral("%1 of %2 sky px^2 on the detector (CCD %3)")
      .arg(a.exposedArea, 0, 'f', 0)
      .arg(a.regionArea, 0, 'f', 0)
      .arg(ccds.join(QStringLiteral(", ")));
}

}  // namespace

QString backgroundSpectrumPath(const QString& spectrumPath) {
  return withSuffix(spectrumPath, QStringLiteral("_bkg"));
}

std::pair<QString, QString> findDemoResponses(const QString& eventsPath, const QString& cameraKey) {
  const QFileInfo ev(eventsPath);
  const QDir archive(ev.absoluteDir().absolutePath() + QStringLiteral("/.."));
  const QString rmf = archive.absoluteFilePath(QStringLiteral("responses/%1.rmf").arg(cameraKey));
  const QString arf = archive.absoluteFilePath(QStringLiteral("responses/%1.arf").arg(cameraKey));
  if (!ev.fileName().startsWith(cameraKey + QStringLiteral("_events"))) return {};
  return {QFileInfo::exists(rmf) ? QDir::cleanPath(rmf) : QString(),
          QFileInfo::exists(arf) ? QDir::cleanPath(arf) : QString()};
}

ExtractionResult extract(const events::EventList& list, const regions::RegionSet& regionSet,
                         const ExtractionOptions& options, const ProgressFn& progress) {
  ExtractionResult r;
  r.eventsPath = list.path;
  ObservationInfo obs = readObservationInfo(list);
  obs.productDate = !options.productDate.isEmpty()
                        ? options.productDate
                        : QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
  r.obsId = obs.obsId;
  r.instrument = obs.instrument;
  r.cameraKey = obs.cameraKey;
  const QString name = QFileInfo(list.path).fileName();

  // Checks that need no pass over the events come first.
  if (regionSet.source.empty()) throw Error(QStringLiteral("no source region to extract"));
  const events::EventFilter filter = events::EventFilter::make(list, options.filter);
  r.filters = filter.describe();
  r.productDate = obs.productDate;
  std::vector<EnergyBand> bands = options.bands;
  if (bands.empty()) bands.push_back(EnergyBand{});
  for (const EnergyBand& b : bands) {
    if (!b.all() && !filter.hasEnergyScale()) {
      throw Error(list.path +
                  QStringLiteral(": the event list has no ENERGY column and its PI has no known "
                                 "energy scale, so the %1 band cannot be selected")
                      .arg(b.label()));
    }
    if (!b.all() && !(b.maxKeV > b.minKeV))
      throw Error(QStringLiteral("energy band %1 is empty").arg(b.label()));
  }
  if (!options.lightCurvePath.isEmpty()) {
    if (!(options.lightCurveBinS > 0))
      throw Error(QStringLiteral("a light curve needs a time bin > 0 s"));
    if (obs.frameTime && options.lightCurveBinS < *obs.frameTime) {
      throw Error(list.path +
                  QStringLiteral(": the time bin %1 s is shorter than the frame time %2 s "
                                 "(events are only time-tagged per frame)")
                      .arg(options.lightCurveBinS)
                      .arg(*obs.frameTime));
    }
    if (list.time.empty())
      throw Error(list.path +
                  QStringLiteral(": the event list has no TIME column (needed for a light curve)"));
  }
  const ChannelScheme scheme =
      options.spectrumPath.isEmpty() ? ChannelScheme{} : channelSchemeFor(list);

  // Regions in the list's sky pixels; the detector footprint; areas and exposure.
  const wcs::SkyWcs sky = list.sky();  // own copy: WCSLIB state is per object
  const regions::ProjectedRegionSet areas =
      regions::project(regionSet, {&sky, regions::Frame::Physical});
  const DetectorFootprint footprint =
      DetectorFootprint::fromEvents(filter, stage(progress, 0.0, 0.3));
  const AreaOnDetector srcArea = areaOnDetector(areas.source, footprint, filter);
  if (srcArea.onCcdArea <= 0) {
    throw Error(list.path + QStringLiteral(": the source region lies entirely off the detector"));
  }
  if (srcArea.exposedArea <= 0) {
    throw Error(
        list.path +
        QStringLiteral(": no good time: the GTIs of the CCD(s) under the source region are empty"));
  }
  if (srcArea.exposedFraction() < 0.99) {
    r.warnings << QStringLiteral("%1: only %2% of the source region is on the detector")
                      .arg(name)
                      .arg(100.0 * srcArea.exposedFraction(), 0, 'f', 1);
  }
  r.sourceBackscal = srcArea.exposedArea;
  r.sourceExposureS = regionExposure(srcArea, filter);
  if (!(r.sourceExposureS > 0)) {
    throw Error(
        list.path +
        QStringLiteral(": no good time: the GTIs of the CCD(s) under the source region are empty"));
  }
  AreaOnDetector bkgArea;
  r.hasBackground = !areas.background.empty();
  if (r.hasBackground) {
    bkgArea = areaOnDetector(areas.background, footprint, filter);
    if (bkgArea.exposedArea <= 0) {
      r.warnings << QStringLiteral(
                        "%1: the background region lies entirely off the detector: no background")
                        .arg(name);
      r.hasBackground = false;
    } else {
      r.backgroundBackscal = bkgArea.exposedArea;
      r.backgroundExposureS = regionExposure(bkgArea, filter);
      if (!(r.backgroundExposureS > 0)) {
        r.warnings << QStringLiteral("%1: the background region has no good time: no background")
                          .arg(name);
        r.hasBackground = false;
      }
    }
  }

  // The events.
  const events::SelectedEvents sel = events::selectEvents(filter, areas, stage(progress, 0.3, 0.8));
  r.sourceCounts = static_cast<long long>(sel.source.size());
  if (r.hasBackground) r.backgroundCounts = static_cast<long long>(sel.background.size());
  const double scale = r.hasBackground ? r.sourceBackscal / r.backgroundBackscal : 0.0;
  if (r.hasBackground && r.backgroundCounts == 0) {
    r.warnings << QStringLiteral(
                      "%1: no events in the background region: the background is taken as zero")
                      .arg(name);
  }
  if (r.sourceCounts == 0)
    r.warnings << QStringLiteral("%1: no events in the source region").arg(name);
  const double bkgRate = r.hasBackground ? r.backgroundCounts / r.backgroundExposureS : 0.0;
  r.netRate = r.sourceCounts / r.sourceExposureS - bkgRate * scale;
  r.netCounts = r.netRate * r.sourceExposureS;
  const double varSrc = r.sourceCounts / (r.sourceExposureS * r.sourceExposureS);
  const double varBkg = r.hasBackground ? r.backgroundCounts * scale * scale /
                                              (r.backgroundExposureS * r.backgroundExposureS)
                                        : 0.0;
  r.netRateError = std::sqrt(varSrc + varBkg);

  QStringList history;
  history << QStringLiteral("events: %1").arg(list.path);
  for (const QString& f : r.filters) history << QStringLiteral("filter: %1").arg(f);
  history << QStringLiteral("source area: %1").arg(describeArea(srcArea));
  if (r.hasBackground) history << QStringLiteral("background area: %1").arg(describeArea(bkgArea));
  history << options.provenance;

  // Spectra.
  if (!options.spectrumPath.isEmpty()) {
    reportProgress(progress, 0.8, QStringLiteral("writing spectra"));
    PhaSpectrum src;
    src.observation = obs;
    src.channels = scheme;
    src.counts = binChannels(list, sel.source, scheme);
    src.exposureS = r.sourceExposureS;
    src.backscal = r.sourceBackscal;
    auto [rmf, arf] = findDemoResponses(list.path, obs.cameraKey);
    if (!options.rmf.isEmpty()) rmf = options.rmf;
    if (!options.arf.isEmpty()) arf = options.arf;
    const QString anchor = options.keywordFolder.isEmpty()
                               ? options.spectrumPath
                               : QDir(options.keywordFolder).filePath(QFileInfo(options.spectrumPath).fileName());
    src.respFile = relativeTo(anchor, rmf);
    src.ancrFile = relativeTo(anchor, arf);
    src.history = history;
    const QString bkgPath = backgroundSpectrumPath(options.spectrumPath);
    if (r.hasBackground) {
      PhaSpectrum bkg = src;
      bkg.isBackground = true;
      bkg.counts = binChannels(list, sel.background, scheme);
      bkg.exposureS = r.backgroundExposureS;
      bkg.backscal = r.backgroundBackscal;
      bkg.respFile.clear();
      bkg.ancrFile.clear();
      writePha(bkgPath, bkg);
      src.backFile = QFileInfo(bkgPath).fileName();
      r.products.push_back({QStringLiteral("background_spectrum"), bkgPath, QString(),
                            totalCounts(bkg.counts), bkg.exposureS, bkg.backscal});
    }
    writePha(options.spectrumPath, src);
    r.products.push_back({QStringLiteral("spectrum"), options.spectrumPath, QString(),
                          totalCounts(src.counts), src.exposureS, src.backscal});
  }

  // Light curves: one per band, and the hardness ratio of the last band to the first.
  if (!options.lightCurvePath.isEmpty()) {
    reportProgress(progress, 0.85, QStringLiteral("writing light curves"));
    const events::GtiList gti = regionGti(srcArea, filter);
    std::vector<LightCurve> curves;
    for (const EnergyBand& band : bands) {
      LightCurve lc =
          binLightCurve(list, inBand(filter, sel.source, band),
                        inBand(filter, sel.background, band), scale, gti, options.lightCurveBinS);
      lc.bandMinKeV = band.all() ? 0.0 : band.minKeV;
      lc.bandMaxKeV = band.all() ? 0.0 : band.maxKeV;
      const QString path =
          bands.size() == 1 ? options.lightCurvePath
                            : withSuffix(options.lightCurvePath, QLatin1Char('_') + band.label());
      writeLightCurve(path, lc, obs, history);
      long long counts = 0;
      double exposure = 0;
      for (size_t k = 0; k < lc.size(); ++k)
        counts += lc.sourceCounts[k], exposure += lc.fracexp[k] * lc.binS;
      r.products.push_back(
          {QStringLiteral("lightcurve"), path, band.label(), counts, exposure, r.sourceBackscal});
      curves.push_back(std::move(lc));
      reportProgress(progress, 0.85, QStringLiteral("writing light curves"));
    }
    if (curves.size() >= 2) {
      const QString path = withSuffix(options.lightCurvePath, QStringLiteral("_hr"));
      writeHardnessRatio(path, curves.front(), curves.back(), obs, history);
      r.products.push_back({QStringLiteral("hardness_ratio"), path,
                            bands.back().label() + QStringLiteral(" vs ") + bands.front().label(),
                            0, curves.front().size() > 0 ? r.products.back().exposureS : 0.0, 0});
    }
  }

  // Images of the neighbourhood (source and background areas), one per band.
  if (!options.imagePath.isEmpty()) {
    regions::Bounds b = areas.source.bounds();
    if (r.hasBackground) {
      const regions::Bounds bb = areas.background.bounds();
      b = {std::min(b.xMin, bb.xMin), std::max(b.xMax, bb.xMax), std::min(b.yMin, bb.yMin),
           std::max(b.yMax, bb.yMax)};
    }
    const ImageGrid grid = neighbourhoodGrid(b);
    const std::vector<imaging::Image2D> images =
        binBandImages(filter, grid, bands, stage(progress, 0.9, 0.99));
    for (size_t k = 0; k < bands.size(); ++k) {
      const QString path = bands.size() == 1
                               ? options.imagePath
                               : withSuffix(options.imagePath, QLatin1Char('_') + bands[k].label());
      writeImage(path, images[k], bands[k], list, obs, history);
      double total = 0;
      for (const float v : images[k].pixels) total += v;
      r.products.push_back({QStringLiteral("image"), path, bands[k].label(),
                            static_cast<long long>(total), r.sourceExposureS, 0});
    }
  }
  reportProgress(progress, 1.0, QStringLiteral("done"));
  return r;
}

}  // namespace xsky::products
