// core/timing statistics against independently computed values: scipy.stats.chi2.sf for the
// incomplete gamma, the Vaughan et al. 2003 formulas in NumPy for chi-square/Fvar, astropy's
// bayesian_blocks for the change points, a direct NumPy sum for Z^2_n; and exact hand values.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <random>

#include "TestSupport.h"
#include "fits/FitsError.h"
#include "fits/FitsFile.h"
#include "timing/BayesianBlocks.h"
#include "timing/EpochFolding.h"
#include "timing/IncompleteGamma.h"
#include "timing/LightCurveReader.h"
#include "timing/Periodogram.h"
#include "timing/Variability.h"

using namespace xsky;
using namespace xsky::timing;

namespace {

QString writeColumnText(const QString& path, const std::vector<double>& a,
                        const std::vector<double>& b = {}) {
  std::ofstream out(path.toStdString());
  out.precision(17);
  for (size_t i = 0; i < a.size(); ++i) {
    out << a[i];
    if (!b.empty()) out << ' ' << b[i];
    out << '\n';
  }
  return path;
}

QJsonDocument oracle(const QStringList& args) {
  return QJsonDocument::fromJson(test::runPython(QStringLiteral("oracles/timing_oracle.py"), args));
}

// Events of a piecewise-constant rate: rates[i] over [edges[i], edges[i+1]).
std::vector<double> piecewiseEvents(const std::vector<double>& edges,
                                    const std::vector<double>& rates, std::mt19937_64& rng) {
  std::vector<double> t;
  for (size_t i = 0; i < rates.size(); ++i) {
    std::exponential_distribution<double> gap(rates[i]);
    for (double x = edges[i] + gap(rng); x < edges[i + 1]; x += gap(rng)) t.push_back(x);
  }
  return t;
}

}  // namespace

class TestTimingStats : public QObject {
  Q_OBJECT
 private slots:
  void incompleteGammaAgainstScipy();
  void incompleteGammaExact();
  void variabilityAgainstNumpy();
  void variabilityRejectsTooFewBins();
  void bayesianBlocksMatchAstropy_data();
  void bayesianBlocksMatchAstropy();
  void bayesianBlocksNcpPrior();
  void functionalPruningEqualsFullProgram();
  void binnedBlocksFindStep();
  void z2AgainstNumpy();
  void lombScargleAgainstNumpy();
  void falseAlarmProbabilities();
  void foldingChiSquare();
  void frequencyGridRefusesHugeGrids();
  void realLightCurves();
  void badLightCurves();
};

void TestTimingStats::incompleteGammaAgainstScipy() {
  const std::vector<std::pair<double, double>> cases = {{0.5, 1}, {3, 2},     {10, 10},
                                                        {25, 20}, {100, 50},  {1e-3, 1},
                                                        {40, 4},  {300, 250}, {1200, 1024}};
  QStringList args{QStringLiteral("chi2")};
  for (auto [x, dof] : cases) args << QString::number(x, 'g', 17) << QString::number(dof);
  const QJsonArray expected = oracle(args).array();
  QCOMPARE(expected.size(), static_cast<qsizetype>(cases.size()));
  for (size_t i = 0; i < cases.size(); ++i) {
    const double e = expected[static_cast<qsizetype>(i)].toDouble();
    const double a = chiSquareSurvival(cases[i].first, cases[i].second);
    XSKY_COMPARE_NEAR(a / e, 1.0, 1e-10);
  }
}

void TestTimingStats::incompleteGammaExact() {
  // 2 dof: Q = exp(-x/2); 1 dof: erfc(sqrt(x/2)).
  for (double x : {0.1, 1.0, 7.0, 60.0, 600.0}) {
    XSKY_COMPARE_NEAR(chiSquareSurvival(x, 2) / std::exp(-0.5 * x), 1.0, 1e-12);
    XSKY_COMPARE_NEAR(chiSquareSurvival(x, 1) / std::erfc(std::sqrt(0.5 * x)), 1.0, 1e-10);
    XSKY_COMPARE_NEAR(regularizedGammaP(1.0, x) + regularizedGammaQ(1.0, x), 1.0, 1e-15);
  }
}

