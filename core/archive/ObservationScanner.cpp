#include "archive/ObservationScanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

#include "archive/FileChecksum.h"
#include "archive/ObservationIndex.h"

namespace xsky::archive {

namespace {

bool looksLikeFits(const QString& name) {
  QString n = name.toLower();
  if (n.endsWith(QLatin1String(".gz"))) n.chop(3);
  for (const char* suffix : {".fits", ".fit", ".fts", ".evt", ".img"}) {
    if (n.endsWith(QLatin1String(suffix))) return true;
  }
  return false;
}

ScannedFile scanOne(ObservationIndex& index, const QString& path, const ScanOptions& options,
                    const ProgressFn& progress) {
  ScannedFile out;
  out.path = path;
  FileStamp stamp;
  try {
    stamp = fileStamp(path);
  } catch (const Error& e) {
    out.reason = e.message();
    return out;
  }
  const std::optional<ObservationRecord> existing = index.findByLocation(path);
  const bool sameOrder = existing && existing->footprintOrder == options.footprintOrder;
  if (sameOrder && existing->fileSize == stamp.size && existing->fileMtime == stamp.mtime) {
    out.status = ScannedFile::Status::Unchanged;
    out.reason = QStringLiteral("same size and modification time");
    out.id = existing->id;
    out.obsId = existing->obsId;
    out.instrument = existing->instrument;
    return out;
  }
  QString checksum;
  ObservationRecord record;
  try {
    checksum = fileChecksum(path);
    if (!(sameOrder && existing->checksum == checksum)) {
      record = readObservationFile(path, options.footprintOrder, progress);
    }
  } catch (const Cancelled&) {
    throw;
  } catch (const Error& e) {
    QString reason = e.message();
    // Readers name the file first; the report already does.
    if (reason.startsWith(path + QLatin1Char(':'))) reason = reason.mid(path.size() + 1).trimmed();
    out.reason = reason;
    return out;
  }
  // Index errors (locked, disk full) are not the file's fault: they propagate and stop the scan.
  if (sameOrder && existing->checksum == checksum) {
    index.updateStamp(existing->id, stamp);
    out.status = ScannedFile::Status::Unchanged;
    out.reason = QStringLiteral("same checksum");
    out.id = existing->id;
    out.obsId = existing->obsId;
    out.instrument = existing->instrument;
    return out;
  }
  record.location = path;
  record.fileSize = stamp.size;
  record.fileMtime = stamp.mtime;
  record.checksum = checksum;
  index.store(record);
  out.status = existing ? ScannedFile::Status::Updated : ScannedFile::Status::Added;
  out.id = record.id;
  out.obsId = record.obsId;
  out.instrument = record.instrument;
  return out;
}

}  // namespace

int ScanReport::count(ScannedFile::Status status) const {
  return static_cast<int>(std::count_if(files.begin(), files.end(),
                                        [&](const ScannedFile& f) { return f.status == status; }));
}

QString statusName(ScannedFile::Status status) {
  switch (status) {
    case ScannedFile::Status::Added: return QStringLiteral("added");
    case ScannedFile::Status::Updated: return QStringLiteral("updated");
    case ScannedFile::Status::Unchanged: return QStringLiteral("unchanged");
    case ScannedFile::Status::Skipped: return QStringLiteral("skipped");
  }
  return {};
}

QStringList collectObservationFiles(const QStringList& paths) {
  QStringList files;
  for (const QString& p : paths) {
    const QFileInfo info(p);
    if (!info.isDir()) {
      files << info.absoluteFilePath();
      continue;
    }
    QStringList found;
    QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Readable | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
      const QString f = it.next();
      // XSky's own outputs (xsky-products/ beside the observations) are not observations.
      if (QDir(info.absoluteFilePath()).relativeFilePath(f).startsWith(QLatin1String("xsky-products/"))) continue;
      if (looksLikeFits(QFileInfo(f).fileName())) found << QFileInfo(f).absoluteFilePath();
    }
    found.sort();
    files << found;
  }
  files.removeDuplicates();
  return files;
}

ScanReport indexFiles(ObservationIndex& index, const QStringList& paths, const ScanOptions& options,
                      const ProgressFn& progress) {
  ScanReport report;
  const QStringList files = collectObservationFiles(paths);
  for (qsizetype i = 0; i < files.size(); ++i) {
    reportProgress(progress, static_cast<double>(i) / static_cast<double>(files.size()),
                   QFileInfo(files[i]).fileName());
    report.files.push_back(scanOne(index, files[i], options, {}));
  }
  reportProgress(progress, 1.0, QStringLiteral("done"));
  return report;
}

}  // namespace xsky::archive
