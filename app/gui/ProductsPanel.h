#pragma once
// The products of the extractions run in this session: one row per product (observation, camera,
// kind, band, counts, file) and, below, a plot of the selected spectrum or light curve.
// Double-clicking an image opens it in a frame; double-clicking a light curve asks for the timing view.

#include <QWidget>

#include "products/Extraction.h"

class QTreeWidget;

namespace xsky::widgets {
class ProductPlot;
}

namespace xsky::app {

class ProductsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ProductsPanel(QWidget* parent = nullptr);
  void addResult(const products::ExtractionResult& result);
  /// Every result listed, in the order added (sessions save them).
  const std::vector<products::ExtractionResult>& results() const { return results_; }
  QTreeWidget* tree() const { return tree_; }
  widgets::ProductPlot* plot() const { return plot_; }
  /// Plots the product in row `row` (spectra, light curves); false when it cannot be plotted.
  bool showRow(int row);
  /// The light curves of the row's observation and camera (every band), for a light-curve or
  /// hardness-ratio row; empty otherwise.
  QStringList lightCurvePaths(int row) const;

 Q_SIGNALS:
  void openImage(const QString& path);
  /// Double-click on a light curve: every band of that observation and camera (Timing dock).
  void openLightCurves(const QStringList& paths);
  void message(const QString& line);

 private:
  QTreeWidget* tree_;
  widgets::ProductPlot* plot_;
  std::vector<products::ExtractionResult> results_;
};

}  // namespace xsky::app
