#include "catalog/QueryIndexPlan.h"

#include <QtConcurrent/QtConcurrentMap>

#include <cmath>
#include <limits>

namespace xsky::catalog {

namespace {

constexpr size_t kChunkRows = 16 * 4096;  // rows per parallel scan task (a multiple of 64)

CompareOp mirrored(CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return CompareOp::Gt;
    case CompareOp::Gt: return CompareOp::Lt;
    case CompareOp::Le: return CompareOp::Ge;
    case CompareOp::Ge: return CompareOp::Le;
    default: return op;
  }
}

class Planner {
 public:
  Planner(const TableIndex& index, int nodeCount, int threads)
      : index_(index), rows_(index.table().rowCount()), nodeCount_(nodeCount), threads_(threads) {}

  std::optional<RowBitmap> indexed(const QueryNode& node);

 private:
  std::optional<RowBitmap> compare(const QueryNode& node);
  RowBitmap scanWithin(const QueryNode& node, const RowBitmap& candidates) const;
  static bool plainColumn(const QueryNode& n) { return n.op == QueryOp::NumColumn && n.column != nullptr; }

  const TableIndex& index_;
  size_t rows_;
  int nodeCount_;
  int threads_;
};

// column OP constant, constant OP column, and f(column) OP constant for the increasing functions.
std::optional<RowBitmap> Planner::compare(const QueryNode& node) {
  const QueryNode* a = node.kids[0].get();
  const QueryNode* b = node.kids[1].get();
  CompareOp op = node.cmp;
  if (a->op == QueryOp::Constant && b->op != QueryOp::Constant) {
    std::swap(a, b);
    op = mirrored(op);
  }
  if (b->op != QueryOp::Constant) return std::nullopt;
  if (plainColumn(*a)) {
    const SortedColumnIndex* column = index_.numeric(*a->column);
    if (column == nullptr) return std::nullopt;
    return column->select(op, b->number);
  }
  if (a->op != QueryOp::Func || a->func == FuncId::Abs || !plainColumn(*a->kids[0])) return std::nullopt;
  const SortedColumnIndex* column = index_.numeric(*a->kids[0]->column);
  if (column == nullptr) return std::nullopt;
  switch (a->func) {
    case FuncId::Log10: return column->select(op, b->number, [](double v) { return std::log10(v); }, 0.0);
    case FuncId::Ln: return column->select(op, b->number, [](double v) { return std::log(v); }, 0.0);
    case FuncId::Sqrt: return column->select(op, b->number, [](double v) { return std::sqrt(v); }, 0.0);
    case FuncId::Exp: return column->select(op, b->number, [](double v) { return std::exp(v); });
    case FuncId::Abs: break;
  }
  return std::nullopt;
}

std::optional<RowBitmap> Planner::indexed(const QueryNode& node) {
  switch (node.op) {
    case QueryOp::BoolConst:
      return RowBitmap(rows_, node.number != 0);
    case QueryOp::Compare:
      return compare(node);
    case QueryOp::InNumbers: {
      if (!plainColumn(*node.kids[0]) || node.numbers.size() > 64) return std::nullopt;
      const SortedColumnIndex* column = index_.numeric(*node.kids[0]->column);
      if (column == nullptr) return std::nullopt;
      RowBitmap out(rows_);
      for (const double v : node.numbers) out |= column->select(CompareOp::Eq, v);
      if (node.negate) {
        RowBitmap valid = column->valid();
        valid.andNot(out);
        return valid;
      }
      return out;
    }
    case QueryOp::IsNull: {
      if (!plainColumn(*node.kids[0])) return std::nullopt;
      const SortedColumnIndex* column = index_.numeric(*node.kids[0]->column);
      if (column == nullptr) return std::nullopt;
      RowBitmap valid = column->valid();
      if (!node.negate) valid.invert();
      return valid;
    }
    case QueryOp::Sky: {
      const SkyZoneIndex* sky = index_.sky(*node.raColumn, node.raScale, *node.decColumn, node.decScale);
      if (sky == nullptr) return std::nullopt;
      return sky->select(*node.sky);
    }
    case QueryOp::Not: {
      std::optional<RowBitmap> kid = indexed(*node.kids[0]);
      if (kid) kid->invert();
      return kid;
    }
    case QueryOp::And:
    case QueryOp::Or: {
      const bool isAnd = node.op == QueryOp::And;
      std::optional<RowBitmap> acc;
      std::vector<const QueryNode*> scanned;
      for (const auto& kid : node.kids) {
        std::optional<RowBitmap> b = indexed(*kid);
        if (!b) {
          scanned.push_back(kid.get());
        } else if (!acc) {
          acc = std::move(b);
        } else if (isAnd) {
          *acc &= *b;
        } else {
          *acc |= *b;
        }
      }
      if (!acc) return std::nullopt;
      // The other operands (cheapest first, as parsed) on the rows still undecided.
      for (const QueryNode* kid : scanned) {
        if (isAnd) {
          *acc = scanWithin(*kid, *acc);
        } else {
          RowBitmap undecided = *acc;
          undecided.invert();
          *acc |= scanWithin(*kid, undecided);
        }
      }
      return acc;
    }
    default:
      return std::nullopt;
  }
}

RowBitmap Planner::scanWithin(const QueryNode& node, const RowBitmap& candidates) const {
  RowBitmap out(rows_);
  std::vector<size_t> starts;
  for (size_t s = 0; s < rows_; s += kChunkRows) {
    if (candidates.anyIn(s, std::min(kChunkRows, rows_ - s))) starts.push_back(s);
  }
  auto run = [&](size_t start) {
    const size_t n = std::min(kChunkRows, rows_ - start);
    std::vector<uint8_t> act(n), hit(n);
    candidates.toBytes(start, n, act.data());
    size_t count = 0;
    for (size_t i = 0; i < n; ++i) count += act[i];
    if (count * 20 >= n * 7) {  // dense (35 % or more): the block loops over every row
      evaluateQueryRangeWithin(node, nodeCount_, start, n, act.data(), hit.data());
      out.orBytes(start, n, hit.data());  // chunks own whole words: no two tasks write one word
      return;
    }
    // Sparse: only the candidates, gathered, so the work follows their number.
    std::vector<uint32_t> rows;
    rows.reserve(count);
    for (size_t i = 0; i < n; ++i) {
      if (act[i]) rows.push_back(static_cast<uint32_t>(start + i));
    }
    evaluateQueryRows(node, nodeCount_, rows.data(), rows.size(), hit.data());
    std::fill(act.begin(), act.end(), 0);
    for (size_t k = 0; k < rows.size(); ++k) act[rows[k] - start] = hit[k];
    out.orBytes(start, n, act.data());
  };
  if (threads_ == 1 || starts.size() < 2) {
    for (const size_t s : starts) run(s);
  } else {
    QtConcurrent::blockingMap(starts, run);
  }
  return out;
}

}  // namespace

std::optional<RowBitmap> evaluateWithIndex(const QueryNode& root, int nodeCount, const TableIndex& index, int threads) {
  Planner planner(index, nodeCount, threads);
  return planner.indexed(root);
}

}  // namespace xsky::catalog
