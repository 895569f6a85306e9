#pragma once
// XSky's main window: the composition root of the desktop application. It wires the sky view,
// the docks, the menus and the core loaders together and holds no algorithm. Files load on a
// worker thread (QtConcurrent); results are applied here, on the GUI thread.

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QListWidget;
class QTreeWidget;

namespace xsky::widgets {
class SkyImageView;
}

namespace xsky::app {

class RecentFiles;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens files and folders (a folder lists its FITS files and opens its first event list).
  void openPaths(const QStringList& paths);
  /// Opens the bundled demo, generating it first (on a worker) when it does not exist yet.
  void openDemo();
  void openFile(const QString& path);

  widgets::SkyImageView* skyView() const { return view_; }
  QTreeWidget* filesTree() const { return files_; }
  QString currentFile() const { return currentFile_; }

 Q_SIGNALS:
  void fileOpened(const QString& path);
  void openFailed(const QString& path, const QString& message);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildMenus();
  void buildDocks();
  void listFolder(const QString& dir);
  void showCursor(double x, double y, double value);
  void log(const QString& line);
  void reportError(const QString& path, const QString& message);
  QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* content, Qt::DockWidgetArea area);

  widgets::SkyImageView* view_ = nullptr;
  QTreeWidget* files_ = nullptr;
  QListWidget* log_ = nullptr;
  QLabel* coords_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  RecentFiles* recent_ = nullptr;
  QString currentFile_;
  int loadsInFlight_ = 0;
};

}  // namespace xsky::app
