#include "gui/MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDirIterator>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTime>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

#include "fits/FitsError.h"
#include "gui/DemoLocator.h"
#include "gui/DisplayMenu.h"
#include "events/EventFilter.h"
#include "gui/ExtractionLauncher.h"
#include "gui/FitWorkbench.h"
#include "gui/HduDialog.h"
#include "gui/ProductsPanel.h"
#include "gui/SampWorkbench.h"
#include "gui/SessionKeeper.h"
#include "gui/TimingWorkbench.h"
#include "products/ImageProduct.h"
#include "products/ObservationInfo.h"
#include "archive/ObservationSelector.h"
#include "regions/RegionDocument.h"
#include "catalog/CatalogPanel.h"
#include "gui/CatalogWorkbench.h"
#include "gui/ObservationWorkbench.h"
#include "gui/RecentFiles.h"
#include "gui/RegionWorkbench.h"
#include "sim/DemoSky.h"
#include "sky/BinningPanel.h"
#include "sky/ColorBar.h"
#include "sky/FrameStack.h"
#include "sky/Magnifier.h"
#include "sky/Panner.h"
#include "sky/SkyView.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskPanel.h"
#include "wcs/Angles.h"

namespace xsky::app {

namespace {

// A worker's outcome: the loaded image, or the error line.
struct LoadOutcome {
  imaging::LoadedSkyImage loaded;
  QString error;
};

template <typename F>
LoadOutcome guarded(const QString& path, F&& work) {
  LoadOutcome out;
  try {
    out.loaded = work();
  } catch (const Error& e) {
    out.error = e.message();
  } catch (const std::exception& e) {
    out.error = path + QStringLiteral(": ") + QString::fromUtf8(e.what());
  }
  return out;
}

imaging::DisplaySettings defaultDisplay() {
  imaging::DisplaySettings s;
  s.scale = imaging::ScaleFunction::Log;
  s.limits = imaging::LimitMode::MinMax;
  s.colormap = QStringLiteral("heat");
  return s;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(QStringLiteral("XSky"));
  setAcceptDrops(true);
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  frames_ = new widgets::FrameStack(central);
  colorBar_ = new widgets::ColorBar(central);
  layout->addWidget(frames_, 1);
  layout->addWidget(colorBar_);
  setCentralWidget(central);
  coords_ = new QLabel(this);
  coords_->setObjectName(QStringLiteral("cursorReadout"));
  coords_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  statusBar()->addPermanentWidget(coords_, 1);
  tasks_ = new tasks::TaskManager(this);
  regions_ = new RegionWorkbench(this);
  connect(regions_, &RegionWorkbench::message, this, &MainWindow::log);
  observations_ = new ObservationWorkbench(this, tasks_, regions_->document());
  extraction_ = new ExtractionLauncher(tasks_, this);
  SampWorkbench::Hooks hooks;
  hooks.currentImageFile = [this](QString* error) { return currentImageFile(error); };
  hooks.regionMoc = [this] { return observations_->regionMoc(); };
  hooks.currentSpectrum = [this](QString* name, QString* error) {
    const QString path = fit_ ? fit_->currentSpectrum(name) : QString();
    if (path.isEmpty()) *error = tr("the Fit dock has no spectrum (extract one, or Add a file there)");
    return path;
  };
  hooks.openFile = [this](const QString& path) {
    frames_->setCurrent(newFrame());
    openFile(path);
  };
  hooks.centreOn = [this](wcs::SkyPoint icrs) { return frames_->current() && frames_->current()->centreOnSky(icrs); };
  hooks.showCoverage = [this](const moc::SpaceMoc& coverage, const QString& name) {
    observations_->showExtraCoverage(coverage, name);
    log(tr("SAMP: showing coverage %1 (%2 deg²)").arg(name).arg(coverage.areaSteradians() * std::pow(180 / M_PI, 2), 0, 'g', 4));
  };
  samp_ = new SampWorkbench(this, std::move(hooks));
  connect(samp_, &SampWorkbench::message, this, &MainWindow::log);
  catalogue_ = new CatalogWorkbench(this, regions_->document());
  connect(catalogue_, &CatalogWorkbench::message, this, &MainWindow::log);
  samp_->attachTables(catalogue_, observations_);
  connect(extraction_, &ExtractionLauncher::message, this, &MainWindow::log);
  connect(observations_, &ObservationWorkbench::message, this, &MainWindow::log);
  connect(observations_, &ObservationWorkbench::openRequested, this, [this](const QString& path) {
    frames_->setCurrent(newFrame());
    openFile(path);
  });
  buildDocks();
  sessions_ = new SessionKeeper(this);
  connect(sessions_, &SessionKeeper::message, this, &MainWindow::log);
  buildMenus();
  auto* catalogueDock = new QDockWidget(tr("Catalogue"), this);
  catalogueDock->setObjectName(QStringLiteral("catalogueDock"));
  catalogueDock->setWidget(catalogue_->panel());
  addDockWidget(Qt::BottomDockWidgetArea, catalogueDock);
  tabifyDockWidget(findChild<QDockWidget*>(QStringLiteral("productsDock")), catalogueDock);
  connect(catalogue_->panel(), &widgets::CatalogPanel::tableChanged, catalogueDock, &QDockWidget::raise);
  menuBar()->insertMenu(menuBar()->actions().value(3), regions_->menu());  // before Window
  regions_->menu()->addSeparator();
  QAction* extract = regions_->menu()->addAction(tr("&Extract Spectra, Light Curves, Images"), this, [this] { extractRegions(); });
  extract->setObjectName(QStringLiteral("extractAction"));
  extract->setShortcut(QKeySequence(tr("Ctrl+E")));
  addToolBar(Qt::TopToolBarArea, regions_->toolBar());
  menuBar()->insertMenu(menuBar()->actions().value(4), samp_->menu());  // before Window
  timing_ = new TimingWorkbench(this, tasks_, {[this] { return currentFile(); }, [this] { return TimingWorkbench::searchRegions(*regions_->document()); }});
  menuBar()->insertMenu(samp_->menu()->menuAction(), timing_->menu());
  connect(timing_, &TimingWorkbench::message, this, &MainWindow::log);
  connect(products_, &ProductsPanel::openLightCurves, timing_, &TimingWorkbench::showLightCurves);
  statusBar()->addPermanentWidget(samp_->statusLabel());
  connect(frames_, &widgets::FrameStack::currentChanged, this, &MainWindow::currentFrameChanged);
  newFrame();
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
  if (!settings.contains(QStringLiteral("mainWindow/geometry"))) resize(1400, 900);
}

MainWindow::~MainWindow() {
  if (sessions_ != nullptr) sessions_->finish();  // destroyed normally: not a crash
}

widgets::SkyView* MainWindow::skyView() const { return frames_->current(); }

QString MainWindow::currentFile() const {
  const auto it = documents_.find(frames_->current());
  return it == documents_.end() ? QString() : it->second.path;
}

widgets::SkyView* MainWindow::newFrame() {
  widgets::SkyView* view = frames_->addFrame(tr("Frame %1").arg(frames_->frames().size() + 1));
  view->setDisplay(defaultDisplay());
  regions_->attach(view);
  observations_->attach(view);
  catalogue_->attach(view);
  connect(view, &widgets::SkyView::cursorMoved, this, [this, view](double x, double y, double value) {
    if (view == frames_->current()) showCursor(x, y, value);
  });
  connect(view, &widgets::SkyView::frameRendered, this, [this, view] {
    if (view == frames_->current()) colorBar_->setLut(view->lut(), view->display());
  });
  return view;
}

void MainWindow::buildDocks() {
  auto addDock = [this](const QString& title, const QString& name, QWidget* content, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
  };
  files_ = new QTreeWidget(this);
  files_->setObjectName(QStringLiteral("filesTree"));
  files_->setHeaderLabels({tr("File"), tr("Size")});
  connect(files_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    const QString path = item->data(0, Qt::UserRole).toString();
    if (!path.isEmpty()) openFile(path);
  });
  addDock(tr("Files"), QStringLiteral("filesDock"), files_, Qt::LeftDockWidgetArea);

