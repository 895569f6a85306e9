#pragma once
// OGIP PHA type I spectra (OGIP memo OGIP/92-007): counts per channel with the keywords and
// columns that fitting needs. Energies are keV, exposure seconds. Per-channel quantities that a
// file may give either as a column or as a keyword (QUALITY, GROUPING, AREASCAL, BACKSCAL) are
// expanded to one value per channel.

#include <QString>
#include <QStringList>
#include <vector>

namespace xsky::spectral {

struct OgipSpectrum {
  QString path;
  std::vector<int> channels;             // CHANNEL column (as written, e.g. starting at 0 or 1)
  std::vector<double> counts;            // COUNTS, or RATE * EXPOSURE when the file stores rates
  std::vector<int> quality;              // 0 good; anything else is excluded from fits
  std::vector<int> grouping;             // 1 starts a group, -1 continues it, 0 = no grouping info
  std::vector<double> areaScale;         // AREASCAL per channel
  std::vector<double> backScale;         // BACKSCAL per channel
  std::vector<double> statError;         // STAT_ERR in counts; empty when absent or all zero
  double exposure = 0.0;                 // EXPOSURE [s]
  bool poissonErrors = false;            // POISSERR
  bool storedAsRate = false;             // the file had RATE instead of COUNTS
  QString backFile, respFile, ancrFile;  // as written; empty when absent or "none"

  int channelCount() const { return int(counts.size()); }
  bool hasGrouping() const;
};

/// Reads the SPECTRUM extension of a PHA type I file. Throws xsky::Error for a missing file,
/// a type II file ("not yet supported"), a negative or NaN count, or no counts column.
/// Anything doubtful but usable goes to *warnings.
OgipSpectrum readOgipSpectrum(const QString& path, QStringList* warnings);

/// "none", "NONE", "" and whitespace mean no file.
QString ogipFileKeyword(const QString& raw);

}  // namespace xsky::spectral
