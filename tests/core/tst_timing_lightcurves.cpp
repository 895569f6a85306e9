// core/timing light-curve products against independent values: Gehrels and Kraft-Burrows-Nousek
// limits against astropy.stats.poisson_conf_interval (and Gehrels 1986 Tables 1-2), net rates
// and hardness ratios against their formulas, rebinning against a NumPy merge, the long-term
// light curve (detections, KBN upper limits) against SciPy/astropy, the max/min ratio with an
// upper limit, and the FFT Z^2 grid against the direct sum.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <random>

#include "TestSupport.h"
#include "timing/FastZ2.h"
#include "timing/LightCurveRebin.h"
#include "timing/LongTermLightCurve.h"
#include "timing/Periodogram.h"
#include "timing/PoissonLimits.h"

using namespace xsky;
using namespace xsky::timing;

namespace {

QJsonDocument oracle(const QStringList& args) {
  return QJsonDocument::fromJson(
      test::runPython(QStringLiteral("oracles/timing_limits_oracle.py"), args));
}

// A light curve of `n` bins of 100 s with Poisson counts around `rate`, FRACEXP varying.
LightCurveBand syntheticBand(size_t n, double rate, std::mt19937_64& rng) {
  LightCurveBand b;
  b.name = QStringLiteral("RATE");
  std::uniform_real_distribution<double> frac(0.3, 1.0);
  for (size_t i = 0; i < n; ++i) {
    const double f = frac(rng);
    std::poisson_distribution<int> pois(rate * 100.0 * f);
    const double c = pois(rng);
    b.start.push_back(1000.0 + 100.0 * static_cast<double>(i));
    b.width.push_back(100.0);
    b.fracExp.push_back(f);
    b.counts.push_back(c);
    b.rate.push_back(c / (100.0 * f));
    b.error.push_back(std::sqrt(std::max(c, 1.0)) / (100.0 * f));
  }
  return b;
}

}  // namespace

class TestTimingLightCurves : public QObject {
  Q_OBJECT
 private slots:
  void gehrelsAgainstAstropy() {
    const std::vector<int> ns = {0, 1, 2, 5, 10, 30, 100};
    QStringList args = {QStringLiteral("gehrels")};
    for (int n : ns) args << QString::number(n);
    const QJsonArray ref = oracle(args).array();
    QCOMPARE(ref.size(), qsizetype(ns.size()));
    for (size_t i = 0; i < ns.size(); ++i) {
      const PoissonInterval g = gehrelsInterval(ns[i], oneSidedLevel(1.0));
      const QJsonArray r = ref[qsizetype(i)].toArray();
      XSKY_COMPARE_NEAR(g.lower, r[0].toDouble(), 1e-7 * std::max(1.0, r[0].toDouble()));
      XSKY_COMPARE_NEAR(g.upper, r[1].toDouble(), 1e-7 * r[1].toDouble());
      // Gehrels' approximations (eq. 9 and 14) are good to a few per cent of the exact limits.
      XSKY_COMPARE_NEAR(gehrelsUpperApprox(ns[i]), g.upper, 0.03 * g.upper);
      if (ns[i] > 0) XSKY_COMPARE_NEAR(gehrelsLowerApprox(ns[i]), g.lower, 0.03 * g.upper);
    }
    // Gehrels 1986 Table 1 (upper, CL 0.8413) and Table 2 (lower): N = 0, 10 (his N = 10 upper
    // 14.270 is 0.02 % above the exact 14.267 that SciPy/astropy also give).
    XSKY_COMPARE_NEAR(gehrelsInterval(0, oneSidedLevel(1)).upper, 1.841, 1e-3);
    XSKY_COMPARE_NEAR(gehrelsInterval(10, oneSidedLevel(1)).upper, 14.270, 5e-3);
    XSKY_COMPARE_NEAR(gehrelsInterval(10, oneSidedLevel(1)).lower, 6.891, 1e-3);
    // 3 sigma (Table 1, CL 0.99865): N = 0 -> 6.608.
    XSKY_COMPARE_NEAR(gehrelsInterval(0, oneSidedLevel(3)).upper, 6.608, 2e-3);
  }

