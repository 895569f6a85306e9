// Remote archives in the observation index:
//   xsky-cli index import --index DB [--json] URL
//     Adds every observation of an archive listing (core/archive/ArchiveListing.h) published at
//     URL (http(s):// or file://) to the index, locations as URLs. Nothing is downloaded but the
//     listing and the MOCs it names. Exit 1 when the listing cannot be fetched or read.
//   xsky-cli index export --index DB [--relative-to DIR] -o LISTING.json
//     Writes the index as an archive listing; locations under DIR are written relative to it, so
//     DIR with LISTING.json inside can be served by any HTTP server and imported elsewhere.
//   xsky-cli index fetch --index DB [--cache DIR] [--max-mb N] [--json] OBSID|LOCATION...
//     The local files of the named observations (every camera of an OBSID): remote ones are
//     downloaded into the cache (core/archive/DownloadCache.h; resumes broken transfers, checks
//     the listing's size and checksum); prints one "<local path>  <location>" line each.
//     Exit 1 when any could not be fetched (the others are still fetched).

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QUrl>

#include <unistd.h>

#include <cstdio>
#include <memory>

#include "archive/ArchiveListing.h"
#include "archive/DownloadCache.h"
#include "archive/ObservationIndex.h"
#include "cli/CliCommon.h"
#include "fits/FitsError.h"

namespace xsky::cli {

using namespace xsky::archive;

namespace {

// Progress on stderr, rewritten in place on a terminal, at most a few times a second.
ProgressFn terminalProgress() {
  if (!::isatty(2)) return {};
  auto last = std::make_shared<qint64>(0);
  return [last](double fraction, const QString& stage) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - *last < 200 && fraction < 1.0) return true;
    *last = now;
    std::fprintf(stderr, "\r%3d%% %-70s", int(fraction * 100), qPrintable(stage.left(70)));
    std::fflush(stderr);
    return true;
  };
}

void endProgressLine() {
  if (::isatty(2)) std::fputs("\n", stderr);
}

}  // namespace

int runIndexImport(const QStringList& args) {
  const QString cmd = QStringLiteral("index import");
  QCommandLineParser parser;
  const QCommandLineOption index(QStringLiteral("index"), QStringLiteral("The index database (created when absent)."),
                                 QStringLiteral("DB"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({index, json});
  parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("The archive listing (http(s):// or file://)."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Import a remote archive's listing into the observation index."), &code)) {
    return code;
  }
  if (!parser.isSet(index)) return fail(cmd, QStringLiteral("--index DB is required"), kUsage);
  const QStringList urls = parser.positionalArguments().mid(1);
  if (urls.size() != 1) return fail(cmd, QStringLiteral("expected one listing URL"), kUsage);
  QString url = urls[0];
  if (!url.contains(QLatin1String("://"))) url = QUrl::fromLocalFile(QFileInfo(url).absoluteFilePath()).toString();
  try {
    ObservationIndex db(parser.value(index));
    const ListingImportReport report = importArchiveListing(db, url, terminalProgress());
    endProgressLine();
    if (parser.isSet(json)) {
      printJson(QJsonObject{{QStringLiteral("index"), db.path()},
                            {QStringLiteral("listing"), url},
                            {QStringLiteral("added"), report.added},
                            {QStringLiteral("replaced"), report.replaced},
                            {QStringLiteral("warnings"), QJsonArray::fromStringList(report.warnings)},
                            {QStringLiteral("rows"), static_cast<double>(db.count())}});
    } else {
      for (const QString& w : report.warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w));
      std::printf("%d added, %d replaced from %s; %lld rows in %s\n", report.added, report.replaced, qPrintable(url),
                  db.count(), qPrintable(db.path()));
    }
    if (report.added + report.replaced == 0) return fail(cmd, QStringLiteral("the listing holds no usable observation"));
  } catch (const Error& e) {
    endProgressLine();
    return fail(cmd, e.message());
  }
  return kOk;
}

int runIndexExport(const QStringList& args) {
  const QString cmd = QStringLiteral("index export");
  QCommandLineParser parser;
  const QCommandLineOption index(QStringLiteral("index"), QStringLiteral("The index database."), QStringLiteral("DB"));
  const QCommandLineOption relative(QStringLiteral("relative-to"),
                                    QStringLiteral("Write locations under DIR relative to it (default: the listing's folder)."),
                                    QStringLiteral("DIR"));
  const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("The listing to write."),
                                  QStringLiteral("LISTING.json"));
  parser.addOptions({index, relative, output});
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Write the observation index as an archive listing."), &code)) return code;
  if (!parser.isSet(index)) return fail(cmd, QStringLiteral("--index DB is required"), kUsage);
  if (!parser.isSet(output)) return fail(cmd, QStringLiteral("-o LISTING.json is required"), kUsage);
  const QString out = parser.value(output);
  const QString base = parser.isSet(relative) ? parser.value(relative) : QFileInfo(out).absolutePath();
  try {
    if (!QFileInfo::exists(parser.value(index))) throw Error(parser.value(index) + QStringLiteral(": no such index"));
    ObservationIndex db(parser.value(index), IndexOpenOptions{true});
    const std::vector<ObservationRecord> records = db.records(true);
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(writeArchiveListing(records, base)) < 0 || !file.commit()) {
      throw Error(QStringLiteral("%1: cannot write: %2").arg(out, file.errorString()));
    }
    std::printf("%zu observations written to %s\n", records.size(), qPrintable(out));
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
  return kOk;
}

