#pragma once
// One spectrum ready to fit: the source counts, its background (optional), its responses, the
// groups that the GROUPING column defines and which of them are noticed. Energies keV.
// Filters act per group as Sherpa's do: notice keeps every group overlapping the range (the first
// notice first ignores everything), ignore drops every group touching the range. A group's
// bounds are E_MIN of its first channel and E_MAX of its last. Bad-quality channels never count.

#include <QString>
#include <QStringList>
#include <optional>
#include <span>
#include <vector>

#include "spectral/Grouping.h"
#include "spectral/ModelExpression.h"
#include "spectral/OgipResponse.h"
#include "spectral/OgipSpectrum.h"

namespace xsky::spectral {

struct LoadOptions {
  QString background;         // explicit background file; empty: follow BACKFILE
  bool noBackground = false;  // bkg=none
  QString rmf, arf;           // explicit responses; empty: follow RESPFILE/ANCRFILE
};

struct ChannelGroup {
  std::vector<int> channels;          // 0-based indices of the good channels in the group
  int firstIndex = 0, lastIndex = 0;  // the group's extent, good or bad channels
  double emin = 0.0, emax = 0.0;      // keV, from EBOUNDS (0 without a response)
};

class SpectralData {
 public:
  /// Loads the spectrum and everything it names. Files named in keywords but absent give a
  /// warning and the load goes on; explicit files that fail throw xsky::Error.
  static SpectralData load(const QString& path, const LoadOptions& options, QStringList* warnings);
  /// A spectrum assembled in memory (simulations); the responses are checked as load() checks
  /// them (xsky::Error). The source's GROUPING is applied.
  static SpectralData fromParts(OgipSpectrum source, std::optional<OgipSpectrum> background, std::optional<Rmf> rmf,
                                std::optional<Arf> arf);

  const OgipSpectrum& source() const { return source_; }
  const std::optional<OgipSpectrum>& background() const { return background_; }
  const std::optional<Rmf>& rmf() const { return rmf_; }
  const std::optional<Arf>& arf() const { return arf_; }

  /// Groups from the GROUPING column (grouped = true) or one group per good channel.
  void setGrouped(bool grouped);
  /// Replaces the grouping with one computed from the counts (Grouping.h). When a filter is in
  /// force, only the channels of the noticed groups are grouped and the new groups made of them
  /// are the noticed ones; otherwise every channel is grouped and noticed. Call it on ungrouped
  /// data (setGrouped(false)) after the notice/ignore filters, as Sherpa's
  /// `notice(0.3, 7); group_counts(20, tabStops=~mask)` does. Optimal binning needs the RMF
  /// (throws xsky::Error without one); min-snr uses the background when there is one.
  void group(const GroupingScheme& scheme);
  const std::vector<ChannelGroup>& groups() const { return groups_; }
  const std::vector<char>& noticed() const { return noticed_; }
  int noticedCount() const;

  void noticeEnergy(double lo, double hi);
  void ignoreEnergy(double lo, double hi);
  /// Channel numbers as the CHANNEL column writes them, inclusive.
  void noticeChannels(int lo, int hi);
  void ignoreChannels(int lo, int hi);
  void noticeAll();

  /// Background scale r = (EXPOSURE BACKSCAL AREASCAL)_src / (...)_bkg for a group (mean
  /// BACKSCAL and AREASCAL over its good channels); 0 without background.
  double backgroundRatio(const ChannelGroup& group) const;

  /// Predicted source counts per channel: EXPOSURE * AREASCAL * sum_E RMF(E->ch) ARF(E)
  /// integral of the model over E. Throws when there is no response.
  void foldChannels(const Model& model, std::span<const double> values,
                    std::vector<double>* channelCounts) const;
  /// The same for several parameter vectors in one pass over the response (the matrix is read
  /// once for up to four of them: a fit's Jacobian and Hessian points cost about one fold).
  void foldChannelsBatch(const Model& model, const std::vector<std::vector<double>>& values,
                         std::vector<std::vector<double>>* channelCounts) const;

 private:
  void checkResponses() const;
  void buildGroups(const std::vector<int>* grouping);
  template <typename Keep>
  void applyFilter(bool notice, Keep overlaps);

  OgipSpectrum source_;
  std::optional<OgipSpectrum> background_;
  std::optional<Rmf> rmf_;
  std::optional<Arf> arf_;
  std::vector<ChannelGroup> groups_;
  std::vector<char> noticed_;
  bool filtered_ = false;
  std::vector<double> effectiveArea_;  // ARF on the RMF grid (1 without ARF)
};

}  // namespace xsky::spectral
