#include "samp/SampHub.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include "samp/HubCore.h"
#include "samp/HubProxy.h"
#include "util/BlockingCall.h"

namespace xsky::samp {

SampHub::SampHub(QObject* parent) : QObject(parent) {
  thread_.setObjectName(QStringLiteral("samp-hub"));
}

SampHub::~SampHub() { stop(); }

bool SampHub::isHubAlive(const HubLocation& hub, int timeoutMs) {
  return hub.isValid() &&
         xmlRpcCall(hub.xmlrpcUrl, QStringLiteral("samp.hub.ping"), {}, timeoutMs).ok;
}

bool SampHub::start(const QString& lockFile, QString* error) {
  const auto failWith = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  if (core_) return failWith(QStringLiteral("the hub is already running"));
  QString path = lockFile;
  if (path.isEmpty()) {
    path = lockFilePath(lockFileLocation());
    if (path.isEmpty())
      return failWith(QStringLiteral("SAMP_HUB names a lock file that is not a local file: %1")
                          .arg(lockFileLocation()));
  }
  if (QFileInfo::exists(path)) {
    HubLocation existing;
    if (readLockFile(path, &existing, nullptr) && isHubAlive(existing)) {
      return failWith(QStringLiteral("a SAMP hub is already running at %1 (lock file %2)")
                          .arg(existing.xmlrpcUrl, path));
    }
  }
  location_ = {};
  location_.secret = QUuid::createUuid().toString(QUuid::Id128);
  location_.profileVersion = QStringLiteral("1.3");
  location_.extra.insert(QStringLiteral("samp.hub.label"), QStringLiteral("XSky"));
  thread_.start();
  auto* core = new HubCore(location_.secret, requestTimeoutMs_);
  core->moveToThread(&thread_);
  bool ok = false;
  QString url;
  invokeBlocking(core, [core, &ok, &url] { ok = core->listen(&url); });
  core_ = core;
  if (!ok) {
    stop();
    return failWith(QStringLiteral("the SAMP hub cannot listen on 127.0.0.1"));
  }
  location_.xmlrpcUrl = url;
  QString why;
  QDir().mkpath(QFileInfo(path).absolutePath());
  if (!writeLockFile(path, location_, &why)) {
    stop();
    return failWith(why);
  }
  lockFile_ = path;
  location_.source = path;
  return true;
}

void SampHub::stop() {
  if (!core_) return;
  HubCore* core = core_;
  core_ = nullptr;
  invokeBlocking(core, [core] {
    core->shutdown();
    delete core;
  });
  thread_.stop();
  if (!lockFile_.isEmpty()) {
    HubLocation onDisk;
    if (readLockFile(lockFile_, &onDisk, nullptr) && onDisk.secret == location_.secret)
      QFile::remove(lockFile_);
    lockFile_.clear();
  }
}

}  // namespace xsky::samp
