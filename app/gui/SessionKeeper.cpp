#include "gui/SessionKeeper.h"

#include <QCoreApplication>
#include <QDir>
#include <QComboBox>
#include <QDirIterator>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>
#include <cerrno>
#include <unistd.h>

#include "archive/ObservationSelector.h"
#include "catalog/CatalogPanel.h"
#include "fits/FitsError.h"
#include "gui/ExtractionLauncher.h"
#include "gui/FitWorkbench.h"
#include "gui/MainWindow.h"
#include "gui/CatalogWorkbench.h"
#include "gui/ObservationWorkbench.h"
#include "gui/ProductsPanel.h"
#include "gui/RegionWorkbench.h"
#include "gui/SampWorkbench.h"
#include "products/ProductCache.h"
#include "regions/Ds9RegionWriter.h"
#include "regions/RegionDocument.h"
#include "regions/RegionFileIo.h"
#include "sky/FrameStack.h"
#include "sky/SkyView.h"

namespace xsky::app {

namespace {

bool processAlive(qint64 pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

// autosave-<pid>.json -> pid (0 when the name is not one).
qint64 pidOfAutosave(const QString& fileName) {
  if (!fileName.startsWith(QLatin1String("autosave-")) || !fileName.endsWith(QLatin1String(".json"))) return 0;
  return fileName.mid(9, fileName.size() - 9 - 5).toLongLong();
}

}  // namespace

SessionKeeper::SessionKeeper(MainWindow* window) : QObject(window), window_(window) {
  periodic_ = new QTimer(this);
  const int seconds = qEnvironmentVariableIntValue("XSKY_AUTOSAVE_SECONDS");
  periodic_->setInterval((seconds > 0 ? seconds : 60) * 1000);
  connect(periodic_, &QTimer::timeout, this, &SessionKeeper::autosave);
  periodic_->start();
  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(1500);
  connect(debounce_, &QTimer::timeout, this, &SessionKeeper::autosave);
  connect(window_, &MainWindow::fileOpened, this, &SessionKeeper::changed);
  connect(window_, &MainWindow::rebinned, this, &SessionKeeper::changed);
  connect(window_->regions()->document(), &widgets::RegionDocument::changed, this, &SessionKeeper::changed);
  connect(window_->observations()->selector(), &widgets::ObservationSelector::checkedChanged, this, &SessionKeeper::changed);
  connect(window_->extraction(), &ExtractionLauncher::extracted, this, &SessionKeeper::changed);
  connect(window_->samp(), &SampWorkbench::connectionChanged, this, &SessionKeeper::changed);
  connect(window_->catalogue(), &CatalogWorkbench::changed, this, &SessionKeeper::changed);
}

SessionKeeper::~SessionKeeper() = default;

QString SessionKeeper::sessionsFolder() {
  const QString env = qEnvironmentVariable("XSKY_SESSION_DIR");
  const QString dir = !env.isEmpty() ? env
                                     : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                           QStringLiteral("/sessions");
  QDir().mkpath(dir);
  return dir;
}

QString SessionKeeper::autosavePath() const {
  return sessionsFolder() + QStringLiteral("/autosave-%1.json").arg(QCoreApplication::applicationPid());
}

void SessionKeeper::changed() {
  if (!restoring_) debounce_->start();
}

session::SessionState SessionKeeper::capture() const {
  session::SessionState s;
  const auto& frames = window_->frames()->frames();
  for (size_t i = 0; i < frames.size(); ++i) {
    widgets::SkyView* view = frames[i];
    session::FrameState f;
    if (const auto content = window_->frameContent(view)) {
      f.path = content->path;
      f.hdu = content->options.hdu;
      f.plane = content->options.plane;
      f.binning = content->binning;
    }
    f.display = view->display();
    if (view->hasImage()) {
      f.hasView = true;
      f.centreX = view->centre().x;
      f.centreY = view->centre().y;
      f.zoom = view->zoom();
    }
    if (view == window_->frames()->current()) s.currentFrame = static_cast<int>(i);
    s.frames.push_back(std::move(f));
  }
  regions::Ds9WriteOptions ds9;
  ds9.system = regions::CoordSystem::Icrs;
  s.regionsDs9 = regions::Ds9RegionWriter(ds9).toText(window_->regions()->document()->regions());
  s.observationIndex = window_->observations()->indexPath();
  s.switchedOff = window_->observations()->selector()->switchedOff();
  for (const products::ExtractionResult& r : window_->productsPanel()->results()) s.products.append(products::resultToJson(r));
  s.sampConnected = window_->samp()->isConnected();
  s.fit = window_->fitting()->state();
  s.cataloguePath = window_->catalogue()->cataloguePath();
  if (!s.cataloguePath.isEmpty()) {
    s.catalogueQuery = window_->catalogue()->panel()->queryBox()->currentText().trimmed();
    s.catalogueSelected = window_->catalogue()->panel()->selectedRows();
  }
  return s;
}

void SessionKeeper::restore(const session::SessionState& s) {
  restoring_ = true;
  pendingFrames_ = 0;
  std::vector<widgets::SkyView*> views;
  for (size_t i = 0; i < s.frames.size(); ++i) {
    const auto& existing = window_->frames()->frames();
    views.push_back(i < existing.size() ? existing[i] : window_->addFrame());
  }
  auto finishOne = [this] {
    if (--pendingFrames_ == 0) {
      restoring_ = false;
      Q_EMIT restored();
    }
  };
  for (const session::FrameState& f : s.frames) pendingFrames_ += f.path.isEmpty() ? 0 : 1;
  const bool catalogue = !s.cataloguePath.isEmpty() && QFileInfo::exists(s.cataloguePath);
  if (catalogue) ++pendingFrames_;  // restored() waits for the catalogue too
  for (size_t i = 0; i < s.frames.size(); ++i) {
    const session::FrameState f = s.frames[i];
    widgets::SkyView* view = views[i];
    view->setDisplay(f.display);
    if (f.path.isEmpty()) continue;
    imaging::LoadOptions options;
    options.hdu = f.hdu;
    options.plane = f.plane;
    window_->openFileInto(view, f.path, options, f.binning, [f, finishOne](widgets::SkyView* shown) {
      shown->setDisplay(f.display);
      if (f.hasView) shown->setView({f.centreX, f.centreY}, f.zoom);
      finishOne();
    });
  }
  if (s.currentFrame >= 0 && s.currentFrame < static_cast<int>(views.size())) {
    window_->frames()->setCurrent(views[static_cast<size_t>(s.currentFrame)]);
  }
  std::vector<regions::Region> regs;
  if (!s.regionsDs9.trimmed().isEmpty()) {
    regs = regions::readRegionText(s.regionsDs9, QStringLiteral("session regions"), regions::RegionReadOptions{}).regions;
  }
  window_->regions()->document()->setRegions(regs, tr("restore session"));
  if (!s.observationIndex.isEmpty() && QFileInfo::exists(s.observationIndex) &&
      s.observationIndex != window_->observations()->indexPath()) {
    window_->observations()->openIndex(s.observationIndex);
  }
  window_->observations()->selector()->setSwitchedOff(s.switchedOff);
  for (const QJsonValue& v : s.products) window_->productsPanel()->addResult(products::resultFromJson(v.toObject()));
  window_->fitting()->restoreState(s.fit);
  if (catalogue) {
    window_->catalogue()->restore(s.cataloguePath, s.catalogueQuery, s.catalogueSelected, [finishOne](bool) { finishOne(); });
  }
  if (s.sampConnected && !window_->samp()->isConnected()) window_->samp()->connectToHub();
  if (pendingFrames_ == 0) {
    restoring_ = false;
    Q_EMIT restored();
  }
}

bool SessionKeeper::save(const QString& path, QString* error) const {
  try {
    session::writeSession(path, capture());
    return true;
  } catch (const Error& e) {
    if (error) *error = e.message();
    return false;
  }
}

bool SessionKeeper::open(const QString& path, QString* error) {
  try {
    restore(session::readSession(path));
    return true;
  } catch (const Error& e) {
    if (error) *error = e.message();
    return false;
  }
}

QString SessionKeeper::orphanedAutosave() const {
  QFileInfo newest;
  QDirIterator it(sessionsFolder(), {QStringLiteral("autosave-*.json")}, QDir::Files);
  while (it.hasNext()) {
    const QFileInfo f(it.next());
    const qint64 pid = pidOfAutosave(f.fileName());
    if (pid == 0 || pid == QCoreApplication::applicationPid() || processAlive(pid)) continue;
    if (!newest.exists() || f.lastModified() > newest.lastModified()) newest = f;
  }
  return newest.exists() ? newest.absoluteFilePath() : QString();
}

void SessionKeeper::offerRecovery() {
  const QString path = orphanedAutosave();
  if (path.isEmpty()) return;
  auto* box = new QMessageBox(QMessageBox::Question, tr("XSky"),
                              tr("XSky did not close normally last time. Restore the work autosaved at %1?")
                                  .arg(QFileInfo(path).lastModified().toString(Qt::ISODate)),
                              QMessageBox::Yes | QMessageBox::No, window_);
  box->setObjectName(QStringLiteral("recoveryBox"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(box, &QMessageBox::finished, this, [this, path](int answer) {
    if (answer == QMessageBox::Yes) {
      QString error;
      if (!open(path, &error)) Q_EMIT message(tr("could not restore the autosave: %1").arg(error));
    }
    // The other orphans of the same kind are older: keep only the newest decision.
    QFile::remove(path);
  });
  box->open();
}

void SessionKeeper::autosave() {
  if (restoring_) return;
  QString error;
  if (!save(autosavePath(), &error)) Q_EMIT message(tr("autosave failed: %1").arg(error));
}

void SessionKeeper::finish() {
  periodic_->stop();
  debounce_->stop();
  QFile::remove(autosavePath());
}

}  // namespace xsky::app
