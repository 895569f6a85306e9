#include "products/LightCurve.h"

#include <algorithm>
#include <cmath>

#include "fits/FitsFile.h"
#include "products/ProductKeywords.h"
#include "util/AtomicFile.h"

namespace xsky::products {

namespace {

// Overlap of [a, b) with the GTI, s.
double overlap(const events::GtiList& gti, double a, double b) {
  const auto& all = gti.intervals();
  // The first interval ending after a (binary search: light curves have many bins, GTIs many
  // intervals).
  auto it = std::upper_bound(all.begin(), all.end(), a, [](double t, const events::TimeInterval& iv) { return t < iv.stop; });
  double sum = 0;
  for (; it != all.end() && it->start < b; ++it) sum += std::min(b, it->stop) - std::max(a, it->start);
  return sum;
}

void writeTimingKeys(fits::FitsFile& f, const ObservationInfo& obs, const events::GtiList& gti,
                     double binS) {
  writeTimeSystemKeywords(f, obs);
  f.writeKey(QStringLiteral("TSTART"), gti.start(), QStringLiteral("[s] start of the data"));
  f.writeKey(QStringLiteral("TSTOP"), gti.stop(), QStringLiteral("[s] end of the data"));
  if (binS > 0) {
    f.writeKey(QStringLiteral("TIMEDEL"), binS, QStringLiteral("[s] bin width"));
    f.writeKey(QStringLiteral("TIMEPIXR"), 0.5, QStringLiteral("TIME is the bin centre"));
  }
  f.writeKey(QStringLiteral("ONTIME"), gti.total(), QStringLiteral("[s] sum of the GTIs"));
}

void writeGtiTable(fits::FitsFile& f, const events::GtiList& gti, const ObservationInfo& obs) {
  std::vector<double> start, stop;
  for (const events::TimeInterval& iv : gti.intervals()) {
    start.push_back(iv.start);
    stop.push_back(iv.stop);
  }
  f.createTable(QStringLiteral("GTI"), {QStringLiteral("START"), QStringLiteral("STOP")},
                {QStringLiteral("D"), QStringLiteral("D")},
                {QStringLiteral("s"), QStringLiteral("s")}, static_cast<long long>(start.size()));
  if (!start.empty()) {
    f.writeColumn(1, start);
    f.writeColumn(2, stop);
  }
  writeIdentityKeywords(f, obs);
  f.writeKey(QStringLiteral("HDUCLASS"), "OGIP",
             QStringLiteral("format conforms to OGIP standard"));
  f.writeKey(QStringLiteral("HDUCLAS1"), "GTI", QStringLiteral("good time intervals"));
  f.writeKey(QStringLiteral("HDUCLAS2"), "STANDARD", QStringLiteral("standard GTI"));
  writeTimingKeys(f, obs, gti, 0);
  f.writeDate(obs.productDate);
  f.writeChecksum();
}

void writePrimary(fits::FitsFile& f, const ObservationInfo& obs) {
  f.createImage(8, {});
  writeIdentityKeywords(f, obs);
  f.writeChecksum();
}

}  // namespace

double gehrelsError(double counts) { return 1.0 + std::sqrt(std::max(0.0, counts) + 0.75); }

LightCurve binLightCurve(const events::EventList& list, std::span<const uint32_t> source,
                         std::span<const uint32_t> background, double backgroundScale,
                         const events::GtiList& gti, double binS) {
  if (!(binS > 0)) throw Error(QStringLiteral("light curve: the time bin must be positive"));
  LightCurve lc;
  lc.binS = binS;
  lc.gti = gti;
  lc.backgroundScale = backgroundScale;
  if (gti.empty()) return lc;
  const double t0 = gti.start();
  const size_t bins = static_cast<size_t>(std::ceil((gti.stop() - t0) / binS));
  if (bins > 100000000)
    throw Error(QStringLiteral("light curve: %1 bins is too many; use a larger bin").arg(bins));
  std::vector<int32_t> src(bins, 0), bkg(bins, 0);
  auto fill = [&](std::span<const uint32_t> rows, std::vector<int32_t>& out) {
    for (const uint32_t i : rows) {
      const double k = std::floor((list.time[i] - t0) / binS);
      if (k >= 0 && k < static_cast<double>(bins)) ++out[static_cast<size_t>(k)];
    }
  };
  fill(source, src);
  fill(background, bkg);
  for (size_t k = 0; k < bins; ++k) {
    const double a = t0 + static_cast<double>(k) * binS;
    const double frac = overlap(gti, a, a + binS) / binS;
    if (frac <= 1e-9) continue;
    const double live = binS * frac;
    lc.time.push_back(a + 0.5 * binS);
    lc.fracexp.push_back(std::min(1.0, frac));
    lc.sourceCounts.push_back(src[k]);
    lc.backgroundCounts.push_back(bkg[k]);
    const double sr = src[k] / live, se = gehrelsError(src[k]) / live;
    const double br = bkg[k] * backgroundScale / live;
    const double be = backgroundScale > 0 ? gehrelsError(bkg[k]) * backgroundScale / live : 0.0;
    lc.sourceRate.push_back(sr);
    lc.sourceError.push_back(se);
    lc.backgroundRate.push_back(br);
    lc.backgroundError.push_back(be);
    lc.netRate.push_back(sr - br);
    lc.netError.push_back(std::hypot(se, be));
  }
  return lc;
}

void writeLightCurve(const QString& path, const LightCurve& lc, const ObservationInfo& obs,
                     const QStringList& history) {
  AtomicFile out(path);
  {
    fits::FitsFile f = fits::FitsFile::create(out.temporaryPath());
    writePrimary(f, obs);
    f.createTable(
        QStringLiteral("RATE"),
        {QStringLiteral("TIME"), QStringLiteral("RATE"), QStringLiteral("ERROR"),
         QStringLiteral("FRACEXP"), QStringLiteral("BACKV"), QStringLiteral("BACKE"),
         QStringLiteral("SRC_RATE"), QStringLiteral("SRC_ERROR"), QStringLiteral("COUNTS"),
         QStringLiteral("BKG_COUNTS")},
        {QStringLiteral("D"), QStringLiteral("E"), QStringLiteral("E"), QStringLiteral("E"),
         QStringLiteral("E"), QStringLiteral("E"), QStringLiteral("E"), QStringLiteral("E"),
         QStringLiteral("J"), QStringLiteral("J")},
        {QStringLiteral("s"), QStringLiteral("count/s"), QStringLiteral("count/s"), QString(),
         QStringLiteral("count/s"), QStringLiteral("count/s"), QStringLiteral("count/s"),
         QStringLiteral("count/s"), QStringLiteral("count"), QStringLiteral("count")},
        static_cast<long long>(lc.size()));
    if (lc.size() > 0) {
      auto asFloat = [](const std::vector<double>& v) {
        return std::vector<float>(v.begin(), v.end());
      };
      f.writeColumn(1, lc.time);
      f.writeColumn(2, asFloat(lc.netRate));
      f.writeColumn(3, asFloat(lc.netError));
      f.writeColumn(4, asFloat(lc.fracexp));
      f.writeColumn(5, asFloat(lc.backgroundRate));
      f.writeColumn(6, asFloat(lc.backgroundError));
      f.writeColumn(7, asFloat(lc.sourceRate));
      f.writeColumn(8, asFloat(lc.sourceError));
      f.writeColumn(9, lc.sourceCounts);
      f.writeColumn(10, lc.backgroundCounts);
    }
    writeIdentityKeywords(f, obs);
    f.writeKey(QStringLiteral("HDUCLASS"), "OGIP",
               QStringLiteral("format conforms to OGIP standard"));
    f.writeKey(QStringLiteral("HDUCLAS1"), "LIGHTCURVE",
               QStringLiteral("light curve (OGIP/93-003)"));
    f.writeKey(QStringLiteral("HDUCLAS2"), "NET", QStringLiteral("RATE is background subtracted"));
    f.writeKey(QStringLiteral("HDUCLAS3"), "RATE", QStringLiteral("stored as rates"));
    f.writeKey(QStringLiteral("HDUVERS"), "1.1.0", QStringLiteral("version of the format"));
    writeTimingKeys(f, obs, lc.gti, lc.binS);
    double exposure = 0;
    for (const double fe : lc.fracexp) exposure += fe * lc.binS;
    f.writeKey(QStringLiteral("EXPOSURE"), exposure, QStringLiteral("[s] good time in the bins"));
    f.writeBoolKey(QStringLiteral("BACKAPP"), true,
                   QStringLiteral("RATE is background subtracted (BACKV)"));
    f.writeKey(QStringLiteral("BACKSCAL"), lc.backgroundScale,
               QStringLiteral("background scaled by this area ratio"));
    if (lc.bandMaxKeV > 0) {
      f.writeKey(QStringLiteral("E_MIN"), lc.bandMinKeV,
                 QStringLiteral("[keV] lower energy of the band"));
      f.writeKey(QStringLiteral("E_MAX"), lc.bandMaxKeV,
                 QStringLiteral("[keV] upper energy of the band"));
      f.writeKey(QStringLiteral("EUNIT"), "keV", QStringLiteral("unit of E_MIN/E_MAX"));
    }
    f.writeComment(QStringLiteral("Errors: Gehrels (1986) 1 + sqrt(N + 0.75) per bin."));
    writeHistory(f, history);
    f.writeDate(obs.productDate);
    f.writeChecksum();
    writeGtiTable(f, lc.gti, obs);
  }
  out.commit();
}

void writeHardnessRatio(const QString& path, const LightCurve& soft, const LightCurve& hard,
                        const ObservationInfo& obs, const QStringList& history) {
  if (soft.size() != hard.size())
    throw Error(path + QStringLiteral(": the light curves' bins differ"));
  std::vector<double> hr(soft.size()), err(soft.size());
  for (size_t k = 0; k < soft.size(); ++k) {
    const double s = soft.netRate[k], h = hard.netRate[k], sum = s + h;
    if (sum > 0) {
      hr[k] = (h - s) / sum;
      // d/dH = 2S/(H+S)^2, d/dS = -2H/(H+S)^2
      err[k] = 2.0 * std::hypot(s * hard.netError[k], h * soft.netError[k]) / (sum * sum);
    } else {
      hr[k] = std::nan("");
      err[k] = std::nan("");
    }
  }
  AtomicFile out(path);
  {
    fits::FitsFile f = fits::FitsFile::create(out.temporaryPath());
    writePrimary(f, obs);
    f.createTable(
        QStringLiteral("HARDNESS"),
        {QStringLiteral("TIME"), QStringLiteral("HR"), QStringLiteral("HR_ERROR"),
         QStringLiteral("FRACEXP")},
        {QStringLiteral("D"), QStringLiteral("D"), QStringLiteral("D"), QStringLiteral("E")},
        {QStringLiteral("s"), QString(), QString(), QString()}, static_cast<long long>(hr.size()));
    if (!hr.empty()) {
      f.writeColumn(1, soft.time);
      f.writeColumn(2, hr);
      f.writeColumn(3, err);
      f.writeColumn(4, std::vector<float>(soft.fracexp.begin(), soft.fracexp.end()));
    }
    writeIdentityKeywords(f, obs);
    writeTimingKeys(f, obs, soft.gti, soft.binS);
    f.writeKey(QStringLiteral("SOFT_MIN"), soft.bandMinKeV, QStringLiteral("[keV] soft band"));
    f.writeKey(QStringLiteral("SOFT_MAX"), soft.bandMaxKeV, QStringLiteral("[keV] soft band"));
    f.writeKey(QStringLiteral("HARD_MIN"), hard.bandMinKeV, QStringLiteral("[keV] hard band"));
    f.writeKey(QStringLiteral("HARD_MAX"), hard.bandMaxKeV, QStringLiteral("[keV] hard band"));
    f.writeComment(
        QStringLiteral("HR = (H - S) / (H + S) of the net rates; NaN where H + S <= 0."));
    writeHistory(f, history);
    f.writeDate(obs.productDate);
    f.writeChecksum();
    writeGtiTable(f, soft.gti, obs);
  }
  out.commit();
}

}  // namespace xsky::products
