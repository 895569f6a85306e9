#pragma once
// Binned light curves of a source with its background (OGIP/93-003): per time bin the source and
// background counts, FRACEXP (the fraction of the bin inside the GTI), the source rate, the
// background rate scaled to the source area (by the BACKSCAL ratio) and the net rate, with
// errors. Errors use Gehrels' (1986) 1-sigma upper-limit approximation 1 + sqrt(N + 0.75), which
// stays sensible at low counts. Bins start at the first GTI start; bins with no good time are
// left out. Times s (mission time of the list), rates counts/s.

#include <cstdint>
#include <span>
#include <vector>

#include <QString>
#include <QStringList>

#include "events/EventList.h"
#include "events/Gti.h"
#include "products/ObservationInfo.h"

namespace xsky::products {

struct LightCurve {
  double binS = 0;
  double bandMinKeV = 0, bandMaxKeV = 0;  // 0/0: every energy
  std::vector<double> time;               // bin centres, s
  std::vector<double> fracexp;            // 0 < f <= 1
  std::vector<int32_t> sourceCounts, backgroundCounts;
  std::vector<double> sourceRate, sourceError;
  std::vector<double> backgroundRate, backgroundError;  // scaled to the source area
  std::vector<double> netRate, netError;
  double backgroundScale = 0;  // A_src / A_bkg (0: no background)
  events::GtiList gti;
  size_t size() const { return time.size(); }
};

/// Gehrels' 1-sigma error of N counts: 1 + sqrt(N + 0.75).
double gehrelsError(double counts);

/// Bins the events `source`/`background` (rows of `list`, already filtered) into bins of binS on
/// `gti`. backgroundScale = BACKSCAL_src / BACKSCAL_bkg. Throws xsky::Error for binS <= 0.
LightCurve binLightCurve(const events::EventList& list, std::span<const uint32_t> source,
                         std::span<const uint32_t> background, double backgroundScale,
                         const events::GtiList& gti, double binS);

/// Writes the light curve (primary, RATE, GTI) through a temporary file renamed on success.
void writeLightCurve(const QString& path, const LightCurve& lc, const ObservationInfo& obs,
                     const QStringList& history);

/// Hardness ratio (H - S) / (H + S) of two light curves on the same bins (net rates), with
/// propagated errors; written as a HARDNESS table (TIME, HR, HR_ERROR, FRACEXP) and GTI.
void writeHardnessRatio(const QString& path, const LightCurve& soft, const LightCurve& hard,
                        const ObservationInfo& obs, const QStringList& history);

}  // namespace xsky::products
