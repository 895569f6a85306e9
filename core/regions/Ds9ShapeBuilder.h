#pragma once
// Builds one DS9 shape from its name and arguments (converted to the region's frame by
// RegionArguments). Argument forms, as DS9 reads them:
//   circle x y r                   ellipse x y r1 r2 [angle] | x y r11 r12 r21 r22 ... [angle]
//   box x y w h [angle] | x y w1 h1 w2 h2 ... [angle]         polygon x1 y1 x2 y2 x3 y3 ...
//   annulus x y r1 r2 ... | x y inner outer n=N               point x y
//   panda x y a1 a2 na r1 r2 nr    epanda/bpanda x y a1 a2 na r1 r2 R1 R2 nr angle
//   line x1 y1 x2 y2   text x y [{text}]   vector x y length angle   ruler x1 y1 x2 y2
//   compass x y length   projection x1 y1 x2 y2 thickness   segment x1 y1 x2 y2 ...
//   composite x y angle
// panda=/epanda=/bpanda=(angles)(radii)[(angle)] properties give irregular lists explicitly.

#include <QString>

#include "regions/Ds9Properties.h"
#include "regions/RegionArguments.h"
#include "regions/Shapes.h"

namespace xsky::regions::ds9 {

enum class BuildResult { Built, Unknown, Failed };

/// `name` in lower case. On Failed, *error says why.
BuildResult buildShape(const QString& name, RegionArguments& args, const ShapeProperties& props,
                       Shape* shape, QString* error);

/// True for the shapes DS9 writes behind '#' (text, vector, ruler, compass, projection,
/// composite, segment).
bool isHashShape(const QString& name);

}  // namespace xsky::regions::ds9