int runIndexFetch(const QStringList& args) {
  const QString cmd = QStringLiteral("index fetch");
  QCommandLineParser parser;
  const QCommandLineOption index(QStringLiteral("index"), QStringLiteral("The index database."), QStringLiteral("DB"));
  const QCommandLineOption cache(QStringLiteral("cache"),
                                 QStringLiteral("Download cache folder (default $XSKY_CACHE_DIR or ~/.cache/xsky/downloads)."),
                                 QStringLiteral("DIR"));
  const QCommandLineOption maxMb(QStringLiteral("max-mb"), QStringLiteral("Refuse files larger than N MB (default 8192)."),
                                 QStringLiteral("N"), QStringLiteral("8192"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({index, cache, maxMb, json});
  parser.addPositionalArgument(QStringLiteral("OBSID|LOCATION"), QStringLiteral("Observations to fetch."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Download indexed observations into the local cache."), &code)) return code;
  if (!parser.isSet(index)) return fail(cmd, QStringLiteral("--index DB is required"), kUsage);
  const QStringList wanted = parser.positionalArguments().mid(1);
  if (wanted.isEmpty()) return fail(cmd, QStringLiteral("expected at least one OBSID or LOCATION"), kUsage);
  bool ok = false;
  const double limitMb = parser.value(maxMb).toDouble(&ok);
  if (!ok || limitMb <= 0) return fail(cmd, QStringLiteral("--max-mb expects a positive number"), kUsage);
  const DownloadCache downloads(parser.isSet(cache) ? parser.value(cache) : DownloadCache::defaultRoot());
  int failures = 0;
  QJsonArray files;
  try {
    if (!QFileInfo::exists(parser.value(index))) throw Error(parser.value(index) + QStringLiteral(": no such index"));
    ObservationIndex db(parser.value(index), IndexOpenOptions{true});
    const std::vector<ObservationRecord> all = db.records(false);
    for (const QString& w : wanted) {
      std::vector<const ObservationRecord*> rows;
      for (const ObservationRecord& r : all) {
        if (r.location == w || r.obsId == w) rows.push_back(&r);
      }
      if (rows.empty()) {
        ++failures;
        std::fprintf(stderr, "xsky-cli index fetch: error: %s: not in the index\n", qPrintable(w));
        files.append(QJsonObject{{QStringLiteral("request"), w}, {QStringLiteral("error"), QStringLiteral("not in the index")}});
        continue;
      }
      for (const ObservationRecord* r : rows) {
        DownloadRequest request;
        request.url = r->location;
        request.expectedChecksum = r->checksum;
        request.expectedSize = r->fileSize > 0 && isRemoteLocation(r->location) ? r->fileSize : -1;
        request.maxBytes = static_cast<long long>(limitMb * 1e6);
        QJsonObject o{{QStringLiteral("request"), w}, {QStringLiteral("location"), r->location},
                      {QStringLiteral("obsid"), r->obsId}, {QStringLiteral("instrument"), r->instrument}};
        try {
          const DownloadResult got = downloads.fetch(request, terminalProgress());
          endProgressLine();
          o[QStringLiteral("path")] = got.path;
          o[QStringLiteral("from_cache")] = got.fromCache;
          o[QStringLiteral("resumed")] = got.resumed;
          o[QStringLiteral("bytes_transferred")] = static_cast<double>(got.bytesTransferred);
          if (!parser.isSet(json)) std::printf("%s  %s\n", qPrintable(got.path), qPrintable(r->location));
        } catch (const Error& e) {
          endProgressLine();
          ++failures;
          o[QStringLiteral("error")] = e.message();
          std::fprintf(stderr, "xsky-cli index fetch: error: %s\n", qPrintable(e.message()));
        }
        files.append(o);
      }
    }
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
  if (parser.isSet(json)) {
    printJson(QJsonObject{{QStringLiteral("cache"), downloads.root()}, {QStringLiteral("files"), files},
                          {QStringLiteral("failed"), failures}});
  }
  return failures == 0 ? kOk : kFailed;
}

}  // namespace xsky::cli
