#pragma once
// A plot of one extracted product (QCustomPlot): a spectrum as count rate per keV against energy
// on log axes (per channel when its response is unknown), with Poisson error bars; a light curve
// as rate against time since its start with error bars, one graph per band. The numbers come
// from core readers (spectral/OgipSpectrum, spectral/OgipResponse, timing/LightCurveReader);
// this widget only draws them.

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace xsky::widgets {

class ProductPlot : public QWidget {
  Q_OBJECT
 public:
  explicit ProductPlot(QWidget* parent = nullptr);

  /// Reads and shows a PHA spectrum or an OGIP light curve; false with *error when it is neither.
  bool showFile(const QString& path, QString* error);
  QCustomPlot* plot() const { return plot_; }
  /// What is shown: "spectrum", "lightcurve" or "".
  const QString& kind() const { return kind_; }

 private:
  bool showSpectrum(const QString& path, QString* error);
  bool showLightCurve(const QString& path, QString* error);

  QCustomPlot* plot_;
  QLabel* title_;
  QString kind_;
};

}  // namespace xsky::widgets
