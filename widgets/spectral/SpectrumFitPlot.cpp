#include "spectral/SpectrumFitPlot.h"

#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextStream>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace xsky::widgets {

namespace {

const QColor kColours[] = {QColor(30, 90, 200), QColor(200, 60, 40), QColor(40, 150, 60),
                           QColor(150, 60, 170), QColor(200, 140, 20), QColor(20, 150, 160)};

QVector<double> toVector(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

/// A log ticker that labels 1, 2 and 5 times the powers of ten when the axis spans less than
/// 2.5 decades (an unfolded spectrum, a zoom), where powers of ten alone leave it almost bare.
class LogTicker125 : public QCPAxisTickerLog {
 protected:
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
    fine_ = range.lower > 0 && range.upper / range.lower < std::pow(10.0, 2.5);
    if (!fine_) return QCPAxisTickerLog::createTickVector(tickStep, range);
    QVector<double> ticks;
    const int first = int(std::floor(std::log10(range.lower)));
    const int last = int(std::ceil(std::log10(range.upper)));
    for (int k = first; k <= last; ++k) {
      for (double m : {1.0, 2.0, 5.0}) ticks << m * std::pow(10.0, k);
    }
    return ticks;
  }
  int getSubTickCount(double tickStep) override {
    return fine_ ? 0 : QCPAxisTickerLog::getSubTickCount(tickStep);
  }

 private:
  bool fine_ = false;
};

/// Labelled energies for the log energy axes (a log ticker labels only powers of ten, or falls
/// back to linear ticks that leave the soft band bare over the 1.5 decades of a CCD spectrum).
QSharedPointer<QCPAxisTickerText> energyTicker() {
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (double e : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0}) {
    ticker->addTick(e, QString::number(e));
  }
  ticker->setSubTickCount(0);
  return ticker;
}

/// What the upper panel shows of one data set in either mode.
struct Series {
  const std::vector<double>* energy;
  const std::vector<double>* halfWidth;
  const std::vector<double>* y;
  const std::vector<double>* error;
  const std::vector<double>* model;
  const std::vector<std::vector<double>>* components;
  const QStringList* componentNames;
};

}  // namespace

SpectrumFitPlot::SpectrumFitPlot(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  modeRow_ = new QWidget(this);
  auto* row = new QHBoxLayout(modeRow_);
  row->setContentsMargins(4, 2, 4, 0);
  modeBox_ = new QComboBox(modeRow_);
  modeBox_->setObjectName(QStringLiteral("fitPlotMode"));
  modeBox_->addItem(tr("Folded: counts/s/keV"));
  modeBox_->addItem(tr("Unfolded: E² F_E"));
  modeBox_->setToolTip(tr("Unfolded: the data divided by the folded model and multiplied by the "
                          "model E² F(E) (XSPEC's eeufspec); model-dependent"));
  modeBox_->setEnabled(false);
  row->addWidget(new QLabel(tr("Show"), modeRow_));
  row->addWidget(modeBox_);
  row->addStretch(1);
  layout->addWidget(modeRow_);
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
    x->setTicker(energyTicker());
  }
  main->axis(QCPAxis::atLeft)->setScaleType(QCPAxis::stLogarithmic);
  main->axis(QCPAxis::atLeft)->setTicker(QSharedPointer<LogTicker125>::create());
  main->axis(QCPAxis::atLeft)->setLabel(tr("counts/s/keV"));
  main->axis(QCPAxis::atBottom)->setTickLabels(false);  // the residual panel's axis names them
  residualRect_->axis(QCPAxis::atBottom)->setLabel(tr("energy (keV)"));
  residualRect_->axis(QCPAxis::atLeft)->setLabel(tr("(data-model)/error"));
  connect(main->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
          residualRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
  plot_->legend->setVisible(true);
  // A compact legend: in a docked, short plot the default one covers half the spectrum.
  QFont small = font();
  small.setPointSizeF(std::max(6.0, small.pointSizeF() - 1.5));
  plot_->legend->setFont(small);
  plot_->legend->setIconSize(16, 8);
  plot_->legend->setRowSpacing(0);
  plot_->legend->setBrush(QColor(255, 255, 255, 200));
  residualRect_->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  connect(modeBox_, &QComboBox::currentIndexChanged, this,
          [this](int index) { setMode(index == 1 ? Mode::Unfolded : Mode::Folded); });
}

QComboBox* SpectrumFitPlot::takeModeSelector() {
  modeRow_->hide();
  return modeBox_;
}