  auto* navigation = new QWidget(this);
  auto* row = new QHBoxLayout(navigation);
  row->setContentsMargins(2, 2, 2, 2);
  panner_ = new widgets::Panner(navigation);
  magnifier_ = new widgets::Magnifier(navigation);
  row->addWidget(panner_);
  row->addWidget(magnifier_);
  addDock(tr("Panner and Magnifier"), QStringLiteral("navigationDock"), navigation, Qt::LeftDockWidgetArea);

  binning_ = new widgets::BinningPanel(this);
  connect(binning_, &widgets::BinningPanel::applyRequested, this, &MainWindow::applyBinning);
  connect(binning_, &widgets::BinningPanel::centreOnViewRequested, this, [this] {
    widgets::SkyView* view = frames_->current();
    if (view && view->hasImage()) {
      const wcs::PixelPoint sky = view->image().toPhysical(view->centre());
      binning_->setCentre(sky.x, sky.y);
    }
  });
  addDock(tr("Binning"), QStringLiteral("binningDock"), binning_, Qt::LeftDockWidgetArea);

  addDock(tr("Regions"), QStringLiteral("regionsDock"), regions_->panel(), Qt::RightDockWidgetArea);
  addDock(tr("Observations"), QStringLiteral("observationsDock"), observations_->panel(), Qt::RightDockWidgetArea);

