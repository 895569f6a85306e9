#include "spectral/SpectrumFitPlot.h"

#include <QFile>
#include <QTextStream>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace xsky::widgets {

namespace {

const QColor kColours[] = {QColor(30, 90, 200), QColor(200, 60, 40), QColor(40, 150, 60),
                           QColor(150, 60, 170), QColor(200, 140, 20), QColor(20, 150, 160)};

QVector<double> toVector(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

}  // namespace

SpectrumFitPlot::SpectrumFitPlot(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("fitPlot"));
  plot_->setMinimumHeight(260);
  layout->addWidget(plot_);
  QCPAxisRect* main = plot_->axisRect();
  residualRect_ = new QCPAxisRect(plot_);
  plot_->plotLayout()->addElement(1, 0, residualRect_);
  plot_->plotLayout()->setRowStretchFactor(0, 3);
  plot_->plotLayout()->setRowStretchFactor(1, 1);
  auto* group = new QCPMarginGroup(plot_);
  main->setMarginGroup(QCP::msLeft | QCP::msRight, group);
  residualRect_->setMarginGroup(QCP::msLeft | QCP::msRight, group);
  for (QCPAxis* x : {main->axis(QCPAxis::atBottom), residualRect_->axis(QCPAxis::atBottom)}) {
    x->setScaleType(QCPAxis::stLogarithmic);
    x->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  }
  main->axis(QCPAxis::atLeft)->setScaleType(QCPAxis::stLogarithmic);
  main->axis(QCPAxis::atLeft)->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  main->axis(QCPAxis::atLeft)->setLabel(tr("counts/s/keV"));
  main->axis(QCPAxis::atBottom)->setTickLabels(false);  // the residual panel's axis names them
  residualRect_->axis(QCPAxis::atBottom)->setLabel(tr("energy (keV)"));
  residualRect_->axis(QCPAxis::atLeft)->setLabel(tr("(data-model)/error"));
  connect(main->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
          residualRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
  plot_->legend->setVisible(true);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

void SpectrumFitPlot::clear() {
  plot_->clearGraphs();
  plot_->clearPlottables();
  plots_.clear();
  names_.clear();
  dataGraphs_ = modelGraphs_ = 0;
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void SpectrumFitPlot::setPlots(const std::vector<spectral::FoldedPlot>& plots, const QStringList& names) {
  clear();
  plots_ = plots;
  names_ = names;
  QCPAxisRect* main = plot_->axisRect(0);
  double lo = 1e300, hi = 0, ylo = 1e300, yhi = 0;
  for (size_t k = 0; k < plots.size(); ++k) {
    const spectral::FoldedPlot& p = plots[k];
    const QColor colour = kColours[k % std::size(kColours)];
    QCPGraph* data = plot_->addGraph(main->axis(QCPAxis::atBottom), main->axis(QCPAxis::atLeft));
    data->setName(names.value(int(k)));
    data->setLineStyle(QCPGraph::lsNone);
    data->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 3));
    // Log axes cannot show rates <= 0: those groups are left out of the upper panel.
    QVector<double> x, y, ex, ey;
    for (size_t i = 0; i < p.energy.size(); ++i) {
      if (!(p.rate[i] > 0)) continue;
      x << p.energy[i];
      y << p.rate[i];
      ex << p.halfWidth[i];
      ey << std::min(p.rateError[i], 0.999 * p.rate[i]);
      ylo = std::min(ylo, p.rate[i] - ey.back());
      yhi = std::max(yhi, p.rate[i] + p.rateError[i]);
    }
    data->setData(x, y, true);
    auto* ebar = new QCPErrorBars(main->axis(QCPAxis::atBottom), main->axis(QCPAxis::atLeft));
    ebar->setDataPlottable(data);
    ebar->setData(ey);
    ebar->setPen(QPen(colour));
    ebar->removeFromLegend();
    auto* xbar = new QCPErrorBars(main->axis(QCPAxis::atBottom), main->axis(QCPAxis::atLeft));
    xbar->setErrorType(QCPErrorBars::etKeyError);
    xbar->setDataPlottable(data);
    xbar->setData(ex);
    xbar->setPen(QPen(colour));
    xbar->removeFromLegend();
    ++dataGraphs_;
    QCPGraph* model = plot_->addGraph(main->axis(QCPAxis::atBottom), main->axis(QCPAxis::atLeft));
    model->setName(tr("model"));
    model->setPen(QPen(colour.darker(140), 2));
    model->setLineStyle(QCPGraph::lsStepCenter);
    model->setData(toVector(p.energy), toVector(p.model), true);
    if (k > 0) model->removeFromLegend();
    ++modelGraphs_;
    for (size_t c = 0; c < p.components.size(); ++c) {
      QCPGraph* comp = plot_->addGraph(main->axis(QCPAxis::atBottom), main->axis(QCPAxis::atLeft));
      comp->setName(p.componentNames.value(int(c)));
      comp->setPen(QPen(colour.lighter(130), 1, Qt::DashLine));
      comp->setLineStyle(QCPGraph::lsStepCenter);
      comp->setData(toVector(p.energy), toVector(p.components[c]), true);
      if (k > 0) comp->removeFromLegend();
    }
    QCPGraph* residual = plot_->addGraph(residualRect_->axis(QCPAxis::atBottom), residualRect_->axis(QCPAxis::atLeft));
    residual->setLineStyle(QCPGraph::lsNone);
    residual->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 3));
    residual->setData(toVector(p.energy), toVector(p.residual), true);
    residual->removeFromLegend();
    for (size_t i = 0; i < p.energy.size(); ++i) {
      lo = std::min(lo, p.energy[i] - p.halfWidth[i]);
      hi = std::max(hi, p.energy[i] + p.halfWidth[i]);
    }
  }
  if (hi > lo && lo > 0) {
    main->axis(QCPAxis::atBottom)->setRange(lo, hi);
    residualRect_->axis(QCPAxis::atBottom)->setRange(lo, hi);
  }
  if (yhi > 0) main->axis(QCPAxis::atLeft)->setRange(std::max(ylo, yhi * 1e-5) * 0.7, yhi * 1.5);
  residualRect_->axis(QCPAxis::atLeft)->setRange(-5, 5);
  plot_->replot();
}

bool SpectrumFitPlot::savePng(const QString& path, int width, int height) const {
  return plot_->savePng(path, width, height);
}

bool SpectrumFitPlot::savePdf(const QString& path) const { return plot_->savePdf(path); }

bool SpectrumFitPlot::saveText(const QString& path) const {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  QTextStream out(&f);
  for (size_t k = 0; k < plots_.size(); ++k) {
    const spectral::FoldedPlot& p = plots_[k];
    out << "# data set " << (k + 1) << ": " << names_.value(int(k)) << "\n";
    out << "# energy_keV half_width_keV rate_counts_s_keV error model residual\n";
    for (size_t i = 0; i < p.energy.size(); ++i) {
      out << p.energy[i] << ' ' << p.halfWidth[i] << ' ' << p.rate[i] << ' ' << p.rateError[i] << ' ' << p.model[i] << ' '
          << p.residual[i] << '\n';
    }
  }
  return f.error() == QFile::NoError;
}

}  // namespace xsky::widgets
