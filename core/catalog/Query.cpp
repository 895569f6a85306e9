#include "catalog/Query.h"

#include <QtConcurrent/QtConcurrentMap>

#include "catalog/QueryAst.h"
#include "catalog/QueryIndexPlan.h"

namespace xsky::catalog {

namespace {
constexpr size_t kChunkRows = 16 * 4096;  // rows per parallel task
}

QueryError::QueryError(int column, const QString& message)
    : Error(QStringLiteral("column %1: %2").arg(column).arg(message)), column_(column) {}

Query Query::compile(const QString& text, const SourceTable& table, const QueryOptions& options) {
  Query q;
  q.text_ = text;
  q.table_ = &table;
  q.threads_ = options.threads;
  q.index_ = options.index != nullptr && &options.index->table() == &table ? options.index : nullptr;
  q.root_ = parseQuery(text, table, options, &q.nodes_);
  return q;
}

Query::Query(Query&&) noexcept = default;
Query& Query::operator=(Query&&) noexcept = default;
Query::~Query() = default;

std::vector<uint8_t> Query::mask() const {
  const size_t n = table_->rowCount();
  std::vector<uint8_t> out(n);
  if (n == 0) return out;
  if (index_ != nullptr) {
    if (const auto bits = evaluateWithIndex(*root_, nodes_, *index_, threads_)) {
      bits->toBytes(out.data());
      return out;
    }
  }
  if (threads_ == 1 || n < 2 * kChunkRows) {
    evaluateQueryRange(*root_, nodes_, 0, n, out.data());
    return out;
  }
  std::vector<size_t> starts;
  for (size_t s = 0; s < n; s += kChunkRows) starts.push_back(s);
  QtConcurrent::blockingMap(starts, [&](size_t start) {
    evaluateQueryRange(*root_, nodes_, start, std::min(kChunkRows, n - start), out.data() + start);
  });
  return out;
}

std::vector<size_t> Query::rows() const {
  if (index_ != nullptr && table_->rowCount() > 0) {
    if (const auto bits = evaluateWithIndex(*root_, nodes_, *index_, threads_)) return bits->rows();
  }
  const std::vector<uint8_t> m = mask();
  std::vector<size_t> out;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m[i]) out.push_back(i);
  }
  return out;
}

size_t Query::count() const {
  if (index_ != nullptr && table_->rowCount() > 0) {
    if (const auto bits = evaluateWithIndex(*root_, nodes_, *index_, threads_)) return bits->count();
  }
  const std::vector<uint8_t> m = mask();
  size_t c = 0;
  for (uint8_t v : m) c += v;
  return c;
}

QString Query::explain() const { return explainNode(*root_); }

SourceTable selectRows(const SourceTable& table, const std::vector<size_t>& rows) {
  SourceTable out;
  out.name = table.name;
  out.description = table.description;
  out.source = table.source;
  out.setRowCountHint(rows.size());
  for (const Column& c : table.columns) {
    Column d(c.meta, c.kind());
    auto pick = [&rows](const auto& from, auto& to) {
      to.reserve(rows.size());
      for (size_t r : rows) to.push_back(from[r]);
    };
    switch (c.kind()) {
      case ColumnKind::Real: pick(c.reals, d.reals); break;
      case ColumnKind::Integer: pick(c.integers, d.integers); break;
      case ColumnKind::Boolean: pick(c.booleans, d.booleans); break;
      case ColumnKind::String: pick(c.strings, d.strings); break;
    }
    if (!c.nullMask.empty()) {
      pick(c.nullMask, d.nullMask);
      d.squeezeNullMask();
    }
    out.columns.push_back(std::move(d));
  }
  return out;
}

}  // namespace xsky::catalog
