#pragma once
// What every region-file reader takes and returns, and reading/writing whole files whatever their
// dialect (DS9 or CIAO, recognised from the header and the shapes used).
//
// Reading never stops at a bad statement: it is reported as "<file>:<line>: <message>" and the
// rest is read. Unknown shapes are skipped with a warning. Degenerate shapes are refused with the
// reason, except self-intersecting polygons, which DS9 and CIAO keep: they are read with a warning
// (and refused when used to select events).

#include <vector>

#include <QString>
#include <QStringList>

#include "regions/Region.h"
#include "regions/ReferenceImage.h"

namespace xsky::regions {

struct RegionReadOptions {
  /// The image pixel coordinates refer to (not owned; may be null). Without one, physical
  /// regions stay in Frame::Physical and pixel/sky mixtures are errors.
  const ReferenceImage* image = nullptr;
  /// Keep physical-pixel regions in Frame::Physical even with a reference image (event lists:
  /// their X/Y columns are physical pixels).
  bool keepPhysicalFrame = false;
};

struct RegionReadResult {
  std::vector<Region> regions;
  QStringList errors;    ///< "<file>:<line>: <message>", one per statement skipped
  QStringList warnings;  ///< "<file>:<line>: <message>": unknown shapes skipped, notes
  int skippedStatements = 0;  ///< statements not read (errors and unknown shapes)
  QString header;             ///< the "# Region file format: ..." text, when present
};

enum class RegionDialect { Ds9, Ciao };

/// Guesses the dialect of a region file's text.
RegionDialect detectDialect(const QString& text);

/// Reads a region file in either dialect. Throws xsky::Error when the file cannot be opened.
RegionReadResult readRegionFile(const QString& path, const RegionReadOptions& options,
                                RegionDialect* dialect = nullptr);

/// Reads region text in either dialect; `sourceName` names it in messages.
RegionReadResult readRegionText(const QString& text, const QString& sourceName, const RegionReadOptions& options);

/// Reads the whole file as UTF-8 (Latin-1 when it is not valid UTF-8). Throws xsky::Error.
QString readTextFile(const QString& path);

/// Writes text to `path` through a temporary file in the same folder renamed over it, so an
/// interrupted save never leaves a truncated file. Throws xsky::Error naming the file.
void writeTextFileAtomically(const QString& path, const QString& text);

}  // namespace xsky::regions