  auto* tasksDock = addDock(tr("Tasks"), QStringLiteral("tasksDock"), new widgets::TaskPanel(tasks_, this),
                            Qt::BottomDockWidgetArea);
  log_ = new QListWidget(this);
  log_->setObjectName(QStringLiteral("logList"));
  auto* logDock = addDock(tr("Log"), QStringLiteral("logDock"), log_, Qt::BottomDockWidgetArea);
  products_ = new ProductsPanel(this);
  connect(extraction_, &ExtractionLauncher::extracted, products_, &ProductsPanel::addResult);
  connect(products_, &ProductsPanel::message, this, &MainWindow::log);
  connect(products_, &ProductsPanel::openImage, this, [this](const QString& path) {
    frames_->setCurrent(newFrame());
    openFile(path);
  });
  auto* productsDock = addDock(tr("Products"), QStringLiteral("productsDock"), products_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(tasksDock, logDock);
  tabifyDockWidget(logDock, productsDock);
  fit_ = new FitWorkbench(this, tasks_);
  connect(extraction_, &ExtractionLauncher::extracted, fit_, &FitWorkbench::addResult);
  connect(fit_, &FitWorkbench::message, this, &MainWindow::log);
  auto* fitDock = addDock(tr("Fit"), QStringLiteral("fitDock"), fit_->panel(), Qt::RightDockWidgetArea);
  fitDock->hide();  // Window > Fit; shown when spectra arrive
  connect(extraction_, &ExtractionLauncher::extracted, fitDock, [fitDock] { fitDock->show(); });
  logDock->raise();
  // The sky gets the room: the log starts a few lines high, the left column narrow.
  resizeDocks({logDock}, {140}, Qt::Vertical);
  resizeDocks({findChild<QDockWidget*>(QStringLiteral("filesDock"))}, {340}, Qt::Horizontal);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open..."), QKeySequence::Open, this, [this] {
    openPaths(QFileDialog::getOpenFileNames(
        this, tr("Open FITS files"), QString(),
        tr("FITS files (*.fits *.fit *.fts *.evt *.img *.gz);;All files (*)")));
  });
  file->addAction(tr("Open Image &HDU / Plane..."), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open an image HDU or a cube plane"), QString(),
                                                      tr("FITS files (*.fits *.fit *.fts *.img *.gz);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (const auto options = HduDialog::choose(path, this, &error)) {
      openFile(path, *options);
    } else if (!error.isEmpty()) {
      reportError(path, error);
    }
  });
  file->addAction(catalogue_->openAction());
  file->addAction(tr("Open Observation &Index..."), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open an observation index"), QString(),
                                                      tr("XSky index (*.sqlite);;All files (*)"));
    if (!path.isEmpty()) observations_->openIndex(path);
  });
  file->addAction(tr("Import Remote &Archive Listing..."), this, [this] {
    bool ok = false;
    const QString url = QInputDialog::getText(this, tr("Remote archive"),
                                              tr("URL of the archive listing (xsky-cli index export writes one):"),
                                              QLineEdit::Normal, QStringLiteral("https://"), &ok)
                            .trimmed();
    if (ok && !url.isEmpty()) observations_->importListing(url);
  });
  file->addAction(tr("Open &Folder..."), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open folder"));
    if (!dir.isEmpty()) openPaths({dir});
  });
  file->addAction(tr("Open &Demo Sky"), this, &MainWindow::openDemo);
  recent_ = new RecentFiles(file->addMenu(tr("Open &Recent")));
  connect(recent_, &RecentFiles::openRequested, this, [this](const QString& path) { openFile(path); });
  file->addSeparator();
  file->addAction(tr("Open &Session..."), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a session"), SessionKeeper::sessionsFolder(),
                                                      tr("XSky sessions (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !sessions_->open(path, &error)) reportError(path, error);
  });
  file->addAction(tr("Save Session &As..."), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the session"), SessionKeeper::sessionsFolder(),
                                                      tr("XSky sessions (*.json)"));
    QString error;
    if (!path.isEmpty() && !sessions_->save(path, &error)) reportError(path, error);
  });
  file->addSeparator();
  file->addAction(tr("Save View as &PNG..."), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save view"), QString(), tr("PNG images (*.png)"));
    if (!path.isEmpty() && !saveViewPng(path)) reportError(path, tr("%1: could not write the PNG").arg(path));
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  display_ = new DisplayMenu(view, [this] { return frames_->current(); }, this);
  connect(display_, &DisplayMenu::message, this, [this](const QString& m) { reportError(QString(), m); });

  QMenu* frame = menuBar()->addMenu(tr("F&rame"));
  frame->addAction(tr("&New Frame"), this, [this] { newFrame(); });
  frame->addAction(tr("&Delete Frame"), this, [this] {
    if (frames_->frames().size() < 2) return;
    documents_.erase(frames_->current());
    frames_->removeFrame(frames_->current());
  });
  frame->addSeparator();
  frame->addAction(tr("&Tile"), this, [this] { frames_->setMode(widgets::FrameStack::Mode::Tile); });
  frame->addAction(tr("T&abs"), this, [this] { frames_->setMode(widgets::FrameStack::Mode::Tabs); });
  QAction* lock = frame->addAction(tr("&Lock Frames by WCS"));
  lock->setCheckable(true);
  connect(lock, &QAction::toggled, frames_, &widgets::FrameStack::setLocked);
  QAction* blink = frame->addAction(tr("&Blink"));
  blink->setCheckable(true);
  connect(blink, &QAction::toggled, this, [this](bool on) { frames_->setBlinking(on); });

  QMenu* docks = menuBar()->addMenu(tr("&Window"));
  for (QDockWidget* dock : findChildren<QDockWidget*>()) docks->addAction(dock->toggleViewAction());

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About XSky"), this, [this] {
    QMessageBox::about(this, tr("About XSky"),
                       tr("<b>XSky %1</b><p>The X-ray astronomer's desktop workbench: images and "
                          "event lists with WCS, regions, MOC coverage, extraction, fitting, SAMP.")
                           .arg(QCoreApplication::applicationVersion()));
  });
}

