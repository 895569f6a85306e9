#include "samp/LockFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QUrl>

#include "samp/UrlFetch.h"

namespace xsky::samp {
namespace {
const QString kSecret = QStringLiteral("samp.secret");
const QString kUrl = QStringLiteral("samp.hub.xmlrpc.url");
const QString kVersion = QStringLiteral("samp.profile.version");
}  // namespace

QString lockFileLocation(bool* fromEnvironment) {
  const QString env = qEnvironmentVariable("SAMP_HUB").trimmed();
  const QString prefix = QStringLiteral("std-lockurl:");
  if (env.startsWith(prefix)) {
    if (fromEnvironment) *fromEnvironment = true;
    return env.mid(prefix.size());
  }
  if (fromEnvironment) *fromEnvironment = false;
  const QString home = qEnvironmentVariable("HOME", QDir::homePath());
  return QDir(home).filePath(QStringLiteral(".samp"));
}

QString lockFilePath(const QString& location) {
  if (location.startsWith(QLatin1String("file:"))) return localPathForFileUrl(location);
  if (location.contains(QLatin1String("://"))) return {};
  return location;
}

bool parseLockFile(const QByteArray& text, HubLocation* hub, QString* error) {
  *hub = {};
  for (const QByteArray& raw : text.split('\n')) {
    const QString line = QString::fromUtf8(raw).trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
    const qsizetype eq = line.indexOf(QLatin1Char('='));
    if (eq <= 0) continue;  // not key=value: ignored, as the standard allows
    const QString key = line.left(eq).trimmed();
    const QString value = line.mid(eq + 1).trimmed();
    if (key == kSecret) {
      hub->secret = value;
    } else if (key == kUrl) {
      hub->xmlrpcUrl = value;
    } else if (key == kVersion) {
      hub->profileVersion = value;
    } else {
      hub->extra.insert(key, value);
    }
  }
  QStringList missing;
  if (hub->secret.isEmpty()) missing << kSecret;
  if (hub->xmlrpcUrl.isEmpty()) missing << kUrl;
  if (!missing.isEmpty()) {
    if (error)
      *error = QStringLiteral("lock file lacks %1").arg(missing.join(QStringLiteral(", ")));
    return false;
  }
  return true;
}

bool readLockFile(const QString& location, HubLocation* hub, QString* error) {
  QByteArray text;
  const QString path = lockFilePath(location);
  if (!path.isEmpty()) {
    QFile file(path);
    if (!file.exists()) {
      if (error) *error = QStringLiteral("no SAMP hub is running (no lock file %1)").arg(path);
      return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
      if (error)
        *error = QStringLiteral("cannot read lock file %1: %2").arg(path, file.errorString());
      return false;
    }
    text = file.read(1024 * 1024);
  } else {
    QString why;
    if (!fetchUrl(location, &text, &why, 1024 * 1024, 5000)) {
      if (error) *error = QStringLiteral("cannot read lock file %1: %2").arg(location, why);
      return false;
    }
  }
  QString why;
  if (!parseLockFile(text, hub, &why)) {
    if (error) *error = QStringLiteral("%1: %2").arg(path.isEmpty() ? location : path, why);
    return false;
  }
  hub->source = path.isEmpty() ? location : path;
  return true;
}

bool discoverHub(HubLocation* hub, QString* error) {
  return readLockFile(lockFileLocation(), hub, error);
}

bool formatLockFile(const HubLocation& hub, QByteArray* text, QString* error) {
  QList<std::pair<QString, QString>> entries = {
      {kSecret, hub.secret},
      {kUrl, hub.xmlrpcUrl},
      {kVersion, hub.profileVersion.isEmpty() ? QStringLiteral("1.3") : hub.profileVersion}};
  for (auto it = hub.extra.begin(); it != hub.extra.end(); ++it)
    entries.append({it.key(), it.value()});
  QByteArray out = "# SAMP Standard Profile lock file written by XSky\n# Start time: " +
                   QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8() + "\n";
  for (const auto& [key, value] : entries) {
    const auto bad = [](const QString& s) {
      return s.contains(QLatin1Char('\n')) || s.contains(QLatin1Char('\r'));
    };
    if (key.isEmpty() || key.contains(QLatin1Char('=')) || bad(key) || bad(value) ||
        value.contains(QLatin1Char('=')) || key.startsWith(QLatin1Char('#'))) {
      if (error) *error = QStringLiteral("lock file entry %1 cannot be written safely").arg(key);
      return false;
    }
    out += key.toUtf8() + '=' + value.toUtf8() + '\n';
  }
  *text = out;
  return true;
}

bool writeLockFile(const QString& path, const HubLocation& hub, QString* error) {
  QByteArray text;
  if (!formatLockFile(hub, &text, error)) return false;
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error)
      *error = QStringLiteral("cannot write lock file %1: %2").arg(path, file.errorString());
    return false;
  }
  file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  file.write(text);
  if (!file.commit()) {
    if (error)
      *error = QStringLiteral("cannot write lock file %1: %2").arg(path, file.errorString());
    return false;
  }
  QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  return true;
}

}  // namespace xsky::samp
