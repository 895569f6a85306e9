#pragma once
// The main window's observation tools (issue 5): an observation index (SQLite, core/archive) of
// the folders the user opens, built by a task; the Observations dock (ObservationSelector) that
// lists the observations and cameras covering the drawn regions, updated as they change; and
// the footprints of the checked observations plus the regions' own MOC drawn on every frame.
// Wiring only: MOCs and queries are core/moc and core/archive.

#include <QObject>

#include <map>
#include <memory>

#include "archive/FootprintIndex.h"
#include "moc/SpaceMoc.h"

class QLabel;
class QSlider;
class QTimer;
class QWidget;

namespace xsky::tasks {
class TaskManager;
}

namespace xsky::widgets {
class FootprintOverlay;
class ObservationSelector;
class RegionDocument;
class SkyView;
}  // namespace xsky::widgets

namespace xsky::app {

class ObservationWorkbench : public QObject {
  Q_OBJECT
 public:
  ObservationWorkbench(QWidget* window, tasks::TaskManager* tasks, widgets::RegionDocument* regions);
  ~ObservationWorkbench() override;

  void attach(widgets::SkyView* view);
  /// The Observations dock's content.
  QWidget* panel() const { return panel_; }
  widgets::ObservationSelector* selector() const { return selector_; }
  widgets::FootprintOverlay* overlay(widgets::SkyView* view) const;

  /// Indexes a folder's event lists and images into `<folder>/xsky-index.sqlite` (or, when the
  /// folder is read-only, the application's data folder) in a task, then uses that index.
  void indexFolder(const QString& folder);
  /// Uses an existing index file (loaded in a task).
  void openIndex(const QString& path);
  /// Imports the listing of a remote archive (core/archive/ArchiveListing.h; http(s):// or
  /// file://) into an index kept for that URL in the application's data folder, in a task, then
  /// uses that index. Its event files are downloaded when opened or extracted.
  void importListing(const QString& url);
  bool hasIndex() const { return index_ != nullptr; }
  /// The index file in use ("" when none).
  const QString& indexPath() const { return indexPath_; }
  /// Opens an observation of the index (what a double-click in the dock does): a local file at
  /// once, a remote one after a download task (then openRequested with the cached file).
  void openLocation(const QString& location);
  /// The region MOC last queried (empty when no region).
  const moc::SpaceMoc& regionMoc() const { return regionMoc_; }
  /// A coverage from elsewhere (a MOC received over SAMP) drawn with the footprints.
  void showExtraCoverage(const moc::SpaceMoc& coverage, const QString& name);

 Q_SIGNALS:
  void message(const QString& line);
  /// The selection was updated for the current regions (tests wait for it).
  void queried();
  /// A local file to open in a new frame (a remote observation once downloaded).
  void openRequested(const QString& path);

 private:
  void loadIndex(const QString& path, const QString& folder);
  void scheduleQuery();
  void runQuery();
  void refreshOverlays();

  QWidget* window_;
  tasks::TaskManager* tasks_;
  widgets::RegionDocument* regions_;
  QWidget* panel_ = nullptr;
  widgets::ObservationSelector* selector_ = nullptr;
  QSlider* order_ = nullptr;
  QLabel* indexLabel_ = nullptr;
  QTimer* debounce_ = nullptr;
  std::shared_ptr<const archive::FootprintIndex> index_;
  QString indexPath_;
  std::vector<archive::FootprintHit> hits_;
  moc::SpaceMoc regionMoc_;
  std::vector<std::pair<QString, moc::SpaceMoc>> extra_;
  std::map<widgets::SkyView*, widgets::FootprintOverlay*> overlays_;
  quint64 querySerial_ = 0;
};

}  // namespace xsky::app
