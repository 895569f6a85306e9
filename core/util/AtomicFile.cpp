#include "util/AtomicFile.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "fits/FitsError.h"

namespace xsky {

AtomicFile::AtomicFile(const QString& target) : target_(target) {
  const QFileInfo info(target);
  temporary_ = info.absolutePath() + QStringLiteral("/.") + info.fileName() +
               QStringLiteral(".part-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

AtomicFile::~AtomicFile() {
  if (!committed_) QFile::remove(temporary_);
}

void AtomicFile::commit() {
  const QByteArray temp = QFile::encodeName(temporary_);
  const int fd = ::open(temp.constData(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(target_ + QStringLiteral(": nothing was written"));
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(temp.constData(), QFile::encodeName(target_).constData()) != 0) {
    throw Error(target_ + QStringLiteral(": cannot write the file (disk full or no permission?)"));
  }
  committed_ = true;
}

}  // namespace xsky
