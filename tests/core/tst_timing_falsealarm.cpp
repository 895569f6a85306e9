// False-alarm rates of the variability and periodicity tests on constant sources: for 500
// simulated constant light curves (and event lists), the fraction flagged at each test's stated
// level must lie within 3 sigma of the binomial expectation (issue 9; label slow).

#include <QTest>

#include <cmath>
#include <random>

#include "TestSupport.h"
#include "timing/Periodogram.h"
#include "timing/Variability.h"

using namespace xsky;
using namespace xsky::timing;

namespace {

constexpr int kTrials = 500;

void checkRate(const char* what, int flagged, double level) {
  const double expected = kTrials * level;
  const double sigma = std::sqrt(kTrials * level * (1 - level));
  qInfo("%s: %d of %d flagged at level %.3g (expected %.1f +- %.1f)", what, flagged, kTrials, level,
        expected, sigma);
  QVERIFY2(std::abs(flagged - expected) <= 3 * sigma, what);
}

}  // namespace

class TestTimingFalseAlarm : public QObject {
  Q_OBJECT
 private slots:
  void chiSquareConstantLightCurves();
  void periodogramsOnConstantEvents_data();
  void periodogramsOnConstantEvents();
};

void TestTimingFalseAlarm::chiSquareConstantLightCurves() {
  // 100 bins of 100 s at 0.5 counts/s (50 counts a bin, Poisson errors sqrt(N)/T).
  std::mt19937_64 rng(20240901);
  std::poisson_distribution<int> counts(50.0);
  for (double level : {0.05, 0.01}) {
    int flagged = 0;
    for (int k = 0; k < kTrials; ++k) {
      std::vector<double> rate(100), err(100);
      for (int i = 0; i < 100; ++i) {
        const double n = counts(rng);
        rate[static_cast<size_t>(i)] = n / 100.0;
        err[static_cast<size_t>(i)] = std::sqrt(std::max(n, 1.0)) / 100.0;
      }
      if (variability(rate, err).probability < level) ++flagged;
    }
    checkRate(qPrintable(QStringLiteral("chi-square at %1").arg(level)), flagged, level);
  }
}

void TestTimingFalseAlarm::periodogramsOnConstantEvents_data() {
  QTest::addColumn<int>("method");
  QTest::addColumn<int>("harmonics");
  QTest::newRow("rayleigh") << static_cast<int>(PeriodogramMethod::Rayleigh) << 1;
  QTest::newRow("z2_2") << static_cast<int>(PeriodogramMethod::Z2) << 2;
  QTest::newRow("z2_4") << static_cast<int>(PeriodogramMethod::Z2) << 4;
  QTest::newRow("htest") << static_cast<int>(PeriodogramMethod::HTest) << 20;
}

void TestTimingFalseAlarm::periodogramsOnConstantEvents() {
  QFETCH(int, method);
  QFETCH(int, harmonics);
  const auto m = static_cast<PeriodogramMethod>(method);
  // Single-trial level at one fixed frequency, 400 uniform events over 10 ks.
  std::mt19937_64 rng(77 + static_cast<uint64_t>(method * 10 + harmonics));
  std::uniform_real_distribution<double> u(0.0, 10000.0);
  const double level = 0.05;
  int flagged = 0;
  std::vector<double> z(20);
  for (int k = 0; k < kTrials; ++k) {
    std::vector<double> t(400);
    for (double& x : t) x = u(rng);
    z2Harmonics(t, 0.0123456, 0.0, 0.0, m == PeriodogramMethod::HTest ? 20 : harmonics, z.data());
    double power = z[static_cast<size_t>(harmonics - 1)];
    if (m == PeriodogramMethod::HTest) {
      power = -HUGE_VAL;
      for (int j = 1; j <= 20; ++j)
        power = std::max(power, z[static_cast<size_t>(j - 1)] - 4.0 * j + 4.0);
    }
    if (singleTrialFap(m, power, harmonics) < level) ++flagged;
  }
  checkRate(qPrintable(periodogramMethodName(m) + QString::number(harmonics)), flagged, level);
}

QTEST_GUILESS_MAIN(TestTimingFalseAlarm)
#include "tst_timing_falsealarm.moc"
