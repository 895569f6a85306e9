#include "catalog/MatchedTable.h"

#include <algorithm>

#include "catalog/PositionColumns.h"
#include "catalog/Query.h"
#include "fits/FitsError.h"

namespace xsky::catalog {

namespace {

// A main-position UCD of the second table loses "main": the joined row's position is the first's.
QString demoted(const QString& ucd) {
  QString u = ucd.toLower();
  u.remove(QLatin1Char(' '));
  if (u == u"pos.eq.ra;meta.main" || u == u"pos_eq_ra_main") return QStringLiteral("pos.eq.ra");
  if (u == u"pos.eq.dec;meta.main" || u == u"pos_eq_dec_main") return QStringLiteral("pos.eq.dec");
  return ucd;
}

}  // namespace

std::vector<MatchPair> matchedPairs(const std::vector<NeighbourMatch>& nearest) {
  std::vector<MatchPair> pairs;
  for (size_t i = 0; i < nearest.size(); ++i) {
    if (nearest[i].index >= 0) {
      pairs.push_back({i, static_cast<size_t>(nearest[i].index), nearest[i].separationDeg});
    }
  }
  return pairs;
}

std::vector<size_t> firstRows(const std::vector<MatchPair>& pairs) {
  std::vector<size_t> rows;
  rows.reserve(pairs.size());
  for (const MatchPair& p : pairs) rows.push_back(p.first);
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

SourceTable joinMatches(const SourceTable& first, const SourceTable& second,
                        const std::vector<MatchPair>& pairs, const QString& suffix) {
  std::vector<size_t> rows1, rows2;
  rows1.reserve(pairs.size());
  rows2.reserve(pairs.size());
  for (const MatchPair& p : pairs) {
    if (p.first >= first.rowCount() || p.second >= second.rowCount()) {
      throw Error(QStringLiteral("cross-match pair (%1, %2) outside the tables (%3 and %4 rows)")
                      .arg(p.first)
                      .arg(p.second)
                      .arg(first.rowCount())
                      .arg(second.rowCount()));
    }
    rows1.push_back(p.first);
    rows2.push_back(p.second);
  }
  SourceTable out = selectRows(first, rows1);
  SourceTable appended = selectRows(second, rows2);
  // The first table's positions stay the table's main ones (found first by PositionColumns).
  const PositionColumns main = findPositionColumns(first);
  if (main.found()) {
    out.columns[static_cast<size_t>(main.ra)].meta.ucd = QStringLiteral("pos.eq.ra;meta.main");
    out.columns[static_cast<size_t>(main.dec)].meta.ucd = QStringLiteral("pos.eq.dec;meta.main");
  }
  auto freeName = [&out, &suffix](QString name) {
    while (out.columnIndex(name) >= 0) name += suffix;
    return name;
  };
  for (Column& c : appended.columns) {
    const QString name = freeName(c.meta.name);
    if (name != c.meta.name) {
      c.meta.name = name;
      c.meta.id.clear();  // the ID named the original column
    }
    c.meta.ucd = demoted(c.meta.ucd);
    out.columns.push_back(std::move(c));
  }
  ColumnMeta meta;
  meta.name = freeName(QStringLiteral("separation"));
  meta.unit = QStringLiteral("arcsec");
  meta.ucd = QStringLiteral("pos.angDistance");
  meta.description = QStringLiteral("Great-circle distance between the matched positions");
  meta.datatype = QStringLiteral("double");
  Column separation(meta, ColumnKind::Real);
  separation.reals.reserve(pairs.size());
  for (const MatchPair& p : pairs) separation.reals.push_back(p.separationDeg * 3600.0);
  out.columns.push_back(std::move(separation));
  out.setRowCountHint(pairs.size());
  if (!second.name.isEmpty() && second.name != first.name) {
    out.description = QStringLiteral("%1 matched with %2").arg(first.name, second.name);
  }
  return out;
}

}  // namespace xsky::catalog
