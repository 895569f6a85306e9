#pragma once
// A folded pulse profile (QCustomPlot): counts per phase bin with Poisson error bars, drawn over
// two cycles (phase 0..2), and the epoch-folding chi-square, its probability and the pulsed
// fraction (core/timing/EpochFolding.h computes them; the caller runs it on a worker).

#include <QWidget>

#include "timing/EpochFolding.h"

class QCustomPlot;
class QCPGraph;
class QLabel;

namespace xsky::widgets {

class FoldedProfileView : public QWidget {
  Q_OBJECT
 public:
  explicit FoldedProfileView(QWidget* parent = nullptr);
  void setProfile(const timing::FoldedProfile& profile, double frequencyHz, const QString& title);
  QCustomPlot* plot() const { return plot_; }
  QCPGraph* profileGraph() const { return graph_; }

 private:
  QCustomPlot* plot_;
  QLabel* summary_;
  QCPGraph* graph_ = nullptr;
};

}  // namespace xsky::widgets
