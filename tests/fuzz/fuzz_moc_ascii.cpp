// Fuzz target: MOC 2.0 ASCII (core/moc/MocText.h), as any dimension and as space and time alone;
// what reads must write and read back to the same coverage (MocChecks.h).
#include "FuzzTargets.h"
#include "MocChecks.h"

namespace xsky::fuzz {

int fuzzMocAscii(const uint8_t* data, size_t size) {
  const QString text = toText(data, size);
  try {
    checkMocFile(moc::mocFromAscii(text));
  } catch (const Error&) {
  }
  try {
    checkSpaceMoc(moc::spaceMocFromAscii(text));
  } catch (const Error&) {
  }
  try {
    checkTimeMoc(moc::timeMocFromAscii(text));
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