  void kbnAgainstAstropy_data() {
    QTest::addColumn<double>("cl");
    QTest::newRow("99.73%") << twoSidedLevel(3.0);
    QTest::newRow("90%") << 0.9;
  }
  void kbnAgainstAstropy() {
    QFETCH(double, cl);
    const std::vector<std::pair<int, double>> cases = {
        {0, 0.0}, {0, 0.5}, {1, 0.2}, {3, 2.0}, {5, 5.0}, {10, 2.0}, {25, 1.0}, {30, 12.5}, {4, 9.0}};
    QStringList args = {QStringLiteral("kbn"), QString::number(cl, 'g', 17)};
    for (auto [n, b] : cases) args << QString::number(n) << QString::number(b, 'g', 17);
    const QJsonArray ref = oracle(args).array();
    QCOMPARE(ref.size(), qsizetype(cases.size()));
    for (size_t i = 0; i < cases.size(); ++i) {
      const PoissonInterval k = kbnInterval(cases[i].first, cases[i].second, cl);
      const QJsonArray r = ref[qsizetype(i)].toArray();
      qInfo("N=%d B=%g: [%.6f, %.6f] astropy [%.6f, %.6f]", cases[i].first, cases[i].second,
            k.lower, k.upper, r[0].toDouble(), r[1].toDouble());
      XSKY_COMPARE_NEAR(k.lower, r[0].toDouble(), 1e-5 * std::max(1.0, r[1].toDouble()));
      XSKY_COMPARE_NEAR(k.upper, r[1].toDouble(), 1e-5 * r[1].toDouble());
    }
    QVERIFY_THROWS_EXCEPTION(Error, kbnInterval(-1, 0, cl));
  }

  void netRatesAndHardness() {
    // No counts: rate 0, the upper error the Gehrels 1-sigma limit of 0 counts over 100 s.
    const NetRate z = netRate(0, 0, 0.1, 100);
    QCOMPARE(z.rate, 0.0);
    XSKY_COMPARE_NEAR(z.errorHigh, gehrelsInterval(0, oneSidedLevel(1)).upper / 100, 1e-12);
    // ... and the lower error the scaled Gehrels upper limit of the 0 background counts.
    XSKY_COMPARE_NEAR(z.errorLow, 0.1 * gehrelsInterval(0, oneSidedLevel(1)).upper / 100, 1e-12);
    // Many counts: the errors approach sqrt(S + scale^2 B) / T.
    const NetRate big = netRate(10000, 40000, 0.25, 1000);
    XSKY_COMPARE_NEAR(big.rate, (10000 - 0.25 * 40000) / 1000.0, 1e-12);
    const double gauss = std::sqrt(10000 + 0.0625 * 40000) / 1000;
    XSKY_COMPARE_NEAR(big.symmetricError(), gauss, 0.01 * gauss);
    QVERIFY_THROWS_EXCEPTION(Error, netRate(1, 1, 1, 0));

    const HardnessRatio hr = hardnessRatio(2.0, 0.2, 1.0, 0.1, 400, 200);
    XSKY_COMPARE_NEAR(hr.value, (1.0 - 2.0) / 3.0, 1e-15);
    XSKY_COMPARE_NEAR(hr.error, 2.0 * std::sqrt(1.0 * 0.04 + 4.0 * 0.01) / 9.0, 1e-15);
    QVERIFY(!hr.lowCounts);
    const HardnessRatio low = hardnessRatio(0.01, 0.01, 0.02, 0.01, 3, 6);
    QVERIFY(low.lowCounts);
    QVERIFY(!low.note.isEmpty());
    QVERIFY(std::isnan(hardnessRatio(0, 0, 0, 0).value));
  }

