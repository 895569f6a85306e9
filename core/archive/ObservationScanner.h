#pragma once
// Filling the observation index from files and folders: `xsky-cli index add` and the GUI's
// "Add to index". Folders are walked recursively for FITS files (.fits .fit .fts .evt .img and
// their .gz forms); files named explicitly are always tried. Each file is one transaction, so an
// interrupted scan keeps everything done before it.
//
// Incremental: a file whose location is already indexed at the same footprint order is not read
// again when its size and modification time are unchanged, nor when they changed but its
// SHA-256 is the same (FileChecksum.h); otherwise it is read and its row replaced.
// A file that cannot be read is listed as skipped with the reason and the scan goes on.
//
// Runs on the calling thread, which must be the one that opened `index`; progress is called from
// it and may cancel (xsky::Cancelled is thrown after the current file is stored or skipped).

#include <vector>

#include <QString>
#include <QStringList>

#include "archive/ObservationFileReader.h"
#include "util/Progress.h"

namespace xsky::archive {

class ObservationIndex;

struct ScanOptions {
  int footprintOrder = kDefaultFootprintOrder;
};

struct ScannedFile {
  enum class Status { Added, Updated, Unchanged, Skipped };
  QString path;     ///< absolute path
  Status status = Status::Skipped;
  QString reason;   ///< why it was skipped, or what "unchanged" was decided on
  long long id = 0; ///< row id (0 when skipped)
  QString obsId, instrument;
};

struct ScanReport {
  std::vector<ScannedFile> files;
  int count(ScannedFile::Status status) const;
};

QString statusName(ScannedFile::Status status);

/// The files a scan of `paths` visits, in order (folders expanded, sorted by name, XSky's own
/// xsky-products/ folders left out; a path that does not exist is kept so that the scan reports it).
QStringList collectObservationFiles(const QStringList& paths);

ScanReport indexFiles(ObservationIndex& index, const QStringList& paths, const ScanOptions& options = {},
                      const ProgressFn& progress = {});

}  // namespace xsky::archive
