#include "archive/FileChecksum.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include "fits/FitsError.h"

namespace xsky::archive {

FileStamp fileStamp(const QString& path) {
  const QFileInfo info(path);
  if (!info.exists()) throw Error(QStringLiteral("%1: no such file").arg(path));
  if (!info.isFile()) throw Error(QStringLiteral("%1: not a regular file").arg(path));
  return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

QString fileChecksum(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    throw Error(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
  }
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) {
    throw Error(QStringLiteral("%1: read error: %2").arg(path, file.errorString()));
  }
  return QStringLiteral("sha256:") + QString::fromLatin1(hash.result().toHex());
}

}  // namespace xsky::archive
