// xsky-cli timing stats/blocks/search/fold: JSON output on the demo sky and the real light
// curves, and clear usage errors.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "timing/IncompleteGamma.h"

using namespace xsky;

class TestTimingCli : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void stats();
  void blocksOnEvents();
  void blocksOnLightCurve();
  void search();
  void fold();
  void badUsage();
  void longTerm();

 private:
  QJsonObject run(const QStringList& args);
  QTemporaryDir dir_;
  QString pn1_, pn2_, pulsarReg_, flareReg_;
};

QJsonObject TestTimingCli::run(const QStringList& args) {
  QByteArray out, err;
  const int code = test::runCli(QStringList{QStringLiteral("timing")} + args, &out, &err);
  if (code != 0) qWarning("exit %d: %s", code, err.constData());
  return code == 0 ? QJsonDocument::fromJson(out).object() : QJsonObject();
}

void TestTimingCli::initTestCase() {
  QVERIFY(dir_.isValid());
  QByteArray out, err;
  QCOMPARE(
      test::runCli({QStringLiteral("simulate"), QStringLiteral("-o"), dir_.path()}, &out, &err), 0);
  pn1_ = dir_.filePath(QStringLiteral("0901230101/pn_events.fits"));
  pn2_ = dir_.filePath(QStringLiteral("0901230201/pn_events.fits"));
  // SRC06 (pulsar) and SRC04 (flaring star) positions as core/sim/FieldModel.cpp places them.
  QFile f(dir_.filePath(QStringLiteral("truth.json")));
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QJsonObject truth = QJsonDocument::fromJson(f.readAll()).object();
  for (const QJsonValue& v : truth[QStringLiteral("sources")].toArray()) {
    const QJsonObject s = v.toObject();
    const QString id = s[QStringLiteral("id")].toString();
    if (id != QLatin1String("SRC06") && id != QLatin1String("SRC04")) continue;
    const QString path = dir_.filePath(id + QStringLiteral(".reg"));
    QFile r(path);
    QVERIFY(r.open(QIODevice::WriteOnly));
    r.write(QStringLiteral("fk5\ncircle(%1,%2,20\")\n")
                .arg(s[QStringLiteral("ra")].toDouble(), 0, 'f', 7)
                .arg(s[QStringLiteral("dec")].toDouble(), 0, 'f', 7)
                .toUtf8());
    (id == QLatin1String("SRC06") ? pulsarReg_ : flareReg_) = path;
  }
  QVERIFY(!pulsarReg_.isEmpty() && !flareReg_.isEmpty());
}

void TestTimingCli::stats() {
  if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  const QJsonObject o =
      run({QStringLiteral("stats"),
           test::sharedData(QStringLiteral("lightcurves/stingray__lcurve_new.fits")),
           QStringLiteral("--json")});
  const QJsonArray bands = o[QStringLiteral("bands")].toArray();
  QCOMPARE(bands.size(), 1);
  const QJsonObject b = bands[0].toObject();
  QCOMPARE(b[QStringLiteral("dof")].toInt(), 10);
  QVERIFY(b[QStringLiteral("poisson_errors")].toBool());
  XSKY_COMPARE_NEAR(b[QStringLiteral("probability")].toDouble(),
                    timing::chiSquareSurvival(b[QStringLiteral("chi2")].toDouble(), 10), 1e-12);
  QVERIFY(b.contains(QStringLiteral("fvar")) && b.contains(QStringLiteral("fvar_error")));
  XSKY_COMPARE_NEAR(b[QStringLiteral("max_min_ratio")].toDouble(), 1.07 / 0.68, 1e-5);
  const QJsonObject e =
      run({QStringLiteral("stats"),
           test::sharedData(QStringLiteral("lightcurves/stingray__LightCurve_bexvar.fits")),
           QStringLiteral("--json")});
  QCOMPARE(e[QStringLiteral("bands")].toArray().size(), 3);
  QCOMPARE(e[QStringLiteral("time_system")].toString(), QStringLiteral("TT"));
}

void TestTimingCli::blocksOnEvents() {
  const QJsonObject o =
      run({QStringLiteral("blocks"), pn2_, QStringLiteral("--region"), flareReg_,
           QStringLiteral("--p0"), QStringLiteral("0.05"), QStringLiteral("--json")});
  QCOMPARE(o[QStringLiteral("kind")].toString(), QStringLiteral("events"));
  QCOMPARE(o[QStringLiteral("time_system")].toString(), QStringLiteral("TT"));
  const QJsonArray blocks =
      o[QStringLiteral("series")].toArray()[0].toObject()[QStringLiteral("blocks")].toArray();
  QVERIFY(blocks.size() >= 3);
  double maxRate = 0;
  for (const QJsonValue& b : blocks) {
    const QJsonObject x = b.toObject();
    QVERIFY(x[QStringLiteral("stop")].toDouble() > x[QStringLiteral("start")].toDouble());
    maxRate = std::max(maxRate, x[QStringLiteral("rate")].toDouble());
  }
  QVERIFY(maxRate > 0.2);  // the flare peak (quiescent about 0.035 /s)
}

