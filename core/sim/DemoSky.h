#pragma once
// The deterministic demo archive that XSky opens by default and that end-to-end tests extract and
// fit: a field around RA 150.10, Dec +2.20 (FK5 J2000) observed three times by XMM-Newton EPIC.
//
// Layout of DIR:
//   DIR/truth.json                      every injected parameter (see sim/TruthJson.h)
//   DIR/0901230101/pn_events.fits       2019-04-21, pointing 2' W 1.5' N of the centre, PA 61.3
//   DIR/0901230101/mos1_events.fits
//   DIR/0901230101/mos2_events.fits
//   DIR/0901230201/{pn,mos1,mos2}_events.fits   2020-11-08, 4' E 1' S, PA 244.6
//   DIR/0901230301/{pn,mos1,mos2}_events.fits   2021-05-02, 0.5' W 4.5' S, PA 78.2
//   DIR/responses/{pn,mos1,mos2}.rmf    OGIP RMFs (pn 4096 x 5 eV channels, MOS 800 x 15 eV)
//   DIR/responses/{pn,mos1,mos2}.arf    OGIP ARFs of the same analytic model
// The event lists look like SAS calibrated imaging-mode lists (sim/EventWriter.h); the sky, the
// instrument and the response are documented in sim/FieldModel.h, sim/CameraGeometry.h,
// sim/Optics.h, sim/AnalyticResponse.h and sim/EventSimulator.h.
//
// Determinism: the same seed gives byte-identical files on every machine: own distributions over
// std::mt19937_64, one independent random stream per event list, no dates written, no fused
// multiply-add contraction (sim/sources.cmake), positions rounded to 1e-7 deg and truth.json
// numbers to 12 significant digits. Everything written is quantised far more coarsely than the
// last-bit differences between libm implementations (tests/core/tst_simulator.cpp checks glibc's
// FMA and non-FMA code paths give the same bytes). Runs on the calling thread; progress is called
// from it.

#include <QString>
#include <QStringList>

#include "util/Progress.h"

namespace xsky::sim {

struct SimulationOptions {
  quint64 seed = 1;              // same seed => byte-identical files
  long long eventsOverride = 0;  // >0: scale the first observation's pn list to about this many
                                 // events (up to 1e8, for benchmarks); written in ~1M-row chunks
};

struct SimulationResult {
  QStringList files;  // absolute paths of every file written (truth.json last)
  QString truthPath;  // absolute path of truth.json
  long long totalEvents = 0;
};

/// Writes the demo archive into dir (created if needed), replacing files of the same names.
/// Throws xsky::Error on failure, xsky::Cancelled when progress returns false; never leaves
/// partial files (everything is written to temporary names, renamed on success).
SimulationResult simulateDemoSky(const QString& dir, const SimulationOptions& options,
                                 const ProgressFn& progress = {});

}  // namespace xsky::sim
