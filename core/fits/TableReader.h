#pragma once
// One pass over a binary table for several scalar columns: rows are read from the file in large
// blocks (pread, two threads over the two halves of the table) and every requested column is
// decoded from the block while it is in cache. CFITSIO reading the same columns one by one
// traverses the table once per column; this is CFITSIO's fast lane for plain files with
// unscaled numeric columns (FitsFile::readColumns decides, and falls back to CFITSIO otherwise).

#include <cstdint>
#include <vector>

#include <QString>

namespace xsky::fits {

/// Where a column sits in a row and how it is stored, and where its values go.
struct DirectColumn {
  long long byteOffset = 0;  // in the row
  int sourceType = 0;  // CFITSIO code of the stored value: TBYTE TSHORT TLONG ('J') TLONGLONG TFLOAT TDOUBLE
  int targetType = 0;  // CFITSIO code of *out's elements: TBYTE TSHORT TINT TLONGLONG TFLOAT TDOUBLE
  void* out = nullptr;       // rows values
};

/// True when `type` is one of the codes DirectColumn handles.
bool directTypeSupported(int type);

/// Reads `rows` rows of `rowLength` bytes starting at byte `dataStart` of `path`. False when the
/// file cannot be read that far (outputs unspecified).
bool readColumnsDirect(const QString& path, long long dataStart, long long rowLength, long long rows,
                       const std::vector<DirectColumn>& columns);

}  // namespace xsky::fits
