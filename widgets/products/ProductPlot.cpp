#include "products/ProductPlot.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "fits/FitsError.h"
#include "spectral/OgipResponse.h"
#include "spectral/OgipSpectrum.h"
#include "timing/LightCurveReader.h"

namespace xsky::widgets {

namespace {
const QColor kColours[] = {QColor(30, 110, 200), QColor(220, 90, 30), QColor(40, 160, 70), QColor(150, 60, 180)};
}

ProductPlot::ProductPlot(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("productPlot"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  title_ = new QLabel(this);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("productPlotArea"));
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setMinimumHeight(180);
  layout->addWidget(title_);
  layout->addWidget(plot_, 1);
}

bool ProductPlot::showFile(const QString& path, QString* error) {
  // A PHA file has a COUNTS column too: a SPECTRUM extension decides first.
  QString spectrumError;
  if (showSpectrum(path, &spectrumError)) return true;
  if (showLightCurve(path, error)) return true;
  *error = spectrumError + QStringLiteral("; ") + *error;
  return false;
}

bool ProductPlot::showSpectrum(const QString& path, QString* error) {
  QStringList warnings;
  spectral::OgipSpectrum s;
  try {
    s = spectral::readOgipSpectrum(path, &warnings);
  } catch (const Error& e) {
    *error = e.message();
    return false;
  }
  // Channel energies from the response named in RESPFILE, when it can be read.
  std::vector<double> emin, emax;
  if (!s.respFile.isEmpty()) {
    try {
      const spectral::Rmf rmf = spectral::readRmf(QFileInfo(path).dir().filePath(s.respFile), &warnings);
      emin = rmf.channelEmin;
      emax = rmf.channelEmax;
      for (int& c : s.channels) c -= rmf.firstChannel;  // index into EBOUNDS
    } catch (const Error&) {
      emin.clear();
    }
  }
  const bool energies = !emin.empty();
  QVector<double> x, y, err;
  for (int i = 0; i < s.channelCount(); ++i) {
    const int c = s.channels[static_cast<size_t>(i)];
    double width = 1, centre = c;
    if (energies) {
      if (c < 0 || c >= static_cast<int>(emin.size())) continue;
      width = emax[static_cast<size_t>(c)] - emin[static_cast<size_t>(c)];
      centre = 0.5 * (emax[static_cast<size_t>(c)] + emin[static_cast<size_t>(c)]);
      if (!(width > 0) || centre <= 0) continue;
    }
    const double n = s.counts[static_cast<size_t>(i)];
    if (n <= 0 || s.exposure <= 0) continue;
    x << centre;
    y << n / s.exposure / width;
    err << std::sqrt(n) / s.exposure / width;
  }
  plot_->clearGraphs();
  plot_->clearPlottables();
  QCPGraph* g = plot_->addGraph();
  g->setData(x, y);
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kColours[0], 3));
  auto* bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
  bars->setDataPlottable(g);
  bars->setData(err);
  bars->setPen(QPen(kColours[0]));
  plot_->xAxis->setLabel(energies ? tr("Energy (keV)") : tr("Channel"));
  plot_->yAxis->setLabel(energies ? tr("counts / s / keV") : tr("counts / s / channel"));
  const auto logTicker = QSharedPointer<QCPAxisTickerLog>::create();
  if (energies) {
    plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot_->xAxis->setTicker(logTicker);
  } else {
    plot_->xAxis->setScaleType(QCPAxis::stLinear);
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->yAxis->setTicker(logTicker);
  plot_->rescaleAxes();
  plot_->replot();
  title_->setText(tr("%1: %2 counts in %3 s").arg(QFileInfo(path).fileName())
                      .arg(std::accumulate(s.counts.begin(), s.counts.end(), 0.0))
                      .arg(s.exposure, 0, 'f', 0));
  kind_ = QStringLiteral("spectrum");
  return !x.isEmpty() || (*error = tr("%1: no counts to plot").arg(path), false);
}

bool ProductPlot::showLightCurve(const QString& path, QString* error) {
  timing::LightCurveFile lc;
  try {
    lc = timing::readLightCurve(path);
  } catch (const Error& e) {
    *error = e.message();
    return false;
  }
  plot_->clearGraphs();
  plot_->clearPlottables();
  double t0 = 0;
  for (const auto& band : lc.bands) {
    if (!band.start.empty()) {
      t0 = band.start.front();
      break;
    }
  }
  for (size_t b = 0; b < lc.bands.size(); ++b) {
    const timing::LightCurveBand& band = lc.bands[b];
    QVector<double> x, y, err;
    for (size_t i = 0; i < band.rate.size(); ++i) {
      x << band.start[i] + 0.5 * band.width[i] - t0;
      y << band.rate[i];
      err << band.error[i];
    }
    const QColor colour = kColours[b % 4];
    QCPGraph* g = plot_->addGraph();
    g->setName(band.name);
    g->setData(x, y);
    g->setLineStyle(QCPGraph::lsStepCenter);
    g->setPen(QPen(colour));
    auto* bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
    bars->setDataPlottable(g);
    bars->setData(err);
    bars->setPen(QPen(colour.lighter(130)));
  }
  plot_->xAxis->setScaleType(QCPAxis::stLinear);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  plot_->yAxis->setScaleType(QCPAxis::stLinear);
  plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  plot_->xAxis->setLabel(tr("Time since %1 s (%2)").arg(t0, 0, 'f', 1).arg(lc.timeSystem.isEmpty() ? tr("time system not given") : lc.timeSystem));
  plot_->yAxis->setLabel(tr("count rate (counts / s)"));
  plot_->legend->setVisible(lc.bands.size() > 1);
  plot_->rescaleAxes();
  plot_->replot();
  title_->setText(tr("%1: %n band(s)", nullptr, static_cast<int>(lc.bands.size())).arg(QFileInfo(path).fileName()));
  kind_ = QStringLiteral("lightcurve");
  if (lc.bands.empty()) {
    *error = tr("%1: no light curve bins").arg(path);
    return false;
  }
  return true;
}

}  // namespace xsky::widgets
