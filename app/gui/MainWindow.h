#pragma once
// XSky's main window: the composition root of the desktop application. It wires the frames,
// docks, menus and the core loaders together and holds no algorithm. Files load and re-bin on
// worker threads (QtConcurrent); results are applied here, on the GUI thread.

#include <QMainWindow>

#include <functional>
#include <map>
#include <optional>

#include "imaging/SkyImageLoader.h"

class QLabel;
class QListWidget;
class QTreeWidget;

namespace xsky::widgets {
class BinningPanel;
class ColorBar;
class FrameStack;
class Magnifier;
class Panner;
class SkyView;
}  // namespace xsky::widgets

namespace xsky::tasks {
class TaskManager;
}

namespace xsky::app {

class CatalogWorkbench;
class DisplayMenu;
class ExtractionLauncher;
class FitWorkbench;
class ProductsPanel;
class SampWorkbench;
class TimingWorkbench;
class ObservationWorkbench;
class RegionWorkbench;
class RecentFiles;
class SessionKeeper;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens files and folders (a folder lists its FITS files and opens its first event list).
  void openPaths(const QStringList& paths);
  /// Opens the bundled demo, generating it first (on a worker) when it does not exist yet.
  void openDemo();
  /// Loads a file into the current frame (replacing what it shows once the load succeeded).
  void openFile(const QString& path, const imaging::LoadOptions& options = {});
  /// Re-bins the current frame's event list with the binning panel's settings.
  void applyBinning();
  /// Saves the current view (with overlays) as PNG.
  bool saveViewPng(const QString& path);

  widgets::SkyView* skyView() const;
  widgets::FrameStack* frames() const { return frames_; }
  widgets::BinningPanel* binningPanel() const { return binning_; }
  QTreeWidget* filesTree() const { return files_; }
  RegionWorkbench* regions() const { return regions_; }
  tasks::TaskManager* taskManager() const { return tasks_; }
  ObservationWorkbench* observations() const { return observations_; }
  SampWorkbench* samp() const { return samp_; }
  CatalogWorkbench* catalogue() const { return catalogue_; }
  ProductsPanel* productsPanel() const { return products_; }
  TimingWorkbench* timing() const { return timing_; }
  /// Region > Extract: the drawn regions from the checked observations (else the current frame's
  /// event list). Returns the task ids (empty after an error message).
  std::vector<quint64> extractRegions();
  /// A FITS file of what the current frame shows (the file itself, or the binned event list
  /// written to a temporary file); empty with *error when there is none.
  QString currentImageFile(QString* error) const;
  QString currentFile() const;

  /// What a frame shows, for sessions: the file, how it was opened and (event lists) binned.
  struct FrameContent {
    QString path;
    imaging::LoadOptions options;
    std::optional<imaging::BinningSpec> binning;
  };
  std::optional<FrameContent> frameContent(widgets::SkyView* view) const;
  /// A new empty frame, made current.
  widgets::SkyView* addFrame();
  /// Loads a file into `view` (binned with `binning` when it is an event list and one is given),
  /// then calls done(view) on the GUI thread; errors are reported as openFile's are.
  void openFileInto(widgets::SkyView* view, const QString& path, const imaging::LoadOptions& options,
                    std::optional<imaging::BinningSpec> binning, std::function<void(widgets::SkyView*)> done);
  ExtractionLauncher* extraction() const { return extraction_; }
  SessionKeeper* sessions() const { return sessions_; }
  FitWorkbench* fitting() const { return fit_; }

 Q_SIGNALS:
  void fileOpened(const QString& path);
  void openFailed(const QString& path, const QString& message);
  void rebinned();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  struct Document {
    QString path;
    imaging::LoadedSkyImage loaded;
    imaging::LoadOptions options;
  };

  void buildMenus();
  void buildDocks();
  widgets::SkyView* newFrame();
  void listFolder(const QString& dir);
  void showCursor(double x, double y, double value);
  void currentFrameChanged(widgets::SkyView* view);
  void showDocument(widgets::SkyView* view, Document doc, bool keepView);
  void log(const QString& line);
  void reportError(const QString& path, const QString& message);

  widgets::FrameStack* frames_ = nullptr;
  widgets::ColorBar* colorBar_ = nullptr;
  widgets::Magnifier* magnifier_ = nullptr;
  widgets::Panner* panner_ = nullptr;
  widgets::BinningPanel* binning_ = nullptr;
  QTreeWidget* files_ = nullptr;
  QListWidget* log_ = nullptr;
  QLabel* coords_ = nullptr;
  DisplayMenu* display_ = nullptr;
  RegionWorkbench* regions_ = nullptr;
  tasks::TaskManager* tasks_ = nullptr;
  ObservationWorkbench* observations_ = nullptr;
  ExtractionLauncher* extraction_ = nullptr;
  SampWorkbench* samp_ = nullptr;
  CatalogWorkbench* catalogue_ = nullptr;
  ProductsPanel* products_ = nullptr;
  TimingWorkbench* timing_ = nullptr;
  RecentFiles* recent_ = nullptr;
  SessionKeeper* sessions_ = nullptr;
  FitWorkbench* fit_ = nullptr;
  std::map<widgets::SkyView*, Document> documents_;
};

}  // namespace xsky::app
