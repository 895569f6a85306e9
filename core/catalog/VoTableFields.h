#pragma once
// Internal to the VOTable reader and writer: a FIELD's datatype and arraysize decoded once, and
// the conversion of one cell (TABLEDATA text or BINARY bytes) into a SourceTable column.

#include <cstdint>
#include <optional>

#include <QString>
#include <QStringList>
#include <QStringView>

#include "catalog/SourceTable.h"

namespace xsky::catalog::votable {

enum class VoType {
  Boolean,
  Bit,
  UnsignedByte,
  Short,
  Int,
  Long,
  Char,
  UnicodeChar,
  Float,
  Double,
  FloatComplex,
  DoubleComplex
};

/// The VOTable datatype of this name (case-sensitive, as the schema says), nullopt when unknown.
std::optional<VoType> voTypeFromName(QStringView name);
QString voTypeName(VoType type);
/// Bytes of one element in the BINARY serialisations (bit: 0, packed separately).
int elementBytes(VoType type);

/// A FIELD as the decoders need it.
struct FieldSpec {
  VoType type = VoType::Double;
  bool variable = false;     // arraysize ends in '*': a 4-byte count precedes the elements
  long long fixedCount = 1;  // elements when !variable (product of the dimensions)
  bool array = false;        // more than one element (or variable): stored as a String column
  std::optional<QString> nullText;  // VALUES null as written
  std::optional<int64_t> nullInteger;
  std::optional<double> nullReal;

  ColumnKind kind() const;
};

/// Decodes datatype/arraysize (arraysize may be empty). Returns an error text on failure.
std::optional<QString> makeFieldSpec(const QString& datatype, const QString& arraysize,
                                     FieldSpec* spec);
/// Sets spec->null* from the VALUES null attribute.
void setNullValue(const QString& text, FieldSpec* spec);

/// Appends one TABLEDATA cell to `column`. Returns an error text when the text is not a value of
/// the field's type (the caller adds the position).
std::optional<QString> appendText(const FieldSpec& spec, QStringView text, Column* column);

/// TABLEDATA number parsing: reals accept NaN, Inf, +Inf, -Inf, Infinity (any case); integers
/// decimal or 0x hexadecimal. nullopt when the text is not a number.
std::optional<double> realFromText(QStringView text);
std::optional<int64_t> integerFromText(QStringView text);

/// Formats a real as the shortest text that reads back to the same value ("NaN", "+Inf", "-Inf").
QString formatReal(double value, bool asFloat);

}  // namespace xsky::catalog::votable
