#include "timing/FoldedProfileView.h"

#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace xsky::widgets {

FoldedProfileView::FoldedProfileView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("foldedProfileView"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  summary_ = new QLabel(tr("No profile yet: search for pulsations, then Fold at Peak"), this);
  summary_->setObjectName(QStringLiteral("profileSummary"));
  summary_->setWordWrap(true);
  layout->addWidget(summary_);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("profilePlot"));
  plot_->setMinimumHeight(200);
  layout->addWidget(plot_, 1);
}

void FoldedProfileView::setProfile(const timing::FoldedProfile& profile, double frequencyHz,
                                   const QString& title) {
  plot_->clearPlottables();
  const size_t n = profile.counts.size();
  QVector<double> x, y, e;
  for (int cycle = 0; cycle < 2; ++cycle) {
    for (size_t i = 0; i < n; ++i) {
      x << cycle + (static_cast<double>(i) + 0.5) / static_cast<double>(n);
      y << profile.counts[i];
      e << std::sqrt(std::max(profile.counts[i], 1.0));
    }
  }
  graph_ = plot_->addGraph();
  graph_->setData(x, y, true);
  graph_->setLineStyle(QCPGraph::lsStepCenter);
  graph_->setPen(QPen(QColor(31, 119, 180), 1.5));
  auto* bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
  bars->setDataPlottable(graph_);
  bars->setData(e);
  bars->setPen(QPen(QColor(31, 119, 180)));
  plot_->xAxis->setLabel(tr("Phase (two cycles)"));
  plot_->yAxis->setLabel(tr("Counts per phase bin"));
  plot_->xAxis->setRange(0, 2);
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (qsizetype i = 0; i < y.size(); ++i) {
    lo = std::min(lo, y[i] - e[i]);
    hi = std::max(hi, y[i] + e[i]);
  }
  if (lo < hi) plot_->yAxis->setRange(std::max(0.0, lo - 0.1 * (hi - lo)), hi + 0.1 * (hi - lo));
  summary_->setText(tr("%1 — folded at f = %2 Hz (P = %3 s), %4 bins: χ² = %5 for %6 dof "
                       "(p = %7), pulsed fraction %8")
                        .arg(title)
                        .arg(frequencyHz, 0, 'f', 7)
                        .arg(1.0 / frequencyHz, 0, 'f', 5)
                        .arg(n)
                        .arg(profile.chiSquare, 0, 'f', 1)
                        .arg(profile.dof)
                        .arg(profile.probability, 0, 'g', 3)
                        .arg(profile.pulsedFraction, 0, 'f', 3));
  plot_->replot();
}

}  // namespace xsky::widgets
