#include "products/ProductCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QHash>
#include <QMutex>

#include <cstring>

#include "archive/FileChecksum.h"
#include "fits/FitsError.h"
#include "fits/FitsFile.h"
#include "regions/Ds9RegionWriter.h"
#include "regions/RegionFileIo.h"

namespace xsky::products {

namespace {

QJsonValue optionalNumber(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(); }
QJsonValue optionalInt(const std::optional<int>& v) { return v ? QJsonValue(*v) : QJsonValue(); }

QString recordPath(const QString& folder, const QString& key) {
  return QDir(folder).filePath(QStringLiteral("provenance/%1.json").arg(key));
}

std::optional<double> jsonNumber(const QJsonValue& v) {
  return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}
std::optional<int> jsonInt(const QJsonValue& v) {
  return v.isDouble() ? std::optional<int>(v.toInt()) : std::nullopt;
}

constexpr const char* kKeyLine = "XSky extraction request ";

}  // namespace

QString provenanceRecordPath(const QString& folder, const QString& key) { return recordPath(folder, key); }

QString eventsChecksum(const QString& eventsPath) {
  static QMutex mutex;
  static QHash<QString, QString> known;
  const QFileInfo info(eventsPath);
  const QString stamp = QStringLiteral("%1|%2|%3")
                            .arg(info.absoluteFilePath())
                            .arg(info.size())
                            .arg(info.lastModified().toMSecsSinceEpoch());
  {
    QMutexLocker lock(&mutex);
    const auto it = known.constFind(stamp);
    if (it != known.constEnd()) return *it;
  }
  const QString sum = archive::fileChecksum(eventsPath);
  QMutexLocker lock(&mutex);
  known.insert(stamp, sum);
  return sum;
}

QJsonObject describeRequest(const QString& eventsPath, const regions::RegionSet& set, const ExtractionOptions& o,
                            const QString& xskyVersion, const RegionSources& sources) {
  const QFileInfo file(eventsPath);
  std::vector<regions::Region> all;
  for (const auto* part : {&set.source, &set.background, &set.sourceExclusions, &set.backgroundExclusions}) {
    all.insert(all.end(), part->begin(), part->end());
  }
  regions::Ds9WriteOptions ds9;
  ds9.system = regions::CoordSystem::Icrs;
  QJsonArray bands;
  for (const EnergyBand& b : o.bands) bands.append(QJsonArray{b.minKeV, b.maxKeV});
  QJsonObject request{
      {QStringLiteral("xsky_version"), xskyVersion},
      {QStringLiteral("events"), QJsonObject{{QStringLiteral("path"), file.absoluteFilePath()},
                                             {QStringLiteral("size"), file.size()},
                                             {QStringLiteral("sha256"), eventsChecksum(eventsPath)}}},
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
  if (!sources.regionText.isEmpty()) {
    request.insert(QStringLiteral("region_file_text"), sources.regionText);
    request.insert(QStringLiteral("bkg_region_file_text"), sources.backgroundRegionText);
  }
  return request;
}

ExtractionOptions optionsFromRequest(const QJsonObject& request) {
  ExtractionOptions o;
  const QJsonObject f = request[QStringLiteral("filter")].toObject();
  o.filter.energyMinKeV = jsonNumber(f[QStringLiteral("energy_min_kev")]);
  o.filter.energyMaxKeV = jsonNumber(f[QStringLiteral("energy_max_kev")]);
  o.filter.piMin = jsonInt(f[QStringLiteral("pi_min")]);
  o.filter.piMax = jsonInt(f[QStringLiteral("pi_max")]);
  o.filter.patternMax = jsonInt(f[QStringLiteral("pattern_max")]);
  o.filter.noPatternCut = f[QStringLiteral("no_pattern_cut")].toBool();
  o.filter.flag = f[QStringLiteral("flag")].toString();
  o.filter.useGtis = f[QStringLiteral("use_gtis")].toBool(true);
  o.filter.timeMin = jsonNumber(f[QStringLiteral("time_min")]);
  o.filter.timeMax = jsonNumber(f[QStringLiteral("time_max")]);
  for (const QJsonValue& b : request[QStringLiteral("bands_kev")].toArray()) {
    o.bands.push_back({b.toArray().at(0).toDouble(), b.toArray().at(1).toDouble()});
  }
  o.spectrumPath = request[QStringLiteral("spectrum")].toString();
  o.lightCurvePath = request[QStringLiteral("lightcurve")].toString();
  o.lightCurveBinS = request[QStringLiteral("lightcurve_bin_s")].toDouble();
  o.imagePath = request[QStringLiteral("image")].toString();
  o.rmf = request[QStringLiteral("rmf")].toString();
  o.arf = request[QStringLiteral("arf")].toString();
  return o;
}

QStringList provenanceHistory(const QJsonObject& request, const QString& key) {
  QStringList lines;
  lines << QString::fromLatin1(kKeyLine) + key;
  lines << QStringLiteral("XSky version %1; record provenance/%2.json beside the products")
               .arg(request[QStringLiteral("xsky_version")].toString(), key.left(16) + QStringLiteral("..."));
  lines << QStringLiteral("events sha256 %1").arg(request[QStringLiteral("events")].toObject()[QStringLiteral("sha256")].toString().mid(7));
  QStringList params;
  const QJsonObject f = request[QStringLiteral("filter")].toObject();
  for (auto it = f.begin(); it != f.end(); ++it) {
    if (it.value().isNull() || (it.value().isString() && it.value().toString().isEmpty())) continue;
    params << it.key() + QLatin1Char('=') + it.value().toVariant().toString();
  }
  QStringList bands;
  for (const QJsonValue& b : request[QStringLiteral("bands_kev")].toArray()) {
    bands << QStringLiteral("%1-%2").arg(b.toArray().at(0).toDouble()).arg(b.toArray().at(1).toDouble());
  }
  if (!bands.isEmpty()) params << QStringLiteral("bands_kev=") + bands.join(QLatin1Char(','));
  if (request[QStringLiteral("lightcurve_bin_s")].toDouble() > 0) {
    params << QStringLiteral("lightcurve_bin_s=%1").arg(request[QStringLiteral("lightcurve_bin_s")].toDouble());
  }
  lines << QStringLiteral("parameters: ") + params.join(QLatin1Char(' '));
  for (const QString& r : request[QStringLiteral("regions_ds9")].toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
    if (r.startsWith(QLatin1Char('#'))) continue;
    lines << QStringLiteral("region: ") + r;
  }
  return lines;
}

QString requestKeyOfProduct(const QString& productPath) {
  fits::FitsFile file = fits::FitsFile::open(productPath);
  for (int hdu = 1; hdu <= std::min(file.hduCount(), 2); ++hdu) {
    file.moveTo(hdu);
    int n = 0;
    const QByteArray cards = file.headerCards(&n);
    // HISTORY text longer than a card (72 characters) continues on the next HISTORY card.
    QStringList history;
    for (int i = 0; i < n; ++i) {
      const QByteArray card = cards.mid(qsizetype(i) * 80, 80);
      if (card.startsWith("HISTORY ")) history << QString::fromLatin1(card.mid(8));
    }
    for (qsizetype i = 0; i < history.size(); ++i) {
      if (!history[i].startsWith(QLatin1String(kKeyLine))) continue;
      QString key = history[i].mid(qsizetype(std::strlen(kKeyLine))).trimmed();
      if (key.size() < 64 && i + 1 < history.size()) key += history[i + 1].trimmed();
      return key.left(64);
    }
  }
  return {};
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
                     {QStringLiteral("product_date"), r.productDate},
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
  r.productDate = j[QStringLiteral("product_date")].toString();
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
