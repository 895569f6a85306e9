// xsky-cli reproduce PRODUCT [-o DIR] [--json]
//   Re-runs the extraction that made PRODUCT (a spectrum, light curve or image written by XSky)
//   from its provenance record and compares the bytes. The product's HISTORY names its request
//   key; the record is provenance/<key>.json in the product's folder (or the folder above). The
//   event file must still be the one recorded (same SHA-256). The re-run writes into DIR (default:
//   a temporary folder, removed afterwards) with the original names, RESPFILE/ANCRFILE still
//   relative to the original folder, and every product of the request is compared with the
//   original byte for byte. Exit 0 when all are identical, 1 when any differs or cannot be
//   re-run, 2 on bad usage.

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>

#include "archive/FileChecksum.h"
#include "cli/CliCommon.h"
#include "events/EventListReader.h"
#include "fits/FitsError.h"
#include "products/Extraction.h"
#include "products/ProductCache.h"
#include "regions/RegionFileIo.h"
#include "regions/RegionSet.h"

namespace xsky::cli {

namespace {

QJsonObject readRecord(const QString& product, const QString& key, QString* where) {
  const QFileInfo info(product);
  for (const QString& folder : {info.absolutePath(), QFileInfo(info.absolutePath()).absolutePath()}) {
    QFile f(products::provenanceRecordPath(folder, key));
    if (!f.open(QIODevice::ReadOnly)) continue;
    *where = f.fileName();
    const QJsonObject record = QJsonDocument::fromJson(f.readAll()).object();
    if (record[QStringLiteral("request")].toObject().isEmpty()) throw Error(f.fileName() + QStringLiteral(": not a provenance record"));
    return record;
  }
  throw Error(QStringLiteral("%1: its provenance record provenance/%2.json is not beside it").arg(product, key));
}

// The regions as the original run read them: the region files' text when recorded (the CLI),
// else the drawn regions as ICRS DS9 text (the GUI).
regions::RegionSet recordedRegions(const QJsonObject& request, const wcs::SkyWcs& sky) {
  const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(sky);
  regions::RegionReadOptions ro;
  ro.image = &ref;
  ro.keepPhysicalFrame = true;
  auto read = [&](const QString& text, const QString& name) {
    regions::RegionReadResult r = regions::readRegionText(text, name, ro);
    if (!r.errors.isEmpty()) throw Error(r.errors.first());
    return r.regions;
  };
  if (request.contains(QStringLiteral("region_file_text"))) {
    regions::RegionSet set = regions::RegionSet::fromRegions(read(request[QStringLiteral("region_file_text")].toString(), QStringLiteral("region")));
    const QString bkg = request[QStringLiteral("bkg_region_file_text")].toString();
    if (!bkg.isEmpty()) {
      set.background.clear();
      set.backgroundExclusions.clear();
      for (regions::Region& r : read(bkg, QStringLiteral("background region"))) {
        (r.include ? set.background : set.backgroundExclusions).push_back(r);
      }
    }
    return set;
  }
  regions::RegionSet set = regions::RegionSet::fromRegions(read(request[QStringLiteral("regions_ds9")].toString(), QStringLiteral("regions")));
  set.backgroundExcludesSource = request[QStringLiteral("background_excludes_source")].toBool(set.backgroundExcludesSource);
  return set;
}

QString remap(const QString& path, const QString& dir) {
  return path.isEmpty() ? QString() : QDir(dir).filePath(QFileInfo(path).fileName());
}

}  // namespace

int runReproduce(const QStringList& args) {
  const QString cmd = QStringLiteral("reproduce");
  QCommandLineParser parser;
  const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                  QStringLiteral("Keep the re-made products in DIR (default: compare and remove)."),
                                  QStringLiteral("DIR"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({output, json});
  parser.addPositionalArgument(QStringLiteral("PRODUCT"), QStringLiteral("A product XSky wrote."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Re-run the extraction of a product from its provenance and compare the bytes."),
                 &code)) {
    return code;
  }
  const QStringList positional = parser.positionalArguments().mid(1);
  if (positional.size() != 1) return fail(cmd, QStringLiteral("expected one PRODUCT"), kUsage);
  const QString product = positional[0];
  QTemporaryDir scratch;
  const QString dir = parser.isSet(output) ? QFileInfo(parser.value(output)).absoluteFilePath() : scratch.path();
  if (!QDir().mkpath(dir)) return fail(cmd, QStringLiteral("cannot create the folder %1").arg(dir));
  QJsonArray compared;
  int differing = 0;
  try {
    if (!QFileInfo(product).isFile()) throw Error(product + QStringLiteral(": no such file"));
    const QString key = products::requestKeyOfProduct(product);
    if (key.size() != 64) throw Error(product + QStringLiteral(": carries no XSky provenance (no request key in its HISTORY)"));
    QString recordPath;
    const QJsonObject record = readRecord(product, key, &recordPath);
    const QJsonObject request = record[QStringLiteral("request")].toObject();
    const QJsonObject events = request[QStringLiteral("events")].toObject();
    const QString eventsPath = events[QStringLiteral("path")].toString();
    if (!QFileInfo(eventsPath).isFile()) throw Error(QStringLiteral("the event file %1 is gone").arg(eventsPath));
    const QString recordedSum = events[QStringLiteral("sha256")].toString();
    if (archive::fileChecksum(eventsPath) != recordedSum) {
      throw Error(QStringLiteral("the event file %1 changed since the product was made (its SHA-256 differs from the record)")
                      .arg(eventsPath));
    }
    const events::EventList list = events::readEventList(eventsPath);
    const regions::RegionSet set = recordedRegions(request, list.sky());
    products::ExtractionOptions options = products::optionsFromRequest(request);
    const QString originalFolder = QFileInfo(options.spectrumPath.isEmpty() ? product : options.spectrumPath).absolutePath();
    options.provenance = products::provenanceHistory(request, key);
    const products::ExtractionResult recorded = products::resultFromJson(record[QStringLiteral("result")].toObject());
    options.productDate = recorded.productDate;
    options.keywordFolder = originalFolder;
    options.spectrumPath = remap(options.spectrumPath, dir);
    options.lightCurvePath = remap(options.lightCurvePath, dir);
    options.imagePath = remap(options.imagePath, dir);
    const products::ExtractionResult redone = products::extract(list, set, options);
    for (const QString& w : redone.warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w));
    for (const products::ProductRecord& p : recorded.products) {
      const QString again = remap(p.path, dir);
      QFile a(p.path), b(again);
      QString state;
      if (!a.open(QIODevice::ReadOnly)) {
        state = QStringLiteral("original missing");
      } else if (!b.open(QIODevice::ReadOnly)) {
        state = QStringLiteral("not re-made");
      } else {
        state = a.readAll() == b.readAll() ? QStringLiteral("identical") : QStringLiteral("DIFFERENT");
      }
      if (state != QLatin1String("identical")) ++differing;
      compared.append(QJsonObject{{QStringLiteral("kind"), p.kind}, {QStringLiteral("original"), p.path},
                                  {QStringLiteral("remade"), again}, {QStringLiteral("state"), state}});
      if (!parser.isSet(json)) std::printf("%-10s %-19s %s\n", qPrintable(state), qPrintable(p.kind), qPrintable(p.path));
    }
    if (parser.isSet(json)) {
      printJson(QJsonObject{{QStringLiteral("product"), product}, {QStringLiteral("request_key"), key},
                            {QStringLiteral("record"), recordPath}, {QStringLiteral("events"), eventsPath},
                            {QStringLiteral("products"), compared}, {QStringLiteral("different"), differing},
                            {QStringLiteral("identical"), differing == 0},
                            {QStringLiteral("remade_into"), parser.isSet(output) ? dir : QString()}});
    } else {
      std::printf("%s: %lld product(s) re-made from %s; %s\n", qPrintable(product),
                  static_cast<long long>(recorded.products.size()), qPrintable(recordPath),
                  differing == 0 ? "all identical" : "SOME DIFFER");
    }
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
  return differing == 0 ? kOk : kFailed;
}

}  // namespace xsky::cli
