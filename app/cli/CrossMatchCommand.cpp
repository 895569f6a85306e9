// xsky-cli crossmatch TABLE1 TABLE2 --radius R [--all] [--json | --votable OUT] [--limit N]
//
// Matches two source tables (VOTable in any serialisation, or FITS binary tables; positions found
// as catalog/PositionColumns.h says) by sky position (core/catalog/CrossMatch.h). R is an angle
// with a unit as the query language writes it ('5arcsec', '1arcmin', '0.01deg', '2"'); a bare
// number is arcseconds.
//
// Default: for each row of TABLE1 its nearest neighbour in TABLE2 within R (astropy's
// match_to_catalog_sky restricted to sep <= R); rows without one are left out. --all: every pair
// within R (astropy's search_around_sky), ordered by TABLE1 row then TABLE2 row.
//
// Output:
//  - default: "N of M rows of TABLE1 have a counterpart within R in TABLE2 (K rows)" and a text
//    table of the first --limit (20) matches: rows (0-based), separation in arcsec, both positions;
//  - --json: one document
//      {"table1": PATH, "table2": PATH, "mode": "nearest"|"all", "radius_arcsec": R,
//       "rows1": M, "rows2": K, "matched": N,
//       "matches": [{"row1", "row2", "separation_arcsec"}...]}
//    rows are 0-based; "matched" counts the TABLE1 rows with at least one counterpart (with --all,
//    "matches" may hold more pairs than that);
//  - --votable OUT: one row per match: TABLE1's row, TABLE2's columns appended (a name already
//    taken gets the suffix _2) and `separation` (arcsec), written atomically (--binary2 for
//    BINARY2); the count is printed as by default.
// Exit codes: 0 success (also when nothing matches), 1 a missing or bad table or one without
// positions (the message says which columns were looked for), 2 bad usage (a bad --radius).

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>
#include <optional>

#include "catalog/CrossMatch.h"
#include "catalog/MatchedTable.h"
#include "catalog/SkyTarget.h"
#include "catalog/SourceTableFile.h"
#include "catalog/VoTableWriter.h"
#include "cli/CliCommon.h"
#include "fits/FitsError.h"
#include "wcs/Angles.h"

