#pragma once
// Small plots that follow the selected source region while it is drawn or dragged: its spectrum
// (counts per channel against energy, background dashed, log counts) and its light curve (counts
// per second against time since the first bin), from LiveRegionStats' preview products. Good
// events only (the mission's PATTERN/FLAG defaults and the GTIs). The plots are named
// "previewSpectrum" and "previewCurve" for tests.

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace xsky::products {
struct QuickProducts;
}

namespace xsky::widgets {

class RegionPreview : public QWidget {
  Q_OBJECT
 public:
  explicit RegionPreview(QWidget* parent = nullptr);

  /// keVPerUnit: keV per PI unit (XMM: 0.001), 0 when PI has no energy scale (channels shown).
  void showPreview(const products::QuickProducts& preview, double keVPerUnit);
  void clear();
  QCustomPlot* spectrumPlot() const { return spectrum_; }
  QCustomPlot* curvePlot() const { return curve_; }

 private:
  QCustomPlot* spectrum_ = nullptr;
  QCustomPlot* curve_ = nullptr;
  QLabel* caption_ = nullptr;
};

}  // namespace xsky::widgets