void TestTimingStats::variabilityAgainstNumpy() {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0, 1);
  std::vector<double> rate, err;
  for (int i = 0; i < 60; ++i) {
    const double e = 0.05 + 0.01 * (i % 5);
    err.push_back(e);
    rate.push_back(1.0 + 0.3 * std::sin(i / 5.0) + e * noise(rng));
  }
  QTemporaryDir dir;
  const QString file = writeColumnText(dir.filePath(QStringLiteral("lc.txt")), rate, err);
  const QJsonObject e = oracle({QStringLiteral("variability"), file}).object();
  const VariabilityStats s = variability(rate, err);
  XSKY_COMPARE_NEAR(s.chiSquare / e[QStringLiteral("chi2")].toDouble(), 1.0, 1e-12);
  QCOMPARE(s.dof, e[QStringLiteral("dof")].toInt());
  XSKY_COMPARE_NEAR(s.probability / e[QStringLiteral("prob")].toDouble(), 1.0, 1e-8);
  XSKY_COMPARE_NEAR(s.fvar, e[QStringLiteral("fvar")].toDouble(), 1e-12);
  XSKY_COMPARE_NEAR(s.fvarError, e[QStringLiteral("fvar_err")].toDouble(), 1e-12);
  // Hand values for the max/min ratio and its significance.
  const VariabilityStats h =
      variability(std::vector<double>{2, 1, 4}, std::vector<double>{1, 0.3, 0.4});
  XSKY_COMPARE_NEAR(h.maxMinRatio, 4.0, 1e-15);
  XSKY_COMPARE_NEAR(h.maxMinSignificance, 3.0 / 0.5, 1e-12);
}

void TestTimingStats::variabilityRejectsTooFewBins() {
  QVERIFY_THROWS_EXCEPTION(Error, variability(std::vector<double>{1.0}, std::vector<double>{0.1}));
  QVERIFY_THROWS_EXCEPTION(
      Error, variability(std::vector<double>{1.0, 2.0}, std::vector<double>{0.0, NAN}));
}

void TestTimingStats::bayesianBlocksMatchAstropy_data() {
  QTest::addColumn<int>("seed");
  QTest::addColumn<double>("p0");
  QTest::newRow("flare p0=0.05") << 1 << 0.05;
  QTest::newRow("flare p0=0.01") << 2 << 0.01;
  QTest::newRow("steps p0=0.2") << 3 << 0.2;
}

void TestTimingStats::bayesianBlocksMatchAstropy() {
  QFETCH(int, seed);
  QFETCH(double, p0);
  std::mt19937_64 rng(static_cast<uint64_t>(seed));
  std::vector<double> t = piecewiseEvents({0, 400, 520, 700, 1500}, {1.0, 6.0, 2.5, 1.0}, rng);
  std::sort(t.begin(), t.end());
  QTemporaryDir dir;
  const QString file = writeColumnText(dir.filePath(QStringLiteral("t.txt")), t);
  const QJsonArray edges =
      oracle({QStringLiteral("blocks"), file, QString::number(p0, 'g', 17)}).array();
  const std::vector<Block> blocks = eventBlocks(t, p0);
  QCOMPARE(static_cast<qsizetype>(blocks.size()) + 1, edges.size());
  for (size_t i = 0; i < blocks.size(); ++i)
    XSKY_COMPARE_NEAR(blocks[i].start, edges[static_cast<qsizetype>(i)].toDouble(), 1e-9);
  XSKY_COMPARE_NEAR(blocks.back().stop, edges.last().toDouble(), 1e-9);
  QVERIFY(blocks.size() >= 3);  // the injected steps are found
  double total = 0;
  for (const Block& b : blocks) total += b.counts;
  QCOMPARE(total, static_cast<double>(t.size()));
}

void TestTimingStats::bayesianBlocksNcpPrior() {
  // Scargle et al. 2013 eq. 21 by hand: 4 - ln(73.53 * 0.05 * 1000^-0.478).
  XSKY_COMPARE_NEAR(ncpPriorFromP0(0.05, 1000),
                    4.0 - std::log(73.53 * 0.05 * std::pow(1000.0, -0.478)), 1e-14);
  QVERIFY_THROWS_EXCEPTION(Error, eventBlocks(std::vector<double>{1, 2, 3}, 1.5));
  QVERIFY_THROWS_EXCEPTION(Error, eventBlocks(std::vector<double>{1, 1}, 0.05));
}

