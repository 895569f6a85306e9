#pragma once
// Exporting extraction products to a folder of the user's choice, ready to hand to XSPEC or a
// colleague: every product file; for spectra the files they name (background spectrum, RMF, ARF)
// copied beside them and their BACKFILE/RESPFILE/ANCRFILE rewritten to the copies' names (the
// extraction writes paths relative to its own folder, which mean nothing elsewhere), with the
// HDU checksums updated; and each request's provenance record (provenance/<key>.json) so that
// `xsky-cli reproduce` run on an exported product finds it (it re-makes the request and compares
// with the products where the record says they were made).
//
// Each file is copied to a temporary name and renamed: a failure (a full disk) leaves no partial
// file. Existing files are not replaced unless `overwrite`; those are listed as skipped.
//
// Threading: a plain function; run it off the GUI thread for big files.

#include <QStringList>

#include <vector>

#include "products/Extraction.h"

namespace xsky::products {

struct ExportOutcome {
  QStringList written;   // files written into the folder
  QStringList skipped;   // already there (overwrite false)
  QStringList warnings;  // a referenced file that is missing, a name taken by another file
};

/// Exports `results` (all their products) into `folder` (created when missing). Throws
/// xsky::Error when the folder cannot be made or a copy fails (what was copied before stays).
ExportOutcome exportProducts(const std::vector<ExtractionResult>& results, const QString& folder,
                             bool overwrite = false);

}  // namespace xsky::products
