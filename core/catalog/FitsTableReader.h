#pragma once
// Reading a FITS binary table (through fits/FitsFile, CFITSIO) into a SourceTable.
//
// Which HDU: `hdu` (1-based, CFITSIO numbering) when > 0, else the one named `extname`, else the
// first binary table of the file. Column kinds (SourceTable.h): E/D and integer columns scaled by
// a non-integral TSCALn/TZEROn -> Real (NaN stays null); B/I/J/K (TZEROn unsigned conventions
// applied) -> Integer, TNULLn -> null; L -> Boolean, undefined -> null; A -> String, trailing
// blanks removed, empty -> null; every other vector column -> String (elements separated by one
// space). Metadata: TTYPEn, TUNITn, TUCDn, TCOMMn (else the TTYPEn comment) as description, TFORMn
// mapped to a VOTable datatype (and arraysize for vectors).
//
// Scalar numeric columns are read in one pass over the table (FitsFile::readColumns).
// Throws xsky::Error / fits::FitsError naming the file. Not thread-safe per call.

#include <QString>

#include "catalog/SourceTable.h"

namespace xsky::catalog {

struct FitsTableReadOptions {
  int hdu = 0;      // 1-based HDU number; 0: use extname or the first binary table
  QString extname;  // EXTNAME (case-insensitive) when hdu is 0
};

SourceTable readFitsTable(const QString& path, const FitsTableReadOptions& options = {});

}  // namespace xsky::catalog
