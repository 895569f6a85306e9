#pragma once
// Writers of OGIP calibration files (CAL/GEN/92-002): the redistribution matrix file (RMF, MATRIX
// and EBOUNDS extensions) and the ancillary response file (ARF, SPECRESP extension). The matrix is
// stored sparsely, as XSPEC reads it: per energy row, N_GRP groups of N_CHAN contiguous channels
// starting at F_CHAN, their values in the variable-length MATRIX column. Energies in keV, areas in
// cm^2. The files carry no date (same input, same bytes). Throws xsky::Error on bad input and
// fits::FitsError when writing fails.

#include <vector>

#include <QString>
#include <QStringList>

namespace xsky::products {

/// Energy bins of the response, keV: bin i is [lo[i], hi[i]).
struct EnergyGrid {
  std::vector<double> lo;
  std::vector<double> hi;
  int size() const { return static_cast<int>(lo.size()); }
};

/// Channel bounds of the spectrum (EBOUNDS), keV; channel numbers start at firstChannel.
struct ChannelGrid {
  int firstChannel = 0;
  std::vector<double> eMin;
  std::vector<double> eMax;
  int size() const { return static_cast<int>(eMin.size()); }
};

/// One energy row of the matrix: groups of contiguous channels and their probabilities.
struct ResponseRow {
  std::vector<int> firstChannel;  // channel numbers (not indices), one per group
  std::vector<int> channelCount;  // one per group
  std::vector<float> values;      // all groups' probabilities, in channel order

  /// Builds a row from a dense probability vector over the channel grid, keeping every run of
  /// values above `threshold` as one group.
  static ResponseRow fromDense(const std::vector<double>& probabilities, int firstChannel,
                               double threshold);
  double sum() const;
};

struct ResponseHeader {
  QString telescope;                           // TELESCOP
  QString instrument;                          // INSTRUME
  QString filter = QStringLiteral("NONE");     // FILTER
  QString detectorName;                        // DETNAM, omitted when empty
  QString channelType = QStringLiteral("PI");  // CHANTYPE
  QString creator;                             // CREATOR, omitted when empty
  QStringList comments;                        // COMMENT cards for the MATRIX/SPECRESP extension
};

struct RedistributionMatrix {
  EnergyGrid energies;
  ChannelGrid channels;
  std::vector<ResponseRow> rows;  // one per energy bin
  double threshold = 0;           // LO_THRES: smallest value kept
};

/// Writes an RMF (primary + MATRIX + EBOUNDS). HDUCLAS3='REDIST' (the ARF is separate).
void writeRmf(const QString& path, const ResponseHeader& header, const RedistributionMatrix& m);
/// Writes an ARF (primary + SPECRESP); specrespCm2 has one value per energy bin.
void writeArf(const QString& path, const ResponseHeader& header, const EnergyGrid& energies,
              const std::vector<double>& specrespCm2);

}  // namespace xsky::products
