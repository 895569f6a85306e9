#pragma once
// Reading big uncompressed FITS data straight from the file: pread in large blocks by two
// threads, byte order fixed in place while the block is still in cache. CFITSIO stays the reader
// of everything else (compressed files, scaled integers, headers); this is only its fast lane for
// the common case of a plain file on disk, where it is several times faster.

#include <cstddef>
#include <cstdint>
#include <functional>

#include <QString>

namespace xsky::fits {

/// Reads `count` big-endian 32-bit values at byte `offset` of `path` into `out` in native order.
/// Returns false (out unspecified) when the file cannot be read that far.
/// `onBlock(part, block, n)` (optional) sees each block once swapped, while it is in cache; part is
/// 0 or 1 (the two threads; calls with the same part never overlap).
bool readBigEndian32(const QString& path, long long offset, size_t count, uint32_t* out,
                     const std::function<void(int, const uint32_t*, size_t)>& onBlock = {});

/// Asks the kernel for huge pages under [data, data + bytes) before it is first touched (fewer
/// page faults when filling hundreds of MB); harmless where unsupported.
void adviseHugePages(void* data, size_t bytes);

}  // namespace xsky::fits
