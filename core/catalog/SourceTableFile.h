#pragma once
// Reading a source table from a file whose format is told by its content, not its name: a VOTable
// (any serialisation, catalog/VoTableReader.h) or a FITS binary table, plain or gzip-compressed
// (catalog/FitsTableReader.h). Shared by `xsky-cli query`/`crossmatch` and the catalogue dock.
//
// Blocking I/O: call from a worker in the GUI. Throws xsky::Error naming the file: "PATH: cannot
// open (REASON)", "PATH: neither a VOTable nor a FITS file", or the reader's own message.

#include <QString>

#include "catalog/SourceTable.h"

namespace xsky::catalog {

/// `index` picks the table: the FITS HDU counted from 0 as astropy does (-1: the first binary
/// table), or the index-th TABLE of a VOTable (-1 or 0: the first).
SourceTable readSourceTableFile(const QString& path, int index = -1);

}  // namespace xsky::catalog