void TestTimingStats::functionalPruningEqualsFullProgram() {
  // Functional pruning must give exactly the blocks of the program that drops only what PELT
  // proves impossible (itself checked against astropy above): many rate changes, a flat list,
  // flares, repeated times (cells with several counts), tiny lists, a high and a low prior, and
  // binned cells with unequal exposures.
  std::mt19937_64 rng(11);
  struct Case {
    const char* name;
    std::vector<double> edges, rates;
    double p0;
  };
  const Case cases[] = {
      {"flat", {0, 5000}, {2.0}, 0.05},
      {"steps", {0, 300, 320, 900, 1000, 1800, 1805, 2500}, {1, 20, 3, 0.2, 2, 60, 1.5}, 0.05},
      {"many", {0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000}, {1, 3, 1, 5, 0.5, 4, 1, 8, 2, 1}, 0.2},
      {"faint", {0, 2000, 2100, 6000}, {0.05, 0.5, 0.05}, 0.01},
  };
  for (const Case& c : cases) {
    std::vector<double> t = piecewiseEvents(c.edges, c.rates, rng);
    std::sort(t.begin(), t.end());
    for (const bool rounded : {false, true}) {  // rounded: repeated times, cells of several counts
      std::vector<double> times = t;
      if (rounded) {
        for (double& v : times) v = std::round(v * 2) / 2;
      }
      std::vector<double> unique;
      std::vector<Cell> cells;
      for (double v : times) {
        if (!unique.empty() && v == unique.back()) {
          cells.back().counts += 1;
          continue;
        }
        unique.push_back(v);
        cells.push_back({v, v, 1, 0});
      }
      for (size_t i = 0; i < cells.size(); ++i) {
        cells[i].start = i == 0 ? unique[0] : 0.5 * (unique[i - 1] + unique[i]);
        cells[i].stop = i + 1 == cells.size() ? unique.back() : 0.5 * (unique[i] + unique[i + 1]);
        cells[i].exposure = cells[i].stop - cells[i].start;
      }
      if (cells.front().exposure <= 0) cells.front().exposure = 1e-3;  // the first cell is empty
      if (cells.back().exposure <= 0) cells.back().exposure = 1e-3;
      const double prior = ncpPriorFromP0(c.p0, static_cast<long long>(cells.size()));
      const std::vector<Block> fast = bayesianBlocks(cells, prior, {}, BlockPruning::Functional);
      const std::vector<Block> full = bayesianBlocks(cells, prior, {}, BlockPruning::Pelt);
      QVERIFY2(fast.size() == full.size(), qPrintable(QStringLiteral("%1 (%2): %3 blocks vs %4")
                                                         .arg(QLatin1String(c.name)).arg(rounded).arg(fast.size()).arg(full.size())));
      for (size_t i = 0; i < fast.size(); ++i) {
        QCOMPARE(fast[i].start, full[i].start);
        QCOMPARE(fast[i].counts, full[i].counts);
      }
      if (c.rates.size() > 2) QVERIFY2(fast.size() >= 3, c.name);
    }
  }
  // Binned cells with unequal widths (positive counts, so the functional path runs).
  std::vector<Cell> bins;
  for (int i = 0; i < 400; ++i) {
    const double width = 5.0 + (i % 7);
    std::poisson_distribution<int> counts((i >= 150 && i < 170 ? 4.0 : 1.0) * width);
    bins.push_back({i * 12.0, i * 12.0 + width, static_cast<double>(std::max(1, counts(rng))), width});
  }
  for (const double p0 : {0.01, 0.3}) {
    const double prior = ncpPriorFromP0(p0, 400);
    const std::vector<Block> fast = bayesianBlocks(bins, prior, {}, BlockPruning::Functional);
    const std::vector<Block> full = bayesianBlocks(bins, prior, {}, BlockPruning::Pelt);
    QCOMPARE(fast.size(), full.size());
    for (size_t i = 0; i < fast.size(); ++i) QCOMPARE(fast[i].start, full[i].start);
  }
}

void TestTimingStats::binnedBlocksFindStep() {
  std::vector<double> start, width, counts, frac;
  for (int i = 0; i < 100; ++i) {
    start.push_back(10.0 * i);
    width.push_back(10.0);
    counts.push_back(i >= 40 && i < 60 ? 50 : 10);
    frac.push_back(i == 70 ? 0.0 : 1.0);  // one zero-exposure bin is dropped
  }
  const std::vector<Block> b = binnedBlocks(start, width, counts, frac, 0.05);
  QCOMPARE(b.size(), size_t(3));
  XSKY_COMPARE_NEAR(b[1].start, 400.0, 1e-12);
  XSKY_COMPARE_NEAR(b[1].stop, 600.0, 1e-12);
  XSKY_COMPARE_NEAR(b[1].rate(), 5.0, 1e-12);
  XSKY_COMPARE_NEAR(b[2].exposure, 390.0, 1e-9);
}