namespace xsky::cli {

namespace {

const QString kCommand = QStringLiteral("crossmatch");

// The radius in degrees: an angle with a unit, or a bare number of arcseconds.
std::optional<double> parseRadius(const QString& text, QString* error) {
  static const QRegularExpression bare(
      QStringLiteral("^\\s*[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*$"));
  const std::optional<double> deg = bare.match(text).hasMatch()
                                        ? std::optional(text.trimmed().toDouble() / 3600.0)
                                        : catalog::parseAngle(text, error);
  if (deg && !(*deg > 0)) {
    *error = QStringLiteral("the radius must be more than 0");
    return std::nullopt;
  }
  if (deg && *deg > 180.0) {
    *error = QStringLiteral("the radius must be at most 180deg");
    return std::nullopt;
  }
  return deg;
}

// The positions of a table, the error naming which of the two tables it is.
catalog::SkyPositions positionsOf(const catalog::SourceTable& table, const char* which) {
  try {
    return catalog::positionsOf(table);
  } catch (const Error& e) {
    throw Error(QStringLiteral("%1 %2").arg(QLatin1String(which), e.message()));
  }
}

void printText(const std::vector<catalog::MatchPair>& pairs, const catalog::SkyPositions& first,
               const catalog::SkyPositions& second, int limit) {
  const size_t shown = std::min(pairs.size(), static_cast<size_t>(std::max(limit, 0)));
  if (shown == 0) return;
  std::printf("%8s %8s %12s  %11s %11s  %11s %11s\n", "row1", "row2", "sep_arcsec", "ra1_deg",
              "dec1_deg", "ra2_deg", "dec2_deg");
  for (size_t i = 0; i < shown; ++i) {
    const catalog::MatchPair& p = pairs[i];
    std::printf("%8zu %8zu %12.4f  %11.6f %+11.6f  %11.6f %+11.6f\n", p.first, p.second,
                p.separationDeg * 3600.0, first.ra[p.first], first.dec[p.first],
                second.ra[p.second], second.dec[p.second]);
  }
  if (shown < pairs.size()) std::printf("... (%zu more)\n", pairs.size() - shown);
}

}  // namespace

int runCrossMatch(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption radius(
      QStringLiteral("radius"),
      QStringLiteral("Match radius: '5arcsec', '1arcmin', '0.01deg'; a bare number is arcsec."),
      QStringLiteral("R"));
  const QCommandLineOption all(QStringLiteral("all"),
                               QStringLiteral("Every pair within R, not only the nearest."));
  const QCommandLineOption json(QStringLiteral("json"),
                                QStringLiteral("Print one JSON document (every match)."));
  const QCommandLineOption votable(
      QStringLiteral("votable"),
      QStringLiteral("Write TABLE1's matched rows with TABLE2's columns and the separation."),
      QStringLiteral("OUT"));
  const QCommandLineOption binary2(QStringLiteral("binary2"),
                                   QStringLiteral("With --votable: BINARY2 serialisation."));
  const QCommandLineOption limit(QStringLiteral("limit"),
                                 QStringLiteral("Matches to print (default 20; --json: all)."),
                                 QStringLiteral("N"));
  parser.addOptions({radius, all, json, votable, binary2, limit});
  parser.addPositionalArgument(QStringLiteral("TABLE1"),
                               QStringLiteral("A VOTable or FITS table: the sources to match."));
  parser.addPositionalArgument(QStringLiteral("TABLE2"),
                               QStringLiteral("A VOTable or FITS table: where to look for them."));
  int code = kOk;
  if (!parseArgs(parser, args,
                 QStringLiteral("Match the sources of two tables by position within a radius."),
                 &code)) {
    return code;
  }
  const QStringList positional = parser.positionalArguments().mid(1);
  if (positional.size() != 2) {
    return fail(kCommand, QStringLiteral("expected TABLE1 and TABLE2"), kUsage);
  }
  if (parser.isSet(json) && parser.isSet(votable)) {
    return fail(kCommand, QStringLiteral("--json and --votable exclude each other"), kUsage);
  }
  if (!parser.isSet(radius)) {
    return fail(kCommand, QStringLiteral("--radius is required (e.g. --radius 5arcsec)"), kUsage);
  }
  QString why;
  const std::optional<double> radiusDeg = parseRadius(parser.value(radius), &why);
  if (!radiusDeg) return fail(kCommand, QStringLiteral("bad --radius: %1").arg(why), kUsage);
  bool ok = true;
  const int rowLimit =
      parser.isSet(limit) ? parser.value(limit).toInt(&ok) : (parser.isSet(json) ? -1 : 20);
  if (!ok || (parser.isSet(limit) && rowLimit < 0)) {
    return fail(kCommand, QStringLiteral("bad --limit"), kUsage);
  }

  try {
    const catalog::SourceTable table1 = catalog::readSourceTableFile(positional[0]);
    const catalog::SourceTable table2 = catalog::readSourceTableFile(positional[1]);
    const catalog::SkyPositions first = positionsOf(table1, "TABLE1");
    const catalog::SkyPositions second = positionsOf(table2, "TABLE2");
    const std::vector<catalog::MatchPair> pairs =
        parser.isSet(all)
            ? catalog::pairsWithin(first, second, *radiusDeg)
            : catalog::matchedPairs(catalog::nearestNeighbours(first, second, *radiusDeg));
    const size_t matched = catalog::firstRows(pairs).size();

    if (parser.isSet(json)) {
      QJsonArray matches;
      const size_t n = rowLimit < 0 ? pairs.size() : std::min(pairs.size(), size_t(rowLimit));
      for (size_t i = 0; i < n; ++i) {
        matches.append(
            QJsonObject{{QStringLiteral("row1"), static_cast<qint64>(pairs[i].first)},
                        {QStringLiteral("row2"), static_cast<qint64>(pairs[i].second)},
                        {QStringLiteral("separation_arcsec"), pairs[i].separationDeg * 3600.0}});
      }
      printJson(QJsonObject{{QStringLiteral("table1"), positional[0]},
                            {QStringLiteral("table2"), positional[1]},
                            {QStringLiteral("mode"),
                             parser.isSet(all) ? QStringLiteral("all") : QStringLiteral("nearest")},
                            {QStringLiteral("radius_arcsec"), *radiusDeg * 3600.0},
                            {QStringLiteral("rows1"), static_cast<qint64>(table1.rowCount())},
                            {QStringLiteral("rows2"), static_cast<qint64>(table2.rowCount())},
                            {QStringLiteral("matched"), static_cast<qint64>(matched)},
                            {QStringLiteral("matches"), matches}});
      return kOk;
    }
    const QString within = wcs::formatAngleSize(*radiusDeg);
    std::printf("%s\n",
                qPrintable(QStringLiteral("%1 of %2 rows of %3 %4 a counterpart within %5 "
                                          "in %6 (%7 rows)")
                               .arg(matched)
                               .arg(table1.rowCount())
                               .arg(QFileInfo(positional[0]).fileName(),
                                    matched == 1 ? QStringLiteral("has") : QStringLiteral("have"),
                                    within, QFileInfo(positional[1]).fileName())
                               .arg(table2.rowCount())));
    if (parser.isSet(all)) std::printf("%zu pairs within %s\n", pairs.size(), qPrintable(within));
    if (parser.isSet(votable)) {
      catalog::VoTableWriteOptions w;
      if (parser.isSet(binary2)) w.serialisation = catalog::VoTableSerialisation::Binary2;
      catalog::writeVoTable(catalog::joinMatches(table1, table2, pairs), parser.value(votable), w);
      return kOk;
    }
    printText(pairs, first, second, rowLimit);
  } catch (const Error& e) {
    return fail(kCommand, e.message());
  }
  return kOk;
}

}  // namespace xsky::cli
