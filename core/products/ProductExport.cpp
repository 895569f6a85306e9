#include "products/ProductExport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include "fits/FitsError.h"
#include "fits/FitsFile.h"
#include "products/ProductCache.h"

namespace xsky::products {

namespace {

// Copies `from` to `to` through a temporary file in the same folder; false when `to` exists.
bool copyAtomically(const QString& from, const QString& to, bool overwrite) {
  if (QFileInfo::exists(to) && !overwrite) return false;
  const QString temporary = to + QStringLiteral(".part");
  QFile::remove(temporary);
  if (!QFile::copy(from, temporary)) {
    QFile::remove(temporary);
    throw Error(QStringLiteral("cannot copy %1 to %2 (disk full or not writable?)").arg(from, temporary));
  }
  QFile::setPermissions(temporary, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
  if (QFileInfo::exists(to)) QFile::remove(to);
  if (!QFile::rename(temporary, to)) {
    QFile::remove(temporary);
    throw Error(QStringLiteral("cannot write %1").arg(to));
  }
  return true;
}

bool sameBytes(const QString& a, const QString& b) {
  QFile fa(a), fb(b);
  if (fa.size() != fb.size() || !fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly)) return false;
  while (!fa.atEnd()) {
    if (fa.read(1 << 20) != fb.read(1 << 20)) return false;
  }
  return true;
}

class Exporter {
 public:
  Exporter(QDir folder, bool overwrite, ExportOutcome* out) : dir_(std::move(folder)), overwrite_(overwrite), out_(out) {}

  /// Copies a product, or a file a spectrum names (`referenced`); returns its name in the folder.
  QString copy(const QString& source, const QString& prefix, bool referenced) {
    const QString canonical = QFileInfo(source).canonicalFilePath();
    if (const auto it = names_.find(canonical); it != names_.end()) return it.value();
    QString name = QFileInfo(source).fileName();
    // A name already used in this export by another file, or a response of that name already in
    // the folder with other bytes (another observation's): prefix it, so each spectrum keeps its own.
    const bool taken = QFileInfo::exists(dir_.filePath(name)) && !overwrite_ && !sameBytes(source, dir_.filePath(name));
    if (used_.contains(name) || (referenced && taken)) name = prefix + name;
    used_.insert(name);
    names_.insert(canonical, name);
    if (copyAtomically(source, dir_.filePath(name), overwrite_)) {
      out_->written << dir_.filePath(name);
    } else {
      out_->skipped << dir_.filePath(name);
    }
    return name;
  }

  // The spectrum's referenced files copied and its keywords pointed at the copies.
  void relink(const QString& spectrumSource, const QString& copied, const QString& prefix) {
    fits::FitsFile in = fits::FitsFile::open(spectrumSource);
    if (!in.moveToNamed(QStringLiteral("SPECTRUM"))) return;
    std::vector<std::pair<QString, QString>> rewrite;
    for (const char* key : {"BACKFILE", "RESPFILE", "ANCRFILE"}) {
      const auto value = in.keyString(QLatin1String(key));
      if (!value || value->isEmpty() || value->compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) continue;
      const QString referenced = QFileInfo(*value).isAbsolute() ? *value : QFileInfo(spectrumSource).dir().filePath(*value);
      if (!QFileInfo::exists(referenced)) {
        out_->warnings << QStringLiteral("%1 names %2 = %3, which is missing: not exported")
                              .arg(QFileInfo(spectrumSource).fileName(), QLatin1String(key), *value);
        continue;
      }
      const QString name = copy(referenced, prefix, true);
      if (name != *value) rewrite.emplace_back(QLatin1String(key), name);
    }
    if (rewrite.empty() || out_->skipped.contains(copied)) return;
    fits::FitsFile f = fits::FitsFile::open(copied, fits::FitsFile::Mode::ReadWrite);
    f.moveToNamed(QStringLiteral("SPECTRUM"));
    for (const auto& [key, name] : rewrite) f.writeKey(key, name);
    if (f.hasKey(QStringLiteral("CHECKSUM"))) f.writeChecksum();
  }

 private:
  QDir dir_;
  bool overwrite_;
  ExportOutcome* out_;
  QHash<QString, QString> names_;  // canonical source path -> name in the folder
  QSet<QString> used_;
};

}  // namespace

ExportOutcome exportProducts(const std::vector<ExtractionResult>& results, const QString& folder, bool overwrite) {
  if (!QDir().mkpath(folder)) throw Error(QStringLiteral("cannot create the folder %1").arg(folder));
  ExportOutcome out;
  Exporter exporter{QDir(folder), overwrite, &out};
  QSet<QString> records;
  for (const ExtractionResult& r : results) {
    const QString prefix = QStringLiteral("%1_%2_").arg(r.obsId, r.instrument.toLower());
    for (const ProductRecord& p : r.products) {
      if (!QFileInfo::exists(p.path)) {
        out.warnings << QStringLiteral("%1 is gone: not exported").arg(p.path);
        continue;
      }
      const QString name = exporter.copy(p.path, prefix, false);
      if (p.kind == QLatin1String("spectrum") || p.kind == QLatin1String("background_spectrum")) {
        exporter.relink(p.path, QDir(folder).filePath(name), prefix);
      }
      // The provenance record, from beside the product or the folder above (as reproduce looks).
      const QString key = requestKeyOfProduct(p.path);
      if (key.isEmpty() || records.contains(key)) continue;
      const QDir productDir = QFileInfo(p.path).dir();
      for (const QString& base : {productDir.path(), QFileInfo(productDir.path()).path()}) {
        const QString record = provenanceRecordPath(base, key);
        if (!QFileInfo::exists(record)) continue;
        QDir().mkpath(QDir(folder).filePath(QStringLiteral("provenance")));
        const QString to = provenanceRecordPath(folder, key);
        if (copyAtomically(record, to, overwrite)) {
          out.written << to;
        } else {
          out.skipped << to;
        }
        records.insert(key);
        break;
      }
    }
  }
  return out;
}

}  // namespace xsky::products
