// xsky-cli index add --index DB [--order N] [--json] FILE|DIR...
//   Adds event lists and sky images to the observation index (an SQLite file, created when
//   absent): one row per observation and camera with its footprint MOC at order N (default 14).
//   Folders are scanned recursively for FITS files. Files already indexed and unchanged (same
//   size and time, or same SHA-256) are not read again. A file that cannot be read is listed as
//   skipped with its reason and the scan goes on. Exit 0 when the scan ran (even with skips) and
//   something was indexed or already present; 1 when the index cannot be opened (locked, corrupt:
//   it is left unchanged) or every file was skipped; 2 on bad usage.

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

#include "archive/ObservationIndex.h"
#include "archive/ObservationScanner.h"
#include "cli/CliCommon.h"
#include "fits/FitsError.h"

namespace xsky::cli {

namespace {

using namespace xsky::archive;

void indexUsage(std::FILE* to) {
  std::fputs("usage: xsky-cli index add --index DB [--order N] [--json] FILE|DIR...\n"
             "         add event lists and images to the observation index\n"
             "       xsky-cli index import --index DB [--json] URL\n"
             "         add a remote archive's listing (its files stay remote until fetched)\n"
             "       xsky-cli index export --index DB [--relative-to DIR] -o LISTING.json\n"
             "         publish the index as an archive listing\n"
             "       xsky-cli index fetch --index DB [--cache DIR] [--max-mb N] [--json] OBSID|LOCATION...\n"
             "         download indexed remote files into the local cache\n"
             "  (xsky-cli index SUBCOMMAND --help for each)\n",
             to);
}

QJsonObject fileJson(const ScannedFile& f) {
  QJsonObject o{{QStringLiteral("path"), f.path}, {QStringLiteral("status"), statusName(f.status)}};
  if (!f.reason.isEmpty()) o[QStringLiteral("reason")] = f.reason;
  if (f.status != ScannedFile::Status::Skipped) {
    o[QStringLiteral("id")] = static_cast<double>(f.id);
    o[QStringLiteral("obsid")] = f.obsId;
    o[QStringLiteral("instrument")] = f.instrument;
  }
  return o;
}

int runAdd(const QStringList& args) {
  const QString cmd = QStringLiteral("index add");
  QCommandLineParser parser;
  const QCommandLineOption index(QStringLiteral("index"), QStringLiteral("The index database (created when absent)."),
                                 QStringLiteral("DB"));
  const QCommandLineOption order(QStringLiteral("order"),
                                 QStringLiteral("HEALPix order of the footprints (default 14: 12.9 arcsec cells)."),
                                 QStringLiteral("N"), QString::number(kDefaultFootprintOrder));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({index, order, json});
  parser.addPositionalArgument(QStringLiteral("FILE|DIR"), QStringLiteral("Event lists, images or folders of them."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Add event lists and images to the observation index."), &code)) {
    return code;
  }
  if (!parser.isSet(index)) return fail(cmd, QStringLiteral("--index DB is required"), kUsage);
  const QStringList inputs = parser.positionalArguments().mid(1);
  if (inputs.isEmpty()) return fail(cmd, QStringLiteral("expected at least one FILE or DIR"), kUsage);
  ScanOptions options;
  bool ok = false;
  options.footprintOrder = parser.value(order).toInt(&ok);
  if (!ok || options.footprintOrder < 0 || options.footprintOrder > 29) {
    return fail(cmd, QStringLiteral("--order expects an integer in 0..29"), kUsage);
  }
  try {
    ObservationIndex db(parser.value(index));
    const ScanReport report = indexFiles(db, inputs, options);
    const int skipped = report.count(ScannedFile::Status::Skipped);
    if (parser.isSet(json)) {
      QJsonArray files;
      for (const ScannedFile& f : report.files) files.append(fileJson(f));
      printJson(QJsonObject{{QStringLiteral("index"), db.path()},
                            {QStringLiteral("order"), options.footprintOrder},
                            {QStringLiteral("files"), files},
                            {QStringLiteral("added"), report.count(ScannedFile::Status::Added)},
                            {QStringLiteral("updated"), report.count(ScannedFile::Status::Updated)},
                            {QStringLiteral("unchanged"), report.count(ScannedFile::Status::Unchanged)},
                            {QStringLiteral("skipped"), skipped},
                            {QStringLiteral("rows"), static_cast<double>(db.count())}});
    } else {
      for (const ScannedFile& f : report.files) {
        QString line = QStringLiteral("%1 %2").arg(statusName(f.status), -9).arg(f.path);
        if (f.status == ScannedFile::Status::Skipped) {
          line += QStringLiteral(": ") + f.reason;
        } else {
          line += QStringLiteral(" (obsid %1, %2)").arg(f.obsId.isEmpty() ? QStringLiteral("?") : f.obsId,
                                                       f.instrument.isEmpty() ? QStringLiteral("?") : f.instrument);
        }
        std::printf("%s\n", qPrintable(line));
      }
      std::printf("%d added, %d updated, %d unchanged, %d skipped; %lld rows in %s\n",
                  report.count(ScannedFile::Status::Added), report.count(ScannedFile::Status::Updated),
                  report.count(ScannedFile::Status::Unchanged), skipped, db.count(), qPrintable(db.path()));
    }
    if (skipped > 0 && skipped == static_cast<int>(report.files.size())) {
      return fail(cmd, QStringLiteral("no file could be indexed"));
    }
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
  return kOk;
}

}  // namespace

int runIndex(const QStringList& args) {
  const QString sub = args.value(1);
  if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
    indexUsage(stdout);
    return kOk;
  }
  if (sub == QLatin1String("add")) return runAdd(QStringList{QStringLiteral("index add")} + args.mid(2));
  if (sub == QLatin1String("import")) return runIndexImport(QStringList{QStringLiteral("index import")} + args.mid(2));
  if (sub == QLatin1String("export")) return runIndexExport(QStringList{QStringLiteral("index export")} + args.mid(2));
  if (sub == QLatin1String("fetch")) return runIndexFetch(QStringList{QStringLiteral("index fetch")} + args.mid(2));
  indexUsage(stderr);
  return fail(QStringLiteral("index"),
              sub.isEmpty() ? QStringLiteral("expected a subcommand (add, import, export, fetch)")
                            : QStringLiteral("unknown subcommand \"%1\"").arg(sub),
              kUsage);
}

}  // namespace xsky::cli
