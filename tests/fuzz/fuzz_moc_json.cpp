// Fuzz target: the JSON form of MOCs (core/moc/MocText.h), as space and as time coverage, and
// through readMocText on a file (JSON when it starts with "{", else ASCII).
#include "FuzzTargets.h"
#include "MocChecks.h"

namespace xsky::fuzz {

int fuzzMocJson(const uint8_t* data, size_t size) {
  const QString text = toText(data, size);
  try {
    checkSpaceMoc(moc::spaceMocFromJson(text));
  } catch (const Error&) {
  }
  try {
    checkTimeMoc(moc::timeMocFromJson(text));
  } catch (const Error&) {
  }
  try {
    checkMocFile(moc::readMocText(writeScratchFile(data, size, ".json")));
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
