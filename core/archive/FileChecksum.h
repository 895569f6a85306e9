#pragma once
// How the observation index recognises a file it has already indexed.
//
// The checksum is the SHA-256 of the whole file's bytes, written "sha256:<64 lowercase hex>":
// independent of where the file lives (a copied or moved archive keeps its checksums) and
// comparable with what archives publish. Hashing runs at disk speed (~0.1 s for a 50 MB event
// list), so a rescan first compares size and modification time and hashes only when either
// changed (FileStamp below); an unchanged stamp means the file is not read again.

#include <QString>

#include "util/Progress.h"

namespace xsky::archive {

struct FileStamp {
  long long size = 0;   ///< bytes
  long long mtime = 0;  ///< last modification, ms since the Unix epoch (UTC)
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

/// Size and modification time of a file. Throws xsky::Error when it cannot be read.
FileStamp fileStamp(const QString& path);

/// "sha256:<hex>" of the file's bytes. Throws xsky::Error naming the file when it cannot be read.
QString fileChecksum(const QString& path);

}  // namespace xsky::archive
