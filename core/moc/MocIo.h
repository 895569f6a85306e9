#pragma once
// MOC FITS files (IVOA MOC 1.x and 2.0), read and written with CFITSIO (not HEALPix C++'s reader,
// which takes the first column as NUNIQ whatever ORDERING says).
//
// Reading: the first binary table; its first column by position (TTYPE1 may be absent, UNIQ, NPIX
// or RANGE), as 64-bit integers. The header decides:
//  - dimension: MOCDIM (SPACE, TIME, TIME.SPACE); without it (MOC 1.x) MOC=SPACETIME or TIMESYS
//    without COORDSYS; otherwise SPACE;
//  - ORDERING: NUNIQ (space only), RANGE (2.0: space at order 29, time in microseconds, space-time
//    with time values flagged by the top bit), RANGE29 (pre-2.0 CDS space-time: time values
//    negated, time order TORDER on the old 2-bits-per-order scale, i.e. 2.0 order 61-2(29-TORDER));
//  - orders: MOCORD_S (else MOCORDER, else the deepest cell), MOCORD_T (else TORDER converted);
//    a header order below the deepest cell present is raised to it.
// Throws xsky::Error naming the file and the first bad value: an invalid NUNIQ (below 4, order above
// 29), a range with first >= last, ranges out of order, an unknown ORDERING or MOCDIM.
//
// Writing: MOC 2.0 to a temporary name renamed on success (no partial file). Space: NUNIQ, one
// 1K column UNIQ, MOCVERS=2.0, MOCDIM=SPACE, ORDERING=NUNIQ, MOCORD_S, COORDSYS=C. Time: RANGE,
// MOCDIM=TIME, MOCORD_T, TIMESYS. Space-time: RANGE with flagged time values, MOCORD_S, MOCORD_T.

#include <QString>

#include "moc/SpaceMoc.h"
#include "moc/SpaceTimeMoc.h"
#include "moc/TimeMoc.h"

namespace xsky::moc {

enum class MocDimension { Space, Time, SpaceTime };

/// "SPACE", "TIME", "TIME.SPACE".
QString dimensionName(MocDimension d);

/// What a MOC file holds: exactly one of the three coverages, per `dimension`.
struct MocFile {
  MocDimension dimension = MocDimension::Space;
  SpaceMoc space;
  TimeMoc time;
  SpaceTimeMoc spaceTime;
  QString ordering;    // as the file says (NUNIQ, RANGE, RANGE29) - empty for text forms
  QString version;     // MOCVERS ("" for 1.x files)
  QString timeSystem;  // TIMESYS (TCB unless the file says otherwise)
  QString tool;        // MOCTOOL
};

MocFile readMocFits(const QString& path);
/// A space MOC file; throws xsky::Error when the file holds another dimension.
SpaceMoc readSpaceMocFits(const QString& path);

void writeMocFits(const QString& path, const SpaceMoc& moc);
void writeMocFits(const QString& path, const TimeMoc& moc, const QString& timeSystem = QStringLiteral("TCB"));
void writeMocFits(const QString& path, const SpaceTimeMoc& moc,
                  const QString& timeSystem = QStringLiteral("TCB"));
/// Writes whichever coverage `file.dimension` names.
void writeMocFits(const QString& path, const MocFile& file);

}  // namespace xsky::moc