void SpectrumFitPlot::clear() {
  plot_->clearGraphs();
  plot_->clearPlottables();
  plots_.clear();
  unfolded_.clear();
  names_.clear();
  dataGraphs_ = modelGraphs_ = 0;
  modeBox_->setEnabled(false);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void SpectrumFitPlot::setPlots(const std::vector<spectral::FoldedPlot>& plots, const QStringList& names) {
  setPlots(plots, {}, names);
}

void SpectrumFitPlot::setPlots(const std::vector<spectral::FoldedPlot>& plots,
                               const std::vector<spectral::UnfoldedPlot>& unfolded,
                               const QStringList& names) {
  clear();
  plots_ = plots;
  unfolded_ = unfolded.size() == plots.size() ? unfolded : std::vector<spectral::UnfoldedPlot>{};
  names_ = names;
  modeBox_->setEnabled(!unfolded_.empty());
  {
    const QSignalBlocker block(modeBox_);
    modeBox_->setCurrentIndex(!unfolded_.empty() && mode_ == Mode::Unfolded ? 1 : 0);
  }
  redraw();
}

void SpectrumFitPlot::setMode(Mode mode) {
  mode_ = mode;
  {
    const QSignalBlocker block(modeBox_);
    modeBox_->setCurrentIndex(mode == Mode::Unfolded ? 1 : 0);
  }
  redraw();
}

void SpectrumFitPlot::redraw() {
  plot_->clearGraphs();
  plot_->clearPlottables();
  dataGraphs_ = modelGraphs_ = 0;
  const bool unfolded = mode_ == Mode::Unfolded && !unfolded_.empty();
  QCPAxisRect* main = plot_->axisRect(0);
  main->axis(QCPAxis::atLeft)
      ->setLabel(unfolded ? tr("keV² (photons/cm²/s/keV)") : tr("counts/s/keV"));
  double lo = 1e300, hi = 0, ylo = 1e300, yhi = 0;
  for (size_t k = 0; k < plots_.size(); ++k) {
    const spectral::FoldedPlot& p = plots_[k];
    const Series view =
        unfolded ? Series{&unfolded_[k].energy, &unfolded_[k].halfWidth, &unfolded_[k].data,
                          &unfolded_[k].dataError, &unfolded_[k].model, &unfolded_[k].components,
                          &unfolded_[k].componentNames}
                 : Series{&p.energy, &p.halfWidth, &p.rate, &p.rateError, &p.model, &p.components,
                          &p.componentNames};
    const QColor colour = kColours[k % std::size(kColours)];
    QCPGraph* data = plot_->addGraph(main->axis(QCPAxis::atBottom), main->axis(QCPAxis::atLeft));
    data->setName(names_.value(int(k)));
    data->setLineStyle(QCPGraph::lsNone);
    data->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 3));
    // Log axes cannot show values <= 0: those groups are left out of the upper panel.
    QVector<double> x, y, ex, ey;
    for (size_t i = 0; i < view.energy->size(); ++i) {
      const double v = (*view.y)[i], e = (*view.error)[i];
      if (!(v > 0)) continue;
      x << (*view.energy)[i];
      y << v;
      ex << (*view.halfWidth)[i];
      ey << std::min(e, 0.999 * v);
      // A long error bar below a faint point does not stretch the axis over decades.
      ylo = std::min(ylo, std::max(v - ey.back(), 0.3 * v));
      yhi = std::max(yhi, v + e);
    }
    for (double m : *view.model) {
      if (m > 0) ylo = std::min(ylo, 0.7 * m);
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
    model->setData(toVector(*view.energy), toVector(*view.model), true);
    if (k > 0) model->removeFromLegend();
    ++modelGraphs_;
    for (size_t c = 0; c < view.components->size(); ++c) {
      QCPGraph* comp = plot_->addGraph(main->axis(QCPAxis::atBottom), main->axis(QCPAxis::atLeft));
      comp->setName(view.componentNames->value(int(c)));
      comp->setPen(QPen(colour.lighter(130), 1, Qt::DashLine));
      comp->setLineStyle(QCPGraph::lsStepCenter);
      comp->setData(toVector(*view.energy), toVector((*view.components)[c]), true);
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
  const bool unfolded = mode_ == Mode::Unfolded && !unfolded_.empty();
  for (size_t k = 0; k < plots_.size(); ++k) {
    const spectral::FoldedPlot& p = plots_[k];
    out << "# data set " << (k + 1) << ": " << names_.value(int(k)) << "\n";
    if (unfolded) {
      const spectral::UnfoldedPlot& u = unfolded_[k];
      out << "# energy_keV half_width_keV eeufspec_keV2_photons_cm2_s_keV error model residual\n";
      for (size_t i = 0; i < u.energy.size(); ++i) {
        out << u.energy[i] << ' ' << u.halfWidth[i] << ' ' << u.data[i] << ' ' << u.dataError[i]
            << ' ' << u.model[i] << ' ' << p.residual[i] << '\n';
      }
      continue;
    }
    out << "# energy_keV half_width_keV rate_counts_s_keV error model residual\n";
    for (size_t i = 0; i < p.energy.size(); ++i) {
      out << p.energy[i] << ' ' << p.halfWidth[i] << ' ' << p.rate[i] << ' ' << p.rateError[i] << ' ' << p.model[i] << ' '
          << p.residual[i] << '\n';
    }
  }
  return f.error() == QFile::NoError;
}

}  // namespace xsky::widgets