  void rebinAgainstNumpy() {
    std::mt19937_64 rng(11);
    const LightCurveBand band = syntheticBand(103, 0.5, rng);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lc.txt"));
    {
      std::ofstream out(path.toStdString());
      out.precision(17);
      for (size_t i = 0; i < band.start.size(); ++i)
        out << band.start[i] << ' ' << band.width[i] << ' ' << band.fracExp[i] << ' '
            << band.rate[i] << ' ' << band.error[i] << ' ' << band.counts[i] << '\n';
    }
    const QJsonArray ref = oracle({QStringLiteral("rebin"), path, QStringLiteral("5")}).array();
    const LightCurveBand r = rebinByFactor(band, 5);
    QCOMPARE(qsizetype(r.start.size()), ref.size());
    QCOMPARE(r.start.size(), size_t(21));  // 103 = 20 x 5 + 3
    for (size_t i = 0; i < r.start.size(); ++i) {
      const QJsonObject o = ref[qsizetype(i)].toObject();
      XSKY_COMPARE_NEAR(r.start[i], o[QStringLiteral("start")].toDouble(), 1e-9);
      XSKY_COMPARE_NEAR(r.width[i], o[QStringLiteral("width")].toDouble(), 1e-9);
      XSKY_COMPARE_NEAR(r.rate[i], o[QStringLiteral("rate")].toDouble(), 1e-12);
      XSKY_COMPARE_NEAR(r.error[i], o[QStringLiteral("error")].toDouble(), 1e-12);
      XSKY_COMPARE_NEAR(r.counts[i], o[QStringLiteral("counts")].toDouble(), 1e-9);
    }
    // A width that is a multiple of the bins gives the same bins.
    const LightCurveBand w = rebinToWidth(band, 500.0);
    QCOMPARE(w.start.size(), r.start.size());
    for (size_t i = 0; i < w.start.size(); ++i) XSKY_COMPARE_NEAR(w.rate[i], r.rate[i], 1e-12);
    QVERIFY_THROWS_EXCEPTION(Error, rebinToWidth(band, 50.0));
    QVERIFY_THROWS_EXCEPTION(Error, rebinByFactor(band, 0));

    // Minimum counts: every new bin holds at least that many, and no count is lost.
    const LightCurveBand m = rebinMinCounts(band, 100);
    double total = 0, totalIn = 0;
    for (double c : m.counts) {
      QVERIFY(c >= 100);
      total += c;
    }
    for (double c : band.counts) totalIn += c;
    QCOMPARE(total, totalIn);
    QVERIFY(m.start.size() < band.start.size());
    QVERIFY_THROWS_EXCEPTION(Error, rebinMinCounts(band, totalIn + 1));

    // A gap (bins 40..59 missing): no merged bin spans it.
    LightCurveBand gap = band;
    for (auto* v : {&gap.start, &gap.width, &gap.fracExp, &gap.rate, &gap.error, &gap.counts})
      v->erase(v->begin() + 40, v->begin() + 60);
    const LightCurveBand g = rebinByFactor(gap, 7);
    for (size_t i = 0; i < g.start.size(); ++i)
      QVERIFY(g.start[i] + g.width[i] <= 5000.0 + 1e-9 || g.start[i] >= 7000.0 - 1e-9);
  }

