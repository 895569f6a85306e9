#pragma once
// Planar edits of a shape whose numbers are pixels (Frame::Image or Frame::Physical): translate,
// scale about a point, rotate about a point. Editors put a sky region into an image's pixels
// (ShapeTransform.h: convertRegion), edit it there and convert it back, so one set of planar
// rules serves every frame. Angles are degrees counter-clockwise from +x (RegionTypes.h).

#include "regions/Shapes.h"

namespace xsky::regions {

/// Every position of the shape moved by `delta` pixels; sizes and angles unchanged.
Shape translated(const Shape& shape, Vec2 delta);

/// Every size multiplied by `factor` (> 0), positions moved away from `about` by the same factor.
Shape scaled(const Shape& shape, double factor, Vec2 about);

/// The shape turned by `degrees` counter-clockwise about `about`: positions rotate, angles grow.
Shape rotated(const Shape& shape, double degrees, Vec2 about);

/// True for shapes whose rotation means something (ellipses, boxes, their annuli and pandas,
/// polygons, vectors, text, lines).
bool isRotatable(const Shape& shape);

}  // namespace xsky::regions
