#include "gui/TimingWorkbench.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QMainWindow>
#include <QMenu>
#include <QSpinBox>
#include <QComboBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include "fits/FitsError.h"
#include "regions/Ds9RegionWriter.h"
#include "regions/RegionDocument.h"
#include "tasks/TaskManager.h"
#include "timing/DetectionThreshold.h"
#include "timing/EventTimes.h"
#include "timing/FoldedProfileView.h"
#include "timing/LightCurveView.h"
#include "timing/PeriodogramView.h"

namespace xsky::app {

namespace {

struct SearchOutcome {
  timing::PeriodogramResult result;
  std::shared_ptr<const std::vector<double>> times;
  double epoch = 0, threshold = 0;
  QString title;
};

}  // namespace

TimingWorkbench::TimingWorkbench(QMainWindow* window, tasks::TaskManager* tasks, Hooks hooks)
    : QObject(window), window_(window), tasks_(tasks), hooks_(std::move(hooks)) {
  tabs_ = new QTabWidget(window);
  tabs_->setObjectName(QStringLiteral("timingTabs"));
  lightCurve_ = new widgets::LightCurveView(tabs_);
  periodogram_ = new widgets::PeriodogramView(tabs_);
  profile_ = new widgets::FoldedProfileView(tabs_);
  tabs_->addTab(lightCurve_, tr("Light Curve"));
  tabs_->addTab(periodogram_, tr("Periodogram"));
  tabs_->addTab(profile_, tr("Folded Profile"));
  dock_ = new QDockWidget(tr("Timing"), window);
  dock_->setObjectName(QStringLiteral("timingDock"));
  dock_->setWidget(tabs_);
  window->addDockWidget(Qt::BottomDockWidgetArea, dock_);
  if (auto* products = window->findChild<QDockWidget*>(QStringLiteral("productsDock")))
    window->tabifyDockWidget(products, dock_);

  menu_ = new QMenu(tr("&Timing"), window);
  menu_->setObjectName(QStringLiteral("timingMenu"));
  QAction* search = menu_->addAction(tr("Search for &Pulsations…"), this, [this] { searchFromDialog(); });
  search->setObjectName(QStringLiteral("searchPulsationsAction"));
  QAction* fold = menu_->addAction(tr("&Fold at Peak"), this,
                                   [this] { foldAt(periodogram_->result().bestFrequency); });
  fold->setObjectName(QStringLiteral("foldAtPeakAction"));
  menu_->addAction(dock_->toggleViewAction());

  loadWatcher_ = new QFutureWatcher<Loaded>(this);
  foldWatcher_ = new QFutureWatcher<Folded>(this);
  connect(lightCurve_, &widgets::LightCurveView::message, this, &TimingWorkbench::message);
  connect(lightCurve_, &widgets::LightCurveView::updated, this, &TimingWorkbench::lightCurvesShown);
  connect(periodogram_, &widgets::PeriodogramView::foldRequested, this, &TimingWorkbench::foldAt);
  connect(loadWatcher_, &QFutureWatcher<Loaded>::finished, this, [this] {
    Loaded l = loadWatcher_->result();
    if (!l.error.isEmpty()) {
      Q_EMIT message(tr("Light curve: %1").arg(l.error));
      return;
    }
    for (const QString& n : l.set.notes) Q_EMIT message(n);
    dock_->show();
    dock_->raise();
    tabs_->setCurrentWidget(lightCurve_);
    lightCurve_->setLightCurves(std::move(l.set));
  });
  connect(foldWatcher_, &QFutureWatcher<Folded>::finished, this, [this] {
    const Folded f = foldWatcher_->result();
    if (!f.error.isEmpty()) {
      Q_EMIT message(tr("Folding: %1").arg(f.error));
      return;
    }
    profile_->setProfile(f.profile, f.frequency, eventsTitle_);
    tabs_->setCurrentWidget(profile_);
    Q_EMIT profileShown();
  });
}

std::vector<regions::Region> TimingWorkbench::searchRegions(const widgets::RegionDocument& document) {
  if (document.selection().empty()) return document.regions();
  std::vector<regions::Region> out;
  for (int i : document.selection()) out.push_back(document.regions().at(size_t(i)));
  return out;
}

TimingWorkbench::~TimingWorkbench() {
  loadWatcher_->waitForFinished();
  foldWatcher_->waitForFinished();
}

void TimingWorkbench::showLightCurves(const QStringList& paths) {
  loadWatcher_->setFuture(QtConcurrent::run([paths] {
    Loaded l;
    try {
      l.set = timing::loadLightCurveSet(paths);
    } catch (const Error& e) {
      l.error = e.message();
    }
    return l;
  }));
}

bool TimingWorkbench::openIfLightCurve(const QString& path) {
  try {
    if (!timing::isLightCurveFile(path)) return false;
  } catch (const Error&) {
    return false;  // not FITS or unreadable: the image loader reports it
  }
  showLightCurves({path});
  return true;
}

quint64 TimingWorkbench::searchPulsations(const QString& eventsPath,
                                          const std::vector<regions::Region>& regions,
                                          const SearchSettings& settings) {
  settings_ = settings;
  // The regions travel to the worker as a DS9 file (sky coordinates), read with the list's WCS.
  auto dir = std::make_shared<QTemporaryDir>();
  QString regionPath;
  if (!regions.empty()) {
    regionPath = dir->filePath(QStringLiteral("search.reg"));
    regions::Ds9RegionWriter(regions::Ds9WriteOptions{}).save(regionPath, regions);
  }
  auto outcome = std::make_shared<SearchOutcome>();
  const QString title = tr("Pulsation search %1").arg(QFileInfo(eventsPath).fileName());
  return tasks_->start(
      title,
      [eventsPath, regionPath, settings, outcome, dir](tasks::TaskContext& ctx) -> QVariant {
        ctx.stage(QStringLiteral("reading event times"));
        timing::EventTimes ev = timing::readEventTimes(eventsPath, regionPath, ctx.progressFn(0, 0.2));
        for (const QString& n : ev.notes) ctx.log(n);
        ctx.log(QStringLiteral("%1 of %2 events in the region, span %3 s (%4)")
                    .arg(ev.times.size())
                    .arg(ev.totalEvents)
                    .arg(ev.span(), 0, 'f', 0)
                    .arg(ev.timeSystem.isEmpty() ? QStringLiteral("time system unknown") : ev.timeSystem));
        const double span = ev.span();
        const timing::FrequencyGrid grid =
            timing::makeFrequencyGrid(settings.fminHz, settings.fmaxHz, span, settings.oversample);
        timing::PeriodogramOptions opt;
        opt.method = settings.method;
        opt.harmonics = settings.harmonics;
        opt.epoch = ev.times.empty() ? 0.0 : ev.times.front();
        ctx.stage(QStringLiteral("periodogram over %1 frequencies").arg(grid.count));
        outcome->result = timing::searchPeriodogram(ev.times, grid, opt, span, ctx.progressFn(0.2, 1));
        outcome->threshold = timing::detectionThreshold(settings.method, outcome->result.harmonics,
                                                        outcome->result.trials, settings.thresholdFap);
        outcome->epoch = opt.epoch;
        outcome->title = QStringLiteral("%1: %2 events%3, %4")
                             .arg(QFileInfo(eventsPath).fileName())
                             .arg(ev.times.size())
                             .arg(regionPath.isEmpty() ? QString() : QStringLiteral(" in the region"))
                             .arg(ev.timeSystem.isEmpty() ? QStringLiteral("time system unknown")
                                                          : QStringLiteral("TIMESYS ") + ev.timeSystem);
        outcome->times = std::make_shared<const std::vector<double>>(std::move(ev.times));
        return outcome->result.bestFrequency;
      },
      [this, outcome, settings](const tasks::TaskInfo& info) {
        if (info.state != tasks::TaskState::Succeeded) {
          Q_EMIT message(tr("Pulsation search: %1").arg(info.error.isEmpty() ? tasks::stateName(info.state) : info.error));
          return;
        }
        times_ = outcome->times;
        epoch_ = outcome->epoch;
        eventsTitle_ = outcome->title;
        periodogram_->setResult(outcome->result, settings.method, outcome->threshold,
                                settings.thresholdFap, outcome->title);
        dock_->show();
        dock_->raise();
        tabs_->setCurrentWidget(periodogram_);
        Q_EMIT message(tr("Pulsation search: best %1 Hz, multi-trial false-alarm %2")
                           .arg(outcome->result.bestFrequency, 0, 'f', 7)
                           .arg(outcome->result.multiTrialFap, 0, 'g', 3));
        Q_EMIT periodogramShown();
      });
}

void TimingWorkbench::foldAt(double frequencyHz) {
  if (!times_ || !(frequencyHz > 0)) {
    Q_EMIT message(tr("Folding: search for pulsations first"));
    return;
  }
  const auto times = times_;
  const double epoch = epoch_;
  const int bins = settings_.foldBins;
  foldWatcher_->setFuture(QtConcurrent::run([times, epoch, bins, frequencyHz] {
    Folded f;
    f.frequency = frequencyHz;
    try {
      f.profile = timing::foldEvents(*times, frequencyHz, 0.0, epoch, bins);
    } catch (const Error& e) {
      f.error = e.message();
    }
    return f;
  }));
}

void TimingWorkbench::searchFromDialog() {
  const QString events = hooks_.currentEventList ? hooks_.currentEventList() : QString();
  if (events.isEmpty()) {
    Q_EMIT message(tr("Pulsation search: open an event list first"));
    return;
  }
  QDialog dialog(window_);
  dialog.setWindowTitle(tr("Search for Pulsations"));
  auto* form = new QFormLayout(&dialog);
  auto* fmin = new QDoubleSpinBox(&dialog);
  auto* fmax = new QDoubleSpinBox(&dialog);
  for (QDoubleSpinBox* s : {fmin, fmax}) {
    s->setDecimals(5);
    s->setRange(0, 1e4);
    s->setSuffix(QStringLiteral(" Hz"));
  }
  fmin->setValue(settings_.fminHz);
  fmax->setValue(settings_.fmaxHz);
  auto* method = new QComboBox(&dialog);
  method->addItems({tr("Z²_n"), tr("Rayleigh"), tr("H-test"), tr("Lomb-Scargle")});
  auto* harmonics = new QSpinBox(&dialog);
  harmonics->setRange(1, 20);
  harmonics->setValue(settings_.harmonics);
  form->addRow(tr("Lowest frequency"), fmin);
  form->addRow(tr("Highest frequency"), fmax);
  form->addRow(tr("Method"), method);
  form->addRow(tr("Harmonics (Z²_n)"), harmonics);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  form->addRow(buttons);
  if (dialog.exec() != QDialog::Accepted) return;
  SearchSettings s = settings_;
  s.fminHz = fmin->value();
  s.fmaxHz = fmax->value();
  s.method = static_cast<timing::PeriodogramMethod>(method->currentIndex());
  s.harmonics = harmonics->value();
  try {
    searchPulsations(events, hooks_.searchRegions ? hooks_.searchRegions() : std::vector<regions::Region>{}, s);
  } catch (const Error& e) {
    Q_EMIT message(tr("Pulsation search: %1").arg(e.message()));
  }
}

}  // namespace xsky::app
