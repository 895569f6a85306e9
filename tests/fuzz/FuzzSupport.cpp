// Scratch files, conversions and the target table (tests/fuzz/FuzzTargets.h).
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "FuzzTargets.h"

namespace xsky::fuzz {

namespace {

constexpr FuzzTarget kTargets[] = {
    {"regions", fuzzRegions},
    {"query", fuzzQuery},
    {"model_expression", fuzzModelExpression},
    {"xmlrpc", fuzzXmlRpc},
    {"lockfile", fuzzLockFile},
    {"moc_fits", fuzzMocFits},
    {"moc_ascii", fuzzMocAscii},
    {"moc_json", fuzzMocJson},
    {"ogip_spectrum", fuzzOgipSpectrum},
    {"ogip_response", fuzzOgipResponse},
    {"votable", fuzzVoTable},
    {"archive_listing", fuzzArchiveListing},
    {"session", fuzzSession},
};

}  // namespace

std::span<const FuzzTarget> fuzzTargets() { return kTargets; }

const FuzzTarget* findFuzzTarget(const QString& name) {
  for (const FuzzTarget& t : kTargets)
    if (name == QLatin1String(t.name)) return &t;
  return nullptr;
}

QByteArray toBytes(const uint8_t* data, size_t size) {
  return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

QString toText(const uint8_t* data, size_t size) {
  return QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
}

QString writeScratchFile(const uint8_t* data, size_t size, const char* suffix) {
  // One private folder per process, removed at exit; the file is rewritten in place each call.
  static const std::unique_ptr<QTemporaryDir> dir = [] {
    auto d = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/xsky-fuzz-XXXXXX"));
    if (!d->isValid()) fuzzFailure("cannot create the scratch folder");
    return d;
  }();
  const QString path = dir->filePath(QStringLiteral("input") + QLatin1String(suffix));
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
      f.write(reinterpret_cast<const char*>(data), qint64(size)) != qint64(size))
    fuzzFailure("cannot write the scratch file", path);
  return path;
}

bool isCompressedFits(const uint8_t* data, size_t size) {
  if (size >= 2 && data[0] == 0x1f && (data[1] == 0x8b || data[1] == 0x9d || data[1] == 0x1e || data[1] == 0xa0))
    return true;
  return size >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4;
}

void fuzzFailure(const char* what, const QString& detail) {
  std::fprintf(stderr, "xsky fuzz finding: %s%s%s\n", what, detail.isEmpty() ? "" : ": ",
               detail.toLocal8Bit().constData());
  std::fflush(stderr);
  std::abort();
}

}  // namespace xsky::fuzz
