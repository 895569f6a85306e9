#pragma once
// A periodogram view (QCustomPlot): power against frequency, the detection threshold as a dashed
// horizontal line (the power whose multi-trial false-alarm probability is the chosen level, from
// core/timing/DetectionThreshold.h), the best peak marked and summarised (frequency, period,
// power, single- and multi-trial probability, trials). "Fold at peak" asks for a folded profile.
// The numbers are computed by core/timing (on a worker, by the caller); this widget only draws.

#include <QWidget>

#include "timing/Periodogram.h"

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QLabel;
class QPushButton;

namespace xsky::widgets {

class PeriodogramView : public QWidget {
  Q_OBJECT
 public:
  explicit PeriodogramView(QWidget* parent = nullptr);

  /// `threshold`: the power of the detection level `thresholdFap` (multi-trial); `title` names the
  /// events (file, region, time system).
  void setResult(const timing::PeriodogramResult& result, timing::PeriodogramMethod method,
                 double threshold, double thresholdFap, const QString& title);
  const timing::PeriodogramResult& result() const { return result_; }
  QCustomPlot* plot() const { return plot_; }
  QCPGraph* powerGraph() const { return power_; }
  QCPItemStraightLine* thresholdLine() const { return threshold_; }
  double thresholdPower() const { return thresholdPower_; }
  QPushButton* foldButton() const { return fold_; }

 Q_SIGNALS:
  void foldRequested(double frequencyHz);

 private:
  QCustomPlot* plot_;
  QLabel* summary_;
  QPushButton* fold_;
  QCPGraph* power_ = nullptr;
  QCPItemStraightLine* threshold_ = nullptr;
  timing::PeriodogramResult result_;
  double thresholdPower_ = 0;
};

}  // namespace xsky::widgets
