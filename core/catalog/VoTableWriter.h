#pragma once
// Writing a SourceTable as a VOTable 1.4 document (namespace of VOTable 1.3, as astropy and
// STILTS write it): one RESOURCE, one TABLE, a FIELD per column with name, ID (when the column
// has a valid unique one), datatype, arraysize, unit, ucd, utype and DESCRIPTION.
//
// Datatypes written: Real -> double (float when the column was read as float); Integer -> its
// datatype when it was unsignedByte/short/int/long, else long; Boolean -> boolean; String -> char
// arraysize="*", or unicodeChar when a value is not ASCII. String columns that hold a numeric
// array (datatype and arraysize kept from the reader) are written back as that array; in BINARY2
// only when every element parses and fixed-size cells have their size (bit and complex arrays:
// TABLEDATA only), else as char strings.
// Nulls: an empty TD (VOTable 1.3+); BINARY2 null flags. Reals are written in the shortest text
// that reads back to the same double (or float).
//
// Files are written to a temporary name and renamed (util/AtomicFile.h): a failure leaves no
// partial file. Throws xsky::Error naming the file.

#include <QByteArray>
#include <QString>

#include "catalog/SourceTable.h"

namespace xsky::catalog {

enum class VoTableSerialisation { TableData, Binary2 };

struct VoTableWriteOptions {
  VoTableSerialisation serialisation = VoTableSerialisation::TableData;
  QString resourceName;  // RESOURCE name attribute (omitted when empty)
};

void writeVoTable(const SourceTable& table, const QString& path,
                  const VoTableWriteOptions& options = {});
/// The same document in memory (for SAMP and tests).
QByteArray voTableBytes(const SourceTable& table, const VoTableWriteOptions& options = {});

}  // namespace xsky::catalog
