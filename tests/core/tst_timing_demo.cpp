// core/timing on the demo sky (core/sim): the flaring star SRC04 (observation 0901230201) is
// flagged variable and its Bayesian blocks bracket the injected flare; a constant AGN (SRC01) is
// not flagged; the pulsar SRC06 (P = 9.4321 s, observation 0901230101) is found within the
// frequency resolution 1/T at more than 5 sigma after trials. Events are taken from 20" circles.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "sim/DemoSky.h"
#include "timing/BayesianBlocks.h"
#include "timing/EpochFolding.h"
#include "timing/EventBinning.h"
#include "timing/EventTimes.h"
#include "timing/Periodogram.h"
#include "timing/Variability.h"

using namespace xsky;
using namespace xsky::timing;

namespace {
constexpr double kBinS = 500.0;  // light-curve bin of the variability tests ("one bin")
}

class TestTimingDemo : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void flareFound();
  void constantSourceNotFlagged_data();
  void constantSourceNotFlagged();
  void pulsarFound_data();
  void pulsarFound();

 private:
  QJsonObject source(const QString& id) const;
  QString regionFor(const QString& id);
  QTemporaryDir demo_;
  QJsonObject truth_;
};

void TestTimingDemo::initTestCase() {
  QVERIFY(demo_.isValid());
  const sim::SimulationResult r = sim::simulateDemoSky(demo_.path(), {});
  QFile f(r.truthPath);
  QVERIFY(f.open(QIODevice::ReadOnly));
  truth_ = QJsonDocument::fromJson(f.readAll()).object();
  QVERIFY(!truth_.isEmpty());
}

QJsonObject TestTimingDemo::source(const QString& id) const {
  for (const QJsonValue& v : truth_[QStringLiteral("sources")].toArray())
    if (v.toObject()[QStringLiteral("id")].toString() == id) return v.toObject();
  return {};
}

QString TestTimingDemo::regionFor(const QString& id) {
  const QJsonObject s = source(id);
  const QString path = demo_.filePath(id + QStringLiteral(".reg"));
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(QStringLiteral("fk5\ncircle(%1,%2,20\")\n")
              .arg(s[QStringLiteral("ra")].toDouble(), 0, 'f', 7)
              .arg(s[QStringLiteral("dec")].toDouble(), 0, 'f', 7)
              .toUtf8());
  return path;
}

void TestTimingDemo::flareFound() {
  const QJsonObject var = source(QStringLiteral("SRC04"))[QStringLiteral("variability")].toObject();
  QCOMPARE(var[QStringLiteral("type")].toString(), QStringLiteral("flare"));
  const double start = var[QStringLiteral("start")].toDouble();
  // The flare ends, for this test, when the rate is back to twice the quiescent level:
  // amplitude * exp(-(t - start - rise) / decay) = 1.
  const double end = start + var[QStringLiteral("rise_s")].toDouble() +
                     var[QStringLiteral("decay_s")].toDouble() *
                         std::log(var[QStringLiteral("amplitude")].toDouble());

  const EventTimes ev = readEventTimes(demo_.filePath(QStringLiteral("0901230201/pn_events.fits")),
                                       regionFor(QStringLiteral("SRC04")));
  QVERIFY(ev.times.size() > 500);
  const LightCurveBand lc = binEvents(ev.times, ev.gti, kBinS);
  const VariabilityStats s = variability(lc.rate, lc.error);
  QVERIFY2(s.probability < kVariableProbability,
           qPrintable(QStringLiteral("P(constant) = %1").arg(s.probability)));
  QVERIFY(s.fvar > 0.3);

  const std::vector<Block> blocks = eventBlocks(ev.times, 0.05, ev.gti);
  QVERIFY(blocks.size() >= 3);
  // Quiescent level: the block with the most exposure; flare blocks: above twice that rate.
  const Block quiet =
      *std::max_element(blocks.begin(), blocks.end(),
                        [](const Block& a, const Block& b) { return a.exposure < b.exposure; });
  double foundStart = NAN, foundEnd = NAN;
  for (const Block& b : blocks) {
    if (b.rate() > 2.0 * quiet.rate()) {
      if (std::isnan(foundStart)) foundStart = b.start;
      foundEnd = b.stop;
    }
  }
  qInfo("flare start %.1f (truth %.1f, %+.1f s), end %.1f (truth %.1f, %+.1f s)", foundStart, start,
        foundStart - start, foundEnd, end, foundEnd - end);
  XSKY_COMPARE_NEAR(foundStart, start, kBinS);
  XSKY_COMPARE_NEAR(foundEnd, end, kBinS);
}

