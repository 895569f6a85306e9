#pragma once
// The main window's timing tools: the Timing dock (tabs: light curve, periodogram, folded
// profile) and the Timing menu. Light curves open from the Products dock or File > Open (a FITS
// light curve); "Search for Pulsations…" runs a Z^2_n / H / Rayleigh / Lomb-Scargle search on the
// events of the current event list inside the selected source regions (all source regions when
// none is selected) and shows the periodogram with its detection threshold; "Fold at Peak" shows
// the folded profile. Wiring only: the numbers are core/timing, the drawing widgets/timing.
//
// Threading: reading files, the search and the folding run off the GUI thread (the search as a
// TaskManager task with progress and cancel, the others with QtConcurrent); results are applied
// here on the GUI thread. A newer request of the same kind supersedes an older one.

#include <QFutureWatcher>
#include <QObject>

#include <functional>
#include <vector>

#include "regions/Region.h"
#include "timing/EpochFolding.h"
#include "timing/LightCurveSet.h"
#include "timing/Periodogram.h"

class QDockWidget;
class QMainWindow;
class QMenu;
class QTabWidget;

namespace xsky::tasks {
class TaskManager;
}
namespace xsky::widgets {
class FoldedProfileView;
class LightCurveView;
class PeriodogramView;
class RegionDocument;
}  // namespace xsky::widgets

namespace xsky::app {

class TimingWorkbench : public QObject {
  Q_OBJECT
 public:
  struct Hooks {
    std::function<QString()> currentEventList;                   // "" when the frame shows none
    std::function<std::vector<regions::Region>()> searchRegions;  // selected, else all regions
  };
  struct SearchSettings {
    double fminHz = 0.01, fmaxHz = 1.0;
    int harmonics = 2;
    double oversample = 5;  // frequency step 1 / (oversample T)
    timing::PeriodogramMethod method = timing::PeriodogramMethod::Z2;
    double thresholdFap = 2.7e-3;  // multi-trial, 3 sigma
    int foldBins = 16;
  };

  TimingWorkbench(QMainWindow* window, tasks::TaskManager* tasks, Hooks hooks);
  /// The selected regions of the document, else all of them.
  static std::vector<regions::Region> searchRegions(const widgets::RegionDocument& document);
  ~TimingWorkbench() override;

  QMenu* menu() const { return menu_; }
  QDockWidget* dock() const { return dock_; }
  QTabWidget* tabs() const { return tabs_; }
  widgets::LightCurveView* lightCurveView() const { return lightCurve_; }
  widgets::PeriodogramView* periodogramView() const { return periodogram_; }
  widgets::FoldedProfileView* profileView() const { return profile_; }

  /// Reads the files on a worker and shows them (one band per file, or the bands of one file).
  void showLightCurves(const QStringList& paths);
  /// True (and shows it) when `path` is a binned light curve rather than an event list or image.
  bool openIfLightCurve(const QString& path);
  /// Runs the search as a task on the events of `eventsPath` inside `regions` (source roles).
  quint64 searchPulsations(const QString& eventsPath, const std::vector<regions::Region>& regions,
                           const SearchSettings& settings);
  /// Folds the last searched events at `frequencyHz` on a worker.
  void foldAt(double frequencyHz);

 Q_SIGNALS:
  void message(const QString& line);
  void lightCurvesShown();
  void periodogramShown();
  void profileShown();

 private:
  struct Loaded {
    timing::LightCurveSet set;
    QString error;
  };
  struct Folded {
    timing::FoldedProfile profile;
    double frequency = 0;
    QString error;
  };
  void searchFromDialog();

  QMainWindow* window_;
  tasks::TaskManager* tasks_;
  Hooks hooks_;
  QMenu* menu_;
  QDockWidget* dock_;
  QTabWidget* tabs_;
  widgets::LightCurveView* lightCurve_;
  widgets::PeriodogramView* periodogram_;
  widgets::FoldedProfileView* profile_;
  QFutureWatcher<Loaded>* loadWatcher_;
  QFutureWatcher<Folded>* foldWatcher_;
  SearchSettings settings_;
  std::shared_ptr<const std::vector<double>> times_;  // the searched events, s
  double epoch_ = 0;
  QString eventsTitle_;
};

}  // namespace xsky::app
