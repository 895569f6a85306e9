#include "timing/LightCurveSet.h"

#include <QFileInfo>

#include <cmath>

#include "fits/FitsFile.h"
#include "timing/LightCurveRebin.h"
#include "timing/PoissonLimits.h"

namespace xsky::timing {

namespace {

// BACKV/BACKE of the RATE table, on the band's bins (same rows), or an empty band.
LightCurveBand readBackground(const QString& path, const LightCurveBand& band) {
  LightCurveBand bkg;
  fits::FitsFile f = fits::FitsFile::open(path);
  if (!f.moveToNamed(QStringLiteral("RATE"))) return bkg;
  const int v = f.columnIndex(QStringLiteral("BACKV")), e = f.columnIndex(QStringLiteral("BACKE"));
  if (v <= 0 || e <= 0 || f.rowCount() != static_cast<long long>(band.start.size())) return bkg;
  bkg = band;
  bkg.name = band.name + QStringLiteral(" background");
  bkg.rate = f.readColumn<double>(v);
  bkg.error = f.readColumn<double>(e);
  bkg.poissonErrors = false;
  for (size_t i = 0; i < bkg.counts.size(); ++i)
    bkg.counts[i] = bkg.rate[i] * bkg.width[i] * bkg.fracExp[i];
  return bkg;
}

events::GtiList readGti(const QString& path) {
  fits::FitsFile f = fits::FitsFile::open(path);
  if (!f.moveToNamed(QStringLiteral("GTI"))) return {};
  const int s = f.columnIndex(QStringLiteral("START")), e = f.columnIndex(QStringLiteral("STOP"));
  if (s <= 0 || e <= 0) return {};
  const std::vector<double> start = f.readColumn<double>(s), stop = f.readColumn<double>(e);
  std::vector<events::TimeInterval> iv;
  for (size_t i = 0; i < start.size() && i < stop.size(); ++i) iv.push_back({start[i], stop[i]});
  return events::GtiList(std::move(iv));
}

}  // namespace

LightCurveSet loadLightCurveSet(const QStringList& paths) {
  LightCurveSet set;
  for (const QString& path : paths) {
    LightCurveFile file = readLightCurve(path);
    if (set.bands.empty()) {
      set.timeSystem = file.timeSystem;
      set.mjdRef = file.mjdRef;
      set.title = QFileInfo(path).completeBaseName();
    }
    for (const QString& n : file.notes) set.notes << QFileInfo(path).fileName() + QStringLiteral(": ") + n;
    const bool single = file.bands.size() == 1;
    for (LightCurveBand& band : file.bands) {
      if (single) {
        const QString base = QFileInfo(path).completeBaseName();
        const int underscore = base.lastIndexOf(QLatin1Char('_'));
        band.name = paths.size() > 1 && underscore > 0 ? base.mid(underscore + 1) : band.name;
        set.backgrounds.push_back(readBackground(path, band));
      } else {
        set.backgrounds.emplace_back();
      }
      set.bands.push_back(std::move(band));
    }
    set.gti = set.gti.united(readGti(path));
  }
  return set;
}

HardnessCurve hardnessCurve(const LightCurveBand& soft, const LightCurveBand& hard) {
  HardnessCurve hc;
  size_t j = 0;
  for (size_t i = 0; i < soft.start.size(); ++i) {
    const double tol = 1e-6 * soft.width[i];
    while (j < hard.start.size() && hard.start[j] < soft.start[i] - tol) ++j;
    if (j >= hard.start.size()) break;
    if (std::abs(hard.start[j] - soft.start[i]) > tol) continue;
    const HardnessRatio hr = hardnessRatio(soft.rate[i], soft.error[i], hard.rate[j],
                                           hard.error[j], soft.counts[i], hard.counts[j]);
    if (!std::isfinite(hr.value)) continue;
    hc.time.push_back(soft.start[i] + 0.5 * soft.width[i]);
    hc.value.push_back(hr.value);
    hc.error.push_back(hr.error);
    if (hr.lowCounts) ++hc.lowCountBins;
  }
  return hc;
}

LightCurveSet rebinSet(const LightCurveSet& set, RebinMode mode, double value) {
  if (mode == RebinMode::AsRead) return set;
  LightCurveSet out = set;
  auto apply = [&](const LightCurveBand& b) {
    switch (mode) {
      case RebinMode::Width:
        return rebinToWidth(b, value);
      case RebinMode::Factor:
        return rebinByFactor(b, static_cast<int>(std::lround(value)));
      case RebinMode::MinCounts:
        return rebinMinCounts(b, value);
      case RebinMode::AsRead:
        break;
    }
    return b;
  };
  for (size_t i = 0; i < set.bands.size(); ++i) {
    out.bands[i] = apply(set.bands[i]);
    if (mode == RebinMode::MinCounts || set.backgrounds[i].start.empty())
      out.backgrounds[i] = {};
    else
      out.backgrounds[i] = apply(set.backgrounds[i]);
  }
  if (mode == RebinMode::MinCounts)
    out.notes << QStringLiteral("background not shown: minimum-counts bins differ per band");
  return out;
}

std::vector<std::vector<Block>> bandBlocks(const LightCurveSet& set, double p0,
                                           const ProgressFn& progress) {
  std::vector<std::vector<Block>> out;
  for (size_t i = 0; i < set.bands.size(); ++i) {
    const LightCurveBand& b = set.bands[i];
    ProgressFn sub;
    if (progress)
      sub = [&](double f, const QString& s) {
        return progress((static_cast<double>(i) + f) / static_cast<double>(set.bands.size()), s);
      };
    out.push_back(b.start.empty() ? std::vector<Block>{}
                                  : binnedBlocks(b.start, b.width, b.counts, b.fracExp, p0, sub));
  }
  return out;
}

}  // namespace xsky::timing
