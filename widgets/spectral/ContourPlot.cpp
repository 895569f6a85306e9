#include "spectral/ContourPlot.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include "spectral/ContourLines.h"

namespace xsky::widgets {

namespace {

const char* const kLevelNames[] = {"68 %", "90 %", "99 %"};
const Qt::PenStyle kLevelStyles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine};

}  // namespace

ContourPlot::ContourPlot(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("contourPlot"));
  plot_->setMinimumHeight(260);
  layout->addWidget(plot_);
  scale_ = new QCPColorScale(plot_);
  scale_->setType(QCPAxis::atRight);
  scale_->axis()->setLabel(tr("Δ statistic"));
  plot_->plotLayout()->addElement(0, 1, scale_);
  auto* group = new QCPMarginGroup(plot_);
  plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  plot_->legend->setVisible(true);
  plot_->legend->setBrush(QColor(255, 255, 255, 210));
  // Correlated parameters run along a diagonal: the lower right corner is the one most often free.
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  clear();
}

void ContourPlot::clear() {
  plot_->clearPlottables();
  map_ = nullptr;
  grid_ = {};
  lineCount_ = 0;
  plot_->xAxis->setLabel(tr("No contour yet: fit, then press Contour..."));
  plot_->yAxis->setLabel(QString());
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ContourPlot::setGrid(const spectral::ContourGrid& grid, const QString& xName,
                          const QString& yName) {
  clear();
  grid_ = grid;
  const int nx = grid.nx(), ny = grid.ny();
  if (nx < 2 || ny < 2) return;
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map_->removeFromLegend();
  map_->setColorScale(scale_);
  map_->data()->setSize(nx, ny);
  map_->data()->setRange(QCPRange(grid.xValues.front(), grid.xValues.back()),
                         QCPRange(grid.yValues.front(), grid.yValues.back()));
  std::vector<double> delta(grid.statistic.size());
  for (size_t k = 0; k < delta.size(); ++k) delta[k] = grid.statistic[k] - grid.bestStatistic;
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const double d = delta[size_t(j * nx + i)];
      map_->data()->setCell(i, j, std::isfinite(d) ? d : std::nan(""));
    }
  }
  // Beyond the 99 % level the colour saturates: the regions of interest keep the contrast.
  const double top = grid.levels.empty() ? 10.0 : 1.5 * (grid.levels.back() - grid.bestStatistic);
  // Light where the fit is good, a muted blue outside, so that the lines stay readable.
  QCPColorGradient gradient;
  gradient.setColorStops(
      {{0.0, QColor(255, 255, 255)}, {0.3, QColor(175, 208, 240)}, {1.0, QColor(80, 118, 180)}});
  gradient.setNanHandling(QCPColorGradient::nhTransparent);
  map_->setGradient(gradient);
  map_->setDataRange(QCPRange(0.0, top));
  map_->setInterpolate(true);

  for (size_t level = 0; level < grid.levels.size(); ++level) {
    const auto lines = spectral::contourLines(grid.xValues, grid.yValues, delta,
                                              grid.levels[level] - grid.bestStatistic);
    const QPen pen(level == 0 ? QColor(200, 30, 30) : QColor(20, 20, 20), 2,
                   kLevelStyles[level % 3]);
    for (size_t k = 0; k < lines.size(); ++k) {
      auto* curve = new QCPCurve(plot_->xAxis, plot_->yAxis);
      curve->setPen(pen);
      curve->setData(QVector<double>(lines[k].x.begin(), lines[k].x.end()),
                     QVector<double>(lines[k].y.begin(), lines[k].y.end()));
      if (k == 0) {
        curve->setName(level < 3
                           ? QString::fromLatin1(kLevelNames[level])
                           : QStringLiteral("Δ %1").arg(grid.levels[level] - grid.bestStatistic));
      } else {
        curve->removeFromLegend();
      }
      ++lineCount_;
    }
  }
  QCPGraph* best = plot_->addGraph();
  best->setName(tr("best fit"));
  best->setLineStyle(QCPGraph::lsNone);
  best->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCross, QPen(Qt::black, 2), Qt::NoBrush, 12));
  best->setData({grid.bestX}, {grid.bestY});
  plot_->xAxis->setLabel(xName);
  plot_->yAxis->setLabel(yName);
  plot_->xAxis->setRange(grid.xValues.front(), grid.xValues.back());
  plot_->yAxis->setRange(grid.yValues.front(), grid.yValues.back());
  scale_->setDataRange(QCPRange(0.0, top));
  plot_->replot();
}

bool ContourPlot::savePng(const QString& path, int width, int height) const {
  return plot_->savePng(path, width, height);
}

}  // namespace xsky::widgets
