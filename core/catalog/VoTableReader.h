#pragma once
// Reading IVOA VOTable 1.0-1.4 documents into a SourceTable (QXmlStreamReader: no DTD or external
// entity is ever fetched).
//
// Which table: the `tableIndex`-th TABLE of the document in document order, counting into nested
// RESOURCEs (0: the first TABLE of the first RESOURCE). Serialisations: TABLEDATA, and BINARY and
// BINARY2 with an inline STREAM in base64 encoding. Not supported (a clear error): FITS
// serialisation, STREAM href (external data), gzip/dynamic stream encodings.
//
// Datatypes: boolean, bit, unsignedByte, short, int, long, float, double, char, unicodeChar,
// floatComplex, doubleComplex; arraysize fixed ("8", "3x2"), variable ("*", "10*", "3x*"). Kinds
// (SourceTable.h): scalar float/double -> Real; scalar integers -> Integer; scalar boolean/bit ->
// Boolean; char/unicodeChar and every other array -> String (array elements separated by one
// space).
//
// Nulls: an empty TD; the FIELD's VALUES null value (TABLEDATA text, or the binary integer/real);
// NaN for reals; "?" or a blank for booleans; BINARY2's null flags.
//
// Errors: xsky::Error "FILE:LINE:COLUMN: what" for malformed XML, an unknown datatype, a value that
// is not of its field's type, bad base64 and streams that end inside a row. Never crashes on bad
// input. Not thread-safe per call; separate calls may run on separate threads.

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>

#include "catalog/SourceTable.h"

namespace xsky::catalog {

struct VoTableReadOptions {
  int tableIndex = 0;  // which TABLE of the document, in document order
};

/// What the reader noticed but could tolerate (a TR with more or fewer TDs than FIELDs, ...).
struct VoTableReadReport {
  QString version;        // VOTABLE version attribute
  QString serialisation;  // TABLEDATA, BINARY, BINARY2, or empty for a table without DATA
  int tablesSeen = 0;     // TABLEs met before the reader stopped
  QStringList warnings;
};

/// Reads `path`. Throws xsky::Error naming the file.
SourceTable readVoTable(const QString& path, const VoTableReadOptions& options = {},
                        VoTableReadReport* report = nullptr);
/// Reads from an open device; `sourceName` prefixes messages.
SourceTable readVoTable(QIODevice* device, const QString& sourceName,
                        const VoTableReadOptions& options = {},
                        VoTableReadReport* report = nullptr);
/// Reads from memory (e.g. a SAMP table.load.votable download).
SourceTable parseVoTable(const QByteArray& xml, const QString& sourceName,
                         const VoTableReadOptions& options = {},
                         VoTableReadReport* report = nullptr);

/// True when the first element of the file is VOTABLE (a cheap check for file-type dispatch).
bool looksLikeVoTable(const QByteArray& head);

}  // namespace xsky::catalog