void TestTimingStats::z2AgainstNumpy() {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> t;
  const double f0 = 0.37, epoch = 1000.0;
  while (t.size() < 3000) {  // pulsed: accept with 1 + 0.5 cos(2 pi f0 (t - epoch))
    const double x = epoch + 20000.0 * u(rng);
    if (2.0 * u(rng) < 1.0 + 0.5 * std::cos(2 * M_PI * f0 * (x - epoch))) t.push_back(x);
  }
  std::sort(t.begin(), t.end());
  QTemporaryDir dir;
  const QString file = writeColumnText(dir.filePath(QStringLiteral("t.txt")), t);
  const std::vector<double> freqs = {0.1, 0.37, 0.370013, 1.234567};
  for (int nharm : {1, 2, 5}) {
    QStringList args{QStringLiteral("z2"), file, QString::number(epoch, 'g', 17),
                     QString::number(nharm)};
    for (double f : freqs) args << QString::number(f, 'g', 17);
    const QJsonArray e = oracle(args).array();
    QCOMPARE(e.size(), static_cast<qsizetype>(freqs.size()));
    for (size_t i = 0; i < freqs.size(); ++i) {
      std::vector<double> z(static_cast<size_t>(nharm));
      z2Harmonics(t, freqs[i], 0.0, epoch, nharm, z.data());
      XSKY_COMPARE_NEAR(z.back(), e[static_cast<qsizetype>(i)].toDouble(),
                        1e-9 * std::max(1.0, e[static_cast<qsizetype>(i)].toDouble()));
    }
  }
  // The search finds f0 within the resolution; the multi-trial FAP counts (fmax - fmin) T trials.
  const double span = t.back() - t.front();
  const FrequencyGrid grid = makeFrequencyGrid(0.3, 0.45, span, 5);
  PeriodogramOptions opt;
  opt.method = PeriodogramMethod::Rayleigh;
  opt.epoch = epoch;
  const PeriodogramResult r = searchPeriodogram(t, grid, opt, span);
  QVERIFY2(std::abs(r.bestFrequency - f0) < 1.0 / span,
           qPrintable(QString::number(r.bestFrequency)));
  QCOMPARE(r.trials, std::llround(0.15 * span));
  XSKY_COMPARE_NEAR(r.singleTrialFap / std::exp(-0.5 * r.bestPower), 1.0, 1e-12);
  QVERIFY(r.multiTrialFap < 1e-20);
  // The search's rotated phases give the direct powers (Z^2_3 with an fdot) to 1e-9.
  opt.method = PeriodogramMethod::Z2;
  opt.harmonics = 3;
  opt.fdot = 1e-9;
  const PeriodogramResult z3 = searchPeriodogram(t, grid, opt, span);
  for (long long i : {0LL, 1LL, 63LL, 64LL, 65LL, 1000LL, grid.count - 1}) {
    double direct[3];
    z2Harmonics(t, grid.frequency(i), opt.fdot, epoch, 3, direct);
    XSKY_COMPARE_NEAR(z3.power[static_cast<size_t>(i)], direct[2], 1e-9 * std::max(1.0, direct[2]));
  }
}

void TestTimingStats::lombScargleAgainstNumpy() {
  // Events binned by the search (width 1 / (4 fmax) from the first event); the oracle gets the
  // same bins and evaluates Scargle's formula directly.
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> t;
  while (t.size() < 4000) {
    const double x = 5000.0 * u(rng);
    if (2.0 * u(rng) < 1.0 + 0.6 * std::sin(2 * M_PI * 0.05 * x)) t.push_back(x);
  }
  std::sort(t.begin(), t.end());
  const double fmax = 0.1, width = 1.0 / (4.0 * fmax), span = t.back() - t.front();
  const size_t nb = static_cast<size_t>(std::ceil(span / width));
  std::vector<double> tc(nb), y(nb, 0.0);
  for (size_t i = 0; i < nb; ++i) tc[i] = (static_cast<double>(i) + 0.5) * width;
  for (double x : t) y[std::min(nb - 1, static_cast<size_t>((x - t.front()) / width))] += 1;
  QTemporaryDir dir;
  const QString file = writeColumnText(dir.filePath(QStringLiteral("ls.txt")), tc, y);
  const FrequencyGrid grid = makeFrequencyGrid(0.01, fmax, span, 2);
  PeriodogramOptions opt;
  opt.method = PeriodogramMethod::LombScargle;
  const PeriodogramResult r = searchPeriodogram(t, grid, opt, span);
  QStringList args{QStringLiteral("ls"), file};
  const std::vector<long long> idx = {0, 7, r.bestIndex, grid.count - 1};
  for (long long i : idx) args << QString::number(grid.frequency(i), 'g', 17);
  const QJsonArray e = oracle(args).array();
  QCOMPARE(e.size(), static_cast<qsizetype>(idx.size()));
  for (size_t k = 0; k < idx.size(); ++k) {
    const double ev = e[static_cast<qsizetype>(k)].toDouble();
    XSKY_COMPARE_NEAR(r.power[static_cast<size_t>(idx[k])], ev, 1e-8 * std::max(1.0, ev));
  }
  XSKY_COMPARE_NEAR(r.bestFrequency, 0.05, 1.0 / span);
}

