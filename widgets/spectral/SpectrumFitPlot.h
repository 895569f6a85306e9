#pragma once
// The fit plot: data of every data set with error bars and the model with its additive components
// (dashed), on log axes, either folded (counts/s/keV, what the detector saw) or unfolded
// (E^2 F_E in keV^2 photons/cm^2/s/keV, XSPEC's eeufspec), chosen in a selector above the plot;
// below, on a linked energy axis, the residuals (data - model) / error. Exports PNG, PDF and a
// text table of the view shown. Display only: the numbers come from
// core/spectral/FitPlotData.h.

#include <QWidget>

#include <vector>

#include "spectral/FitPlotData.h"

class QComboBox;
class QCustomPlot;
class QCPAxisRect;

namespace xsky::widgets {

class SpectrumFitPlot : public QWidget {
  Q_OBJECT
 public:
  enum class Mode { Folded, Unfolded };

  explicit SpectrumFitPlot(QWidget* parent = nullptr);

  /// One FoldedPlot per data set, named in the legend (the unfolded view stays unavailable).
  void setPlots(const std::vector<spectral::FoldedPlot>& plots, const QStringList& names);
  /// With the unfolded views of the same data sets (unfoldedPlot() of each FoldedPlot).
  void setPlots(const std::vector<spectral::FoldedPlot>& plots,
                const std::vector<spectral::UnfoldedPlot>& unfolded, const QStringList& names);
  void clear();
  void setMode(Mode mode);
  Mode mode() const { return mode_; }
  QComboBox* modeSelector() const { return modeBox_; }
  /// Hides the selector's row above the plot and hands the selector over, for a host that shows
  /// it elsewhere (a tab bar's corner); it keeps driving this plot.
  QComboBox* takeModeSelector();
  QCustomPlot* plot() const { return plot_; }
  /// Graph counts, for tests: data sets and model curves in the upper panel, residual sets below.
  int dataGraphs() const { return dataGraphs_; }
  int modelGraphs() const { return modelGraphs_; }

  bool savePng(const QString& path, int width = 1000, int height = 700) const;
  bool savePdf(const QString& path) const;
  /// Energy, half-width, data, error, model (as the view shows them) and residual per group, one
  /// block per data set.
  bool saveText(const QString& path) const;

 private:
  void redraw();

  QWidget* modeRow_;
  QComboBox* modeBox_;
  QCustomPlot* plot_;
  QCPAxisRect* residualRect_ = nullptr;
  std::vector<spectral::FoldedPlot> plots_;
  std::vector<spectral::UnfoldedPlot> unfolded_;
  QStringList names_;
  Mode mode_ = Mode::Folded;
  int dataGraphs_ = 0, modelGraphs_ = 0;
};

}  // namespace xsky::widgets
