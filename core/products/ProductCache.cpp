#include "products/ProductCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "fits/FitsError.h"
#include "regions/Ds9RegionWriter.h"
#include "regions/RegionFileIo.h"

namespace xsky::products {

namespace {

QJsonValue optionalNumber(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(); }
QJsonValue optionalInt(const std::optional<int>& v) { return v ? QJsonValue(*v) : QJsonValue(); }

QString recordPath(const QString& folder, const QString& key) {
  return QDir(folder).filePath(QStringLiteral("provenance/%1.json").arg(key));
}

}  // namespace

QJsonObject describeRequest(const QString& eventsPath, const regions::RegionSet& set, const ExtractionOptions& o,
                            const QString& xskyVersion) {
  const QFileInfo file(eventsPath);
  std::vector<regions::Region> all;
  for (const auto* part : {&set.source, &set.background, &set.sourceExclusions, &set.backgroundExclusions}) {
    all.insert(all.end(), part->begin(), part->end());
  }
  regions::Ds9WriteOptions ds9;
  ds9.system = regions::CoordSystem::Icrs;
  QJsonArray bands;
  for (const EnergyBand& b : o.bands) bands.append(QJsonArray{b.minKeV, b.maxKeV});
  return QJsonObject{
      {QStringLiteral("xsky_version"), xskyVersion},
      {QStringLiteral("events"), QJsonObject{{QStringLiteral("path"), file.absoluteFilePath()},
                                             {QStringLiteral("size"), file.size()},
                                             {QStringLiteral("mtime_ms"), file.lastModified().toMSecsSinceEpoch()}}},
      {QStringLiteral("regions_ds9"), regions::Ds9RegionWriter(ds9).toText(all)},
      {QStringLiteral("background_excludes_source"), set.backgroundExcludesSource},
      {QStringLiteral("filter"),
       QJsonObject{{QStringLiteral("energy_min_kev"), optionalNumber(o.filter.energyMinKeV)},
                   {QStringLiteral("energy_max_kev"), optionalNumber(o.filter.energyMaxKeV)},
                   {QStringLiteral("pi_min"), optionalInt(o.filter.piMin)},
                   {QStringLiteral("pi_max"), optionalInt(o.filter.piMax)},
                   {QStringLiteral("pattern_max"), optionalInt(o.filter.patternMax)},
                   {QStringLiteral("no_pattern_cut"), o.filter.noPatternCut},
                   {QStringLiteral("flag"), o.filter.flag},
                   {QStringLiteral("use_gtis"), o.filter.useGtis},
                   {QStringLiteral("time_min"), optionalNumber(o.filter.timeMin)},
                   {QStringLiteral("time_max"), optionalNumber(o.filter.timeMax)}}},
      {QStringLiteral("bands_kev"), bands},
      {QStringLiteral("spectrum"), o.spectrumPath},
      {QStringLiteral("lightcurve"), o.lightCurvePath},
      {QStringLiteral("lightcurve_bin_s"), o.lightCurveBinS},
      {QStringLiteral("image"), o.imagePath},
      {QStringLiteral("rmf"), o.rmf},
      {QStringLiteral("arf"), o.arf},
  };
}

QString requestKey(const QJsonObject& request) {
  return QString::fromLatin1(
      QCryptographicHash::hash(QJsonDocument(request).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex());
}

QJsonObject resultToJson(const ExtractionResult& r) {
  QJsonArray products;
  for (const ProductRecord& p : r.products) {
    products.append(QJsonObject{{QStringLiteral("kind"), p.kind},
                                {QStringLiteral("path"), p.path},
                                {QStringLiteral("band"), p.band},
                                {QStringLiteral("counts"), p.counts},
                                {QStringLiteral("exposure_s"), p.exposureS},
                                {QStringLiteral("backscal"), p.backscal},
                                {QStringLiteral("size"), QFileInfo(p.path).size()}});
  }
  return QJsonObject{{QStringLiteral("events"), r.eventsPath},
                     {QStringLiteral("obs_id"), r.obsId},
                     {QStringLiteral("instrument"), r.instrument},
                     {QStringLiteral("camera"), r.cameraKey},
                     {QStringLiteral("source_counts"), r.sourceCounts},
                     {QStringLiteral("background_counts"), r.backgroundCounts},
                     {QStringLiteral("source_backscal"), r.sourceBackscal},
                     {QStringLiteral("background_backscal"), r.backgroundBackscal},
                     {QStringLiteral("source_exposure_s"), r.sourceExposureS},
                     {QStringLiteral("background_exposure_s"), r.backgroundExposureS},
                     {QStringLiteral("has_background"), r.hasBackground},
                     {QStringLiteral("net_counts"), r.netCounts},
                     {QStringLiteral("net_rate"), r.netRate},
                     {QStringLiteral("net_rate_error"), r.netRateError},
                     {QStringLiteral("products"), products},
                     {QStringLiteral("filters"), QJsonArray::fromStringList(r.filters)},
                     {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}};
}

ExtractionResult resultFromJson(const QJsonObject& j) {
  ExtractionResult r;
  r.eventsPath = j[QStringLiteral("events")].toString();
  r.obsId = j[QStringLiteral("obs_id")].toString();
  r.instrument = j[QStringLiteral("instrument")].toString();
  r.cameraKey = j[QStringLiteral("camera")].toString();
  r.sourceCounts = j[QStringLiteral("source_counts")].toInteger();
  r.backgroundCounts = j[QStringLiteral("background_counts")].toInteger();
  r.sourceBackscal = j[QStringLiteral("source_backscal")].toDouble();
  r.backgroundBackscal = j[QStringLiteral("background_backscal")].toDouble();
  r.sourceExposureS = j[QStringLiteral("source_exposure_s")].toDouble();
  r.backgroundExposureS = j[QStringLiteral("background_exposure_s")].toDouble();
  r.hasBackground = j[QStringLiteral("has_background")].toBool();
  r.netCounts = j[QStringLiteral("net_counts")].toDouble();
  r.netRate = j[QStringLiteral("net_rate")].toDouble();
  r.netRateError = j[QStringLiteral("net_rate_error")].toDouble();
  for (const QJsonValue& v : j[QStringLiteral("products")].toArray()) {
    const QJsonObject p = v.toObject();
    r.products.push_back({p[QStringLiteral("kind")].toString(), p[QStringLiteral("path")].toString(),
                          p[QStringLiteral("band")].toString(), p[QStringLiteral("counts")].toInteger(),
                          p[QStringLiteral("exposure_s")].toDouble(), p[QStringLiteral("backscal")].toDouble()});
  }
  for (const QJsonValue& v : j[QStringLiteral("filters")].toArray()) r.filters << v.toString();
  for (const QJsonValue& v : j[QStringLiteral("warnings")].toArray()) r.warnings << v.toString();
  return r;
}

std::optional<ExtractionResult> cachedResult(const QString& folder, const QString& key) {
  QFile f(recordPath(folder, key));
  if (!f.open(QIODevice::ReadOnly)) return std::nullopt;
  const QJsonObject record = QJsonDocument::fromJson(f.readAll()).object();
  const QJsonObject result = record[QStringLiteral("result")].toObject();
  if (result.isEmpty()) return std::nullopt;
  for (const QJsonValue& v : result[QStringLiteral("products")].toArray()) {
    const QJsonObject p = v.toObject();
    const QFileInfo file(p[QStringLiteral("path")].toString());
    if (!file.exists() || file.size() != p[QStringLiteral("size")].toInteger()) return std::nullopt;
  }
  return resultFromJson(result);
}

void recordResult(const QString& folder, const QString& key, const QJsonObject& request, const ExtractionResult& result) {
  QDir().mkpath(QDir(folder).filePath(QStringLiteral("provenance")));
  const QJsonObject record{{QStringLiteral("key"), key}, {QStringLiteral("request"), request},
                           {QStringLiteral("result"), resultToJson(result)}};
  regions::writeTextFileAtomically(recordPath(folder, key), QString::fromUtf8(QJsonDocument(record).toJson()));
}

}  // namespace xsky::products
