#include "gui/MainWindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDirIterator>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTreeWidget>
#include <QtConcurrent>

#include <cmath>

#include "fits/FitsError.h"
#include "gui/DemoLocator.h"
#include "gui/RecentFiles.h"
#include "imaging/Colormaps.h"
#include "imaging/SkyImageLoader.h"
#include "sim/DemoSky.h"
#include "sky/SkyImageView.h"
#include "wcs/Angles.h"

namespace xsky::app {

namespace {

// A worker's outcome: the loaded image, or the error line.
struct LoadOutcome {
  imaging::LoadedSkyImage loaded;
  QString error;
};

LoadOutcome loadOnWorker(const QString& path) {
  LoadOutcome out;
  try {
    out.loaded = imaging::loadSkyImage(path);
  } catch (const Error& e) {
    out.error = e.message();
  } catch (const std::exception& e) {
    out.error = path + QStringLiteral(": ") + QString::fromUtf8(e.what());
  }
  return out;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(QStringLiteral("XSky"));
  setAcceptDrops(true);
  view_ = new widgets::SkyImageView(this);
  setCentralWidget(view_);
  coords_ = new QLabel(this);
  coords_->setObjectName(QStringLiteral("cursorReadout"));
  coords_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  statusBar()->addPermanentWidget(coords_, 1);
  connect(view_, &widgets::SkyImageView::cursorMoved, this, &MainWindow::showCursor);
  buildDocks();
  buildMenus();
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
  if (!settings.contains(QStringLiteral("mainWindow/geometry"))) resize(1280, 860);
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addDock(const QString& title, const QString& objectName, QWidget* content,
                                 Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(objectName);
  dock->setWidget(content);
  addDockWidget(area, dock);
  return dock;
}

void MainWindow::buildDocks() {
  files_ = new QTreeWidget(this);
  files_->setObjectName(QStringLiteral("filesTree"));
  files_->setHeaderLabels({tr("File"), tr("Size")});
  connect(files_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    const QString path = item->data(0, Qt::UserRole).toString();
    if (!path.isEmpty()) openFile(path);
  });
  addDock(tr("Files"), QStringLiteral("filesDock"), files_, Qt::LeftDockWidgetArea);

  auto* regions = new QListWidget(this);
  regions->setObjectName(QStringLiteral("regionsList"));
  addDock(tr("Regions"), QStringLiteral("regionsDock"), regions, Qt::LeftDockWidgetArea);

  auto* tasks = new QListWidget(this);
  tasks->setObjectName(QStringLiteral("tasksList"));
  addDock(tr("Tasks"), QStringLiteral("tasksDock"), tasks, Qt::BottomDockWidgetArea);

  log_ = new QListWidget(this);
  log_->setObjectName(QStringLiteral("logList"));
  auto* logDock = addDock(tr("Log"), QStringLiteral("logDock"), log_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(findChild<QDockWidget*>(QStringLiteral("tasksDock")), logDock);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open..."), QKeySequence::Open, this, [this] {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open FITS files"), QString(),
        tr("FITS files (*.fits *.fit *.fts *.evt *.fits.gz *.evt.gz *.img);;All files (*)"));
    openPaths(paths);
  });
  file->addAction(tr("Open &Folder..."), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open folder"));
    if (!dir.isEmpty()) openPaths({dir});
  });
  file->addAction(tr("Open &Demo Sky"), this, &MainWindow::openDemo);
  QMenu* recentMenu = file->addMenu(tr("Open &Recent"));
  recent_ = new RecentFiles(recentMenu);
  connect(recent_, &RecentFiles::openRequested, this, &MainWindow::openFile);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  viewMenu_ = menuBar()->addMenu(tr("&View"));
  viewMenu_->addAction(tr("Zoom to &Fit"), this, [this] { view_->zoomToFit(); });
  QMenu* scale = viewMenu_->addMenu(tr("&Scale"));
  QMenu* cmap = viewMenu_->addMenu(tr("&Colormap"));
  auto* scaleGroup = new QActionGroup(this);
  auto* cmapGroup = new QActionGroup(this);
  auto apply = [this, scaleGroup, cmapGroup] {
    imaging::DisplaySettings s;
    s.limits = imaging::LimitMode::Percentile;
    s.percentile = 99.5;
    imaging::parseScale(scaleGroup->checkedAction()->text(), &s.scale);
    view_->setDisplay(s, cmapGroup->checkedAction()->text());
  };
  for (const char* name : {"linear", "log", "sqrt", "squared", "asinh", "histequ"}) {
    QAction* a = scale->addAction(QLatin1String(name));
    a->setCheckable(true);
    a->setChecked(QLatin1String(name) == QLatin1String("log"));
    scaleGroup->addAction(a);
  }
  for (const QString& name : imaging::colormapNames()) {
    QAction* a = cmap->addAction(name);
    a->setCheckable(true);
    a->setChecked(name == QLatin1String("heat"));
    cmapGroup->addAction(a);
  }
  connect(scaleGroup, &QActionGroup::triggered, this, apply);
  connect(cmapGroup, &QActionGroup::triggered, this, apply);
  apply();
  viewMenu_->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>()) viewMenu_->addAction(dock->toggleViewAction());

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About XSky"), this, [this] {
    QMessageBox::about(this, tr("About XSky"),
                       tr("<b>XSky %1</b><p>The X-ray astronomer's desktop workbench: images and "
                          "event lists with WCS, regions, MOC coverage, extraction, fitting, SAMP.")
                           .arg(QCoreApplication::applicationVersion()));
  });
}