void TestTimingStats::falseAlarmProbabilities() {
  // Z^2_n: chi-square with 2n dof; H-test: exp(-0.4 H) (de Jager & Buesching 2010).
  XSKY_COMPARE_NEAR(singleTrialFap(PeriodogramMethod::Z2, 10.0, 1), std::exp(-5.0), 1e-15);
  XSKY_COMPARE_NEAR(singleTrialFap(PeriodogramMethod::Z2, 10.0, 2), std::exp(-5.0) * 6.0, 1e-14);
  XSKY_COMPARE_NEAR(singleTrialFap(PeriodogramMethod::HTest, 25.0, 20), std::exp(-10.0), 1e-15);
  // 1 - (1 - p)^M by its binomial series: M p - M(M-1)/2 p^2 + M(M-1)(M-2)/6 p^3.
  XSKY_COMPARE_NEAR(multiTrialFap(1e-10, 1000) / (1e-7 - 499500e-20 + 166167000e-30), 1.0, 1e-12);
  XSKY_COMPARE_NEAR(multiTrialFap(0.5, 2), 0.75, 1e-15);
  XSKY_COMPARE_NEAR(gaussianSigma(0.0013498980316301), 3.0, 1e-6);
}

void TestTimingStats::foldingChiSquare() {
  // 8 events at phases 0.1, 0.1, 0.1, 0.1, 0.6, 0.6, 0.6, 0.6 of f = 1 Hz in 2 bins: no excess.
  std::vector<double> t = {0.1, 1.1, 2.1, 3.1, 0.6, 1.6, 2.6, 3.6};
  FoldedProfile p = foldEvents(t, 1.0, 0.0, 0.0, 2);
  QCOMPARE(p.counts, (std::vector<double>{4, 4}));
  XSKY_COMPARE_NEAR(p.chiSquare, 0.0, 1e-15);
  // 4 bins: counts {4, 0, 4, 0}, expected 2 each: chi2 = 4 * 4 / 2 = 8, 3 dof.
  p = foldEvents(t, 1.0, 0.0, 0.0, 4);
  XSKY_COMPARE_NEAR(p.chiSquare, 8.0, 1e-12);
  QCOMPARE(p.dof, 3);
  XSKY_COMPARE_NEAR(p.probability, chiSquareSurvival(8.0, 3), 1e-15);
  // fdot: phase = f t + fdot t^2 / 2; with f = 0 in the linear term absorbed, t = 2 s, fdot = 0.25
  // gives 0.5 cycles.
  p = foldEvents(std::vector<double>{2.0}, 1e-12, 0.25, 0.0, 4);
  QCOMPARE(p.counts[2], 1.0);
}

void TestTimingStats::frequencyGridRefusesHugeGrids() {
  QVERIFY_THROWS_EXCEPTION(Error, makeFrequencyGrid(0, 1000, 1e6, 10, 1'000'000));
  QVERIFY_THROWS_EXCEPTION(Error, makeFrequencyGrid(2, 1, 100, 5));
  const FrequencyGrid g = makeFrequencyGrid(0.1, 0.2, 1000, 4);
  XSKY_COMPARE_NEAR(g.step, 1.0 / 4000.0, 1e-18);
  QCOMPARE(g.count, 401LL);
}

