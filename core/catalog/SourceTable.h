#pragma once
// A source table held column by column, as read from a VOTable or a FITS binary table: each
// column's values sit in one contiguous array of its storage kind, so a filter over a million rows
// walks plain std::vector<double>/<int64_t> memory.
//
// Storage kinds and nulls:
//  - Real    (VOTable float/double, FITS E/D and scaled integers): reals, null = NaN;
//  - Integer (unsignedByte/short/int/long, FITS B/I/J/K):         integers + nullMask;
//  - Boolean (boolean, bit, FITS L):                              booleans (0/1) + nullMask;
//  - String  (char/unicodeChar, FITS A; also array-valued cells of any other type, written as
//             their elements separated by one space):             strings + nullMask.
// nullMask is empty when the column has no null at all, else one byte per row (1 = null).
// A null cell's value slot holds 0 / false / an empty string.
//
// Units are whatever the file says (VOTable unit, FITS TUNITn); positions are found by
// catalog/PositionColumns.h. Not thread-safe for writing; const access from many threads is fine.

#include <cstdint>
#include <vector>

#include <QString>

namespace xsky::catalog {

enum class ColumnKind { Real, Integer, Boolean, String };

/// "real", "integer", "boolean", "string".
QString kindName(ColumnKind kind);

/// What the file says about a column.
struct ColumnMeta {
  QString name;
  QString id;           // VOTable FIELD ID (empty for FITS)
  QString unit;         // VOTable unit, FITS TUNITn
  QString ucd;          // VOTable ucd, FITS TUCDn
  QString utype;        // VOTable utype
  QString description;  // VOTable DESCRIPTION, FITS TCOMMn or the TTYPEn comment
  QString datatype;     // VOTable datatype (double, int, char, ...); FITS TFORMn mapped to one
  QString arraysize;    // VOTable arraysize as written ("*", "8", "3x2"); empty for scalars
};

class Column {
 public:
  Column() = default;
  Column(ColumnMeta meta, ColumnKind kind) : meta(std::move(meta)), kind_(kind) {}

  ColumnMeta meta;

  ColumnKind kind() const { return kind_; }
  bool isNumeric() const { return kind_ == ColumnKind::Real || kind_ == ColumnKind::Integer; }
  size_t size() const;

  // Values of the column's kind (the other three stay empty).
  std::vector<double> reals;
  std::vector<int64_t> integers;
  std::vector<uint8_t> booleans;  // 0 or 1
  std::vector<QString> strings;
  std::vector<uint8_t> nullMask;  // empty: no nulls; else one byte per row, 1 = null

  bool isNull(size_t row) const;
  bool hasNulls() const;
  /// Marks a row null (creating the mask on first use) and clears its value slot.
  void setNull(size_t row);
  /// The value as a double: reals as stored, integers converted, booleans 0/1; NaN for null
  /// cells and for strings.
  double number(size_t row) const;
  /// The value as text (empty for null): reals with the shortest exact representation.
  QString text(size_t row) const;
  /// All values as doubles (NaN for nulls); for Real columns a copy of reals.
  std::vector<double> toReals() const;

  /// Appends one null row / reserves room, for readers.
  void appendNull();
  void reserve(size_t rows);
  /// Drops the mask when it marks nothing.
  void squeezeNullMask();

 private:
  ColumnKind kind_ = ColumnKind::Real;
};

class SourceTable {
 public:
  QString name;         // VOTable TABLE name (or ID), FITS EXTNAME
  QString description;  // VOTable TABLE DESCRIPTION
  QString source;       // the file it came from, for messages

  std::vector<Column> columns;

  size_t rowCount() const { return columns.empty() ? rowCount_ : columns.front().size(); }
  /// For tables without columns (a VOTable with FIELDs but no rows still has columns).
  void setRowCountHint(size_t rows) { rowCount_ = rows; }
  size_t columnCount() const { return columns.size(); }

  /// Index of the column with this name (case-insensitive), -1 when absent.
  int columnIndex(const QString& name) const;
  const Column* column(const QString& name) const;
  Column* column(const QString& name);

  /// Throws xsky::Error when columns differ in length (readers call it before returning).
  void checkConsistent() const;

 private:
  size_t rowCount_ = 0;
};

}  // namespace xsky::catalog
