#pragma once
// Expresses a region's shape in another coordinate system: positions, lengths (per axis for
// ellipse/box sizes) and angles go through a CoordinateMapper (see its units). Used by the writers
// and by anyone who needs a region in a particular image's pixels.

#include <optional>
#include <vector>

#include <QString>

#include "regions/CoordinateMapper.h"
#include "regions/Region.h"

namespace xsky::regions {

/// The shape's numbers in `to`: degrees (lon, lat / arc) for sky systems, pixels otherwise;
/// angles in `to`'s convention. Angle lists (pandas) stay ascending. nullopt + *error on failure.
std::optional<Shape> transformShape(const Region& region, CoordSystem to,
                                    const CoordinateMapper& mapper, QString* error);

/// One more angle of the region (e.g. its text angle) converted like the shape's angles.
std::optional<double> transformAngle(const Region& region, double angle, CoordSystem to,
                                     const CoordinateMapper& mapper, QString* error);

/// The region with its frame changed (Frame::Sky means ICRS).
std::optional<Region> convertRegion(const Region& region, Frame to, const CoordinateMapper& mapper,
                                    QString* error);

/// Puts converted angles back in ascending order: reversed first when the conversion mirrors,
/// then the first wrapped into [0, 360) and each next one raised by 360 until above the previous.
std::vector<double> ascendingAngles(std::vector<double> angles, bool reversed);

}  // namespace xsky::regions
