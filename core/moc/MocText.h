#pragma once
// The text forms of MOCs (IVOA MOC 2.0 ASCII serialization, and the JSON form of CDS tools).
//
// ASCII: "order/cells" groups, cells as single values or "a-b" ranges, separated by spaces (commas
// and line breaks are accepted on reading); an empty trailing group "29/" states the MOC order.
//   space:      "3/1-4 5/8 9/"
//   time:       "t35/1 40/"         (the "t" may be omitted when only time is expected)
//   space-time: "t61/1 3 5 s3/1-3 4/ t61/50 52 s4/25"  (time cells, then the space cells they see)
// A space MOC in ASCII may start with "s". Writing gives the minimal form (largest cells, each
// order once, ascending) and ends with "N/" when the MOC order is deeper than its deepest cell.
//
// JSON (space): {"3":[1,2,3,4],"5":[8],"9":[]}: orders as keys, cell lists (an empty list states
// the MOC order). Time MOCs use the same shape.
//
// Parsing throws xsky::Error naming the offending token.

#include <QString>

#include "moc/MocIo.h"

namespace xsky::moc {

QString toAscii(const SpaceMoc& moc);
QString toAscii(const TimeMoc& moc);
QString toAscii(const SpaceTimeMoc& moc);
/// Any of the three: the dimension is told by the "t"/"s" prefixes (no prefix: space).
MocFile mocFromAscii(const QString& text);
SpaceMoc spaceMocFromAscii(const QString& text);
TimeMoc timeMocFromAscii(const QString& text);
SpaceTimeMoc spaceTimeMocFromAscii(const QString& text);

QString toJson(const SpaceMoc& moc);
QString toJson(const TimeMoc& moc);
SpaceMoc spaceMocFromJson(const QString& text);
TimeMoc timeMocFromJson(const QString& text);

/// A text file in either form (JSON when it starts with "{"), as MocFile. Throws xsky::Error.
MocFile readMocText(const QString& path);
/// A MOC file of any kind: FITS by its signature, else ASCII/JSON.
MocFile readMocAny(const QString& path);

}  // namespace xsky::moc
