#include "archive/FileChecksum.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>

#include <memory>
#include <vector>

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
  // OpenSSL's SHA-256 uses the CPU's SHA instructions where there are some (3-4x Qt's speed).
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    throw Error(QStringLiteral("%1: SHA-256 is not available").arg(path));
  }
  std::vector<char> buffer(1 << 20);
  for (;;) {
    const qint64 n = file.read(buffer.data(), static_cast<qint64>(buffer.size()));
    if (n < 0) throw Error(QStringLiteral("%1: read error: %2").arg(path, file.errorString()));
    if (n == 0) break;
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(n));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  return QStringLiteral("sha256:") +
         QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex());
}

}  // namespace xsky::archive
