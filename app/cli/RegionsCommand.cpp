// xsky-cli regions convert IN.reg --system fk5|icrs|fk4|galactic|ecliptic|image|physical
//                  [--skyformat degrees|sexagesimal] --image REF.fits -o OUT.reg
//   Reads a DS9 or CIAO region file and writes it as DS9 8.4.1 writes DS9 files. Lines that
//   cannot be read are reported on stderr and skipped; --image is needed whenever pixels meet
//   the sky.
// xsky-cli regions stats --events EV.fits --region R.reg [--json]
//   Counts, areas (arcsec^2), surface brightness and background-subtracted net counts of the
//   source and background regions on an event list, through its sky WCS (physical regions are
//   its X/Y columns).

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <optional>

#include "cli/CliCommon.h"
#include "events/EventListReader.h"
#include "fits/FitsError.h"
#include "regions/CiaoRegionWriter.h"
#include "regions/Ds9RegionWriter.h"
#include "regions/RegionFileIo.h"
#include "regions/RegionStats.h"

namespace xsky::cli {

namespace {

using namespace xsky::regions;

void reportReadProblems(const RegionReadResult& r) {
  for (const QString& e : r.errors) std::fprintf(stderr, "%s\n", qPrintable(e));
  for (const QString& w : r.warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w));
  if (r.skippedStatements > 0) {
    std::fprintf(stderr, "%d line(s) skipped\n", r.skippedStatements);
  }
}

int runConvert(const QStringList& args) {
  const QString cmd = QStringLiteral("regions convert");
  QCommandLineParser parser;
  const QCommandLineOption system(QStringLiteral("system"),
                                  QStringLiteral("Output system: fk5, icrs, fk4, galactic, ecliptic, image or physical."),
                                  QStringLiteral("SYSTEM"));
  const QCommandLineOption skyFormat(QStringLiteral("skyformat"),
                                     QStringLiteral("Sky positions as degrees (default) or sexagesimal."),
                                     QStringLiteral("FORMAT"), QStringLiteral("degrees"));
  const QCommandLineOption image(QStringLiteral("image"),
                                 QStringLiteral("Reference image whose pixels (and WCS) image/physical coordinates mean."),
                                 QStringLiteral("REF.fits"));
  const QCommandLineOption out({QStringLiteral("o"), QStringLiteral("output")},
                               QStringLiteral("Region file to write (DS9 format)."), QStringLiteral("OUT.reg"));
  const QCommandLineOption format(QStringLiteral("format"),
                                  QStringLiteral("Output dialect: ds9 (default) or ciao."),
                                  QStringLiteral("FORMAT"), QStringLiteral("ds9"));
  const QCommandLineOption strip(QStringLiteral("strip"), QStringLiteral("DS9's one-line form."));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({system, skyFormat, image, out, format, strip, json});
  parser.addPositionalArgument(QStringLiteral("IN.reg"), QStringLiteral("DS9 or CIAO region file."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Convert a region file to another coordinate system, written as DS9 writes it."), &code)) {
    return code;
  }
  const QStringList inputs = parser.positionalArguments().mid(1);
  if (inputs.size() != 1) return fail(cmd, QStringLiteral("expected one input region file"), kUsage);
  if (!parser.isSet(system)) return fail(cmd, QStringLiteral("--system is required"), kUsage);
  if (!parser.isSet(out)) return fail(cmd, QStringLiteral("-o OUT.reg is required"), kUsage);
  CoordSystem target;
  if (!parseSystemName(parser.value(system), &target)) {
    return fail(cmd, QStringLiteral("unknown --system \"%1\"").arg(parser.value(system)), kUsage);
  }
  const QString sf = parser.value(skyFormat).toLower();
  if (sf != QLatin1String("degrees") && sf != QLatin1String("sexagesimal")) {
    return fail(cmd, QStringLiteral("--skyformat expects degrees or sexagesimal"), kUsage);
  }
  const QString fmt = parser.value(format).toLower();
  if (fmt != QLatin1String("ds9") && fmt != QLatin1String("ciao")) {
    return fail(cmd, QStringLiteral("--format expects ds9 or ciao"), kUsage);
  }
  try {
    std::optional<ReferenceImage> ref;
    if (parser.isSet(image)) ref = ReferenceImage::fromFits(parser.value(image));
    const RegionReadResult r = readRegionFile(inputs.front(), {ref ? &*ref : nullptr});
    reportReadProblems(r);
    QStringList problems;
    if (fmt == QLatin1String("ciao")) {
      CiaoRegionWriter({target, parser.isSet(strip), ref ? &*ref : nullptr}).save(parser.value(out), r.regions, &problems);
    } else {
      Ds9WriteOptions wo;
      wo.system = target;
      wo.skyFormat = sf == QLatin1String("sexagesimal") ? SkyFormat::Sexagesimal : SkyFormat::Degrees;
      wo.strip = parser.isSet(strip);
      wo.image = ref ? &*ref : nullptr;
      Ds9RegionWriter(wo).save(parser.value(out), r.regions, &problems);
    }
    for (const QString& p : problems) std::fprintf(stderr, "%s\n", qPrintable(p));
    const qsizetype written = static_cast<qsizetype>(r.regions.size()) - problems.size();
    if (written <= 0 && !problems.isEmpty()) {
      return fail(cmd, QStringLiteral("no region could be written: %1").arg(problems.front()));
    }
    if (parser.isSet(json)) {
      printJson(QJsonObject{{QStringLiteral("input"), inputs.front()},
                            {QStringLiteral("output"), parser.value(out)},
                            {QStringLiteral("system"), systemName(target)},
                            {QStringLiteral("regions_read"), static_cast<double>(r.regions.size())},
                            {QStringLiteral("regions_written"), static_cast<double>(written)},
                            {QStringLiteral("lines_skipped"), r.skippedStatements},
                            {QStringLiteral("errors"), QJsonArray::fromStringList(r.errors + problems)},
                            {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}});
    } else {
      std::printf("wrote %lld region(s) to %s\n", static_cast<long long>(written), qPrintable(parser.value(out)));
    }
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
  return kOk;
}

QJsonObject areaJson(const AreaCounts& a) {
  return QJsonObject{{QStringLiteral("counts"), static_cast<double>(a.counts)},
                     {QStringLiteral("area_arcsec2"), a.areaArcsec2},
                     {QStringLiteral("area_exact"), a.exactArea},
                     {QStringLiteral("surface_brightness"), a.surfaceBrightness}};
}

int runStats(const QStringList& args) {
  const QString cmd = QStringLiteral("regions stats");
  QCommandLineParser parser;
  const QCommandLineOption events(QStringLiteral("events"), QStringLiteral("Event list (FITS)."), QStringLiteral("EV.fits"));
  const QCommandLineOption region(QStringLiteral("region"),
                                  QStringLiteral("DS9 or CIAO region file: source regions, background regions "
                                                 "(DS9 'background' property) and exclusions."),
                                  QStringLiteral("R.reg"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({events, region, json});
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Counts, areas, surface brightness and net counts of regions on an event list."), &code)) {
    return code;
  }
  if (!parser.isSet(events)) return fail(cmd, QStringLiteral("--events EV.fits is required"), kUsage);
  if (!parser.isSet(region)) return fail(cmd, QStringLiteral("--region R.reg is required"), kUsage);
  if (parser.positionalArguments().size() > 1) return fail(cmd, QStringLiteral("unexpected argument"), kUsage);
  try {
    const events::EventList ev = events::readEventList(parser.value(events));
    const wcs::SkyWcs& sky = ev.sky();
    const ReferenceImage ref = ReferenceImage::fromWcs(sky);
    RegionReadOptions ro;
    ro.image = &ref;
    ro.keepPhysicalFrame = true;  // physical pixels are the events' X/Y
    const RegionReadResult r = readRegionFile(parser.value(region), ro);
    reportReadProblems(r);
    QStringList notes;
    const RegionSet set = RegionSet::fromRegions(r.regions, &notes);
    for (const QString& n : notes) std::fprintf(stderr, "%s\n", qPrintable(n));
    if (set.source.empty()) return fail(cmd, parser.value(region) + QStringLiteral(": no source region to measure"));
    const RegionStatistics s = computeRegionStatistics(set, {&sky, Frame::Physical}, ev.x, ev.y);
    if (parser.isSet(json)) {
      QJsonObject d{{QStringLiteral("events"), parser.value(events)},
                    {QStringLiteral("region"), parser.value(region)},
                    {QStringLiteral("source"), areaJson(s.source)},
                    {QStringLiteral("background"), s.hasBackground ? QJsonValue(areaJson(s.background)) : QJsonValue()},
                    {QStringLiteral("background_scale"), s.backgroundScale},
                    {QStringLiteral("net_counts"), s.netCounts},
                    {QStringLiteral("net_error"), s.netError},
                    {QStringLiteral("signal_to_noise"), s.signalToNoise},
                    {QStringLiteral("lines_skipped"), r.skippedStatements}};
      printJson(d);
    } else {
      auto line = [](const char* name, const AreaCounts& a) {
        std::printf("%-10s %10zu counts in %.6g arcsec^2%s, %.6g counts/arcsec^2\n", name, a.counts,
                    a.areaArcsec2, a.exactArea ? "" : " (integrated)", a.surfaceBrightness);
      };
      line("source", s.source);
      if (s.hasBackground) line("background", s.background);
      std::printf("net        %.6g +- %.6g counts", s.netCounts, s.netError);
      if (s.hasBackground) std::printf(" (background scaled by %.6g)", s.backgroundScale);
      std::printf(", S/N %.4g\n", s.signalToNoise);
    }
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
  return kOk;
}

void regionsUsage(std::FILE* to) {
  std::fputs(
      "usage: xsky-cli regions SUBCOMMAND [options]   (xsky-cli regions SUBCOMMAND --help for each)\n\n"
      "subcommands:\n"
      "  convert    convert a DS9/CIAO region file to another system, written as DS9 writes it\n"
      "  stats      counts, areas and net counts of source/background regions on an event list\n",
      to);
}

}  // namespace

int runRegions(const QStringList& args) {
  const QString sub = args.value(1);
  if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
    regionsUsage(stdout);
    return kOk;
  }
  const QStringList rest = QStringList{QStringLiteral("regions ") + sub} + args.mid(2);
  if (sub == QLatin1String("convert")) return runConvert(rest);
  if (sub == QLatin1String("stats")) return runStats(rest);
  regionsUsage(stderr);
  return fail(QStringLiteral("regions"),
              sub.isEmpty() ? QStringLiteral("expected a subcommand (convert or stats)")
                            : QStringLiteral("unknown subcommand \"%1\"").arg(sub),
              kUsage);
}

}  // namespace xsky::cli
