// Fuzz target: the workspace session reader (core/session/Session.h), from a file as the
// application reads it; a session that loads is written out and must read back as the same work.
#include <QJsonDocument>

#include "FuzzTargets.h"
#include "session/Session.h"

namespace xsky::fuzz {

int fuzzSession(const uint8_t* data, size_t size) {
  try {
    const session::SessionState s = session::readSession(writeScratchFile(data, size, ".json"));
    const session::SessionState again = session::sessionFromJson(session::toJson(s));
    fuzzCheck(again.sameWork(s), "a session changed in a round trip",
              QString::fromUtf8(QJsonDocument(session::toJson(s)).toJson(QJsonDocument::Compact)));
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
