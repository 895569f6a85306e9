#pragma once
// Writes an OGIP type I spectrum (OGIP/92-007, PHA file format): an empty primary array and a
// SPECTRUM binary table with CHANNEL and COUNTS columns, POISSERR = T, QUALITY = 0 and
// GROUPING = 0 for every channel, and the mandatory keywords (TELESCOP, INSTRUME, FILTER,
// EXPOSURE, AREASCAL, BACKSCAL, CORRSCAL, BACKFILE, CORRFILE, RESPFILE, ANCRFILE, HDUCLASS,
// HDUCLAS1..3, HDUVERS, CHANTYPE, DETCHANS, TLMIN/TLMAX of CHANNEL). The file is written under a
// temporary name and renamed on success (util/AtomicFile.h). Throws xsky::Error / FitsError.

#include <cstdint>
#include <vector>

#include <QString>
#include <QStringList>

#include "products/ChannelScheme.h"
#include "products/ObservationInfo.h"

namespace xsky::products {

struct PhaSpectrum {
  ObservationInfo observation;
  ChannelScheme channels;
  std::vector<int32_t> counts;           // one per channel, channel firstChannel first
  double exposureS = 0;                  // EXPOSURE, s
  double backscal = 1;                   // BACKSCAL: region area on the detector, sky pixels^2
  double areascal = 1;                   // AREASCAL
  bool isBackground = false;             // HDUCLAS2 = 'BKG' (else 'TOTAL')
  QString respFile, ancrFile, backFile;  // file names; empty -> 'none'
  QStringList history;                   // HISTORY lines: selection, regions, source file
};

void writePha(const QString& path, const PhaSpectrum& spectrum);

/// Total counts of a spectrum.
long long totalCounts(const std::vector<int32_t>& counts);

}  // namespace xsky::products
