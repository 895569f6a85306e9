#pragma once
// The fit plot: data (counts/s/keV with error bars, log axes) of every data set with the folded
// model and its additive components (dashed), and below, on a linked energy axis, the residuals
// (data - model) / error. Exports PNG, PDF and a text table. Display only: the numbers come from
// core/spectral/FitPlotData.h.

#include <QWidget>

#include <vector>

#include "spectral/FitPlotData.h"

class QCustomPlot;
class QCPAxisRect;

namespace xsky::widgets {

class SpectrumFitPlot : public QWidget {
  Q_OBJECT
 public:
  explicit SpectrumFitPlot(QWidget* parent = nullptr);

  /// One FoldedPlot per data set, named in the legend.
  void setPlots(const std::vector<spectral::FoldedPlot>& plots, const QStringList& names);
  void clear();
  QCustomPlot* plot() const { return plot_; }
  /// Graph counts, for tests: data sets and model curves in the upper panel, residual sets below.
  int dataGraphs() const { return dataGraphs_; }
  int modelGraphs() const { return modelGraphs_; }

  bool savePng(const QString& path, int width = 1000, int height = 700) const;
  bool savePdf(const QString& path) const;
  /// Energy, half-width, rate, error, model, residual per group, one block per data set.
  bool saveText(const QString& path) const;

 private:
  QCustomPlot* plot_;
  QCPAxisRect* residualRect_ = nullptr;
  std::vector<spectral::FoldedPlot> plots_;
  QStringList names_;
  int dataGraphs_ = 0, modelGraphs_ = 0;
};

}  // namespace xsky::widgets
