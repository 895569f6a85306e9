// xsky-cli moc query --index DB --region R.reg [--from DATE --to DATE] [--order N] [--json]
//   The observations and cameras of the index whose footprints overlap the region (its source
//   and background areas minus exclusions, as a MOC at order N, default 16: 3.2 arcsec cells),
//   each with obsid, target, instrument, date, exposure, file and the fraction of the region it
//   covers; sorted by date, obsid, instrument. --from/--to (YYYY-MM-DD[Thh:mm:ss] UTC, or MJD)
//   keep observations overlapping that interval (a bare --to date includes the whole day).
//   Exit 0 (also when nothing covers the region), 1 on an unreadable index or region, 2 on bad usage.

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "archive/FootprintIndex.h"
#include "archive/ObservationDates.h"
#include "archive/ObservationIndex.h"
#include "moc/MocBuilders.h"
#include "cli/CliCommon.h"
#include "fits/FitsError.h"
#include "regions/RegionFileIo.h"

namespace xsky::cli {

namespace {

using namespace xsky::archive;

constexpr int kDefaultRegionOrder = 16;
constexpr double kSquareDegreesPerSteradian = 3282.806350011744;

QJsonValue number(double v) { return std::isnan(v) ? QJsonValue() : QJsonValue(v); }

}  // namespace

int runMocQuery(const QStringList& rawArgs) {
  // Called as runMocQuery({"moc", "query", ...}) or with the subcommand already joined.
  QStringList args = rawArgs;
  if (args.size() >= 2 && args[0] == QLatin1String("moc") && args[1] == QLatin1String("query")) {
    args = QStringList{QStringLiteral("moc query")} + args.mid(2);
  } else if (!args.isEmpty() && args[0] == QLatin1String("query")) {
    args[0] = QStringLiteral("moc query");
  }
  const QString cmd = QStringLiteral("moc query");
  QCommandLineParser parser;
  const QCommandLineOption index(QStringLiteral("index"), QStringLiteral("The observation index (xsky-cli index add)."),
                                 QStringLiteral("DB"));
  const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("DS9 or CIAO region file (sky coordinates)."),
                                  QStringLiteral("R.reg"));
  const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("Observations ending on or after DATE (UTC ISO 8601 or MJD)."),
                                QStringLiteral("DATE"));
  const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Observations starting on or before DATE."),
                              QStringLiteral("DATE"));
  const QCommandLineOption order(QStringLiteral("order"),
                                 QStringLiteral("HEALPix order of the region's MOC (default 16)."),
                                 QStringLiteral("N"), QString::number(kDefaultRegionOrder));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({index, region, from, to, order, json});
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("List the indexed observations and cameras that cover a region."), &code)) {
    return code;
  }
  if (!parser.isSet(index)) return fail(cmd, QStringLiteral("--index DB is required"), kUsage);
  if (!parser.isSet(region)) return fail(cmd, QStringLiteral("--region R.reg is required"), kUsage);
  if (parser.positionalArguments().size() > 1) return fail(cmd, QStringLiteral("unexpected argument"), kUsage);
  bool ok = false;
  const int mocOrder = parser.value(order).toInt(&ok);
  if (!ok || mocOrder < 0 || mocOrder > 29) return fail(cmd, QStringLiteral("--order expects an integer in 0..29"), kUsage);
  FootprintQuery query;
  try {
    if (parser.isSet(from)) query.fromMjd = parseDateArgument(parser.value(from));
    if (parser.isSet(to)) query.toMjd = parseDateArgument(parser.value(to), true);
  } catch (const Error& e) {
    return fail(cmd, e.message(), kUsage);
  }
  try {
    const regions::RegionReadResult read = regions::readRegionFile(parser.value(region), {});
    for (const QString& e : read.errors) std::fprintf(stderr, "%s\n", qPrintable(e));
    const regions::RegionSet set = regions::RegionSet::fromRegions(read.regions);
    if (set.empty()) return fail(cmd, QStringLiteral("%1 holds no area region").arg(parser.value(region)));
    // The area queried: the source and the background (an observation must hold both).
    const moc::RegionSetMocs mocs = moc::regionSetMocs(set, mocOrder);
    const moc::SpaceMoc regionMoc = mocs.source.unionWith(mocs.background);

    ObservationIndex db(parser.value(index), {.readOnly = true});
    const FootprintIndex footprints = FootprintIndex::fromDatabase(db);
    std::vector<FootprintHit> hits = footprints.query(regionMoc, query);
    std::sort(hits.begin(), hits.end(), [&](const FootprintHit& a, const FootprintHit& b) {
      const ObservationRecord& ra = footprints.record(a.entry);
      const ObservationRecord& rb = footprints.record(b.entry);
      return std::tie(ra.dateStart, ra.obsId, ra.instrument, ra.location) <
             std::tie(rb.dateStart, rb.obsId, rb.instrument, rb.location);
    });
    const double areaDeg2 = regionMoc.areaSteradians() * kSquareDegreesPerSteradian;
    if (parser.isSet(json)) {
      QJsonArray list;
      for (const FootprintHit& h : hits) {
        const ObservationRecord& r = footprints.record(h.entry);
        list.append(QJsonObject{{QStringLiteral("obsid"), r.obsId},
                                {QStringLiteral("target"), r.target},
                                {QStringLiteral("mission"), r.mission},
                                {QStringLiteral("instrument"), r.instrument},
                                {QStringLiteral("filter"), r.filter},
                                {QStringLiteral("mode"), r.mode},
                                {QStringLiteral("date_start"), r.dateStart},
                                {QStringLiteral("date_end"), r.dateEnd},
                                {QStringLiteral("mjd_start"), number(r.mjdStart)},
                                {QStringLiteral("mjd_end"), number(r.mjdEnd)},
                                {QStringLiteral("exposure"), r.exposure},
                                {QStringLiteral("ra_pnt"), number(r.raPointing)},
                                {QStringLiteral("dec_pnt"), number(r.decPointing)},
                                {QStringLiteral("file"), r.location},
                                {QStringLiteral("covered_fraction"), h.coveredFraction}});
      }
      QJsonObject doc{{QStringLiteral("index"), db.path()},
                      {QStringLiteral("region"), parser.value(region)},
                      {QStringLiteral("order"), mocOrder},
                      {QStringLiteral("region_area_deg2"), areaDeg2},
                      {QStringLiteral("indexed"), static_cast<double>(footprints.size())},
                      {QStringLiteral("count"), static_cast<int>(hits.size())},
                      {QStringLiteral("observations"), list}};
      if (query.fromMjd) doc[QStringLiteral("from_mjd")] = *query.fromMjd;
      if (query.toMjd) doc[QStringLiteral("to_mjd")] = *query.toMjd;
      printJson(doc);
    } else {
      std::printf("%d of %zu indexed observation file(s) cover the region (%.6g deg², order %d)\n",
                  static_cast<int>(hits.size()), footprints.size(), areaDeg2, mocOrder);
      if (!hits.empty()) {
        std::printf("%-12s %-16s %-10s %-19s %10s %8s  %s\n", "obsid", "target", "instrument", "date",
                    "exposure_s", "covered", "file");
      }
      for (const FootprintHit& h : hits) {
        const ObservationRecord& r = footprints.record(h.entry);
        std::printf("%-12s %-16s %-10s %-19s %10.0f %7.1f%%  %s\n", qPrintable(r.obsId), qPrintable(r.target),
                    qPrintable(r.instrument), qPrintable(r.dateStart.left(19)), r.exposure,
                    100.0 * h.coveredFraction, qPrintable(r.location));
      }
    }
  } catch (const Error& e) {
    return fail(cmd, e.message());
  }
  return kOk;
}

}  // namespace xsky::cli
