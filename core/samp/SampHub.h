#pragma once
// XSky's embedded SAMP Standard Profile hub, started when no hub runs (as TOPCAT does); other
// applications (DS9, TOPCAT, Aladin, astropy...) can join it.
//
// Threading model
//  - SampHub is a handle living on its owner thread (GUI or CLI main thread); start() and stop()
//    are called there and block only briefly (listening, writing or removing the lock file).
//  - The hub itself (HubCore: registry of clients, message routing, pending calls) lives on a
//    dedicated hub thread with its XmlRpcServer (127.0.0.1 only, 10 MB limit, slow-client timeout);
//    its state is touched only there, so it needs no locks.
//  - Deliveries to clients (receiveNotification/receiveCall/receiveResponse over libcurl) run on
//    a small worker pool so a slow or dead client never stalls the hub; failures come back to the
//    hub thread (a failed call is answered to its sender with samp.error).
//  - callAndWait holds the caller's HTTP request open (no thread blocked) until the reply or the
//    timeout.
//
// Lock file: written with mode 0600, comment lines, one key=value per line and no blank line
// (astropy's reader needs that); start() refuses when a live hub already owns it and replaces a
// stale one; stop() tells clients samp.hub.event.shutdown and removes the lock file if it is ours.

#include <QObject>
#include <QString>
#include <QThread>

#include "util/PostToThread.h"

#include "samp/LockFile.h"

namespace xsky::samp {

class HubCore;

class SampHub : public QObject {
  Q_OBJECT
 public:
  explicit SampHub(QObject* parent = nullptr);
  ~SampHub() override;  // stop()

  /// Starts the hub and writes the lock file at `lockFile` (a path; empty: SAMP_HUB's
  /// std-lockurl file, else ~/.samp). False with *error when a live hub owns it or on I/O errors.
  bool start(const QString& lockFile = {}, QString* error = nullptr);
  void stop();
  bool isRunning() const { return core_ != nullptr; }

  QString url() const { return location_.xmlrpcUrl; }
  QString lockFile() const { return lockFile_; }
  /// What a client needs to register (secret, URL).
  const HubLocation& location() const { return location_; }
  /// Milliseconds a client has to deliver a whole request (default 10 000).
  void setRequestTimeoutMs(int ms) { requestTimeoutMs_ = ms; }

  /// Whether a hub answers samp.hub.ping at `hub` within timeoutMs (blocking).
  static bool isHubAlive(const HubLocation& hub, int timeoutMs = 2000);

 private:
  HubCore* core_ = nullptr;
  EventThread thread_;
  HubLocation location_;
  QString lockFile_;
  int requestTimeoutMs_ = 10000;
};

}  // namespace xsky::samp
