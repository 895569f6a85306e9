// xsky-cli extract --events EV.fits... --region R.reg [--bkg-region B.reg] [--energy LO:HI]...
//                  [--pattern MAX] [--flag EXPR] [--spectrum S.pha] [--lightcurve L.lc --bin
//                  SECONDS]
//                  [--image I.fits] [--out-dir DIR] [--rmf F] [--arf F] [--json]
//   Source and background spectra (OGIP PHA I; the background beside the source as
//   <name>_bkg.pha, named in BACKFILE), light curves per energy band (keV) with their hardness
//   ratio, and images per band, from each event list (core/products/Extraction.h). One list
//   writes the named files; several write one set per list into --out-dir, named
//   <obsid>_<camera>_<name>. The region file's source/background roles are used unless
//   --bkg-region is given. A list that fails is reported and the others still complete.
//   With --index DB instead of --events, the observation index finds the event lists whose
//   footprint covers the source regions (the region file must then be in sky coordinates);
//   lists of remote archives are downloaded into the cache first (--cache DIR).
//   Cache and provenance (core/products/ProductCache.h): the products' folder (--out-dir, else
//   the spectrum's) keeps provenance/<key>.json for each request; the same request again is
//   answered from it ("from the cache") while its products are unchanged; every product carries
//   HISTORY with its key, so `xsky-cli reproduce PRODUCT` can re-run it.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <optional>

#include "archive/DownloadCache.h"
#include "archive/FootprintIndex.h"
#include "archive/ObservationIndex.h"
#include "cli/CliCommon.h"
#include "moc/MocBuilders.h"
#include "products/ProductCache.h"
#include "events/EventListReader.h"
#include "fits/FitsError.h"
#include "products/Extraction.h"
#include "regions/RegionFileIo.h"

namespace xsky::cli {

namespace {

using products::EnergyBand;
using products::RegionSources;

bool parseRange(const QString& text, double* lo, double* hi) {
  const QStringList parts = text.split(QLatin1Char(':'));
  if (parts.size() != 2) return false;
  bool ok1 = false, ok2 = false;
  *lo = parts[0].trimmed().toDouble(&ok1);
  *hi = parts[1].trimmed().toDouble(&ok2);
  return ok1 && ok2 && *hi > *lo && *lo >= 0;
}

// The region set for one list: regions read with the list's WCS (physical = its X/Y), from the
// region files' text (kept in the provenance record, so `reproduce` reads exactly the same).
regions::RegionSet readRegions(const RegionSources& sources, const wcs::SkyWcs& sky, QStringList* notes) {
  const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(sky);
  regions::RegionReadOptions ro;
  ro.image = &ref;
  ro.keepPhysicalFrame = true;
  auto read = [&](const QString& text, const QString& name) {
    regions::RegionReadResult r = regions::readRegionText(text, name, ro);
    for (const QString& e : r.errors) *notes << e;
    for (const QString& w : r.warnings) *notes << w;
    return r.regions;
  };
  regions::RegionSet set = regions::RegionSet::fromRegions(read(sources.regionText, QStringLiteral("region")), notes);
  if (!sources.backgroundRegionText.isEmpty()) {
    set.background.clear();
    set.backgroundExclusions.clear();
    for (regions::Region& r : read(sources.backgroundRegionText, QStringLiteral("background region"))) {
      if (r.include) {
        set.background.push_back(r);
      } else {
        set.backgroundExclusions.push_back(r);
      }
    }
  }
  return set;
}

// The event lists of the index whose footprint covers the source regions (remote ones fetched
// into the download cache), in the index's order.
QStringList coveringEventLists(const QString& indexPath, const QString& regionPath, const QString& cacheDir) {
  regions::RegionReadResult read = regions::readRegionFile(regionPath, regions::RegionReadOptions{});
  if (!read.errors.isEmpty()) throw Error(read.errors.first());
  for (const regions::Region& r : read.regions) {
    if (r.frame != regions::Frame::Sky) {
      throw Error(QStringLiteral("%1: --index needs regions in sky coordinates (fk5, icrs, galactic...)").arg(regionPath));
    }
  }
  const regions::RegionSet set = regions::RegionSet::fromRegions(read.regions);
  if (set.source.empty()) throw Error(regionPath + QStringLiteral(": no source region"));
  const moc::RegionSetMocs mocs = moc::regionSetMocs(set, 16);
  if (!QFileInfo::exists(indexPath)) throw Error(indexPath + QStringLiteral(": no such index"));
  archive::ObservationIndex db(indexPath, archive::IndexOpenOptions{true});
  const archive::FootprintIndex footprints = archive::FootprintIndex::fromDatabase(db);
  const archive::DownloadCache downloads(cacheDir);
  QStringList lists;
  for (const archive::FootprintHit& hit : footprints.query(mocs.source)) {
    const archive::ObservationRecord& rec = footprints.record(hit.entry);
    if (rec.kind != archive::ObservationFileKind::EventList) continue;
    archive::DownloadRequest request;
    request.url = rec.location;
    request.expectedChecksum = rec.checksum;
    if (rec.fileSize > 0 && archive::isRemoteLocation(rec.location)) request.expectedSize = rec.fileSize;
    lists << downloads.fetch(request).path;
  }
  return lists;
}

QJsonObject productJson(const products::ProductRecord& p) {
  QJsonObject o{{QStringLiteral("kind"), p.kind},
                {QStringLiteral("path"), p.path},
                {QStringLiteral("counts"), static_cast<double>(p.counts)},
                {QStringLiteral("exposure"), p.exposureS}};
  if (!p.band.isEmpty()) o.insert(QStringLiteral("band"), p.band);
  if (p.backscal > 0) o.insert(QStringLiteral("backscal"), p.backscal);
  return o;
}

QJsonObject resultJson(const products::ExtractionResult& r, double seconds) {
  QJsonArray products;
  for (const products::ProductRecord& p : r.products) products.append(productJson(p));
  QJsonObject o{{QStringLiteral("events"), r.eventsPath},
                {QStringLiteral("obs_id"), r.obsId},
                {QStringLiteral("instrument"), r.instrument},
                {QStringLiteral("source_counts"), static_cast<double>(r.sourceCounts)},
                {QStringLiteral("source_exposure"), r.sourceExposureS},
                {QStringLiteral("source_backscal"), r.sourceBackscal},
                {QStringLiteral("net_rate"), r.netRate},
                {QStringLiteral("net_rate_error"), r.netRateError},
                {QStringLiteral("filters"), QJsonArray::fromStringList(r.filters)},
                {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)},
                {QStringLiteral("products"), products},
                {QStringLiteral("seconds"), seconds}};
  if (r.hasBackground) {
    o.insert(QStringLiteral("background_counts"), static_cast<double>(r.backgroundCounts));
    o.insert(QStringLiteral("background_exposure"), r.backgroundExposureS);
    o.insert(QStringLiteral("background_backscal"), r.backgroundBackscal);
  }
  return o;
}

}  // namespace

