#pragma once
// The SAMP Standard Profile lock file: where a hub is and the secret to register with it.
//
// Discovery: SAMP_HUB=std-lockurl:URL names the lock file (file:// or http://); otherwise it is
// $HOME/.samp. Reading is tolerant (`#` comments, blank lines, extra keys, whitespace around keys;
// the hub URL is used verbatim, with or without a path). Writing is strict so that every client
// can read it: mode 0600, no blank lines, exactly one `=` per line (values containing `=` or line
// breaks are refused).

#include <QMap>
#include <QString>

namespace xsky::samp {

struct HubLocation {
  QString secret;                // samp.secret
  QString xmlrpcUrl;             // samp.hub.xmlrpc.url, verbatim
  QString profileVersion;        // samp.profile.version
  QMap<QString, QString> extra;  // any other key (samp.hub.label, hub.start.date, ...)
  QString source;                // where it was read from (a path or URL), for messages

  bool isValid() const { return !secret.isEmpty() && !xmlrpcUrl.isEmpty(); }
};

/// The lock file URL or path in use: SAMP_HUB's std-lockurl when set (the URL as given),
/// else $HOME/.samp. *fromEnvironment tells which.
QString lockFileLocation(bool* fromEnvironment = nullptr);

/// The local path for a lock-file location (a path, or a file:// URL); empty for non-file URLs.
QString lockFilePath(const QString& location);

/// Parses lock-file text. Returns false (with *error) when a required key is missing.
bool parseLockFile(const QByteArray& text, HubLocation* hub, QString* error);

/// Reads the lock file at `location` (path, file:// or http:// URL; http via libcurl).
bool readLockFile(const QString& location, HubLocation* hub, QString* error);

/// Discovers the hub: reads lockFileLocation(). Returns false with *error when there is none.
bool discoverHub(HubLocation* hub, QString* error);

/// Serializes a lock file (comment header then key=value lines); false with *error when a value
/// cannot be written safely.
bool formatLockFile(const HubLocation& hub, QByteArray* text, QString* error);

/// Writes the lock file atomically with mode 0600.
bool writeLockFile(const QString& path, const HubLocation& hub, QString* error);

}  // namespace xsky::samp