void MainWindow::currentFrameChanged(widgets::SkyView* view) {
  panner_->setView(view);
  magnifier_->setView(view);
  display_->syncFrom(view);
  if (view == nullptr) return;
  colorBar_->setLut(view->lut(), view->display());
  const auto it = documents_.find(view);
  regions_->setCurrent(view, it == documents_.end() ? nullptr : &it->second.loaded);
  if (it != documents_.end() && it->second.loaded.events) {
    const auto& ev = *it->second.loaded.events;
    binning_->setSpec(it->second.loaded.binning,
                      QStringLiteral("%1 [%2]").arg(ev.energyAxisName(), ev.energyUnit),
                      events::flagMaskOfExpression(ev.goodEventsExpression), true);
  } else {
    binning_->setSpec(imaging::BinningSpec{}, QString(), std::nullopt, false);
  }
  setWindowTitle(it == documents_.end() ? QStringLiteral("XSky")
                                        : QStringLiteral("XSky — %1").arg(QFileInfo(it->second.path).fileName()));
}

void MainWindow::openPaths(const QStringList& paths) {
  bool opened = false;
  for (const QString& p : paths) {
    const QFileInfo info(p);
    if (info.isDir()) {
      listFolder(info.absoluteFilePath());
      observations_->indexFolder(info.absoluteFilePath());
    } else if (!opened) {
      openFile(info.absoluteFilePath());
      opened = true;
    } else {
      auto* item = new QTreeWidgetItem(files_, {info.fileName()});
      item->setData(0, Qt::UserRole, info.absoluteFilePath());
    }
  }
}

