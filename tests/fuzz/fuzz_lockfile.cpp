// Fuzz target: the SAMP Standard Profile lock file (core/samp/LockFile.h): parsed from bytes and
// read from a file; a valid hub location is written out again and must parse to the same one
// (an empty samp.profile.version is written as 1.3).
#include "FuzzTargets.h"
#include "samp/LockFile.h"

namespace xsky::fuzz {

int fuzzLockFile(const uint8_t* data, size_t size) {
  using namespace xsky::samp;
  HubLocation hub;
  QString error;
  if (parseLockFile(toBytes(data, size), &hub, &error)) {
    QByteArray text;
    if (formatLockFile(hub, &text, &error)) {
      HubLocation again;
      QString why;
      fuzzCheck(parseLockFile(text, &again, &why), "a written lock file does not parse", why);
      fuzzCheck(again.secret == hub.secret && again.xmlrpcUrl == hub.xmlrpcUrl &&
                    (again.profileVersion == hub.profileVersion || hub.profileVersion.isEmpty()) &&
                    again.extra == hub.extra,
                "a lock file changed in a round trip", QString::fromUtf8(text));
    }
  }
  HubLocation fromFile;
  (void)readLockFile(writeScratchFile(data, size, ".samp"), &fromFile, &error);
  return 0;
}

}  // namespace xsky::fuzz