void TestTimingDemo::constantSourceNotFlagged_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<QString>("events");
  QTest::newRow("SRC01 obs 2") << "SRC01"
                               << "0901230201/pn_events.fits";
  QTest::newRow("SRC01 obs 3") << "SRC01"
                               << "0901230301/pn_events.fits";
}

void TestTimingDemo::constantSourceNotFlagged() {
  QFETCH(QString, id);
  QFETCH(QString, events);
  QCOMPARE(source(id)[QStringLiteral("variability")].toObject()[QStringLiteral("type")].toString(),
           QStringLiteral("none"));
  const EventTimes ev = readEventTimes(demo_.filePath(events), regionFor(id));
  QVERIFY(ev.times.size() > 1000);
  const LightCurveBand lc = binEvents(ev.times, ev.gti, kBinS);
  const VariabilityStats s = variability(lc.rate, lc.error);
  QVERIFY2(s.probability > kVariableProbability,
           qPrintable(QStringLiteral("P(constant) = %1").arg(s.probability)));
  QCOMPARE(eventBlocks(ev.times, 0.05, ev.gti).size(), size_t(1));
}

void TestTimingDemo::pulsarFound_data() {
  QTest::addColumn<int>("method");
  QTest::addColumn<double>("fmin");
  QTest::addColumn<double>("fmax");
  QTest::newRow("rayleigh") << static_cast<int>(PeriodogramMethod::Rayleigh) << 0.05 << 0.2;
  QTest::newRow("z2_2") << static_cast<int>(PeriodogramMethod::Z2) << 0.07 << 0.2;
  // H-test up to 20 harmonics: kept below 0.6 Hz, where the 20th harmonic stays clear of the pn
  // frame frequency (13.6 Hz, the simulated times are frame-quantised).
  QTest::newRow("htest") << static_cast<int>(PeriodogramMethod::HTest) << 0.09 << 0.12;
  QTest::newRow("lomb-scargle") << static_cast<int>(PeriodogramMethod::LombScargle) << 0.05 << 0.2;
}

void TestTimingDemo::pulsarFound() {
  QFETCH(int, method);
  QFETCH(double, fmin);
  QFETCH(double, fmax);
  const QJsonObject var = source(QStringLiteral("SRC06"))[QStringLiteral("variability")].toObject();
  const double ftrue = 1.0 / var[QStringLiteral("period_s")].toDouble();
  QVERIFY(std::abs(var[QStringLiteral("period_s")].toDouble() - 9.4321) < 1e-9);
  const EventTimes ev = readEventTimes(demo_.filePath(QStringLiteral("0901230101/pn_events.fits")),
                                       regionFor(QStringLiteral("SRC06")));
  const double span = ev.span();
  QVERIFY(span > 30000);
  PeriodogramOptions opt;
  opt.method = static_cast<PeriodogramMethod>(method);
  opt.harmonics = 2;
  opt.epoch = ev.gti.start();
  const FrequencyGrid grid = makeFrequencyGrid(fmin, fmax, span, 5);
  const PeriodogramResult r = searchPeriodogram(ev.times, grid, opt, span);
  qInfo(
      "%s: best %.8f Hz (truth %.8f, resolution %.2e), power %.1f, FAP %.2e single, %.2e over "
      "%lld trials (%.1f sigma)",
      qPrintable(periodogramMethodName(opt.method)), r.bestFrequency, ftrue, 1.0 / span,
      r.bestPower, r.singleTrialFap, r.multiTrialFap, r.trials, gaussianSigma(r.multiTrialFap));
  XSKY_COMPARE_NEAR(r.bestFrequency, ftrue, 1.0 / span);
  QVERIFY(gaussianSigma(r.multiTrialFap) > 5.0);
  // A constant source over the same grid is not detected at 3 sigma.
  const EventTimes quiet =
      readEventTimes(demo_.filePath(QStringLiteral("0901230101/pn_events.fits")),
                     regionFor(QStringLiteral("SRC01")));
  const PeriodogramResult q = searchPeriodogram(quiet.times, grid, opt, span);
  QVERIFY2(q.multiTrialFap > 2.7e-3, qPrintable(QString::number(q.multiTrialFap)));
  // Folded at the truth: strongly non-uniform.
  const FoldedProfile p = foldEvents(ev.times, ftrue, 0.0, opt.epoch, 16);
  QVERIFY(p.probability < 1e-10);
}

QTEST_GUILESS_MAIN(TestTimingDemo)
#include "tst_timing_demo.moc"
