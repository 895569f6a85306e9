#include "TestSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

namespace xsky::test {

QString sharedData(const QString& relative) {
  const QString root = QString::fromUtf8(XSKY_SHARED_DATA);
  if (!QFileInfo(root).isDir()) return {};
  return QDir(root).absoluteFilePath(relative);
}

bool haveSharedData() { return QFileInfo(QString::fromUtf8(XSKY_SHARED_DATA)).isDir(); }

QByteArray runPython(const QString& script, const QStringList& args, int timeoutMs) {
  QProcess p;
  p.start(QString::fromUtf8(XSKY_PYTHON),
          QStringList{QDir(QString::fromUtf8(XSKY_TESTS_DIR)).filePath(script)} + args);
  if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit ||
      p.exitCode() != 0) {
    qWarning().noquote() << "python oracle failed:" << script << p.readAllStandardError();
    return {};
  }
  return p.readAllStandardOutput();
}

int runCli(const QStringList& args, QByteArray* out, QByteArray* err, int timeoutMs) {
  QProcess p;
  p.start(QString::fromUtf8(XSKY_CLI), args);
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    return -1;
  }
  if (out != nullptr) *out = p.readAllStandardOutput();
  if (err != nullptr) *err = p.readAllStandardError();
  return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

}  // namespace xsky::test