void MainWindow::listFolder(const QString& dir) {
  auto* top = new QTreeWidgetItem(files_, {QFileInfo(dir).fileName()});
  QMap<QString, QTreeWidgetItem*> groups;
  QDirIterator it(dir, {QStringLiteral("*.fits"), QStringLiteral("*.fits.gz"), QStringLiteral("*.evt"),
                        QStringLiteral("*.evt.gz"), QStringLiteral("*.fit"), QStringLiteral("*.img")},
                  QDir::Files, QDirIterator::Subdirectories);
  QStringList found;
  while (it.hasNext()) found << it.next();
  found.sort();
  QString first;
  for (const QString& f : found) {
    const QString group = QDir(dir).relativeFilePath(QFileInfo(f).absolutePath());
    QTreeWidgetItem* parent = top;
    if (group != QLatin1String(".")) {
      if (!groups.contains(group)) groups[group] = new QTreeWidgetItem(top, {group});
      parent = groups[group];
    }
    auto* item = new QTreeWidgetItem(parent, {QFileInfo(f).fileName(), QLocale().formattedDataSize(QFileInfo(f).size())});
    item->setData(0, Qt::UserRole, f);
    // Prefer an EPIC pn list (the most events), else any event list, else the first file.
    const QString name = QFileInfo(f).fileName();
    if (first.isEmpty() && name.startsWith(QLatin1String("pn")) && name.contains(QLatin1String("events"))) first = f;
  }
  for (const QString& f : found) {
    if (first.isEmpty() && f.contains(QLatin1String("events"))) first = f;
  }
  if (first.isEmpty() && !found.isEmpty()) first = found.front();
  files_->expandAll();
  files_->resizeColumnToContents(0);
  log(tr("%1: %2 FITS files").arg(dir).arg(found.size()));
  if (!first.isEmpty()) openFile(first);
}

void MainWindow::openDemo() {
  const QString demo = findDemoDir();
  if (!demo.isEmpty()) {
    openPaths({demo});
    return;
  }
  const QString target = defaultDemoGenerationDir();
  statusBar()->showMessage(tr("Generating the demo sky in %1 ...").arg(target));
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, target] {
    const QString error = watcher->result();
    watcher->deleteLater();
    statusBar()->clearMessage();
    if (error.isEmpty()) {
      openPaths({target});
    } else {
      reportError(target, error);
    }
  });
  watcher->setFuture(QtConcurrent::run([target]() -> QString {
    try {
      sim::simulateDemoSky(target, sim::SimulationOptions{});
      return {};
    } catch (const Error& e) {
      return e.message();
    }
  }));
}

void MainWindow::openFile(const QString& path, const imaging::LoadOptions& options) {
  if (timing_ != nullptr && timing_->openIfLightCurve(path)) return;  // the Timing dock shows it
  openFileInto(frames_->current(), path, options, std::nullopt, {});
}

