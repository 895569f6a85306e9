// Fuzz target: OGIP PHA type I spectra (core/spectral/OgipSpectrum.h) through a scratch file
// (compressed files are skipped: FuzzTargets.h, isCompressedFits). Every per-channel vector the
// reader returns must have one value per channel.
#include "FuzzTargets.h"
#include "fits/FitsError.h"
#include "spectral/OgipSpectrum.h"

namespace xsky::fuzz {

int fuzzOgipSpectrum(const uint8_t* data, size_t size) {
  if (isCompressedFits(data, size)) return 0;
  try {
    QStringList warnings;
    const spectral::OgipSpectrum s =
        spectral::readOgipSpectrum(writeScratchFile(data, size, ".pha"), &warnings);
    const size_t n = s.counts.size();
    fuzzCheck(s.channels.size() == n && s.quality.size() == n && s.grouping.size() == n &&
                  s.areaScale.size() == n && s.backScale.size() == n &&
                  (s.statError.empty() || s.statError.size() == n),
              "per-channel vectors differ in length");
    (void)s.hasGrouping();
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
