#pragma once
// Keywords every XSky product (spectrum, light curve, image) carries: the observation's identity
// (TELESCOP, INSTRUME, FILTER, OBS_ID, OBJECT, DATE-OBS/DATE-END), CREATOR, and HISTORY lines.

#include <QStringList>

#include "fits/FitsFile.h"
#include "products/ObservationInfo.h"

namespace xsky::products {

void writeIdentityKeywords(fits::FitsFile& f, const ObservationInfo& o);
void writeHistory(fits::FitsFile& f, const QStringList& lines);
/// TIMESYS, MJDREF, TIMEZERO, TIMEUNIT, TIMEREF (light curves and GTI tables).
void writeTimeSystemKeywords(fits::FitsFile& f, const ObservationInfo& o);

}  // namespace xsky::products
