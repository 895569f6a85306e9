#pragma once
// Which columns of a source table hold the sky position (RA, Dec) and its positional error.
//
// Order of preference, each step taken only when it finds both RA and Dec (numeric columns only):
//  1. UCD1+ "pos.eq.ra;meta.main" / "pos.eq.dec;meta.main" (case-insensitive, blanks ignored);
//  2. UCD1 (VOTable 1.0 era) "POS_EQ_RA_MAIN" / "POS_EQ_DEC_MAIN";
//  3. the first columns with UCD "pos.eq.ra" / "pos.eq.dec" (any further words, e.g. ";meta.main"
//     missing);
//  4. usual names, case-insensitive, as pairs in this order: ra/dec, ra_icrs/de_icrs,
//     raj2000/dej2000, _raj2000/_dej2000, ra_j2000/dec_j2000, sc_ra/sc_dec, ra_deg/dec_deg,
//     radeg/dedeg, ra_obj/dec_obj, ra_pnt/dec_pnt, alpha_j2000/delta_j2000, ra2000/dec2000.
// The positional error: UCD "stat.error;pos" (or "stat.error;pos.eq"), "pos.errorEllipse" (first
// word), UCD1 "ERROR" only with a name that says position; else usual names: sc_poserr, poserr,
// pos_err, poserror, e_pos, err_pos, ePos, err_rad, errrad, radec_err, ra_dec_err, sigpos, errpos.
//
// Units: RA and Dec are degrees when the unit says deg/degrees or is empty ("h" and "rad" are
// reported, not converted); errorScaleToDegrees() turns the error column's unit into degrees
// (arcsec assumed when the unit is empty, as catalogues of X-ray sources write it).

#include <QString>

#include "catalog/SourceTable.h"

namespace xsky::catalog {

struct PositionColumns {
  int ra = -1;  // column index, -1 when not found
  int dec = -1;
  int error = -1;  // positional error (radius or 1-sigma), -1 when none
  QString how;     // "ucd", "ucd1", "ucd (no meta.main)", "name": how RA/Dec were found

  bool found() const { return ra >= 0 && dec >= 0; }
};

PositionColumns findPositionColumns(const SourceTable& table);

/// What findPositionColumns looks for, for error messages: "numeric columns with the UCDs
/// pos.eq.ra;meta.main and ... or named RA/DEC, RA_ICRS/DE_ICRS, ...".
QString positionColumnsSought();

/// Factor turning a value of `unit` into degrees: deg 1, arcmin 1/60, arcsec 1/3600, mas 1/3.6e6,
/// rad 180/pi; empty -> arcsec. NaN for an unknown unit.
double angleScaleToDegrees(const QString& unit, double emptyMeans = 1.0 / 3600.0);

}  // namespace xsky::catalog
