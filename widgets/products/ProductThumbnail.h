#pragma once
// Draws a product's sketch (core products/ProductSketch.h) as the small picture of the products
// table: a series as a step line scaled to its own range, an image as a heat-coloured block.

#include <QPixmap>
#include <QSize>

#include "products/ProductSketch.h"

namespace xsky::widgets {

QPixmap productThumbnail(const products::ProductSketch& sketch, QSize size);

}  // namespace xsky::widgets
