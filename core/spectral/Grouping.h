#pragma once
// Grouping of spectral channels computed from the counts, as GROUPING column values (1 starts
// a group, -1 continues it):
//  - min-counts=N: consecutive channels until the group holds at least N counts;
//  - min-snr=X: until the group's signal-to-noise ratio reaches X, (S - B) / sqrt(S + V_B) with
//    S the source counts, B the scaled background counts and V_B their variance (S / sqrt(S)
//    without a background);
//  - optimal: Kaastra & Bleeker (2016, A&A 587, A151), Sect. 5: the bin width in units of the
//    local resolution (FWHM) follows from the counts per resolution element N_r and the number
//    of resolution elements R: with x = ln[N_r (1 + 0.2 ln R)], delta / FWHM = 1 for
//    x <= 2.119 and (0.08 + 7.0 / x + 1.8 / x^2) / (1 + 5.9 / x) above.
// Only channels marked eligible are grouped (runs of consecutive eligible channels are grouped
// separately; every other channel is a group of its own), so that grouping acts inside a
// noticed range. Bad-quality channels add nothing to a group: they continue an open group or
// stand alone. A last group of a run that does not reach the minimum is kept as a group of its
// own, as Sherpa's group_counts/group_snr do (the CIAO grouping library flags it with quality 2
// but Sherpa still fits it), unless dropIncomplete asks to leave it out (grppha/XSPEC style).

#include <QString>
#include <optional>
#include <span>
#include <vector>

#include "spectral/OgipResponse.h"

namespace xsky::spectral {

struct GroupingScheme {
  enum class Kind { MinCounts, MinSnr, Optimal };
  Kind kind = Kind::MinCounts;
  double minimum = 0.0;         // N for MinCounts, X for MinSnr; unused for Optimal
  bool dropIncomplete = false;  // leave out a run's last group short of the minimum
};

/// "min-counts=N", "min-snr=X" or "optimal"; nullopt (with *error set) otherwise.
std::optional<GroupingScheme> parseGroupingScheme(const QString& text, QString* error);

struct GroupingInput {
  std::span<const double> counts;      // source counts per channel
  std::span<const int> quality;        // 0 = good
  std::span<const char> eligible;      // channels that may be grouped; empty: all
  std::span<const double> background;  // background counts scaled to the source (r B); or empty
  std::span<const double> backgroundVariance;  // their variance (r^2 B); or empty
  std::span<const double> fwhmChannels;        // resolution FWHM in channels (Optimal only)
};

struct GroupingResult {
  std::vector<int> grouping;  // per channel: 1 starts a group, -1 continues it
  std::vector<char> dropped;  // per channel: 1 when left out (dropIncomplete)
};

GroupingResult groupChannels(const GroupingScheme& scheme, const GroupingInput& input);

/// The response's FWHM in channels at each channel (at least 1): for each channel, the matrix
/// row whose energy is nearest the channel's EBOUNDS mid-point, the width of that row's
/// redistribution between its half-maximum points (linearly interpolated).
std::vector<double> rmfFwhmChannels(const Rmf& rmf);

/// Kaastra & Bleeker's (2016) optimal bin width in units of the FWHM, for N_r counts per
/// resolution element and R resolution elements.
double optimalBinWidthInFwhm(double countsPerResolutionElement, double resolutionElements);

}  // namespace xsky::spectral
