#pragma once
// The products of the extractions run in this session: one row per product (a small preview,
// observation, camera, kind, band, counts, file) and, beside, a plot of the selected spectrum or
// light curve. Double-clicking an image opens it in a frame; double-clicking a light curve asks
// for the timing view. "Export…" copies the selected products (else all) to a folder with what
// their spectra name (core products/ProductExport.h). Previews and exports run on workers.

#include <QWidget>

#include "products/Extraction.h"

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

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
  /// Exports the results of the selected rows (all when none is selected) to `folder` on a
  /// worker; exported() tells the outcome.
  void exportTo(const QString& folder);
  /// Rows whose preview has been drawn.
  int previewCount() const { return previews_; }

 Q_SIGNALS:
  void openImage(const QString& path);
  /// Double-click on a light curve: every band of that observation and camera (Timing dock).
  void openLightCurves(const QStringList& paths);
  void message(const QString& line);
  /// An export finished: the files written, and the error or warnings in `problems`.
  void exported(const QStringList& written, const QStringList& problems);
  /// The previews of a result's rows are drawn.
  void previewsReady();

 private:
  void sketch(const products::ExtractionResult& result, const std::vector<QTreeWidgetItem*>& items);
  void chooseExportFolder();

  QTreeWidget* tree_;
  QPushButton* export_ = nullptr;
  int previews_ = 0;
  widgets::ProductPlot* plot_;
  std::vector<products::ExtractionResult> results_;
};

}  // namespace xsky::app
