#include "gui/DemoLocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace xsky::app {

namespace {

bool isDemo(const QString& dir) { return !dir.isEmpty() && QFileInfo::exists(QDir(dir).filePath(QStringLiteral("truth.json"))); }

}  // namespace

QString findDemoDir() {
  const QString exeDir = QCoreApplication::applicationDirPath();
  const QStringList candidates = {
      qEnvironmentVariable("XSKY_DEMO_DIR"),
      QDir(exeDir).filePath(QStringLiteral("../demo")),             // build tree: build/app/xsky
      QDir(exeDir).filePath(QStringLiteral("../share/xsky/demo")),  // installed: bin/xsky
      defaultDemoGenerationDir(),
  };
  for (const QString& c : candidates) {
    if (isDemo(c)) return QDir(c).canonicalPath();
  }
  return {};
}

QString defaultDemoGenerationDir() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("demo"));
}

}  // namespace xsky::app
