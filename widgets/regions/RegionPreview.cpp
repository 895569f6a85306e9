#include "regions/RegionPreview.h"

#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "products/RegionQuery.h"

namespace xsky::widgets {

namespace {

QCustomPlot* makePlot(const QString& name, const QString& x, const QString& y, QWidget* parent) {
  auto* plot = new QCustomPlot(parent);
  plot->setObjectName(name);
  plot->setMinimumHeight(110);
  plot->xAxis->setLabel(x);
  plot->yAxis->setLabel(y);
  QFont small = plot->font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
    axis->setLabelFont(small);
    axis->setTickLabelFont(small);
  }
  plot->addGraph();
  plot->addGraph();
  plot->graph(0)->setPen(QPen(QColor(30, 90, 200)));
  plot->graph(0)->setLineStyle(QCPGraph::lsStepLeft);
  plot->graph(1)->setPen(QPen(QColor(200, 90, 30), 1, Qt::DashLine));
  plot->graph(1)->setLineStyle(QCPGraph::lsStepLeft);
  return plot;
}

}  // namespace

RegionPreview::RegionPreview(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  caption_ = new QLabel(tr("Spectrum and light curve of the selected source region (good events)"), this);
  caption_->setWordWrap(true);
  spectrum_ = makePlot(QStringLiteral("previewSpectrum"), tr("energy (keV)"), tr("counts"), this);
  spectrum_->yAxis->setScaleType(QCPAxis::stLogarithmic);
  spectrum_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  curve_ = makePlot(QStringLiteral("previewCurve"), tr("time (s)"), tr("counts/s"), this);
  curve_->xAxis->ticker()->setTickCount(4);
  layout->addWidget(caption_);
  layout->addWidget(spectrum_, 1);
  layout->addWidget(curve_, 1);
}

void RegionPreview::showPreview(const products::QuickProducts& q, double keVPerUnit) {
  const products::ChannelScheme& s = q.scheme;
  auto energy = [&](size_t c) {
    const double pi = s.piMin + static_cast<double>(c) * s.piPerChannel;
    return keVPerUnit > 0 ? pi * keVPerUnit : static_cast<double>(s.firstChannel) + static_cast<double>(c);
  };
  spectrum_->xAxis->setLabel(keVPerUnit > 0 ? tr("energy (keV)") : tr("channel"));
  // Channels with counts only: the log axis has no zero.
  auto fill = [&](QCPGraph* g, const std::vector<int32_t>& counts, double scale) {
    QVector<double> x, y;
    for (size_t c = 0; c < counts.size(); ++c) {
      if (counts[c] <= 0) continue;
      x << energy(c);
      y << counts[c] * scale;
    }
    g->setData(x, y, true);
  };
  fill(spectrum_->graph(0), q.sourceSpectrum, 1.0);
  fill(spectrum_->graph(1), q.backgroundSpectrum, 1.0);
  spectrum_->rescaleAxes();
  spectrum_->replot(QCustomPlot::rpQueuedReplot);
  QVector<double> t, rate, tb, rb;
  for (size_t k = 0; k < q.sourceCurve.size(); ++k) {
    t << k * q.curveBinS;
    rate << q.sourceCurve[k] / q.curveBinS;
  }
  curve_->graph(0)->setData(t, rate, true);
  curve_->graph(1)->data()->clear();
  curve_->rescaleAxes();
  curve_->replot(QCustomPlot::rpQueuedReplot);
  caption_->setText(tr("%1 source, %2 background good events; light curve in %3 s bins")
                        .arg(q.sourceCounts)
                        .arg(q.backgroundCounts)
                        .arg(q.curveBinS));
}

void RegionPreview::clear() {
  for (QCustomPlot* p : {spectrum_, curve_}) {
    p->graph(0)->data()->clear();
    p->graph(1)->data()->clear();
    p->replot(QCustomPlot::rpQueuedReplot);
  }
  caption_->setText(tr("Select a source region to see its spectrum and light curve."));
}

}  // namespace xsky::widgets