void MainWindow::openFileInto(widgets::SkyView* view, const QString& path, const imaging::LoadOptions& options,
                              std::optional<imaging::BinningSpec> binning, std::function<void(widgets::SkyView*)> done) {
  statusBar()->showMessage(tr("Opening %1 ...").arg(path));
  auto* watcher = new QFutureWatcher<LoadOutcome>(this);
  connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, path, view, options, done] {
    LoadOutcome out = watcher->result();
    watcher->deleteLater();
    statusBar()->clearMessage();
    if (!out.error.isEmpty()) {
      reportError(path, out.error);
      return;
    }
    const auto alive = std::find(frames_->frames().begin(), frames_->frames().end(), view);
    widgets::SkyView* target = alive != frames_->frames().end() ? view : frames_->current();
    showDocument(target, Document{path, std::move(out.loaded), options}, false);
    recent_->add(path);
    if (done) done(target);
    Q_EMIT fileOpened(path);
  });
  watcher->setFuture(QtConcurrent::run([path, options, binning] {
    return guarded(path, [&path, &options, &binning] {
      imaging::LoadedSkyImage loaded = imaging::loadSkyImage(path, options);
      if (binning && loaded.events) loaded = imaging::rebinSkyImage(loaded, *binning);
      return loaded;
    });
  }));
}

std::optional<MainWindow::FrameContent> MainWindow::frameContent(widgets::SkyView* view) const {
  const auto it = documents_.find(view);
  if (it == documents_.end()) return std::nullopt;
  FrameContent c{it->second.path, it->second.options, std::nullopt};
  if (it->second.loaded.events) c.binning = it->second.loaded.binning;
  return c;
}

widgets::SkyView* MainWindow::addFrame() {
  widgets::SkyView* view = newFrame();
  frames_->setCurrent(view);
  return view;
}

void MainWindow::applyBinning() {
  widgets::SkyView* view = frames_->current();
  const auto it = documents_.find(view);
  if (it == documents_.end() || !it->second.loaded.events) return;
  const Document doc = it->second;
  const imaging::BinningSpec spec = binning_->spec(doc.loaded.binning);
  auto* watcher = new QFutureWatcher<LoadOutcome>(this);
  connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, view, doc] {
    LoadOutcome out = watcher->result();
    watcher->deleteLater();
    if (!out.error.isEmpty()) {
      reportError(doc.path, out.error);
      return;
    }
    const auto alive = std::find(frames_->frames().begin(), frames_->frames().end(), view);
    if (alive == frames_->frames().end()) return;
    showDocument(view, Document{doc.path, std::move(out.loaded), doc.options}, true);
    Q_EMIT rebinned();
  });
  watcher->setFuture(QtConcurrent::run([doc, spec] {
    return guarded(doc.path, [&] { return imaging::rebinSkyImage(doc.loaded, spec); });
  }));
}

void MainWindow::showDocument(widgets::SkyView* view, Document doc, bool keepView) {
  Q_ASSERT(QThread::currentThread() == thread());
  // Re-binning with another bin factor keeps the same sky in view.
  std::optional<wcs::SkyPoint> sky;
  double arcsecPerScreenPixel = 0;
  if (keepView && view->hasImage() && view->image().wcs) {
    sky = view->image().wcs->pixelToIcrs(view->centre());
    arcsecPerScreenPixel = view->image().wcs->pixelScaleDeg() * 3600 / view->zoom();
  }
  view->setImage(doc.loaded.image, keepView);
  if (sky && doc.loaded.image->wcs && arcsecPerScreenPixel > 0) {
    if (const auto p = doc.loaded.image->wcs->icrsToPixel(*sky)) {
      view->setView(*p, doc.loaded.image->wcs->pixelScaleDeg() * 3600 / arcsecPerScreenPixel);
    }
  }
  frames_->setTitle(view, QFileInfo(doc.path).fileName());
  log(tr("%1: %2").arg(doc.path, doc.loaded.description));
  documents_[view] = std::move(doc);
  if (view == frames_->current()) currentFrameChanged(view);
}

bool MainWindow::saveViewPng(const QString& path) {
  widgets::SkyView* view = frames_->current();
  if (view == nullptr) return false;
  const QString temporary = path + QStringLiteral(".part");
  if (!view->grab().save(temporary, "PNG")) return false;
  QFile::remove(path);
  return QFile::rename(temporary, path);
}

