#pragma once
// The two-parameter confidence plot: the statistic above its best fit (Delta-stat) on the grid
// as a colour map, the 68/90/99 % contour lines (Delta-stat 2.30, 4.61, 9.21: solid, dashed,
// dotted) and the best fit as a cross. Display only: the grid comes from
// core/spectral/ConfidenceContour.h and the lines from core/spectral/ContourLines.h.

#include <QWidget>

#include "spectral/ConfidenceContour.h"

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;

namespace xsky::widgets {

class ContourPlot : public QWidget {
  Q_OBJECT
 public:
  explicit ContourPlot(QWidget* parent = nullptr);

  /// Shows the grid; xName and yName label the axes.
  void setGrid(const spectral::ContourGrid& grid, const QString& xName, const QString& yName);
  void clear();
  bool hasGrid() const { return !grid_.statistic.empty(); }
  const spectral::ContourGrid& grid() const { return grid_; }
  QCustomPlot* plot() const { return plot_; }
  /// Contour lines drawn (all levels), for tests.
  int lineCount() const { return lineCount_; }
  bool savePng(const QString& path, int width = 800, int height = 700) const;

 private:
  QCustomPlot* plot_;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  spectral::ContourGrid grid_;
  int lineCount_ = 0;
};

}  // namespace xsky::widgets
