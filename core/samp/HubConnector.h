#pragma once
// "Connect" as the GUI offers it: use the running hub (SAMP_HUB / ~/.samp), or, when none
// answers, start XSky's embedded hub and register with it, as TOPCAT does.
//
// Threading: call on the owner thread of `client` and `hub`; the lock-file read and the hub
// ping run on a worker thread, `done` runs on the owner thread. Starting the embedded hub (listen,
// write the lock file) happens on the owner thread and takes milliseconds.

#include <functional>

#include "samp/HubProxy.h"

namespace xsky::samp {

class SampClient;
class SampHub;

/// done(result, startedHub): result.ok with the client connected, or the reason it is not.
void connectOrStartHub(SampClient* client, SampHub* hub,
                       std::function<void(const SampResult& result, bool startedHub)> done);

}  // namespace xsky::samp
