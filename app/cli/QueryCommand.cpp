// xsky-cli query TABLE 'EXPRESSION' [--json | --votable OUT] [--hdu N] [--limit N] [--columns A,B,..]
//
// Selects the rows of a source table (VOTable in any serialisation, or a FITS binary table) that
// match a query (the language of core/catalog/Query.h: `sc_det_ml > 10 AND cone('M31', '1deg')`).
// --hdu N picks the table: FITS HDU N counted from 0 as astropy does (default: the first binary
// table), or the N-th TABLE of a VOTable (from 0). Object names resolve through CDS Sesame with the
// local cache (core/catalog/NameResolver.h: $XSKY_SESAME_URL, $XSKY_CACHE_DIR).
//
// Output:
//  - default: "N of M rows match" and a text table of the first --limit (20) matching rows, with
//    the --columns given or the table's first 8 columns;
//  - --json: one document
//      {"table": PATH, "expression": EXPR, "total_rows": M, "rows": N,
//       "columns": [{"name", "unit", "ucd", "kind"}...], "row_indices": [0-based rows...],
//       "data": [[cell, ...] per matching row]}
//    with every column (or --columns), every matching row unless --limit is given; cells are
//    numbers, strings, booleans or null (nulls and NaN);
//  - --votable OUT: the matching rows with every column and its metadata, as a VOTable
//    (TABLEDATA; --binary2 for BINARY2), written atomically; the count is printed as by default.
// Exit codes: 0 success (also when nothing matches), 1 a bad table or a bad expression (the message
// gives the expression's column: "column 17: unknown column ..."), 2 bad usage.

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

#include "catalog/NameResolver.h"
#include "catalog/Query.h"
#include "catalog/SourceTableFile.h"
#include "catalog/VoTableWriter.h"
#include "cli/CliCommon.h"
#include "fits/FitsError.h"

