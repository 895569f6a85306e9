#pragma once
// The recent-files list kept in QSettings, most recent first, and its menu.

#include <QMenu>
#include <QStringList>

namespace xsky::app {

class RecentFiles : public QObject {
  Q_OBJECT
 public:
  explicit RecentFiles(QMenu* menu, int maximum = 10);
  void add(const QString& path);
  QStringList files() const;

 Q_SIGNALS:
  void openRequested(const QString& path);

 private:
  void rebuildMenu();
  QMenu* menu_;
  int maximum_;
};

}  // namespace xsky::app
