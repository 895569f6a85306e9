#pragma once
// Draws MOC coverages over a sky view: observation footprints (a colour per camera) and the
// region's own MOC, each filled translucent with its outline. Cells are drawn at most at a chosen
// order (the "MOC order" slider) and never more than a few thousand per layer; their outlines are
// projected through the view's image WCS once per image and layer, then only transformed for pan
// and zoom.

#include <QColor>
#include <QPainterPath>
#include <QString>

#include <map>
#include <vector>

#include "moc/SpaceMoc.h"
#include "sky/ViewOverlay.h"

namespace xsky::imaging {
struct Image2D;
}

namespace xsky::widgets {

class FootprintOverlay : public ViewOverlay {
  Q_OBJECT
 public:
  struct Layer {
    QString label;
    moc::SpaceMoc moc;
    QColor colour;
    bool visible = true;
  };

  explicit FootprintOverlay(QObject* parent = nullptr);

  void setLayers(std::vector<Layer> layers);
  const std::vector<Layer>& layers() const { return layers_; }
  void setLayerVisible(int index, bool visible);
  /// Finest order drawn (cells of finer MOCs are merged up to it).
  void setMaxOrder(int order);
  int maxOrder() const { return maxOrder_; }

  void paint(QPainter& painter, const SkyView& view) override;

  /// The outline of layer `index` in the image's pixels (FITS), as drawn; empty without a WCS.
  QPainterPath outlineInImage(int index, const imaging::Image2D& image) const;

 private:
  struct CacheKey {
    const imaging::Image2D* image;
    int layer;
    bool operator<(const CacheKey& o) const { return image != o.image ? image < o.image : layer < o.layer; }
  };

  std::vector<Layer> layers_;
  int maxOrder_ = 10;
  mutable std::map<CacheKey, QPainterPath> cache_;
};

/// The default colour of a camera's footprints (pn, MOS1, MOS2, ACIS...) and of the region MOC.
QColor footprintColour(const QString& instrument);

}  // namespace xsky::widgets