namespace xsky::cli {

namespace {

const QString kCommand = QStringLiteral("query");

QJsonValue cellJson(const catalog::Column& c, size_t row) {
  if (c.isNull(row)) return QJsonValue::Null;
  switch (c.kind()) {
    case catalog::ColumnKind::Real:
      return std::isfinite(c.reals[row]) ? QJsonValue(c.reals[row]) : QJsonValue::Null;
    case catalog::ColumnKind::Integer: return static_cast<qint64>(c.integers[row]);
    case catalog::ColumnKind::Boolean: return c.booleans[row] != 0;
    case catalog::ColumnKind::String: return c.strings[row];
  }
  return QJsonValue::Null;
}

void printText(const catalog::SourceTable& table, const std::vector<size_t>& rows,
               const std::vector<int>& columns, int limit) {
  const size_t shown = std::min(rows.size(), static_cast<size_t>(std::max(limit, 0)));
  std::vector<QStringList> cells(columns.size());
  std::vector<qsizetype> widths(columns.size());
  for (size_t k = 0; k < columns.size(); ++k) {
    const catalog::Column& c = table.columns[size_t(columns[k])];
    cells[k] << c.meta.name;
    for (size_t i = 0; i < shown; ++i) {
      cells[k] << (c.isNull(rows[i]) ? QStringLiteral("null") : c.text(rows[i]));
    }
    for (const QString& s : cells[k]) widths[k] = std::max(widths[k], std::min<qsizetype>(s.size(), 40));
  }
  for (size_t line = 0; line <= shown; ++line) {
    QString out;
    for (size_t k = 0; k < columns.size(); ++k) {
      QString s = cells[k][qsizetype(line)];
      if (s.size() > 40) s = s.left(39) + QChar(0x2026);
      const bool numeric = line > 0 && table.columns[size_t(columns[k])].isNumeric();
      out += (numeric ? s.rightJustified(widths[k]) : s.leftJustified(widths[k])) + QStringLiteral("  ");
    }
    std::fputs((out.trimmed() + QLatin1Char('\n')).toLocal8Bit().constData(), stdout);
  }
  if (shown < rows.size()) std::printf("... (%zu more)\n", rows.size() - shown);
}

}  // namespace

int runQuery(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document (every matching row)."));
  const QCommandLineOption votable(QStringLiteral("votable"), QStringLiteral("Write the matching rows as a VOTable."),
                                   QStringLiteral("OUT"));
  const QCommandLineOption binary2(QStringLiteral("binary2"), QStringLiteral("With --votable: BINARY2 serialisation."));
  const QCommandLineOption hdu(QStringLiteral("hdu"),
                               QStringLiteral("FITS HDU (0-based; default: the first binary table) or VOTable TABLE index."),
                               QStringLiteral("N"));
  const QCommandLineOption limit(QStringLiteral("limit"),
                                 QStringLiteral("Rows to print (default 20; --json: all)."), QStringLiteral("N"));
  const QCommandLineOption columnsOption(QStringLiteral("columns"), QStringLiteral("Columns to print, comma-separated."),
                                         QStringLiteral("A,B,..."));
  parser.addOptions({json, votable, binary2, hdu, limit, columnsOption});
  parser.addPositionalArgument(QStringLiteral("TABLE"), QStringLiteral("A VOTable or FITS table."));
  parser.addPositionalArgument(QStringLiteral("EXPRESSION"),
                               QStringLiteral("The query, e.g. \"sc_det_ml > 10 AND cone('M31', '1deg')\"."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Select the rows of a source table that match a query."), &code)) {
    return code;
  }
  const QStringList positional = parser.positionalArguments().mid(1);
  if (positional.size() != 2) return fail(kCommand, QStringLiteral("expected TABLE and EXPRESSION"), kUsage);
  if (parser.isSet(json) && parser.isSet(votable)) {
    return fail(kCommand, QStringLiteral("--json and --votable exclude each other"), kUsage);
  }
  bool ok = true;
  const int hduIndex = parser.isSet(hdu) ? parser.value(hdu).toInt(&ok) : -1;
  if (!ok || (parser.isSet(hdu) && hduIndex < 0)) return fail(kCommand, QStringLiteral("bad --hdu"), kUsage);
  const int rowLimit = parser.isSet(limit) ? parser.value(limit).toInt(&ok) : (parser.isSet(json) ? -1 : 20);
  if (!ok || (parser.isSet(limit) && rowLimit < 0)) return fail(kCommand, QStringLiteral("bad --limit"), kUsage);

  try {
    const catalog::SourceTable table = catalog::readSourceTableFile(positional[0], hduIndex);
    std::vector<int> shown;
    if (parser.isSet(columnsOption)) {
      for (const QString& name : parser.value(columnsOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const int index = table.columnIndex(name.trimmed());
        if (index < 0) return fail(kCommand, QStringLiteral("--columns: no column \"%1\"").arg(name.trimmed()), kUsage);
        shown.push_back(index);
      }
    } else {
      const int n = parser.isSet(json) ? static_cast<int>(table.columnCount()) : std::min<int>(8, int(table.columnCount()));
      for (int i = 0; i < n; ++i) shown.push_back(i);
    }
    catalog::SesameResolver resolver;
    catalog::QueryOptions options;
    options.resolver = resolver.function();
    const catalog::Query query = catalog::Query::compile(positional[1], table, options);
    const std::vector<size_t> rows = query.rows();

    if (parser.isSet(json)) {
      QJsonArray columns, indices, data;
      for (int k : shown) {
        const catalog::Column& c = table.columns[size_t(k)];
        columns.append(QJsonObject{{QStringLiteral("name"), c.meta.name},
                                   {QStringLiteral("unit"), c.meta.unit},
                                   {QStringLiteral("ucd"), c.meta.ucd},
                                   {QStringLiteral("kind"), catalog::kindName(c.kind())}});
      }
      const size_t n = rowLimit < 0 ? rows.size() : std::min(rows.size(), size_t(rowLimit));
      for (size_t i = 0; i < n; ++i) {
        indices.append(static_cast<qint64>(rows[i]));
        QJsonArray row;
        for (int k : shown) row.append(cellJson(table.columns[size_t(k)], rows[i]));
        data.append(row);
      }
      printJson(QJsonObject{{QStringLiteral("table"), positional[0]},
                            {QStringLiteral("expression"), positional[1]},
                            {QStringLiteral("total_rows"), static_cast<qint64>(table.rowCount())},
                            {QStringLiteral("rows"), static_cast<qint64>(rows.size())},
                            {QStringLiteral("columns"), columns},
                            {QStringLiteral("row_indices"), indices},
                            {QStringLiteral("data"), data}});
      return kOk;
    }
    std::printf("%zu of %zu rows match\n", rows.size(), table.rowCount());
    if (parser.isSet(votable)) {
      catalog::VoTableWriteOptions w;
      if (parser.isSet(binary2)) w.serialisation = catalog::VoTableSerialisation::Binary2;
      catalog::writeVoTable(catalog::selectRows(table, rows), parser.value(votable), w);
      return kOk;
    }
    if (!rows.empty()) printText(table, rows, shown, rowLimit);
  } catch (const Error& e) {
    return fail(kCommand, e.message());
  }
  return kOk;
}

}  // namespace xsky::cli
