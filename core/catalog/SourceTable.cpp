#include "catalog/SourceTable.h"

#include <cmath>
#include <limits>

#include <QLocale>

#include "fits/FitsError.h"

namespace xsky::catalog {

QString kindName(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::Real:
      return QStringLiteral("real");
    case ColumnKind::Integer:
      return QStringLiteral("integer");
    case ColumnKind::Boolean:
      return QStringLiteral("boolean");
    case ColumnKind::String:
      return QStringLiteral("string");
  }
  return {};
}

size_t Column::size() const {
  switch (kind_) {
    case ColumnKind::Real:
      return reals.size();
    case ColumnKind::Integer:
      return integers.size();
    case ColumnKind::Boolean:
      return booleans.size();
    case ColumnKind::String:
      return strings.size();
  }
  return 0;
}

bool Column::isNull(size_t row) const {
  if (kind_ == ColumnKind::Real) return std::isnan(reals[row]);
  return row < nullMask.size() && nullMask[row] != 0;
}

bool Column::hasNulls() const {
  if (kind_ == ColumnKind::Real) {
    for (double v : reals) {
      if (std::isnan(v)) return true;
    }
    return false;
  }
  for (uint8_t m : nullMask) {
    if (m != 0) return true;
  }
  return false;
}

void Column::setNull(size_t row) {
  switch (kind_) {
    case ColumnKind::Real:
      reals[row] = std::numeric_limits<double>::quiet_NaN();
      return;
    case ColumnKind::Integer:
      integers[row] = 0;
      break;
    case ColumnKind::Boolean:
      booleans[row] = 0;
      break;
    case ColumnKind::String:
      strings[row].clear();
      break;
  }
  if (nullMask.empty()) nullMask.assign(size(), 0);
  nullMask[row] = 1;
}

double Column::number(size_t row) const {
  if (isNull(row)) return std::numeric_limits<double>::quiet_NaN();
  switch (kind_) {
    case ColumnKind::Real:
      return reals[row];
    case ColumnKind::Integer:
      return static_cast<double>(integers[row]);
    case ColumnKind::Boolean:
      return booleans[row] != 0 ? 1.0 : 0.0;
    case ColumnKind::String:
      break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

QString Column::text(size_t row) const {
  if (isNull(row)) return {};
  switch (kind_) {
    case ColumnKind::Real: {
      const double v = reals[row];
      if (std::isinf(v)) return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
      return QString::number(v, 'g', QLocale::FloatingPointShortest);
    }
    case ColumnKind::Integer:
      return QString::number(integers[row]);
    case ColumnKind::Boolean:
      return booleans[row] != 0 ? QStringLiteral("T") : QStringLiteral("F");
    case ColumnKind::String:
      return strings[row];
  }
  return {};
}

std::vector<double> Column::toReals() const {
  if (kind_ == ColumnKind::Real) return reals;
  const size_t n = size();
  std::vector<double> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = number(i);
  return out;
}

void Column::appendNull() {
  switch (kind_) {
    case ColumnKind::Real:
      reals.push_back(std::numeric_limits<double>::quiet_NaN());
      return;
    case ColumnKind::Integer:
      integers.push_back(0);
      break;
    case ColumnKind::Boolean:
      booleans.push_back(0);
      break;
    case ColumnKind::String:
      strings.emplace_back();
      break;
  }
  if (nullMask.size() + 1 < size()) nullMask.resize(size() - 1, 0);
  nullMask.push_back(1);
}

void Column::reserve(size_t rows) {
  switch (kind_) {
    case ColumnKind::Real:
      reals.reserve(rows);
      break;
    case ColumnKind::Integer:
      integers.reserve(rows);
      break;
    case ColumnKind::Boolean:
      booleans.reserve(rows);
      break;
    case ColumnKind::String:
      strings.reserve(rows);
      break;
  }
}

void Column::squeezeNullMask() {
  if (nullMask.empty()) return;
  nullMask.resize(size(), 0);
  for (uint8_t m : nullMask) {
    if (m != 0) return;
  }
  nullMask.clear();
  nullMask.shrink_to_fit();
}

int SourceTable::columnIndex(const QString& name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].meta.name.compare(name, Qt::CaseInsensitive) == 0) return static_cast<int>(i);
  }
  return -1;
}

const Column* SourceTable::column(const QString& name) const {
  const int i = columnIndex(name);
  return i < 0 ? nullptr : &columns[static_cast<size_t>(i)];
}

Column* SourceTable::column(const QString& name) {
  const int i = columnIndex(name);
  return i < 0 ? nullptr : &columns[static_cast<size_t>(i)];
}

void SourceTable::checkConsistent() const {
  if (columns.empty()) return;
  const size_t n = columns.front().size();
  for (const Column& c : columns) {
    if (c.size() != n || (!c.nullMask.empty() && c.nullMask.size() != n)) {
      throw Error(QStringLiteral("%1: column %2 has %3 values where the table has %4 rows")
                      .arg(source, c.meta.name)
                      .arg(c.size())
                      .arg(n));
    }
  }
}

}  // namespace xsky::catalog