void MainWindow::openPaths(const QStringList& paths) {
  bool opened = false;
  for (const QString& p : paths) {
    const QFileInfo info(p);
    if (info.isDir()) {
      listFolder(info.absoluteFilePath());
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
  top->setData(0, Qt::UserRole, QString());
  QMap<QString, QTreeWidgetItem*> groups;
  QString firstEvents;
  QDirIterator it(dir, {QStringLiteral("*.fits"), QStringLiteral("*.fits.gz"), QStringLiteral("*.evt"),
                        QStringLiteral("*.evt.gz"), QStringLiteral("*.fit")},
                  QDir::Files, QDirIterator::Subdirectories);
  QStringList found;
  while (it.hasNext()) found << it.next();
  found.sort();
  for (const QString& f : found) {
    const QString group = QDir(dir).relativeFilePath(QFileInfo(f).absolutePath());
    QTreeWidgetItem* parent = top;
    if (group != QLatin1String(".")) {
      if (!groups.contains(group)) groups[group] = new QTreeWidgetItem(top, {group});
      parent = groups[group];
    }
    auto* item = new QTreeWidgetItem(parent, {QFileInfo(f).fileName(),
                                              QLocale().formattedDataSize(QFileInfo(f).size())});
    item->setData(0, Qt::UserRole, f);
    if (firstEvents.isEmpty() && f.contains(QStringLiteral("events"))) firstEvents = f;
  }
  files_->expandAll();
  files_->resizeColumnToContents(0);
  log(tr("%1: %2 FITS files").arg(dir).arg(found.size()));
  if (!firstEvents.isEmpty()) {
    openFile(firstEvents);
  } else if (!found.isEmpty()) {
    openFile(found.front());
  }
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

void MainWindow::openFile(const QString& path) {
  ++loadsInFlight_;
  statusBar()->showMessage(tr("Opening %1 ...").arg(path));
  auto* watcher = new QFutureWatcher<LoadOutcome>(this);
  connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, path] {
    Q_ASSERT(QThread::currentThread() == thread());
    LoadOutcome out = watcher->result();
    watcher->deleteLater();
    --loadsInFlight_;
    statusBar()->clearMessage();
    if (!out.error.isEmpty()) {
      reportError(path, out.error);
      return;
    }
    view_->setImage(std::move(out.loaded.image));
    currentFile_ = path;
    setWindowTitle(QStringLiteral("XSky — %1").arg(QFileInfo(path).fileName()));
    recent_->add(path);
    log(tr("opened %1 (%2)").arg(path, out.loaded.description));
    Q_EMIT fileOpened(path);
  });
  watcher->setFuture(QtConcurrent::run(&loadOnWorker, path));
}

void MainWindow::showCursor(double x, double y, double value) {
  const imaging::Image2D& img = view_->image();
  QString text = QStringLiteral("x %1  y %2").arg(x, 0, 'f', 1).arg(y, 0, 'f', 1);
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
