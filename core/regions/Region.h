#pragma once
// A region: one shape in an explicit frame, include/exclude, source/background, and the display
// properties DS9 reads and writes back (colour, width, dash, font, text, tags...). The display
// properties are data only; drawing them is the widgets' job.

#include <optional>

#include <QString>
#include <QStringList>

#include "regions/Shapes.h"

namespace xsky::regions {

/// DS9's region properties with DS9's defaults. Files keep them; geometry ignores them.
struct RegionStyle {
  QString color = QStringLiteral("green");
  int dashLength = 8;  // dashlist=8 3
  int dashGap = 3;
  int width = 1;
  QString font = QStringLiteral("helvetica 10 normal roman");
  QString text;
  bool select = true;
  bool highlite = true;
  bool dash = false;  // drawn dashed (DS9 also dashes background regions)
  bool fill = false;
  bool fixed = false;
  bool edit = true;
  bool move = true;
  bool rotate = true;
  bool deletable = true;
  QStringList tags;
  QString comment;  // free text after the properties

  // Shape-specific DS9 properties.
  QString pointType = QStringLiteral("boxcircle");  // circle box diamond cross x arrow boxcircle
  int pointSize = 11;
  bool lineArrowStart = false;  // line=1 0
  bool lineArrowEnd = false;
  bool vectorArrow = true;                 // vector=1
  double textAngle = 0;                    // textangle= (text shapes), degrees as any angle
  bool textRotate = true;                  // textrotate=
  QString ruler = QStringLiteral("physical physical");  // ruler= systems/units, verbatim
  QString rulerFormat;                     // format={...} of a ruler, verbatim
  QString compass = QStringLiteral("physical {N} {E} 1 1");  // compass= verbatim
  int compositeGlobal = 1;                 // composite= of a composite header
};

struct Region {
  Shape shape;
  Frame frame = Frame::Sky;
  bool include = true;  // false: an exclusion ("-" in DS9 and CIAO files)
  Role role = Role::Source;
  RegionStyle style;
  /// "||" followed this region in its file: the next region is joined to it (composites).
  bool joinedWithNext = false;
};

/// "circle(sky) include source" - for test messages and logs.
QString describe(const Region& region);

}  // namespace xsky::regions
