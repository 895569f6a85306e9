#include "gui/RegionWorkbench.h"

#include <QAction>
#include <QActionGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include "regions/Ds9RegionWriter.h"
#include "regions/LiveRegionStats.h"
#include "regions/RegionDocument.h"
#include "regions/RegionEditor.h"
#include "regions/RegionListWidget.h"
#include "regions/RegionProjection.h"
#include "regions/RegionPropertiesDialog.h"
#include "regions/RegionStatsPanel.h"
#include "regions/RegionPreview.h"
#include "events/EventFilter.h"
#include "sky/SkyView.h"

namespace xsky::app {

using widgets::RegionEditor;

RegionWorkbench::RegionWorkbench(QWidget* window)
    : QObject(window),
      window_(window),
      document_(new widgets::RegionDocument(this)),
      stats_(new widgets::LiveRegionStats(this)) {
  stats_->setDocument(document_);
  list_ = new widgets::RegionListWidget(document_, window);
  statsPanel_ = new widgets::RegionStatsPanel(window);
  connect(stats_, &widgets::LiveRegionStats::resultReady, statsPanel_, &widgets::RegionStatsPanel::showResult);
  connect(stats_, &widgets::LiveRegionStats::cleared, statsPanel_, &widgets::RegionStatsPanel::clear);
  preview_ = new widgets::RegionPreview(window);
  preview_->setObjectName(QStringLiteral("regionPreview"));
  preview_->clear();
  connect(stats_, &widgets::LiveRegionStats::resultReady, preview_, [this](const widgets::LiveStatsResult& result) {
    if (result.ok && result.preview) {
      preview_->showPreview(*result.preview, keVPerUnit_);
    } else {
      preview_->clear();
    }
  });
  connect(stats_, &widgets::LiveRegionStats::cleared, preview_, &widgets::RegionPreview::clear);
  auto* splitter = new QSplitter(Qt::Vertical, window);
  splitter->setObjectName(QStringLiteral("regionsPanel"));
  splitter->addWidget(list_);
  splitter->addWidget(statsPanel_);
  splitter->addWidget(preview_);
  panel_ = splitter;
  buildToolBar();
  buildMenu();
}

RegionWorkbench::~RegionWorkbench() = default;

void RegionWorkbench::buildToolBar() {
  toolBar_ = new QToolBar(tr("Regions"), window_);
  toolBar_->setObjectName(QStringLiteral("regionsToolBar"));
  tools_ = new QActionGroup(this);
  const std::pair<RegionEditor::Tool, QString> kinds[] = {
      {RegionEditor::Tool::Select, tr("Select")},   {RegionEditor::Tool::Circle, tr("Circle")},
      {RegionEditor::Tool::Ellipse, tr("Ellipse")}, {RegionEditor::Tool::Box, tr("Box")},
      {RegionEditor::Tool::Polygon, tr("Polygon")}, {RegionEditor::Tool::Annulus, tr("Annulus")},
      {RegionEditor::Tool::Point, tr("Point")},     {RegionEditor::Tool::Line, tr("Line")},
      {RegionEditor::Tool::Text, tr("Text")}};
  for (const auto& [tool, name] : kinds) {
    QAction* a = toolBar_->addAction(name);
    a->setCheckable(true);
    a->setData(static_cast<int>(tool));
    a->setObjectName(QStringLiteral("regionTool") + name);
    tools_->addAction(a);
    if (tool == RegionEditor::Tool::Select) a->setChecked(true);
  }
  connect(tools_, &QActionGroup::triggered, this, [this] { applyToolToAll(); });
  toolBar_->addSeparator();
  background_ = toolBar_->addAction(tr("Background"));
  background_->setObjectName(QStringLiteral("regionBackground"));
  background_->setCheckable(true);
  background_->setToolTip(tr("New regions estimate the background (drawn dashed)"));
  exclude_ = toolBar_->addAction(tr("Exclude"));
  exclude_->setObjectName(QStringLiteral("regionExclude"));
  exclude_->setCheckable(true);
  exclude_->setToolTip(tr("New regions are cut out of the others"));
  connect(background_, &QAction::toggled, this, [this] { applyToolToAll(); });
  connect(exclude_, &QAction::toggled, this, [this] { applyToolToAll(); });
}

void RegionWorkbench::buildMenu() {
  menu_ = new QMenu(tr("&Region"), window_);
  menu_->addAction(tr("&Open Regions..."), this, [this] {
    const QString path = QFileDialog::getOpenFileName(window_, tr("Open a DS9 or CIAO region file"), QString(),
                                                      tr("Region files (*.reg *.txt);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openFile(path, &error)) QMessageBox::warning(window_, tr("XSky"), error);
  });
  menu_->addAction(tr("&Save Regions..."), this, [this] {
    const QString path = QFileDialog::getSaveFileName(window_, tr("Save regions (DS9 format, ICRS)"), QString(),
                                                      tr("Region files (*.reg)"));
    QString error;
    if (!path.isEmpty() && !saveFile(path, &error)) QMessageBox::warning(window_, tr("XSky"), error);
  });
  menu_->addSeparator();
  QAction* undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  menu_->addAction(undo);
  menu_->addAction(redo);
  menu_->addSeparator();
  menu_->addAction(tr("&Delete Selected"), this, [this] { document_->remove(document_->selection()); });
  menu_->addAction(tr("Select &All"), this, [this] {
    std::vector<int> all(static_cast<size_t>(document_->count()));
    for (int i = 0; i < document_->count(); ++i) all[static_cast<size_t>(i)] = i;
    document_->setSelection(all);
  });
  menu_->addAction(tr("&Properties..."), this, [this] {
    if (!document_->selection().empty()) list_->openProperties(document_->selection().front());
  });
}

void RegionWorkbench::applyToolToAll() {
  const auto tool = static_cast<RegionEditor::Tool>(tools_->checkedAction()->data().toInt());
  for (auto& [view, editor] : editors_) {
    editor->setTool(tool);
    editor->setNewRole(background_->isChecked() ? regions::Role::Background : regions::Role::Source);
    editor->setNewInclude(!exclude_->isChecked());
  }
}

void RegionWorkbench::attach(widgets::SkyView* view) {
  auto* editor = new RegionEditor(view, document_, view);
  editors_[view] = editor;
  connect(editor, &QObject::destroyed, this, [this, view] { editors_.erase(view); });
  connect(editor, &RegionEditor::editRequested, this, [this, editor](int index) {
    widgets::RegionPropertiesDialog::edit(*document_, index, editor->referenceImage(), window_);
  });
  applyToolToAll();
}

widgets::RegionEditor* RegionWorkbench::editor(widgets::SkyView* view) const {
  const auto it = editors_.find(view);
  return it == editors_.end() ? nullptr : it->second;
}

void RegionWorkbench::setCurrent(widgets::SkyView* view, const imaging::LoadedSkyImage* loaded) {
  current_ = view;
  list_->setImage(loaded ? loaded->image : nullptr);
  if (loaded && loaded->events) {
    // PI (the spectrum's axis) in keV when the list's energy axis is PI with a known scale.
    const auto evPerUnit = events::energyAxisEv(*loaded->events);
    keVPerUnit_ = evPerUnit && loaded->events->energyAxisName() == loaded->events->piColumn ? *evPerUnit * 1e-3 : 0.0;
    stats_->setEvents(loaded->events);
  } else if (loaded) {
    stats_->setImage(loaded->image);
  } else {
    stats_->setImage(nullptr);
  }
}

bool RegionWorkbench::openFile(const QString& path, QString* error) {
  std::optional<regions::ReferenceImage> reference;
  if (current_ && current_->hasImage()) reference = widgets::referenceImageOf(current_->image());
  QStringList warnings;
  if (!document_->load(path, reference ? &*reference : nullptr, error, &warnings)) return false;
  for (const QString& w : warnings) Q_EMIT message(w);
  Q_EMIT message(tr("%1: %2 regions").arg(QFileInfo(path).fileName()).arg(document_->count()));
  return true;
}

bool RegionWorkbench::saveFile(const QString& path, QString* error) {
  std::optional<regions::ReferenceImage> reference;
  if (current_ && current_->hasImage()) reference = widgets::referenceImageOf(current_->image());
  regions::Ds9WriteOptions options;
  options.system = regions::CoordSystem::Icrs;
  options.image = reference ? &*reference : nullptr;
  QStringList problems;
  if (!document_->save(path, options, error, &problems)) return false;
  for (const QString& p : problems) Q_EMIT message(p);
  return true;
}

}  // namespace xsky::app
