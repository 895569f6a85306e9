#pragma once
// The compiled form of a query (catalog/Query.h), shared by the parser (QueryParser.cpp), which
// builds and type-checks it against a table, and the evaluator (QueryEvaluator.cpp), which runs it
// block by block. Every node has an id: its scratch buffers in an evaluation are indexed by it.

#include <cstdint>
#include <memory>
#include <vector>

#include <QString>

#include "catalog/SourceTable.h"
#include "regions/Region.h"

namespace xsky::catalog {

enum class QueryType { Number, Bool, String };

enum class QueryOp {
  // Number-valued
  Constant,     // number
  NumColumn,    // column (Real or Integer)
  Neg, Add, Sub, Mul, Div, Pow,
  Func,         // func(kids[0])
  // Bool-valued
  BoolConst,    // number != 0
  BoolColumn,   // column (Boolean) == want (non-null)
  Compare,      // kids[0] cmp kids[1]
  InNumbers,    // kids[0] in numbers (negate: not in)
  StrCompare,   // column cmp text (= or != only)
  InStrings,    // column in strings (negate: not in)
  Like,         // column LIKE pattern (negate: NOT LIKE)
  IsNull,       // kids[0] (or column) is null (negate: is not null)
  And, Or, Not,
  Sky,          // cone/box/region on the position columns
  // String-valued (only as operands of string predicates, never evaluated alone)
  StrColumn, StrConst,
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };
enum class FuncId { Abs, Sqrt, Log10, Ln, Exp };

/// A cone/box/region selection with everything precomputed for the evaluator.
struct SkySelection {
  enum class Kind { Cone, Box, Region } kind = Kind::Cone;
  double ra = 0, dec = 0;     // centre, ICRS degrees (cone, box; the bounding cap of a region)
  double radius = 0;          // cone radius; for a box the radius of a cap holding it
  std::vector<regions::Region> includes, excludes;  // box (one include) and region
  /// Caps (ICRS degrees) whose union holds the selection: the cone itself, or one around each
  /// included region; rows outside them are rejected before any exact test.
  struct Cap {
    double ra = 0, dec = 0, radius = 0;
  };
  std::vector<Cap> caps;
  QString label;              // for explain()
};

struct QueryNode {
  QueryOp op = QueryOp::Constant;
  QueryType type = QueryType::Number;
  int pos = 1;   // 1-based column in the query text
  int id = 0;    // scratch slot
  std::vector<std::unique_ptr<QueryNode>> kids;

  double number = 0;          // Constant, BoolConst, BoolColumn's wanted value (0/1)
  const Column* column = nullptr;
  QString text;               // StrConst, StrCompare/Like operand, column name for explain()
  CompareOp cmp = CompareOp::Eq;
  FuncId func = FuncId::Abs;
  bool negate = false;        // NOT IN, NOT LIKE, IS NOT NULL
  std::vector<double> numbers;   // InNumbers, sorted
  std::vector<QString> strings;  // InStrings, sorted
  std::shared_ptr<const SkySelection> sky;
  const Column* raColumn = nullptr;  // Sky
  const Column* decColumn = nullptr;
  double raScale = 1, decScale = 1;  // column unit -> degrees

  /// Relative cost per row, for ordering AND/OR operands (cheap first).
  double cost = 1;
};

/// Parses and type-checks (QueryParser.cpp). Throws QueryError.
struct QueryOptions;
std::unique_ptr<QueryNode> parseQuery(const QString& text, const SourceTable& table,
                                      const QueryOptions& options, int* nodeCount);

/// Evaluates rows [start, start + count) into out (0/1). QueryEvaluator.cpp.
void evaluateQueryRange(const QueryNode& root, int nodeCount, size_t start, size_t count, uint8_t* out);

/// As evaluateQueryRange for a predicate node, on the rows whose act byte is set (others give 0).
void evaluateQueryRangeWithin(const QueryNode& node, int nodeCount, size_t start, size_t count, const uint8_t* act,
                              uint8_t* out);

/// As evaluateQueryRange for a predicate node, on the `count` rows listed in `rows` (gathered).
void evaluateQueryRows(const QueryNode& node, int nodeCount, const uint32_t* rows, size_t count, uint8_t* out);

QString explainNode(const QueryNode& node);

}  // namespace xsky::catalog