void TestTimingStats::realLightCurves() {
  if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  // RATE with RATE_ERR, COUNTS, FRACEXP and vector (3-band) columns; zero-exposure bins dropped.
  const LightCurveFile a = readLightCurve(
      test::sharedData(QStringLiteral("lightcurves/stingray__LightCurve_bexvar.fits")));
  QCOMPARE(a.bands.size(), size_t(3));
  QCOMPARE(a.timeSystem, QStringLiteral("TT"));
  QCOMPARE(a.bands[0].rate.size(), size_t(24));
  QVERIFY(!a.bands[0].poissonErrors);
  // RATE1/ERROR1 with XAX_E half-widths.
  const LightCurveFile b =
      readLightCurve(test::sharedData(QStringLiteral("lightcurves/stingray__lcurveA.fits")));
  QCOMPARE(b.bands.size(), size_t(1));
  QCOMPARE(b.bands[0].name, QStringLiteral("RATE1"));
  XSKY_COMPARE_NEAR(b.bands[0].width[0], 1.0, 1e-12);
  XSKY_COMPARE_NEAR(b.bands[0].start[0], -0.5, 1e-12);
  // RATE only: Poisson errors sqrt(rate * width) / width; NaN rates dropped.
  const LightCurveFile c =
      readLightCurve(test::sharedData(QStringLiteral("lightcurves/stingray__lcurve_new.fits")));
  QCOMPARE(c.bands.size(), size_t(1));
  QVERIFY(c.bands[0].poissonErrors);
  QCOMPARE(c.bands[0].rate.size(), size_t(11));
  XSKY_COMPARE_NEAR(c.bands[0].error[0], std::sqrt(0.91 * 100.0) / 100.0, 1e-6);
  QVERIFY(
      isLightCurveFile(test::sharedData(QStringLiteral("lightcurves/stingray__lcurve_new.fits"))));
}

void TestTimingStats::badLightCurves() {
  QTemporaryDir dir;
  auto write = [&](const QString& name, const QStringList& cols,
                   const std::vector<std::vector<double>>& data) {
    const QString path = dir.filePath(name);
    fits::FitsFile f = fits::FitsFile::create(path);
    f.createImage(8, {});
    QStringList formats, units;
    for (qsizetype i = 0; i < cols.size(); ++i) {
      formats << QStringLiteral("D");
      units << QString();
    }
    f.createTable(QStringLiteral("RATE"), cols, formats, units);
    f.writeKey(QStringLiteral("TIMEDEL"), 10.0);
    f.writeKey(QStringLiteral("TIMEPIXR"), 0.0);
    for (int c = 0; c < static_cast<int>(data.size()); ++c)
      f.writeColumn(c + 1, data[static_cast<size_t>(c)]);
    return path;
  };
  // COUNTS only, with a gap: Poisson errors, the gap simply absent.
  const QString gaps =
      write(QStringLiteral("gaps.fits"), {QStringLiteral("TIME"), QStringLiteral("COUNTS")},
            {{0, 10, 20, 50, 60}, {4, 0, 9, 16, 25}});
  const LightCurveFile g = readLightCurve(gaps);
  QCOMPARE(g.bands.size(), size_t(1));
  QVERIFY(g.bands[0].poissonErrors);
  QCOMPARE(g.bands[0].rate.size(), size_t(5));
  XSKY_COMPARE_NEAR(g.bands[0].rate[4], 2.5, 1e-12);
  XSKY_COMPARE_NEAR(g.bands[0].error[4], 0.5, 1e-12);
  XSKY_COMPARE_NEAR(g.bands[0].error[1], 0.1, 1e-12);  // zero counts: one count's error
  XSKY_COMPARE_NEAR(g.bands[0].start[3], 50.0, 1e-12);
  // A single bin: read, but the statistics refuse it with the reason.
  const QString one =
      write(QStringLiteral("one.fits"),
            {QStringLiteral("TIME"), QStringLiteral("RATE"), QStringLiteral("ERROR")},
            {{0}, {1.5}, {0.2}});
  const LightCurveFile o = readLightCurve(one);
  QCOMPARE(o.bands[0].rate.size(), size_t(1));
  try {
    variability(o.bands[0].rate, o.bands[0].error);
    QFAIL("a single bin was accepted");
  } catch (const Error& e) {
    QVERIFY2(e.message().contains(QStringLiteral("two bins")), qPrintable(e.message()));
  }
  // No rate or counts column.
  const QString none = write(QStringLiteral("none.fits"),
                             {QStringLiteral("TIME"), QStringLiteral("X")}, {{0, 10}, {1, 2}});
  QVERIFY_THROWS_EXCEPTION(Error, readLightCurve(none));
}

QTEST_GUILESS_MAIN(TestTimingStats)
#include "tst_timing_stats.moc"
