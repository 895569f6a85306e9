#include "samp/HubConnector.h"

#include <QPointer>
#include <QThreadPool>

#include "samp/LockFile.h"
#include "samp/SampClient.h"
#include "samp/SampHub.h"
#include "util/PostToThread.h"

namespace xsky::samp {

void connectOrStartHub(SampClient* client, SampHub* hub,
                       std::function<void(const SampResult&, bool)> done) {
  QPointer<SampClient> guard(client);
  QPointer<SampHub> hubGuard(hub);
  QThreadPool::globalInstance()->start([guard, hubGuard, done] {
    HubLocation found;
    const bool alive = discoverHub(&found, nullptr) && SampHub::isHubAlive(found, 2000);
    if (!guard) return;
    postTo(
        guard.data(),
        [guard, hubGuard, done, alive, found] {
          if (!guard) return;
          bool started = false;
          HubLocation target = found;
          if (!alive) {
            QString error;
            if (!hubGuard || (!hubGuard->isRunning() && !hubGuard->start({}, &error))) {
              if (done)
                done(SampResult::failure(error.isEmpty() ? QStringLiteral("no SAMP hub") : error),
                     false);
              return;
            }
            started = true;
            target = hubGuard->location();
          }
          guard->connectToHub(target, [done, started](const SampResult& r) {
            if (done) done(r, started);
          });
        });
  });
}

}  // namespace xsky::samp
