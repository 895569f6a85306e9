#pragma once
// Internal to the VOTable reader and writer: the BINARY and BINARY2 serialisations (big-endian
// rows; variable-length arrays preceded by a 4-byte element count; BINARY2 rows preceded by one
// null flag per field, most significant bit first).

#include <vector>

#include <QByteArray>

#include "catalog/SourceTable.h"
#include "catalog/VoTableFields.h"

namespace xsky::catalog::votable {

/// Decodes a whole stream (already base64-decoded) into `columns` (one per spec, created with
/// spec.kind()). Throws xsky::Error (prefixed with `where`) when the stream ends inside a row or a
/// count is impossible.
void decodeBinary(const QByteArray& stream, bool binary2, const std::vector<FieldSpec>& specs,
                  std::vector<Column>* columns, const QString& where);

/// Appends row `row` of `columns` to `out` in the BINARY2 serialisation; specs describe how each
/// column is written (as VoTableWriter declares it).
void encodeBinary2Row(const std::vector<FieldSpec>& specs, const std::vector<Column>& columns,
                      size_t row, QByteArray* out);

}  // namespace xsky::catalog::votable