int runExtract(const QStringList& args) {
  const QString cmd = QStringLiteral("extract");
  QCommandLineParser parser;
  const QCommandLineOption events(
      QStringLiteral("events"),
      QStringLiteral("Event list (FITS); repeat, or list more files after the options."),
      QStringLiteral("EV.fits"));
  const QCommandLineOption index(QStringLiteral("index"),
                                 QStringLiteral("Observation index: extract from every indexed event list "
                                                "covering the source regions."),
                                 QStringLiteral("DB"));
  const QCommandLineOption cache(QStringLiteral("cache"),
                                 QStringLiteral("Download cache for remote archives (default $XSKY_CACHE_DIR "
                                                "or ~/.cache/xsky/downloads)."),
                                 QStringLiteral("DIR"));
  const QCommandLineOption region(
      QStringLiteral("region"),
      QStringLiteral("DS9 or CIAO region file: source regions, and background regions "
                     "(DS9 'background') unless --bkg-region is given."),
      QStringLiteral("R.reg"));
  const QCommandLineOption bkgRegion(
      QStringLiteral("bkg-region"),
      QStringLiteral("Background region file (all its regions are background)."),
      QStringLiteral("B.reg"));
  const QCommandLineOption energy(
      QStringLiteral("energy"),
      QStringLiteral(
          "Energy band LO:HI in keV for light curves and images; repeat for several "
          "bands (one light curve each, plus the hardness ratio of the last to the first)."),
      QStringLiteral("LO:HI"));
  const QCommandLineOption pattern(
      QStringLiteral("pattern"),
      QStringLiteral("Keep PATTERN (GRADE) <= MAX (default: pn 4, MOS 12, others none)."),
      QStringLiteral("MAX"));
  const QCommandLineOption flag(
      QStringLiteral("flag"),
      QStringLiteral("FLAG selection: #XMMEA_EP, #XMMEA_EM, '(FLAG & 0xMASK) == 0', 0xMASK or none "
                     "(default: the header's XMMEA_EP/EM)."),
      QStringLiteral("EXPR"));
  const QCommandLineOption time(QStringLiteral("time"),
                                QStringLiteral("Keep TIME in [START, STOP), s (mission time)."),
                                QStringLiteral("START:STOP"));
  const QCommandLineOption spectrum(QStringLiteral("spectrum"),
                                    QStringLiteral("Source spectrum to write (OGIP PHA)."),
                                    QStringLiteral("S.pha"));
  const QCommandLineOption lightcurve(QStringLiteral("lightcurve"),
                                      QStringLiteral("Light curve to write (OGIP)."),
                                      QStringLiteral("L.lc"));
  const QCommandLineOption bin(QStringLiteral("bin"), QStringLiteral("Light-curve time bin, s."),
                               QStringLiteral("SECONDS"));
  const QCommandLineOption image(
      QStringLiteral("image"),
      QStringLiteral("Image of the regions' neighbourhood to write (FITS)."),
      QStringLiteral("I.fits"));
  const QCommandLineOption outDir(
      QStringLiteral("out-dir"),
      QStringLiteral("Folder for the products (required with several event lists)."),
      QStringLiteral("DIR"));
  const QCommandLineOption rmf(
      QStringLiteral("rmf"),
      QStringLiteral("RESPFILE of the spectra (default: the demo archive's response, else none)."),
      QStringLiteral("FILE"));
  const QCommandLineOption arf(
      QStringLiteral("arf"),
      QStringLiteral("ANCRFILE of the spectra (default: the demo archive's, else none)."),
      QStringLiteral("FILE"));
  const QCommandLineOption json(QStringLiteral("json"),
                                QStringLiteral("Print one JSON document listing every product."));
  parser.addOptions({events, index, cache, region, bkgRegion, energy, pattern, flag, time, spectrum,
                     lightcurve, bin, image, outDir, rmf, arf, json});
  parser.addPositionalArgument(QStringLiteral("EV.fits"), QStringLiteral("More event lists."),
                               QStringLiteral("[EV.fits...]"));
  int code = kOk;
  if (!parseArgs(parser, args,
                 QStringLiteral("Extract spectra, light curves and images of source and background "
                                "regions from event lists."),
                 &code)) {
    return code;
  }
  QStringList lists = parser.values(events) + parser.positionalArguments().mid(1);
  if (parser.isSet(index) && !lists.isEmpty()) {
    return fail(cmd, QStringLiteral("give either --events or --index, not both"), kUsage);
  }
  if (!parser.isSet(index) && lists.isEmpty()) {
    return fail(cmd, QStringLiteral("--events EV.fits (or --index DB) is required"), kUsage);
  }
  if (!parser.isSet(region)) return fail(cmd, QStringLiteral("--region R.reg is required"), kUsage);

  products::ExtractionOptions base;
  for (const QString& e : parser.values(energy)) {
    double lo = 0, hi = 0;
    if (!parseRange(e, &lo, &hi))
      return fail(
          cmd, QStringLiteral("--energy expects LO:HI in keV with 0 <= LO < HI, not \"%1\"").arg(e),
          kUsage);
    base.bands.push_back({lo, hi});
  }
  if (parser.isSet(pattern)) {
    bool ok = false;
    const int p = parser.value(pattern).toInt(&ok);
    if (!ok || p < 0)
      return fail(cmd, QStringLiteral("--pattern expects a non-negative integer"), kUsage);
    base.filter.patternMax = p;
  }
  if (parser.isSet(flag)) base.filter.flag = parser.value(flag);
  if (parser.isSet(time)) {
    const QStringList parts = parser.value(time).split(QLatin1Char(':'));
    bool ok1 = false, ok2 = false;
    const double a = parts.value(0).toDouble(&ok1), b = parts.value(1).toDouble(&ok2);
    if (parts.size() != 2 || !ok1 || !ok2 || !(b > a))
      return fail(cmd, QStringLiteral("--time expects START:STOP with START < STOP"), kUsage);
    base.filter.timeMin = a;
    base.filter.timeMax = b;
  }
  if (parser.isSet(lightcurve)) {
    bool ok = false;
    base.lightCurveBinS = parser.value(bin).toDouble(&ok);
    if (!parser.isSet(bin) || !ok || !(base.lightCurveBinS > 0)) {
      return fail(cmd, QStringLiteral("--lightcurve needs --bin SECONDS > 0"), kUsage);
    }
  } else if (parser.isSet(bin)) {
    return fail(cmd, QStringLiteral("--bin is only meaningful with --lightcurve"), kUsage);
  }
  base.rmf = parser.value(rmf);
  base.arf = parser.value(arf);
  if (parser.isSet(index)) {
    try {
      lists = coveringEventLists(parser.value(index), parser.value(region),
                                 parser.isSet(cache) ? parser.value(cache) : archive::DownloadCache::defaultRoot());
    } catch (const Error& e) {
      return fail(cmd, e.message());
    }
    if (lists.isEmpty()) return fail(cmd, QStringLiteral("no indexed event list covers the source regions"));
    if (!parser.isSet(json)) std::printf("%lld indexed event list(s) cover the source regions\n", static_cast<long long>(lists.size()));
  }
  RegionSources sources;
  try {
    sources.regionText = regions::readTextFile(parser.value(region));
    if (parser.isSet(bkgRegion)) sources.backgroundRegionText = regions::readTextFile(parser.value(bkgRegion));
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
  const bool several = lists.size() > 1;
  if (several && !parser.isSet(outDir)) {
    return fail(
        cmd,
        QStringLiteral("several event lists need --out-dir DIR (one set of products per list)"),
        kUsage);
  }
  const QString dir = parser.isSet(outDir) ? parser.value(outDir) : QString();
  if (!dir.isEmpty() && !QDir().mkpath(dir))
    return fail(cmd, QStringLiteral("cannot create the folder %1").arg(dir));
  const bool anyProduct = parser.isSet(spectrum) || parser.isSet(lightcurve) || parser.isSet(image);

  QJsonArray done;
  QJsonArray errors;
  int failures = 0;
  for (const QString& path : lists) {
    QElapsedTimer clock;
    clock.start();
    try {
      const events::EventList ev = events::readEventList(path);
      const wcs::SkyWcs& sky = ev.sky();
      QStringList notes;
      const regions::RegionSet set = readRegions(sources, sky, &notes);
      for (const QString& n : notes) std::fprintf(stderr, "%s\n", qPrintable(n));
      if (set.source.empty())
        throw Error(parser.value(region) + QStringLiteral(": no source region"));
      products::ExtractionOptions o = base;
      // Where each product goes: the named file, or <obsid>_<camera>_<name> in --out-dir.
      const QString prefix =
          several ? QStringLiteral("%1_%2_").arg(ev.observationId.isEmpty()
                                                     ? QFileInfo(path).completeBaseName()
                                                     : ev.observationId,
                                                 ev.instrument.toLower())
                  : QString();
      auto place = [&](const QString& named) {
        if (named.isEmpty()) return QString();
        if (dir.isEmpty()) return QFileInfo(named).absoluteFilePath();
        return QFileInfo(QDir(dir).filePath(prefix + (several ? QFileInfo(named).fileName() : named))).absoluteFilePath();
      };
      o.spectrumPath = place(anyProduct ? parser.value(spectrum) : QStringLiteral("spectrum.pha"));
      o.lightCurvePath = place(parser.value(lightcurve));
      o.imagePath = place(parser.value(image));
      // The products' folder keeps the provenance record; the same request is answered from it.
      const QString folder = !dir.isEmpty() ? QFileInfo(dir).absoluteFilePath()
                             : QFileInfo(!o.spectrumPath.isEmpty() ? o.spectrumPath
                                         : !o.lightCurvePath.isEmpty() ? o.lightCurvePath : o.imagePath).absolutePath();
      const QJsonObject request = products::describeRequest(path, set, o, QCoreApplication::applicationVersion(), sources);
      const QString key = products::requestKey(request);
      o.provenance = products::provenanceHistory(request, key);
      bool fromCache = false;
      products::ExtractionResult r;
      if (const auto cached = products::cachedResult(folder, key)) {
        r = *cached;
        fromCache = true;
      } else {
        r = products::extract(ev, set, o);
        products::recordResult(folder, key, request, r);
      }
      for (const QString& w : r.warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w));
      const double seconds = clock.nsecsElapsed() * 1e-9;
      QJsonObject one = resultJson(r, seconds);
      one.insert(QStringLiteral("from_cache"), fromCache);
      one.insert(QStringLiteral("request_key"), key);
      done.append(one);
      if (!parser.isSet(json)) {
        std::printf("%s: %lld source events (%.6g s, BACKSCAL %.6g)", qPrintable(path),
                    r.sourceCounts, r.sourceExposureS, r.sourceBackscal);
        if (r.hasBackground)
          std::printf(", %lld background events (BACKSCAL %.6g)", r.backgroundCounts,
                      r.backgroundBackscal);
        std::printf(", net rate %.6g +- %.6g counts/s%s\n", r.netRate, r.netRateError,
                    fromCache ? " (from the cache: unchanged request)" : "");
        for (const products::ProductRecord& p : r.products) {
          std::printf("  %-19s %s%s\n", qPrintable(p.kind), qPrintable(p.path),
                      p.band.isEmpty() ? "" : qPrintable(QStringLiteral(" (%1)").arg(p.band)));
        }
      }
    } catch (const Error& e) {
      ++failures;
      errors.append(
          QJsonObject{{QStringLiteral("events"), path}, {QStringLiteral("error"), e.message()}});
      fail(cmd, e.message());
    }
  }
  if (parser.isSet(json)) {
    printJson(
        QJsonObject{{QStringLiteral("observations"), done}, {QStringLiteral("errors"), errors}});
  }
  return failures == 0 ? kOk : kFailed;
}

}  // namespace xsky::cli