  void longTermAgainstOracle() {
    // S, B, Tsrc, Tbkg, BACKSCAL src, BACKSCAL bkg: bright, faint, undetected, background-heavy.
    const std::vector<std::array<double, 6>> obs = {{{250, 40, 20000, 20000, 1.0, 8.0}},
                                                    {{30, 24, 15000, 15000, 1.0, 8.0}},
                                                    {{3, 16, 10000, 10000, 1.0, 8.0}},
                                                    {{9, 120, 30000, 25000, 1.0, 10.0}}};
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("obs.txt"));
    std::vector<ObservationCounts> in;
    {
      std::ofstream out(path.toStdString());
      out.precision(17);
      for (size_t i = 0; i < obs.size(); ++i) {
        const auto& o = obs[i];
        out << o[0] << ' ' << o[1] << ' ' << o[2] << ' ' << o[3] << ' ' << o[4] << ' ' << o[5] << '\n';
        ObservationCounts c;
        c.label = QStringLiteral("obs%1").arg(i);
        c.time = 58000.0 + 100.0 * static_cast<double>(i);
        c.sourceCounts = o[0];
        c.backgroundCounts = o[1];
        c.sourceExposureS = o[2];
        c.backgroundExposureS = o[3];
        c.sourceBackscal = o[4];
        c.backgroundBackscal = o[5];
        in.push_back(c);
      }
    }
    const QJsonArray ref = oracle({QStringLiteral("longterm"), path}).array();
    const LongTermLightCurve lc = longTermLightCurve(in);
    QCOMPARE(qsizetype(lc.points.size()), ref.size());
    for (size_t i = 0; i < lc.points.size(); ++i) {
      const QJsonObject o = ref[qsizetype(i)].toObject();
      const LongTermPoint& p = lc.points[i];
      qInfo("%s: detected %d rate %.6g (oracle %d %.6g), fap %.3g", qPrintable(p.label),
            p.detected, p.rate, o[QStringLiteral("detected")].toBool(),
            o[QStringLiteral("rate")].toDouble(), p.detectionFap);
      QCOMPARE(p.detected, o[QStringLiteral("detected")].toBool());
      XSKY_COMPARE_NEAR(p.rate, o[QStringLiteral("rate")].toDouble(),
                        1e-5 * std::abs(o[QStringLiteral("rate")].toDouble()));
      XSKY_COMPARE_NEAR(p.detectionFap, o[QStringLiteral("fap")].toDouble(),
                        1e-8 + 1e-6 * o[QStringLiteral("fap")].toDouble());
    }
    QVERIFY(lc.points[0].detected && lc.points[1].detected);
    QVERIFY(!lc.points[2].detected);
    // Max/min: the bright detection over the lowest upper limit, a lower limit on the ratio.
    const LongTermVariability& v = lc.variability;
    QCOMPARE(v.maxIndex, 0);
    const int minIndex = lc.points[2].rate < lc.points[3].rate ? 2 : 3;
    QCOMPARE(v.minIndex, minIndex);
    QVERIFY(v.ratioIsLowerLimit);
    const LongTermPoint& hi = lc.points[0];
    const LongTermPoint& lo = lc.points[size_t(minIndex)];
    XSKY_COMPARE_NEAR(v.ratio, hi.rate / lo.rate, 1e-12);
    XSKY_COMPARE_NEAR(v.significance, (hi.rate - lo.rate) / hi.errorLow, 1e-9);
    QVERIFY(v.flagged);
    // Two detections only: the significance combines both errors.
    const LongTermLightCurve two = longTermLightCurve({in[0], in[1]});
    QVERIFY(!two.variability.ratioIsLowerLimit);
    XSKY_COMPARE_NEAR(two.variability.significance,
                      (two.points[0].rate - two.points[1].rate) /
                          std::hypot(two.points[0].errorLow, two.points[1].errorHigh),
                      1e-9);
    // Nothing detected: the ratio is undefined and says why.
    const LongTermLightCurve none = longTermLightCurve({in[2]});
    QVERIFY(std::isnan(none.variability.ratio));
    QVERIFY(!none.variability.note.isEmpty());
  }

  void fastZ2EqualsDirectSum_data() {
    QTest::addColumn<int>("harmonics");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("frequencies");
    QTest::newRow("Z2_2 pulsed") << 2 << 20000 << 3001;
    QTest::newRow("Z2_5 few events") << 5 << 300 << 1024;
    QTest::newRow("Z2_1 odd grid") << 1 << 5000 << 257;
  }
  void fastZ2EqualsDirectSum() {
    QFETCH(int, harmonics);
    QFETCH(int, events);
    QFETCH(int, frequencies);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    // Events over 5e4 s with a 10 % pulsed part at 0.37 Hz.
    std::vector<double> t;
    while (t.size() < size_t(events)) {
      const double x = 3e8 + 5e4 * u(rng);
      if (u(rng) < 0.9 + 0.1 * std::cos(2 * std::numbers::pi * 0.37 * (x - 3e8))) t.push_back(x);
    }
    std::sort(t.begin(), t.end());
    const double step = 1.0 / (5 * 5e4), fmin = 0.37 - 0.5 * step * frequencies, epoch = 3e8;
    const std::vector<double> fast = z2GridFast(t, fmin, step, frequencies, epoch, harmonics);
    double worst = 0;
    std::vector<double> direct(static_cast<size_t>(harmonics));
    for (int i = 0; i < frequencies; i += 7) {
      z2Harmonics(t, fmin + i * step, 0, epoch, harmonics, direct.data());
      for (int k = 0; k < harmonics; ++k) {
        const double a = fast[size_t(i) * size_t(harmonics) + size_t(k)];
        worst = std::max(worst, std::abs(a - direct[size_t(k)]) / std::max(1.0, direct[size_t(k)]));
      }
    }
    qInfo("largest difference from the direct sum: %.2e (relative, or absolute below 1)", worst);
    QVERIFY(worst < 1e-6);
  }
};

QTEST_GUILESS_MAIN(TestTimingLightCurves)
#include "tst_timing_lightcurves.moc"
