#pragma once
// The catalogue query language: a boolean expression over a SourceTable's columns, compiled once
// and evaluated over contiguous column arrays, block by block (4096 rows at a time into small
// double/byte buffers that stay in cache), never row by row through a tree of QVariants.
//
//   sc_det_ml > 10 AND (sc_ext_ml < 5 OR NOT is_ulx = true)
//   cone('M31', '1deg') AND sc_det_ml < 100          box('13:29:55.2 +47:12:36', '20arcmin', '10arcmin')
//   iauname IN {"3XMM J053406.7+220337"}            name LIKE 'ngc%'        n_detections NOT IN {1, 2}
//   sqrt(pow(ra_err, 2) + dec_err^2) < 2            log10(sc_ep_8_flux) > -13    flag IS NULL
//   region('src.reg')                                M82          (alone: a 10 arcmin cone around M82)
//
// Syntax: AND/OR/NOT (any case; also && || !), parentheses; comparisons = == != <> < <= > >=;
// IN {...} and NOT IN {...} with numbers or strings; LIKE / NOT LIKE with % (any run) and _ (one
// character), case-insensitive; IS [NOT] NULL; arithmetic + - * / ^ and unary minus on numeric
// columns; functions abs sqrt log10 ln (= log) exp pow(x, y); numbers like 1e-14; true/false.
// Precedence, loosest first: OR, AND, NOT, comparison, + -, * /, unary minus, ^.
// Column names are case-insensitive; `backquoted` text always names a column; "double-quoted" text
// names a column when one has that name, else it is a string; 'single-quoted' text is a string.
// String = and != compare exactly (case-sensitive); booleans compare with = true / = false, and a
// boolean column alone means "= true".
//
// Sky selections use the table's position columns (catalog/PositionColumns.h), ICRS degrees:
//   cone(target, radius) | cone(ra, dec, radius)  great-circle distance <= radius;
//   box(target, width[, height])                   the gnomonic box of regions/ (|u| <= tan(w/2),
//                                                  |v| <= tan(h/2) in the tangent plane at target);
//   region('file.reg')                             inside the included sky regions of a DS9/CIAO file
//                                                  and outside its excluded ones (any role).
// Targets and angles are parsed by catalog/SkyTarget.h; names go through QueryOptions::resolver.
//
// Nulls: a comparison, IN, LIKE or sky test with a null (or NaN) operand is false, != included;
// NOT negates the result (so NOT x > 1 keeps the rows where x is null), as NumPy's ~(x > 1) does.
//
// Errors: QueryError (an xsky::Error) whose message starts "column N: " with the 1-based column of
// the mistake in the query text, e.g. `column 17: unknown column "sc_det_mll" (did you mean
// sc_det_ml?)`. Compiling resolves names (which may block on the network); evaluation never throws.
//
// Indexes: with QueryOptions::index, the parts of the query an index answers are bitmaps and
// only the rest is evaluated, on the rows still undecided (catalog/QueryIndexPlan.h).
//
// Threading: compile on any thread; a compiled Query is immutable and its const methods may run
// concurrently. mask()/rows() split large tables over QThreadPool::globalInstance() (options.threads).
// The table must outlive the Query and not change while it is evaluated.

#include <cstdint>
#include <memory>
#include <vector>

#include <QString>

#include "catalog/SkyTarget.h"
#include "catalog/SourceTable.h"
#include "fits/FitsError.h"

namespace xsky::catalog {

class TableIndex;

struct QueryOptions {
  NameResolver resolver;  // names in cone()/box() and bare names; empty: a name is an error
  QString baseDir;        // folder for relative region() paths; empty: the current directory
  int threads = 0;        // 0: as many as the global thread pool has; 1: the calling thread only
  double bareNameRadiusDeg = 10.0 / 60.0;  // the cone of a query that is only a name
  /// The table's indexes (catalog/TableIndex.h), kept by the caller across queries: predicates
  /// they answer cost microseconds instead of a scan. Null: every query scans. Same rows either way.
  const TableIndex* index = nullptr;
};

class QueryError : public Error {
 public:
  /// `column` is 1-based in the query text; the message gets the "column N: " prefix.
  QueryError(int column, const QString& message);
  int column() const { return column_; }

 private:
  int column_;
};

struct QueryNode;  // catalog/QueryAst.h

class Query {
 public:
  /// Parses and type-checks `text` against `table`. Throws QueryError.
  static Query compile(const QString& text, const SourceTable& table, const QueryOptions& options = {});

  Query(Query&&) noexcept;
  Query& operator=(Query&&) noexcept;
  ~Query();

  /// One byte per row: 1 when the row matches.
  std::vector<uint8_t> mask() const;
  /// The matching rows, ascending.
  std::vector<size_t> rows() const;
  size_t count() const;

  const QString& text() const { return text_; }
  /// The expression as understood, fully parenthesised (for logs and tests), e.g.
  /// "((sc_det_ml > 10) AND cone(202.48, 47.21, 0.1667))".
  QString explain() const;

 private:
  Query() = default;
  QString text_;
  const SourceTable* table_ = nullptr;
  std::unique_ptr<QueryNode> root_;
  int nodes_ = 0;
  int threads_ = 0;
  const TableIndex* index_ = nullptr;
};

/// A new table with the given rows of `table` (in that order), columns and metadata kept.
SourceTable selectRows(const SourceTable& table, const std::vector<size_t>& rows);

}  // namespace xsky::catalog
