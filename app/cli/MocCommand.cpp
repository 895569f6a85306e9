// xsky-cli moc info FILE [--json]
//   What a MOC file (FITS, ASCII or JSON; space, time or space-time) holds: dimension, orders,
//   number of cells (minimal NUNIQ form) and ranges, sky area (deg^2 and sky fraction), time span.
// xsky-cli moc build (--region R.reg [--image REF.fits] | FILE...) [--order N] -o OUT.fits [--json]
//   A region file -> its source MOC (sources minus exclusions; default order 16); event lists,
//   images or exposure maps -> the union of their footprints (default order 14; see
//   core/moc/MocFootprint.h). OUT ending in .txt writes the ASCII form, .json the JSON form,
//   anything else MOC 2.0 FITS.
// xsky-cli moc query ...  (app/cli/MocQueryCommand.cpp)
// Exit 0 on success, 1 when a file cannot be read or built, 2 on bad usage.

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <optional>

#include "cli/CliCommon.h"
#include "fits/FitsError.h"
#include "moc/MocBuilders.h"
#include "moc/MocFootprint.h"
#include "moc/MocIo.h"
#include "moc/MocText.h"
#include "regions/RegionFileIo.h"
#include "regions/RegionSet.h"

namespace xsky::cli {

namespace {

using namespace xsky::moc;

constexpr double kSquareDegreesPerSteradian = 3282.806350011744;
constexpr int kDefaultRegionOrder = 16;
constexpr int kDefaultFootprintOrder = 14;

void mocUsage(std::FILE* to) {
  std::fputs(
      "usage: xsky-cli moc info FILE [--json]\n"
      "       xsky-cli moc build (--region R.reg [--image REF.fits] | FILE...) [--order N] -o OUT.fits\n"
      "       xsky-cli moc query --index DB --region R.reg [--from DATE --to DATE] [--json]\n",
      to);
}

QString isoOfJd(double jd) {
  const qint64 ms = qint64((jd - 2440587.5) * 86400000.0);
  return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject spaceJson(const SpaceMoc& moc) {
  return {{QStringLiteral("order"), moc.order()},
          {QStringLiteral("cells"), double(moc.cellCount())},
          {QStringLiteral("ranges"), double(moc.ranges().size())},
          {QStringLiteral("area_deg2"), moc.areaSteradians() * kSquareDegreesPerSteradian},
          {QStringLiteral("sky_fraction"), moc.skyFraction()}};
}

QJsonObject timeJson(const TimeMoc& moc) {
  QJsonObject o{{QStringLiteral("order"), moc.order()},
                {QStringLiteral("cells"), double(moc.cellCount())},
                {QStringLiteral("ranges"), double(moc.ranges().size())},
                {QStringLiteral("duration_s"), moc.durationSeconds()}};
  if (!moc.empty()) {
    o.insert(QStringLiteral("start_jd"), moc.startJd());
    o.insert(QStringLiteral("end_jd"), moc.endJd());
    o.insert(QStringLiteral("start_mjd"), moc.startJd() - kJdOfMjd0);
    o.insert(QStringLiteral("end_mjd"), moc.endJd() - kJdOfMjd0);
    o.insert(QStringLiteral("start"), isoOfJd(moc.startJd()));
    o.insert(QStringLiteral("end"), isoOfJd(moc.endJd()));
  }
  return o;
}

void printSpace(const char* title, const QJsonObject& s) {
  std::printf("%s: order %d, %.0f cells, %.0f ranges, %.9g deg² (sky fraction %.6g)\n", title,
              s.value(QStringLiteral("order")).toInt(), s.value(QStringLiteral("cells")).toDouble(),
              s.value(QStringLiteral("ranges")).toDouble(),
              s.value(QStringLiteral("area_deg2")).toDouble(),
              s.value(QStringLiteral("sky_fraction")).toDouble());
}

void printTime(const QJsonObject& t) {
  std::printf("time: order %d, %.0f cells, %.0f ranges, %.9g s", t.value(QStringLiteral("order")).toInt(),
              t.value(QStringLiteral("cells")).toDouble(), t.value(QStringLiteral("ranges")).toDouble(),
              t.value(QStringLiteral("duration_s")).toDouble());
  if (t.contains(QStringLiteral("start")))
    std::printf(", span %s .. %s (MJD %.6f .. %.6f)", qPrintable(t.value(QStringLiteral("start")).toString()),
                qPrintable(t.value(QStringLiteral("end")).toString()),
                t.value(QStringLiteral("start_mjd")).toDouble(), t.value(QStringLiteral("end_mjd")).toDouble());
  std::printf("\n");
}

int runMocInfo(const QStringList& args) {
  const QString cmd = QStringLiteral("moc info");
  QCommandLineParser parser;
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOption(json);
  parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("MOC file: FITS, ASCII or JSON."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Describe a MOC file (space, time or space-time)."), &code))
    return code;
  const QStringList files = parser.positionalArguments().mid(1);
  if (files.size() != 1) return fail(cmd, QStringLiteral("expected one MOC file"), kUsage);
  try {
    const MocFile file = readMocAny(files.front());
    QJsonObject doc{{QStringLiteral("file"), files.front()},
                    {QStringLiteral("dimension"), dimensionName(file.dimension)},
                    {QStringLiteral("ordering"), file.ordering},
                    {QStringLiteral("version"), file.version}};
    switch (file.dimension) {
      case MocDimension::Space:
        doc.insert(QStringLiteral("space"), spaceJson(file.space));
        break;
      case MocDimension::Time:
        doc.insert(QStringLiteral("time"), timeJson(file.time));
        doc.insert(QStringLiteral("time_system"), file.timeSystem);
        break;
      case MocDimension::SpaceTime:
        doc.insert(QStringLiteral("space"), spaceJson(file.spaceTime.spaceCoverage()));
        doc.insert(QStringLiteral("time"), timeJson(file.spaceTime.timeCoverage()));
        doc.insert(QStringLiteral("time_system"), file.timeSystem);
        doc.insert(QStringLiteral("entries"), double(file.spaceTime.entries().size()));
        break;
    }
    if (parser.isSet(json)) {
      printJson(doc);
      return kOk;
    }
    std::printf("%s: %s MOC%s%s\n", qPrintable(files.front()), qPrintable(dimensionName(file.dimension)),
                file.version.isEmpty() ? "" : qPrintable(QStringLiteral(" %1").arg(file.version)),
                file.ordering.isEmpty() ? "" : qPrintable(QStringLiteral(", ordering %1").arg(file.ordering)));
    if (doc.contains(QStringLiteral("entries")))
      std::printf("entries: %.0f (time ranges, each with its space coverage)\n",
                  doc.value(QStringLiteral("entries")).toDouble());
    if (doc.contains(QStringLiteral("space")))
      printSpace(file.dimension == MocDimension::SpaceTime ? "space (any time)" : "space",
                 doc.value(QStringLiteral("space")).toObject());
    if (doc.contains(QStringLiteral("time"))) printTime(doc.value(QStringLiteral("time")).toObject());
    return kOk;
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
}

void writeAny(const QString& path, const SpaceMoc& moc) {
  if (path.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive)) {
    regions::writeTextFileAtomically(path, toAscii(moc) + QLatin1Char('\n'));
  } else if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
    regions::writeTextFileAtomically(path, toJson(moc) + QLatin1Char('\n'));
  } else {
    writeMocFits(path, moc);
  }
}

int runMocBuild(const QStringList& args) {
  const QString cmd = QStringLiteral("moc build");
  QCommandLineParser parser;
  const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("Region file: build its source MOC."),
                                  QStringLiteral("R.reg"));
  const QCommandLineOption image(QStringLiteral("image"),
                                 QStringLiteral("Reference image for regions in pixel coordinates."),
                                 QStringLiteral("REF.fits"));
  const QCommandLineOption order(QStringLiteral("order"),
                                 QStringLiteral("HEALPix order 0..29 (default 16 for a region, 14 for files)."),
                                 QStringLiteral("N"));
  const QCommandLineOption out({QStringLiteral("o"), QStringLiteral("output")},
                               QStringLiteral("MOC to write (FITS; .txt ASCII, .json JSON)."), QStringLiteral("OUT.fits"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({region, image, order, out, json});
  parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Event lists, images or exposure maps."),
                               QStringLiteral("[FILE...]"));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Build a MOC from a region file or from observations' footprints."), &code))
    return code;
  const QStringList files = parser.positionalArguments().mid(1);
  if (parser.isSet(region) == !files.isEmpty())
    return fail(cmd, QStringLiteral("give either --region R.reg or event/image files"), kUsage);
  if (!parser.isSet(out)) return fail(cmd, QStringLiteral("-o OUT.fits is required"), kUsage);
  int mocOrder = parser.isSet(region) ? kDefaultRegionOrder : kDefaultFootprintOrder;
  if (parser.isSet(order)) {
    bool ok = false;
    mocOrder = parser.value(order).toInt(&ok);
    if (!ok || mocOrder < 0 || mocOrder > kMaxSpaceOrder)
      return fail(cmd, QStringLiteral("--order expects an integer 0..29"), kUsage);
  }
  try {
    SpaceMoc moc = SpaceMoc::fromRanges({}, mocOrder);
    QJsonArray inputs;
    if (parser.isSet(region)) {
      std::optional<regions::ReferenceImage> ref;
      if (parser.isSet(image)) ref = regions::ReferenceImage::fromFits(parser.value(image));
      regions::RegionReadOptions options;
      options.image = ref ? &*ref : nullptr;
      const regions::RegionReadResult read = regions::readRegionFile(parser.value(region), options);
      for (const QString& e : read.errors) std::fprintf(stderr, "%s\n", qPrintable(e));
      for (const QString& w : read.warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w));
      const regions::RegionSet set = regions::RegionSet::fromRegions(read.regions);
      if (set.source.empty())
        return fail(cmd, QStringLiteral("%1 holds no source region").arg(parser.value(region)));
      moc = regionSetMocs(set, mocOrder, ref ? &*ref : nullptr).source;
      inputs.append(parser.value(region));
    } else {
      for (const QString& f : files) {
        moc = moc.unionWith(fileFootprint(f, mocOrder));
        inputs.append(f);
      }
    }
    writeAny(parser.value(out), moc);
    const QJsonObject space = spaceJson(moc);
    if (parser.isSet(json)) {
      printJson({{QStringLiteral("output"), parser.value(out)},
                 {QStringLiteral("inputs"), inputs},
                 {QStringLiteral("space"), space}});
    } else {
      std::printf("wrote %s\n", qPrintable(parser.value(out)));
      printSpace("space", space);
    }
    return kOk;
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
}

}  // namespace

int runMoc(const QStringList& args) {
  const QString sub = args.value(1);
  if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
    mocUsage(stdout);
    return kOk;
  }
  const QStringList rest = QStringList{QStringLiteral("moc ") + sub} + args.mid(2);
  if (sub == QLatin1String("info")) return runMocInfo(rest);
  if (sub == QLatin1String("build")) return runMocBuild(rest);
  // `moc query` lives in app/cli/MocQueryCommand.cpp; it takes args as given here.
  if (sub == QLatin1String("query")) return runMocQuery(args);
  mocUsage(stderr);
  return fail(QStringLiteral("moc"),
              sub.isEmpty() ? QStringLiteral("expected a subcommand (info, build or query)")
                            : QStringLiteral("unknown subcommand \"%1\"").arg(sub),
              kUsage);
}

}  // namespace xsky::cli
