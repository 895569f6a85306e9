// Fuzz target: MOC FITS files (core/moc/MocIo.h) through a scratch file; what reads is checked
// (MocChecks.h), written as MOC 2.0 FITS and must read back to the same coverage.
#include "FuzzTargets.h"
#include "MocChecks.h"
#include "moc/MocIo.h"

namespace xsky::fuzz {

int fuzzMocFits(const uint8_t* data, size_t size) {
  if (isCompressedFits(data, size)) return 0;
  try {
    const moc::MocFile file = moc::readMocAny(writeScratchFile(data, size, ".fits"));
    checkMocFile(file);
    if (file.ordering.isEmpty()) return 0;  // it was text
    if (file.space.ranges().size() + file.time.ranges().size() + file.spaceTime.entries().size() >
        kMaxCheckedRanges)
      return 0;
    const uint8_t none = 0;
    const QString copy = writeScratchFile(&none, 0, ".copy.fits");
    moc::writeMocFits(copy, file);
    const moc::MocFile again = moc::readMocFits(copy);
    fuzzCheck(again.dimension == file.dimension && again.space == file.space &&
                  again.time == file.time && again.spaceTime == file.spaceTime,
              "a MOC FITS file read back differs");
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
