#pragma once
// Applies DS9 region properties ("global" lines and the text after '#') to a region's style,
// include flag and role, and collects the ones shape parsing needs (panda=/epanda=/bpanda=).
// Words that are not properties become the region's comment, in order.

#include <vector>

#include <QStringList>

#include "regions/Ds9Syntax.h"
#include "regions/Region.h"

namespace xsky::regions::ds9 {

struct ShapeProperties {
  QStringList pandaGroups;  ///< the "(...)" groups of panda=, epanda= or bpanda=
  bool pandaIgnore = false;  ///< panda=ignore: a piece of a panda already read
  QString pointType;         ///< point=TYPE when given
};

/// `comments`: false for "global" lines (free words are then ignored).
void applyProperties(const std::vector<Property>& properties, RegionStyle* style, bool* include,
                     Role* role, ShapeProperties* shape, bool comments);

}  // namespace xsky::regions::ds9
