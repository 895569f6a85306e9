// Fuzz target: OGIP responses (core/spectral/OgipResponse.h), the same scratch file read as an
// RMF and as an ARF. The sparse matrix must stay inside its own arrays and channel axis, since
// folding a model trusts it.
#include "FuzzTargets.h"
#include "fits/FitsError.h"
#include "spectral/OgipResponse.h"

namespace xsky::fuzz {

namespace {

void checkRmf(const spectral::Rmf& r) {
  const size_t rows = r.energyLo.size();
  fuzzCheck(r.energyHi.size() == rows, "ENERG_LO and ENERG_HI differ in length");
  fuzzCheck(r.runStart.size() == rows + 1, "runStart does not have one entry per row plus one");
  for (size_t i = 0; i < rows; ++i) {
    fuzzCheck(r.runStart[i] >= 0 && r.runStart[i] <= r.runStart[i + 1] &&
                  size_t(r.runStart[i + 1]) <= r.runs.size(),
              "runStart out of order or past the runs");
  }
  for (const spectral::Rmf::Run& run : r.runs) {
    fuzzCheck(run.count >= 0 && run.firstChannel >= 0 &&
                  int64_t(run.firstChannel) + run.count <= r.channelCount,
              "a matrix run leaves the channel axis");
    if (run.valueOffset < 0 || size_t(run.valueOffset) + size_t(run.count) > r.values.size()) {
      fuzzFailure("a matrix run leaves the values", QStringLiteral("offset %1 + count %2 > %3 values")
                                                        .arg(run.valueOffset)
                                                        .arg(run.count)
                                                        .arg(r.values.size()));
    }
  }
  fuzzCheck(r.channelEmin.empty() || (int64_t(r.channelEmin.size()) == r.channelCount &&
                                      r.channelEmax.size() == r.channelEmin.size()),
            "EBOUNDS does not have one row per channel");
}

}  // namespace

int fuzzOgipResponse(const uint8_t* data, size_t size) {
  if (isCompressedFits(data, size)) return 0;
  const QString path = writeScratchFile(data, size, ".rsp");
  QStringList warnings;
  try {
    checkRmf(spectral::readRmf(path, &warnings));
  } catch (const Error&) {
  }
  try {
    const spectral::Arf a = spectral::readArf(path, &warnings);
    fuzzCheck(a.energyHi.size() == a.energyLo.size() && a.area.size() == a.energyLo.size(),
              "ARF columns differ in length");
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
