#pragma once
// Catalogue markers over sky views: a circle per shown row (the query's matches, else every row)
// at its RA/Dec, projected through each view's image WCS. The circle's radius is the row's
// positional error on the sky when the table has an error column (never drawn smaller than a few
// screen pixels), else a fixed screen size. Selected rows are drawn thicker in another colour.
// A left click on a marker reports its row (Ctrl/Shift: extend the selection) and consumes the
// click; clicks elsewhere go on to the region editor and the view.
//
// One overlay may serve several views. Projected positions are cached per image (at most a few
// images; cleared when the table changes). GUI thread only.

#include <QColor>
#include <QPointF>

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "catalog/CrossMatch.h"
#include "sky/ViewOverlay.h"

namespace xsky::imaging {
struct Image2D;
}

namespace xsky::widgets {

class CatalogOverlay : public ViewOverlay {
  Q_OBJECT
 public:
  explicit CatalogOverlay(QObject* parent = nullptr);

  /// Positions of every table row (ICRS degrees) and, when known, their positional errors
  /// (degrees; empty: none, markers get a fixed size). Shows every row, selects none.
  void setPositions(catalog::SkyPositions positions, std::vector<double> errorsDeg);
  void clear();
  /// The rows drawn (table rows, any order).
  void setShownRows(std::vector<size_t> rows);
  void setSelectedRows(const std::vector<size_t>& rows);
  bool isSelected(size_t row) const { return row < selected_.size() && selected_[row]; }
  void setVisible(bool visible);
  bool isVisible() const { return visible_; }

  /// Number of markers: shown rows with a finite position.
  size_t markerCount() const;
  /// Markers painted by the last paint() (those inside the view), for tests.
  size_t markersPainted() const { return painted_; }
  bool hasErrors() const { return !errors_.empty(); }

  /// Where a row's marker is in the view's widget coordinates (nullopt: not projectable).
  std::optional<QPointF> widgetPosOfRow(const SkyView& view, size_t row) const;
  /// The shown row whose marker is nearest to `pos`, within its circle or a few pixels.
  std::optional<size_t> rowAt(const SkyView& view, QPointF pos) const;

  void paint(QPainter& painter, const SkyView& view) override;
  bool mousePress(SkyView& view, QMouseEvent* event) override;

 Q_SIGNALS:
  void rowClicked(size_t row, bool extendSelection);

 private:
  struct Projected {
    std::vector<QPointF> pixel;       // image pixels (FITS, 1-based); NaN when not projectable
    std::vector<float> radiusPixels;  // error radius in image pixels (empty without errors)
  };
  const Projected* projected(const imaging::Image2D& image) const;
  double screenRadius(const Projected& p, size_t row, double zoom) const;

  catalog::SkyPositions positions_;
  std::vector<double> errors_;
  std::vector<size_t> shown_;
  std::vector<uint8_t> selected_;
  bool visible_ = true;
  size_t painted_ = 0;
  mutable std::map<const imaging::Image2D*, Projected> cache_;
};

}  // namespace xsky::widgets
