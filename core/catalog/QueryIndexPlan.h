#pragma once
// The indexed path of a compiled query (catalog/Query.h with QueryOptions::index): predicates that
// an index answers (a numeric column, or log10/ln/sqrt/exp of one, compared with a constant; IN a
// few numbers; IS NULL; cone/box/region; NOT/AND/OR of those) become bitmaps of rows; the others
// run in the block evaluator (QueryEvaluator.cpp) only on the rows the indexed ones leave
// undecided (after an AND's indexed operands, or outside an OR's). The rows equal the scan's.

#include <optional>

#include "catalog/QueryAst.h"
#include "catalog/RowBitmap.h"
#include "catalog/TableIndex.h"

namespace xsky::catalog {

/// The rows of `root`, or nullopt when no part of it can use the index (then scan).
/// threads: 1 runs the scanned parts on the calling thread, else on the global thread pool.
std::optional<RowBitmap> evaluateWithIndex(const QueryNode& root, int nodeCount, const TableIndex& index, int threads);

}  // namespace xsky::catalog
