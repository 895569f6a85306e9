#pragma once
// What a light-curve view shows: the bands of one source (one file per band as extraction writes
// them, or several RATEn columns of one file), their background rates (BACKV/BACKE, scaled to the
// source area) when the files have them, the GTIs, and derived curves: rebinned bands, the
// hardness ratio of the last band to the first, Bayesian blocks per band. Times s in the files'
// own time system, rates counts/s.

#include <vector>

#include <QString>
#include <QStringList>

#include "events/Gti.h"
#include "timing/BayesianBlocks.h"
#include "timing/LightCurveReader.h"

namespace xsky::timing {

struct LightCurveSet {
  QString title;
  QString timeSystem;  // TIMESYS of the first file
  double mjdRef = 0;
  std::vector<LightCurveBand> bands;
  std::vector<LightCurveBand> backgrounds;  // per band; empty (no bins) when the file has none
  events::GtiList gti;                      // union of the files' GTI tables; may be empty
  QStringList notes;
};

/// Reads every file (each may hold one or several bands). A single-band file is named after its
/// file (e.g. "src_0.2-2keV.lc" -> "0.2-2keV"). Throws xsky::Error from the reader.
LightCurveSet loadLightCurveSet(const QStringList& paths);

struct HardnessCurve {
  std::vector<double> time;  // bin centres, s
  std::vector<double> value, error;
  int lowCountBins = 0;  // bins where the propagated error is unreliable (PoissonLimits.h)
};

/// HR = (H - S) / (H + S) per bin present in both bands (matched by start time) with propagated
/// errors; bins with a zero sum are skipped.
HardnessCurve hardnessCurve(const LightCurveBand& soft, const LightCurveBand& hard);

enum class RebinMode { AsRead, Width, Factor, MinCounts };

/// Rebins every band (and background) of `set`. MinCounts groups each band by its own counts;
/// the backgrounds are then dropped (their bins would differ) with a note. Throws xsky::Error.
LightCurveSet rebinSet(const LightCurveSet& set, RebinMode mode, double value);

/// Bayesian blocks of every band's counts (binnedBlocks, p0). Bands without counts get none.
std::vector<std::vector<Block>> bandBlocks(const LightCurveSet& set, double p0,
                                           const ProgressFn& progress = {});

}  // namespace xsky::timing
