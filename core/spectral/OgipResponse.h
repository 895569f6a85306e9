#pragma once
// OGIP responses (OGIP memo CAL/GEN/92-002): the redistribution matrix (RMF, extension MATRIX or
// SPECRESP MATRIX, with EBOUNDS) and the ancillary response (ARF, SPECRESP). Energies keV,
// effective areas cm^2. The matrix is stored sparse, as the file groups it: for each energy bin,
// runs of consecutive channels.

#include <QString>
#include <QStringList>
#include <vector>

namespace xsky::spectral {

struct Rmf {
  QString path;
  std::vector<double> energyLo, energyHi;  // ENERG_LO/ENERG_HI [keV], one per matrix row
  // Row r's runs are runs[runStart[r] .. runStart[r+1]).
  struct Run {
    int firstChannel = 0;  // 0-based index into the channel axis (F_CHAN - TLMIN)
    int count = 0;
    int valueOffset = 0;  // into values
  };
  std::vector<int> runStart;
  std::vector<Run> runs;
  std::vector<float> values;  // float, as OGIP files store them (half the memory traffic of a fold)
  int channelCount = 0;                          // DETCHANS (or EBOUNDS rows)
  int firstChannel = 1;                          // TLMIN of F_CHAN (channel number of index 0)
  std::vector<double> channelEmin, channelEmax;  // EBOUNDS [keV]
  bool includesArea = false;                     // SPECRESP MATRIX (RSP): effective area folded in

  int energyCount() const { return int(energyLo.size()); }
};

struct Arf {
  QString path;
  std::vector<double> energyLo, energyHi;  // [keV]
  std::vector<double> area;                // SPECRESP [cm^2]
};

/// Throws xsky::Error when the file is missing or malformed. TLMIN of F_CHAN absent: 0 is
/// assumed (as Sherpa does for old ASCA files) with a warning.
Rmf readRmf(const QString& path, QStringList* warnings);
Arf readArf(const QString& path, QStringList* warnings);

}  // namespace xsky::spectral
