#include "timing/PeriodogramView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace xsky::widgets {

PeriodogramView::PeriodogramView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("periodogramView"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* top = new QHBoxLayout;
  summary_ = new QLabel(tr("No search yet: Timing > Search for Pulsations…"), this);
  summary_->setObjectName(QStringLiteral("periodogramSummary"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  fold_ = new QPushButton(tr("Fold at Peak"), this);
  fold_->setObjectName(QStringLiteral("foldAtPeak"));
  fold_->setEnabled(false);
  top->addWidget(summary_, 1);
  top->addWidget(fold_);
  layout->addLayout(top);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("periodogramPlot"));
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->axisRect()->setRangeZoom(Qt::Horizontal);
  plot_->axisRect()->setRangeDrag(Qt::Horizontal);
  plot_->setMinimumHeight(200);
  layout->addWidget(plot_, 1);
  connect(fold_, &QPushButton::clicked, this, [this] { Q_EMIT foldRequested(result_.bestFrequency); });
}

void PeriodogramView::setResult(const timing::PeriodogramResult& result,
                                timing::PeriodogramMethod method, double threshold,
                                double thresholdFap, const QString& title) {
  result_ = result;
  thresholdPower_ = threshold;
  plot_->clearPlottables();
  plot_->clearItems();
  power_ = plot_->addGraph();
  power_->setData(QVector<double>(result.frequency.begin(), result.frequency.end()),
                  QVector<double>(result.power.begin(), result.power.end()), true);
  power_->setPen(QPen(QColor(31, 119, 180)));
  power_->setName(timing::periodogramMethodName(method));
  const QString name = method == timing::PeriodogramMethod::Z2
                           ? QStringLiteral("Z²_%1").arg(result.harmonics)
                       : method == timing::PeriodogramMethod::Rayleigh ? tr("Rayleigh Z²_1")
                       : method == timing::PeriodogramMethod::HTest    ? tr("H")
                                                                       : tr("Lomb-Scargle power");
  plot_->xAxis->setLabel(tr("Frequency (Hz)"));
  plot_->yAxis->setLabel(name);
  threshold_ = new QCPItemStraightLine(plot_);
  threshold_->point1->setCoords(0, threshold);
  threshold_->point2->setCoords(1, threshold);
  threshold_->setPen(QPen(QColor(214, 39, 40), 1.5, Qt::DashLine));
  auto* label = new QCPItemText(plot_);
  label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
  label->position->setTypeY(QCPItemPosition::ptPlotCoords);
  label->position->setCoords(0.01, threshold);
  label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
  label->setText(tr("false-alarm %1 after %2 trials").arg(thresholdFap, 0, 'g', 3).arg(result.trials));
  label->setColor(QColor(214, 39, 40));
  auto* peak = new QCPItemTracer(plot_);
  peak->setGraph(power_);
  peak->setGraphKey(result.bestFrequency);
  peak->setStyle(QCPItemTracer::tsCircle);
  peak->setPen(QPen(Qt::black));
  peak->setSize(9);
  plot_->rescaleAxes();
  plot_->yAxis->setRange(0, std::max(result.bestPower, threshold) * 1.1);
  const double sigma = timing::gaussianSigma(result.multiTrialFap);
  summary_->setText(tr("%1<br><b>Best %2 = %3</b> at f = %4 Hz (P = %5 s); single-trial p = %6, "
                       "%7 trials: p = %8 (%9σ) — %10")
                        .arg(title.toHtmlEscaped(), name)
                        .arg(result.bestPower, 0, 'f', 2)
                        .arg(result.bestFrequency, 0, 'f', 7)
                        .arg(1.0 / result.bestFrequency, 0, 'f', 5)
                        .arg(result.singleTrialFap, 0, 'g', 3)
                        .arg(result.trials)
                        .arg(result.multiTrialFap, 0, 'g', 3)
                        .arg(sigma, 0, 'f', 1)
                        .arg(result.bestPower > threshold ? tr("above the threshold")
                                                          : tr("below the threshold")));
  fold_->setEnabled(result.bestFrequency > 0);
  plot_->replot();
}

}  // namespace xsky::widgets
