#include "archive/ArchiveListing.h"

#include <cmath>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrl>

#include "archive/DownloadCache.h"
#include "archive/ObservationDates.h"
#include "archive/ObservationIndex.h"
#include "fits/FitsError.h"
#include "moc/MocIo.h"
#include "moc/MocText.h"
#include "samp/UrlFetch.h"

namespace xsky::archive {
namespace {

const QString kFormat = QStringLiteral("xsky-archive-listing");
constexpr int kVersion = 1;

QString resolve(const QString& base, const QString& ref) {
  return QUrl(base).resolved(QUrl(ref)).toString(QUrl::FullyEncoded);
}

double number(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  return v.isDouble() ? v.toDouble() : std::nan("");
}

QString text(const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toString(); }

// One listing entry as an index row, or an error message (returned in *why) when it cannot be.
bool readEntry(const QJsonObject& o, const QString& listingUrl, const MocFetcher& fetchMoc,
               ObservationRecord* r, QString* why) {
  const QString url = text(o, "url");
  if (url.isEmpty()) {
    *why = QStringLiteral("no \"url\"");
    return false;
  }
  r->location = resolve(listingUrl, url);
  r->obsId = text(o, "obsid");
  r->mission = text(o, "mission");
  r->instrument = text(o, "instrument");
  r->filter = text(o, "filter");
  r->mode = text(o, "mode");
  r->target = text(o, "target");
  r->observer = text(o, "observer");
  r->raPointing = number(o, "ra_pnt");
  r->decPointing = number(o, "dec_pnt");
  r->dateStart = text(o, "date_obs");
  r->dateEnd = text(o, "date_end");
  r->mjdStart = number(o, "mjd_start");
  r->mjdEnd = number(o, "mjd_end");
  if (std::isnan(r->mjdStart)) r->mjdStart = mjdOfIsoDate(r->dateStart).value_or(std::nan(""));
  if (std::isnan(r->mjdEnd)) r->mjdEnd = mjdOfIsoDate(r->dateEnd).value_or(std::nan(""));
  const double exposure = number(o, "exposure");
  r->exposure = std::isnan(exposure) ? 0.0 : exposure;
  r->kind = text(o, "kind") == QLatin1String("image") ? ObservationFileKind::Image : ObservationFileKind::EventList;
  const double size = number(o, "size");
  // Out-of-range numbers are unknown (converting them to an integer is undefined behaviour).
  r->fileSize = size >= 0 && size < 9.0e18 ? static_cast<long long>(size) : 0;
  r->checksum = text(o, "checksum");
  if (!r->checksum.isEmpty() && !r->checksum.startsWith(QLatin1String("sha256:"))) {
    *why = QStringLiteral("checksum \"%1\" is not sha256:<hex>").arg(r->checksum);
    return false;
  }
  try {
    if (o.contains(QLatin1String("moc"))) {
      r->footprint = moc::spaceMocFromAscii(text(o, "moc"));
    } else if (o.contains(QLatin1String("moc_url"))) {
      if (!fetchMoc) throw Error(QStringLiteral("MOC URLs cannot be followed here"));
      r->footprint = fetchMoc(resolve(listingUrl, text(o, "moc_url")));
    } else {
      *why = QStringLiteral("no footprint (\"moc\" or \"moc_url\")");
      return false;
    }
  } catch (const Error& e) {
    *why = QStringLiteral("footprint: %1").arg(e.message());
    return false;
  }
  const double order = number(o, "moc_order");
  r->footprintOrder = order >= 0 && order <= moc::kMaxSpaceOrder ? static_cast<int>(order) : r->footprint.order();
  if (r->footprint.empty()) {
    *why = QStringLiteral("empty footprint");
    return false;
  }
  return true;
}

}  // namespace

ListingEntries parseArchiveListing(const QByteArray& json, const QString& listingUrl, const MocFetcher& fetchMoc) {
  QJsonParseError parseError{};
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
  if (doc.isNull()) {
    throw Error(QStringLiteral("%1: not an archive listing: JSON error at byte %2: %3")
                    .arg(listingUrl).arg(parseError.offset).arg(parseError.errorString()));
  }
  const QJsonObject top = doc.object();
  if (top.value(QLatin1String("format")).toString() != kFormat) {
    throw Error(QStringLiteral("%1: not an XSky archive listing (\"format\" is not \"%2\")").arg(listingUrl, kFormat));
  }
  const int version = top.value(QLatin1String("version")).toInt(0);
  if (version < 1 || version > kVersion) {
    throw Error(QStringLiteral("%1: listing version %2 is not supported (this XSky reads version %3)")
                    .arg(listingUrl).arg(version).arg(kVersion));
  }
  const QJsonValue list = top.value(QLatin1String("observations"));
  if (!list.isArray()) throw Error(QStringLiteral("%1: the listing has no \"observations\" array").arg(listingUrl));
  ListingEntries out;
  const QJsonArray entries = list.toArray();
  for (qsizetype i = 0; i < entries.size(); ++i) {
    ObservationRecord r;
    QString why;
    if (!entries[i].isObject()) {
      why = QStringLiteral("not a JSON object");
    } else if (readEntry(entries[i].toObject(), listingUrl, fetchMoc, &r, &why)) {
      out.records.push_back(std::move(r));
      continue;
    }
    const QString url = entries[i].toObject().value(QLatin1String("url")).toString();
    out.warnings << QStringLiteral("entry %1%2 skipped: %3")
                        .arg(i + 1)
                        .arg(url.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(url), why);
  }
  return out;
}

QByteArray writeArchiveListing(const std::vector<ObservationRecord>& records, const QString& baseDir) {
  const QDir base(baseDir);
  const QString prefix = baseDir.isEmpty() ? QString() : QDir::cleanPath(base.absolutePath()) + QLatin1Char('/');
  QJsonArray list;
  for (const ObservationRecord& r : records) {
    QString url = r.location;
    if (!prefix.isEmpty() && url.startsWith(prefix)) {
      // Relative references are URL paths: percent-encode what a path may not hold verbatim.
      url = QString::fromUtf8(QUrl::toPercentEncoding(url.mid(prefix.size()), "/"));
    } else if (!isRemoteLocation(url) && QFileInfo(url).isAbsolute()) {
      url = QUrl::fromLocalFile(url).toString(QUrl::FullyEncoded);
    }
    QJsonObject o{{QStringLiteral("url"), url},
                  {QStringLiteral("obsid"), r.obsId},
                  {QStringLiteral("mission"), r.mission},
                  {QStringLiteral("instrument"), r.instrument},
                  {QStringLiteral("filter"), r.filter},
                  {QStringLiteral("mode"), r.mode},
                  {QStringLiteral("target"), r.target},
                  {QStringLiteral("observer"), r.observer},
                  {QStringLiteral("date_obs"), r.dateStart},
                  {QStringLiteral("date_end"), r.dateEnd},
                  {QStringLiteral("exposure"), r.exposure},
                  {QStringLiteral("kind"), r.kind == ObservationFileKind::Image ? QStringLiteral("image")
                                                                                 : QStringLiteral("events")},
                  {QStringLiteral("moc_order"), r.footprintOrder},
                  {QStringLiteral("moc"), moc::toAscii(r.footprint)}};
    if (!std::isnan(r.raPointing)) o[QStringLiteral("ra_pnt")] = r.raPointing;
    if (!std::isnan(r.decPointing)) o[QStringLiteral("dec_pnt")] = r.decPointing;
    if (!std::isnan(r.mjdStart)) o[QStringLiteral("mjd_start")] = r.mjdStart;
    if (!std::isnan(r.mjdEnd)) o[QStringLiteral("mjd_end")] = r.mjdEnd;
    if (r.fileSize > 0) o[QStringLiteral("size")] = static_cast<double>(r.fileSize);
    if (!r.checksum.isEmpty()) o[QStringLiteral("checksum")] = r.checksum;
    list.append(o);
  }
  const QJsonObject top{{QStringLiteral("format"), kFormat},
                        {QStringLiteral("version"), kVersion},
                        {QStringLiteral("observations"), list}};
  return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

ListingImportReport importArchiveListing(ObservationIndex& index, const QString& url, const ProgressFn& progress,
                                         int timeoutMs) {
  reportProgress(progress, 0.0, QStringLiteral("Reading the archive listing %1").arg(url));
  QByteArray json;
  QString error;
  if (!samp::fetchUrl(url, &json, &error, 1LL << 30, timeoutMs)) {
    throw Error(QStringLiteral("cannot read the archive listing: %1").arg(error));
  }
  QTemporaryDir scratch;
  int mocsRead = 0;
  const MocFetcher fetchMoc = [&](const QString& mocUrl) {
    QByteArray bytes;
    QString why;
    if (!samp::fetchUrl(mocUrl, &bytes, &why, 256LL << 20, timeoutMs)) throw Error(why);
    const QString path = scratch.path() + QStringLiteral("/moc%1.fits").arg(++mocsRead);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
      throw Error(QStringLiteral("cannot write a temporary file in %1").arg(scratch.path()));
    }
    file.close();
    reportProgress(progress, 0.5, QStringLiteral("Read %1 footprints").arg(mocsRead));
    return moc::readSpaceMocFits(path);
  };
  ListingEntries entries = parseArchiveListing(json, url, fetchMoc);
  reportProgress(progress, 0.9, QStringLiteral("Storing %1 observations").arg(entries.records.size()));
  ListingImportReport report;
  report.warnings = entries.warnings;
  for (const ObservationRecord& r : entries.records) {
    (index.findByLocation(r.location) ? report.replaced : report.added) += 1;
  }
  index.store(entries.records);
  reportProgress(progress, 1.0, QStringLiteral("Imported %1 observations").arg(entries.records.size()));
  return report;
}

}  // namespace xsky::archive
