#pragma once
// A light-curve view (QCustomPlot): one panel per energy band (net rate with error bars, the
// scaled background dashed), the hardness ratio of the last band to the first below, all on one
// time axis (drag or zoom one panel, the others follow). GTI gaps are shaded grey; Bayesian-block
// segments are drawn over each band on request (blocks of the source counts per exposure, so
// they sit above the net rate by the background rate). Controls above: rebin (as read / bin width in s /
// merge N bins / minimum counts per bin) and Bayesian blocks (p0).
//
// Threading: rebinning, the hardness ratio and the blocks are computed by core/timing on a
// worker (QtConcurrent::run); the widget owns the QFutureWatchers and applies results on the GUI
// thread. A newer request supersedes an older one still running (its result is dropped).

#include <QFutureWatcher>
#include <QWidget>

#include <vector>

#include "timing/LightCurveSet.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemRect;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace xsky::widgets {

class LightCurveView : public QWidget {
  Q_OBJECT
 public:
  explicit LightCurveView(QWidget* parent = nullptr);
  ~LightCurveView() override;

  /// Shows a set as read (resets rebinning and blocks); computes the hardness ratio on a worker.
  void setLightCurves(timing::LightCurveSet set);
  /// Rebins on a worker; `updated` follows.
  void rebin(timing::RebinMode mode, double value);
  /// Bayesian blocks of every shown band on a worker; `blocksShown` follows.
  void runBlocks(double p0);

  QCustomPlot* plot() const { return plot_; }
  const timing::LightCurveSet& shown() const { return shown_; }
  int bandCount() const { return static_cast<int>(bandGraphs_.size()); }
  QCPGraph* bandGraph(int i) const { return bandGraphs_.at(size_t(i)); }
  QCPGraph* backgroundGraph(int i) const { return backgroundGraphs_.at(size_t(i)); }
  QCPGraph* hardnessGraph() const { return hardnessGraph_; }  // null with one band
  const std::vector<QCPGraph*>& blockGraphs() const { return blockGraphs_; }
  const std::vector<QCPItemRect*>& gapRects() const { return gapRects_; }
  QCPAxisRect* bandRect(int i) const;
  bool busy() const;

 Q_SIGNALS:
  void updated();
  void blocksShown(int segments);
  void message(const QString& line);

 private:
  struct Shown {
    timing::LightCurveSet set;
    timing::HardnessCurve hardness;
    QString error;
  };
  void rebuild(const Shown& shown);
  void drawBlocks(const std::vector<std::vector<timing::Block>>& blocks);
  void linkAxes();
  void applyControls();

  QCustomPlot* plot_;
  QLabel* title_;
  QComboBox* mode_;
  QDoubleSpinBox* value_;
  QPushButton* apply_;
  QDoubleSpinBox* p0_;
  QPushButton* blocks_;
  timing::LightCurveSet original_, shown_;
  double t0_ = 0;  // plotted times are seconds since t0_
  std::vector<QCPGraph*> bandGraphs_, backgroundGraphs_, blockGraphs_;
  std::vector<QCPAxisRect*> rects_;
  QCPGraph* hardnessGraph_ = nullptr;
  std::vector<QCPItemRect*> gapRects_;
  QFutureWatcher<Shown>* rebinWatcher_;
  struct Blocks {
    std::vector<std::vector<timing::Block>> blocks;
    QString error;
  };
  QFutureWatcher<Blocks>* blocksWatcher_;
  bool linking_ = false;
};

}  // namespace xsky::widgets
