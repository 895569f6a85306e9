#pragma once
// The main window's region tools: one shared RegionDocument (regions live in sky coordinates, so
// every frame shows them), a RegionEditor on each frame, the drawing tool bar, the Region menu
// (open/save DS9 files, undo/redo, delete, properties) and the Regions dock (list + live
// statistics of the selected source and its backgrounds on the current frame's data).
// Wiring only: the geometry is core/regions, the drawing widgets/regions.

#include <QObject>

#include <map>
#include <memory>

#include "imaging/SkyImageLoader.h"

class QAction;
class QActionGroup;
class QMenu;
class QToolBar;
class QWidget;

namespace xsky::widgets {
class LiveRegionStats;
class RegionDocument;
class RegionEditor;
class RegionListWidget;
class RegionStatsPanel;
class RegionPreview;
class SkyView;
}  // namespace xsky::widgets

namespace xsky::app {

class RegionWorkbench : public QObject {
  Q_OBJECT
 public:
  explicit RegionWorkbench(QWidget* window);
  ~RegionWorkbench() override;

  /// Gives a new frame its editor.
  void attach(widgets::SkyView* view);
  /// The frame on screen and what it shows (statistics follow it).
  void setCurrent(widgets::SkyView* view, const imaging::LoadedSkyImage* loaded);

  widgets::RegionDocument* document() const { return document_; }
  widgets::RegionEditor* editor(widgets::SkyView* view) const;
  QToolBar* toolBar() const { return toolBar_; }
  QMenu* menu() const { return menu_; }
  widgets::RegionPreview* preview() const { return preview_; }
  /// The Regions dock's content: the list above the statistics and the spectrum/light-curve preview.
  QWidget* panel() const { return panel_; }

  bool openFile(const QString& path, QString* error);
  bool saveFile(const QString& path, QString* error);

 Q_SIGNALS:
  void message(const QString& line);

 private:
  void buildToolBar();
  void buildMenu();
  void applyToolToAll();

  QWidget* window_;
  widgets::RegionDocument* document_;
  widgets::LiveRegionStats* stats_;
  widgets::RegionListWidget* list_ = nullptr;
  widgets::RegionStatsPanel* statsPanel_ = nullptr;
  widgets::RegionPreview* preview_ = nullptr;
  double keVPerUnit_ = 0;  // of the current event list's PI
  QWidget* panel_ = nullptr;
  QToolBar* toolBar_ = nullptr;
  QMenu* menu_ = nullptr;
  QActionGroup* tools_ = nullptr;
  QAction* background_ = nullptr;
  QAction* exclude_ = nullptr;
  std::map<widgets::SkyView*, widgets::RegionEditor*> editors_;
  widgets::SkyView* current_ = nullptr;
};

}  // namespace xsky::app