void TestTimingCli::blocksOnLightCurve() {
  if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  const QJsonObject o =
      run({QStringLiteral("blocks"),
           test::sharedData(QStringLiteral("lightcurves/stingray__lcurve_new.fits")),
           QStringLiteral("--json")});
  QCOMPARE(o[QStringLiteral("kind")].toString(), QStringLiteral("light curve"));
  const QJsonArray blocks =
      o[QStringLiteral("series")].toArray()[0].toObject()[QStringLiteral("blocks")].toArray();
  QVERIFY(!blocks.isEmpty());
  XSKY_COMPARE_NEAR(blocks[0].toObject()[QStringLiteral("start")].toDouble(), -50.0, 1e-9);
}

void TestTimingCli::search() {
  const QJsonObject o =
      run({QStringLiteral("search"), pn1_, QStringLiteral("--region"), pulsarReg_,
           QStringLiteral("--fmin"), QStringLiteral("0.05"), QStringLiteral("--fmax"),
           QStringLiteral("0.2"), QStringLiteral("--method"), QStringLiteral("rayleigh"),
           QStringLiteral("--json")});
  const double span = o[QStringLiteral("span_s")].toDouble();
  QVERIFY(span > 30000);
  XSKY_COMPARE_NEAR(o[QStringLiteral("best_frequency")].toDouble(), 1.0 / 9.4321, 1.0 / span);
  XSKY_COMPARE_NEAR(o[QStringLiteral("step_hz")].toDouble(), 1.0 / (5 * span), 1e-15);
  QCOMPARE(o[QStringLiteral("trials")].toDouble(), static_cast<double>(std::llround(0.15 * span)));
  QVERIFY(o[QStringLiteral("single_trial_fap")].toDouble() <=
          o[QStringLiteral("multi_trial_fap")].toDouble());
  QVERIFY(o[QStringLiteral("significance_sigma")].toDouble() > 5);
  const QJsonObject h =
      run({QStringLiteral("search"), pn1_, QStringLiteral("--region"), pulsarReg_,
           QStringLiteral("--fmin"), QStringLiteral("0.1"), QStringLiteral("--fmax"),
           QStringLiteral("0.11"), QStringLiteral("--method"), QStringLiteral("h"),
           QStringLiteral("--json")});
  XSKY_COMPARE_NEAR(h[QStringLiteral("best_frequency")].toDouble(), 1.0 / 9.4321, 1.0 / span);
  QCOMPARE(h[QStringLiteral("method")].toString(), QStringLiteral("h"));
}

void TestTimingCli::fold() {
  const QJsonObject o =
      run({QStringLiteral("fold"), pn1_, QStringLiteral("--region"), pulsarReg_,
           QStringLiteral("--freq"), QString::number(1.0 / 9.4321, 'g', 17),
           QStringLiteral("--nbins"), QStringLiteral("8"), QStringLiteral("--json")});
  const QJsonArray counts = o[QStringLiteral("counts")].toArray();
  QCOMPARE(counts.size(), 8);
  double total = 0;
  for (const QJsonValue& c : counts) total += c.toDouble();
  QCOMPARE(total, o[QStringLiteral("events")].toDouble());
  QCOMPARE(o[QStringLiteral("dof")].toInt(), 7);
  QVERIFY(o[QStringLiteral("probability")].toDouble() < 1e-10);
  // Pulsed fraction 0.42 injected (sinusoid): the binned (max-min)/(max+min) is close.
  XSKY_COMPARE_NEAR(o[QStringLiteral("pulsed_fraction")].toDouble(), 0.42, 0.12);
}

void TestTimingCli::badUsage() {
  QByteArray out, err;
  QCOMPARE(test::runCli({QStringLiteral("timing"), QStringLiteral("search"), pn1_}, &out, &err), 2);
  QVERIFY(err.contains("--fmin"));
  QCOMPARE(test::runCli({QStringLiteral("timing"), QStringLiteral("nope")}, &out, &err), 2);
  QCOMPARE(
      test::runCli({QStringLiteral("timing"), QStringLiteral("search"), pn1_,
                    QStringLiteral("--fmin"), QStringLiteral("0"), QStringLiteral("--fmax"),
                    QStringLiteral("5000"), QStringLiteral("--oversample"), QStringLiteral("1000")},
                   &out, &err),
      1);
  QVERIFY2(err.contains("trial frequencies"), err.constData());
  QCOMPARE(test::runCli({QStringLiteral("timing"), QStringLiteral("blocks"), pn1_,
                         QStringLiteral("--p0"), QStringLiteral("2")},
                        &out, &err),
           2);
  QVERIFY2(err.contains("p0"), err.constData());
}

