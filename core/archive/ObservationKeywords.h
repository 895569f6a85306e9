#pragma once
// The descriptive keywords of an observation file, read into an ObservationRecord: each keyword
// is taken from the data HDU (events table or image) and, when absent there, from the primary
// header (XMM and Chandra write most of them in both; some products only in one).
//   OBS_ID/OBSID, TELESCOP/MISSION, INSTRUME, FILTER, SUBMODE/DATAMODE/READMODE, OBJECT,
//   OBSERVER/PI, RA_PNT/DEC_PNT (else RA_NOM/DEC_NOM, RA_OBJ/DEC_OBJ), DATE-OBS, DATE-END
//   (else DATE-OBS + TSTOP - TSTART), EXPOSURE/LIVETIME/ONTIME (s).

#include "archive/ObservationRecord.h"

namespace xsky::fits {
class FitsFile;
}

namespace xsky::archive {

/// Fills the descriptive fields of `record` (not location, checksum or footprint) from HDU
/// `dataHdu` (1-based) of an open file; leaves the file positioned on `dataHdu`.
void readObservationKeywords(fits::FitsFile& file, int dataHdu, ObservationRecord* record);

}  // namespace xsky::archive
