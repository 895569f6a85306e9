#include "gui/RecentFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace xsky::app {

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QMenu* menu, int maximum) : QObject(menu), menu_(menu), maximum_(maximum) {
  rebuildMenu();
}

QStringList RecentFiles::files() const { return QSettings().value(kKey).toStringList(); }

void RecentFiles::add(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList list = files();
  list.removeAll(absolute);
  list.prepend(absolute);
  while (list.size() > maximum_) list.removeLast();
  QSettings().setValue(kKey, list);
  rebuildMenu();
}

void RecentFiles::rebuildMenu() {
  menu_->clear();
  const QStringList list = files();
  for (const QString& f : list) {
    QAction* a = menu_->addAction(QDir::toNativeSeparators(f));
    connect(a, &QAction::triggered, this, [this, f] { Q_EMIT openRequested(f); });
  }
  menu_->setEnabled(!list.isEmpty());
}

}  // namespace xsky::app
