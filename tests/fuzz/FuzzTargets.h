#pragma once
// The fuzz targets: each takes untrusted bytes and feeds them to one of XSky's real parsers, the
// way a file or a message from the outside world reaches it. A target returns 0; it catches
// xsky::Error (the documented way to refuse bad input) and nothing else, so a crash, a sanitizer
// report, an uncaught exception, a broken invariant (fuzzCheck) or a hang is a finding.
//
// The same functions run inside libFuzzer (FuzzMain.cpp, clang with ASan+UBSan, tests/fuzz/run.sh)
// and in the ordinary test suite (tst_fuzz_regressions replays tests/fuzz/seeds/<target>/ and
// tests/fuzz/regressions/<target>/ through them). Single-threaded: targets keep per-process state
// (a scratch file, a reference image) in function statics.
#include <cstddef>
#include <cstdint>
#include <span>

#include <QByteArray>
#include <QString>

#include "fits/FitsError.h"  // xsky::Error, what targets catch

namespace xsky::fuzz {

using FuzzFunction = int (*)(const uint8_t* data, size_t size);

struct FuzzTarget {
  const char* name;  // the folder name under seeds/ and regressions/, and the binary fuzz_<name>
  FuzzFunction function;
};

int fuzzRegions(const uint8_t* data, size_t size);         // DS9/CIAO region text
int fuzzQuery(const uint8_t* data, size_t size);           // catalogue query on a tiny table
int fuzzModelExpression(const uint8_t* data, size_t size); // spectral model expression
int fuzzXmlRpc(const uint8_t* data, size_t size);          // SAMP XML-RPC call/response
int fuzzLockFile(const uint8_t* data, size_t size);        // SAMP lock file
int fuzzMocFits(const uint8_t* data, size_t size);         // MOC FITS (via a scratch file)
int fuzzMocAscii(const uint8_t* data, size_t size);        // MOC 2.0 ASCII
int fuzzMocJson(const uint8_t* data, size_t size);         // MOC JSON
int fuzzOgipSpectrum(const uint8_t* data, size_t size);    // OGIP PHA (via a scratch file)
int fuzzOgipResponse(const uint8_t* data, size_t size);    // OGIP RMF and ARF (scratch file)
int fuzzVoTable(const uint8_t* data, size_t size);         // VOTable (TABLEDATA/BINARY/BINARY2)
int fuzzArchiveListing(const uint8_t* data, size_t size);  // remote archive listing (JSON)
int fuzzSession(const uint8_t* data, size_t size);         // workspace session (JSON)

/// Every target, by name.
std::span<const FuzzTarget> fuzzTargets();
/// The target called `name`, or null.
const FuzzTarget* findFuzzTarget(const QString& name);

// Helpers for the targets.

/// The bytes as a QByteArray (copied: parsers may keep it).
QByteArray toBytes(const uint8_t* data, size_t size);
/// The bytes as UTF-8 text (invalid sequences become U+FFFD, as when a file is read).
QString toText(const uint8_t* data, size_t size);
/// Writes the bytes to this process's scratch file (same path every call, suffix kept) and
/// returns its path, for parsers that take a file name.
QString writeScratchFile(const uint8_t* data, size_t size, const char* suffix);

/// True for the compressed-file signatures CFITSIO opens by inflating into memory (gzip, compress,
/// pack, LZH, PKZIP). FITS targets skip them: CFITSIO sizes that buffer from the gzip trailer and
/// asks for up to 8 GB (untouched, so harmless under overcommit) for any corrupt .gz, which only
/// tests CFITSIO and trips libFuzzer's malloc limit; XSky's readers see the same bytes uncompressed.
bool isCompressedFits(const uint8_t* data, size_t size);

/// A broken invariant: prints `what` and aborts (a finding, like a crash).
[[noreturn]] void fuzzFailure(const char* what, const QString& detail = {});
inline void fuzzCheck(bool ok, const char* what, const QString& detail = {}) {
  if (!ok) fuzzFailure(what, detail);
}

}  // namespace xsky::fuzz