// The long-term light curve of SRC01 across the three observations (pn): detected each time,
// the rates those the extraction reports, and the max/min ratio that of the simulator's count
// rates (0.2745 / 0.2511) within 3 sigma; a blank field gives upper limits and no ratio.
void TestTimingCli::longTerm() {
  QFile f(dir_.filePath(QStringLiteral("truth.json")));
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QJsonObject src = QJsonDocument::fromJson(f.readAll()).object()[QStringLiteral("sources")].toArray()[0].toObject();
  double truthMax = 0, truthMin = 1e9;
  for (const QJsonValue& o : src[QStringLiteral("observations")].toArray()) {
    const double r = o.toObject()[QStringLiteral("cameras")].toObject()[QStringLiteral("pn")].toObject()[QStringLiteral("mean_count_rate")].toDouble();
    truthMax = std::max(truthMax, r);
    truthMin = std::min(truthMin, r);
  }
  const QString ra = QString::number(src[QStringLiteral("ra")].toDouble(), 'f', 7);
  const QString dec = QString::number(src[QStringLiteral("dec")].toDouble(), 'f', 7);
  auto extract = [&](const QString& name, const QString& regionText) {
    const QString reg = dir_.filePath(name + QStringLiteral(".reg"));
    QFile r(reg);
    if (!r.open(QIODevice::WriteOnly)) return QStringList();
    r.write(regionText.toUtf8());
    r.close();
    QStringList spectra;
    for (const char* obs : {"0901230101", "0901230201", "0901230301"}) {
      const QString pha = dir_.filePath(name + QStringLiteral("_%1.pha").arg(QLatin1String(obs)));
      QByteArray out, err;
      if (test::runCli({QStringLiteral("extract"), QStringLiteral("--events"),
                        dir_.filePath(QStringLiteral("%1/pn_events.fits").arg(QLatin1String(obs))), QStringLiteral("--region"), reg,
                        QStringLiteral("--spectrum"), pha, QStringLiteral("--json")},
                       &out, &err) != 0) {
        qWarning("%s", err.constData());
        return QStringList();
      }
      spectra << pha << QString::number(
                            QJsonDocument::fromJson(out).object()[QStringLiteral("observations")].toArray()[0].toObject()[QStringLiteral("net_rate")].toDouble(),
                            'g', 17);
    }
    return spectra;
  };
  const QStringList source = extract(QStringLiteral("lt_src"), QStringLiteral("fk5\ncircle(%1,%2,30\")\nannulus(%1,%2,60\",120\") # background\n").arg(ra, dec));
  QCOMPARE(source.size(), 6);
  const QJsonObject lc = run({QStringLiteral("longterm"), source[0], source[2], source[4], QStringLiteral("--json")});
  const QJsonArray points = lc[QStringLiteral("points")].toArray();
  QCOMPARE(points.size(), 3);
  for (int i = 0; i < 3; ++i) {
    const QJsonObject p = points[i].toObject();
    QVERIFY(p[QStringLiteral("detected")].toBool());
    XSKY_COMPARE_NEAR(p[QStringLiteral("rate")].toDouble(), source[2 * i + 1].toDouble(), 1e-9 * source[2 * i + 1].toDouble());
  }
  const double ratio = lc[QStringLiteral("max_min_ratio")].toDouble();
  QVERIFY(!lc[QStringLiteral("ratio_is_lower_limit")].toBool());
  QVERIFY(!lc[QStringLiteral("flagged")].toBool());
  const double sigma = ratio * std::hypot(points[0].toObject()[QStringLiteral("error_high")].toDouble() / 0.2,
                                          points[2].toObject()[QStringLiteral("error_high")].toDouble() / 0.2);
  QVERIFY2(std::abs(ratio - truthMax / truthMin) < 3 * sigma,
           qPrintable(QStringLiteral("ratio %1, truth %2, sigma %3").arg(ratio).arg(truthMax / truthMin).arg(sigma)));
  // A blank place: upper limits only.
  const QStringList blank = extract(QStringLiteral("lt_blank"), QStringLiteral("fk5\ncircle(150.17,2.12,20\")\nannulus(150.17,2.12,40\",80\") # background\n"));
  QCOMPARE(blank.size(), 6);
  const QJsonObject none = run({QStringLiteral("longterm"), blank[0], blank[2], blank[4], QStringLiteral("--json")});
  for (const QJsonValue& v : none[QStringLiteral("points")].toArray()) {
    QVERIFY(!v.toObject()[QStringLiteral("detected")].toBool());
    QVERIFY(v.toObject()[QStringLiteral("upper_limit")].toDouble() > 0);
  }
  QVERIFY(none[QStringLiteral("max_min_ratio")].isNull());
}

QTEST_GUILESS_MAIN(TestTimingCli)
#include "tst_timing_cli.moc"