void MainWindow::showCursor(double x, double y, double value) {
  widgets::SkyView* view = frames_->current();
  magnifier_->showAt(view->widgetPosOf({x, y}));
  const imaging::Image2D& img = view->image();
  QString text = QStringLiteral("image %1, %2").arg(x, 0, 'f', 1).arg(y, 0, 'f', 1);
  const auto it = documents_.find(view);
  if (it != documents_.end() && it->second.loaded.events) {
    const wcs::PixelPoint phys = img.toPhysical({x, y});
    text += QStringLiteral("  sky X,Y %1, %2").arg(phys.x, 0, 'f', 0).arg(phys.y, 0, 'f', 0);
  }
  if (!std::isnan(value)) text += QStringLiteral("  value %1").arg(value, 0, 'g', 6);
  if (const auto sky = img.pixelToIcrs({x, y})) {
    const wcs::SkyPoint gal = wcs::fromIcrs(*sky, wcs::CelestialFrame::Galactic);
    text += QStringLiteral("   ICRS %1 %2 (%3 %4)   Gal %5 %6")
                .arg(wcs::formatRaHms(sky->lon, 2), wcs::formatDecDms(sky->lat, 1),
                     wcs::formatDegrees(sky->lon, 5), wcs::formatDegrees(sky->lat, 5),
                     wcs::formatDegrees(gal.lon, 4), wcs::formatDegrees(gal.lat, 4));
  }
  coords_->setText(text);
}

QString MainWindow::currentImageFile(QString* error) const {
  const auto it = documents_.find(frames_->current());
  if (it == documents_.end()) {
    *error = tr("no frame shows a file");
    return {};
  }
  if (!it->second.loaded.events) return it->second.path;  // an image: send the file itself
  // An event list: send the binned image as it is shown (with its WCS).
  const QString path = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                           .filePath(QStringLiteral("xsky-%1-binned.fits").arg(QFileInfo(it->second.path).completeBaseName()));
  try {
    const events::EventList& list = *it->second.loaded.events;
    products::writeImage(path, *it->second.loaded.image, products::EnergyBand{}, list, products::readObservationInfo(list),
                         {QStringLiteral("binned by XSky from %1").arg(it->second.path)});
  } catch (const Error& e) {
    *error = e.message();
    return {};
  }
  return path;
}

std::vector<quint64> MainWindow::extractRegions() {
  std::vector<ExtractionSource> lists;
  for (const int row : observations_->selector()->checkedRows()) {
    const archive::ObservationRecord& r = observations_->selector()->rows()[static_cast<size_t>(row)].record;
    if (r.kind == archive::ObservationFileKind::EventList) {
      lists.push_back({r.location, r.checksum, r.fileSize > 0 ? r.fileSize : -1});
    }
  }
  if (lists.empty()) {
    const auto it = documents_.find(frames_->current());
    if (it != documents_.end() && it->second.loaded.events) lists.push_back({it->second.path, {}, -1});
  }
  if (lists.empty()) {
    reportError(QString(), tr("Nothing to extract from: open an event list or a folder of observations."));
    return {};
  }
  try {
    const std::vector<quint64> ids = extraction_->extract(lists, regions_->document()->regions());
    log(tr("extracting from %n event list(s)", nullptr, static_cast<int>(lists.size())));
    return ids;
  } catch (const Error& e) {
    reportError(QString(), e.message());
    return {};
  }
}

void MainWindow::log(const QString& line) {
  log_->addItem(QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
  log_->scrollToBottom();
}

void MainWindow::reportError(const QString& path, const QString& message) {
  log(tr("error: %1").arg(message));
  auto* box = new QMessageBox(QMessageBox::Warning, tr("XSky"), message, QMessageBox::Ok, this);
  box->setObjectName(QStringLiteral("errorBox"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();  // window-modal, never blocks the event loop
  Q_EMIT openFailed(path, message);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("mainWindow/state"), saveState());
  sessions_->finish();
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) paths << url.toLocalFile();
  }
  openPaths(paths);
  event->acceptProposedAction();
}

}  // namespace xsky::app
