// Model components against values computed by hand from their published formulae, the wabs
// cross-section against Morrison & McCammon (1983) Table 2 and the tabulated astromodels values,
// the expression parser and its error columns.

#include <QTest>
#include <cmath>
#include <numbers>

#include "TestSupport.h"
#include "fits/FitsFile.h"
#include "spectral/ModelExpression.h"
#include "spectral/Wabs.h"

using namespace xsky::spectral;

class TestSpectralModels : public QObject {
  Q_OBJECT

 private slots:
  void powerlawIntegral() {
    // K E^-Gamma over [1, 2] keV: Gamma = 2 -> K (1 - 1/2); Gamma = 1 -> K ln 2;
    // Gamma = 0 -> K (2 - 1); Gamma = 1.5 -> 2K (1 - 2^-0.5).
    XSKY_COMPARE_NEAR(xsky::spectral::powerlawIntegral(3.0, 2.0, 1.0, 2.0), 1.5, 1e-14);
    XSKY_COMPARE_NEAR(xsky::spectral::powerlawIntegral(3.0, 1.0, 1.0, 2.0), 3.0 * std::log(2.0),
                      1e-14);
    XSKY_COMPARE_NEAR(xsky::spectral::powerlawIntegral(3.0, 0.0, 1.0, 2.0), 3.0, 1e-14);
    XSKY_COMPARE_NEAR(xsky::spectral::powerlawIntegral(1.0, 1.5, 1.0, 2.0),
                      2.0 * (1.0 - std::sqrt(0.5)), 1e-14);
    // Through the model: two bins.
    auto m = Model::parse(QStringLiteral("powerlaw"));
    const std::vector<double> lo = {1.0, 2.0}, hi = {2.0, 4.0};
    double out[2];
    m.evaluate(std::vector<double>{2.0, 3.0}, lo, hi, out);
    XSKY_COMPARE_NEAR(out[0], 1.5, 1e-14);
    XSKY_COMPARE_NEAR(out[1], 0.75, 1e-14);
  }

  void wabsTable2() {
    // Hand-computed from Table 2: sigma = (c0 + c1 E + c2 E^2) E^-3 1e-24 cm^2.
    XSKY_COMPARE_NEAR(wabsCrossSection(1.0) / 1e-24, 120.6 + 169.3 - 47.7, 1e-9);
    XSKY_COMPARE_NEAR(wabsCrossSection(0.5) / 1e-24, (71.4 + 66.8 * 0.5 - 51.4 * 0.25) / 0.125,
                      1e-9);
    XSKY_COMPARE_NEAR(wabsCrossSection(6.0) / 1e-24, (433.9 - 2.4 * 6 + 0.75 * 36) / 216.0, 1e-9);
    XSKY_COMPARE_NEAR(wabsCrossSection(0.3) / 1e-24, (78.1 + 18.8 * 0.3 + 4.3 * 0.09) / 0.027,
                      1e-9);
    // Above 10 keV: sigma E^3 stays at 701.2 + 25.2 * 10 = 953.2.
    XSKY_COMPARE_NEAR(wabsCrossSection(20.0) / 1e-24, 953.2 / 8000.0, 1e-12);
    // The transmission of nH = 1e22 at 1 keV: exp(-2.422).
    XSKY_COMPARE_NEAR(wabsTransmission(1.0, 1.0), std::exp(-2.422), 1e-12);
  }

  void wabsAgainstAstromodelsTable() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    // The BSD-3 astromodels wabs table (1e-22 cm^2 per H atom), an independent evaluation of the
    // same published coefficients. Compared away from the edges, where interpolation in the
    // table would blur the jump.
    auto file = xsky::fits::FitsFile::open(xsky::test::sharedData(
        QStringLiteral("absorption/astromodels_xsect/xsect_wabs_angr.fits")));
    file.moveTo(2);
    const auto energy = file.readColumn<double>(1);
    const auto sigma = file.readColumn<double>(2);
    int compared = 0;
    for (size_t i = 0; i < energy.size(); i += 97) {
      const double e = energy[i];
      if (e < 0.1 || e > 10.0) continue;
      const double mine = wabsCrossSection(e) / 1e-22;
      QVERIFY2(std::abs(mine / sigma[i] - 1.0) < 1e-3,
               qPrintable(QStringLiteral("E %1: %2 vs %3").arg(e).arg(mine).arg(sigma[i])));
      ++compared;
    }
    QVERIFY(compared > 50);
  }

  void gaussianAndBbody() {
    auto m = Model::parse(QStringLiteral("gaussian"));
    double out[1];
    // The whole line inside a wide bin; half of it above the centre.
    m.evaluate(std::vector<double>{6.4, 0.1, 2.0}, std::vector<double>{5.0},
               std::vector<double>{8.0}, out);
    XSKY_COMPARE_NEAR(out[0], 2.0, 1e-12);
    m.evaluate(std::vector<double>{6.4, 0.1, 2.0}, std::vector<double>{6.4},
               std::vector<double>{8.0}, out);
    XSKY_COMPARE_NEAR(out[0], 1.0, 1e-12);
    // bbody over a narrow bin: 8.0525 K E^2 dE / (kT^4 (e^{E/kT} - 1)) at E = 1, kT = 1.
    auto b = Model::parse(QStringLiteral("bbody"));
    b.evaluate(std::vector<double>{1.0, 1.0}, std::vector<double>{0.9995},
               std::vector<double>{1.0005}, out);
    XSKY_COMPARE_NEAR(out[0] / 0.001, 8.0525 / std::expm1(1.0), 1e-6);
    // Its integral over all energies, 8.0525 Gamma(3) zeta(3) for kT = 1, from 0.1 keV bins.
    std::vector<double> blo, bhi;
    for (int i = 0; i < 600; ++i) {
      blo.push_back(i * 0.1 + 1e-9);
      bhi.push_back((i + 1) * 0.1 + 1e-9);
    }
    std::vector<double> bins(blo.size());
    b.evaluate(std::vector<double>{1.0, 1.0}, blo, bhi, bins.data());
    double sum = 0.0;
    for (double v : bins) sum += v;
    XSKY_COMPARE_NEAR(sum / (8.0525 * 2.0 * 1.2020569031595942), 1.0, 1e-6);
    // One bin of 5 kT is split, and agrees with the fine bins to 1e-6.
    b.evaluate(std::vector<double>{1.0, 1.0}, std::vector<double>{1.0}, std::vector<double>{6.0},
               out);
    double fine = 0.0;
    for (int i = 10; i < 60; ++i) fine += bins[size_t(i)];
    XSKY_COMPARE_NEAR(out[0] / fine, 1.0, 1e-6);
  }

  void expressionParameters() {
    auto m = Model::parse(QStringLiteral("wabs*(powerlaw+gaussian) + powerlaw"));
    const auto& p = m.parameters();
    QCOMPARE(int(p.size()), 8);
    QCOMPARE(p[0].fullName(), QStringLiteral("wabs.nH"));
    QCOMPARE(p[1].fullName(), QStringLiteral("powerlaw.PhoIndex"));
    QCOMPARE(p[6].fullName(), QStringLiteral("powerlaw_2.PhoIndex"));
    QCOMPARE(m.findParameter(QStringLiteral("3")), 2);
    QCOMPARE(m.findParameter(QStringLiteral("gaussian.LineE")), 3);
    QCOMPARE(m.findParameter(QStringLiteral("nothing.x")), -1);
    // Product and sum: constant*wabs*powerlaw = 2 * exp(-nH sigma) * powerlaw.
    auto c = Model::parse(QStringLiteral("constant*wabs*powerlaw"));
    double out[1];
    c.evaluate(std::vector<double>{2.0, 0.5, 2.0, 1.0}, std::vector<double>{1.0},
               std::vector<double>{2.0}, out);
    XSKY_COMPARE_NEAR(out[0], 2.0 * wabsTransmission(0.5, 1.5) * 0.5, 1e-14);
  }

  void expressionErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::newRow("typo") << "wabs*powerlw" << 6;
    QTest::newRow("unclosed") << "wabs*(powerlaw+bbody" << 21;
    QTest::newRow("dangling") << "powerlaw+" << 10;
    QTest::newRow("stray") << "powerlaw)" << 9;
    QTest::newRow("two additive") << "powerlaw*bbody" << 10;
    QTest::newRow("no additive") << "wabs" << 1;
    QTest::newRow("empty") << "  " << 3;
  }

  void expressionErrors() {
    QFETCH(QString, text);
    QFETCH(int, column);
    try {
      Model::parse(text);
      QFAIL("parsed");
    } catch (const ModelSyntaxError& e) {
      QCOMPARE(e.column(), column);
    }
  }
};

QTEST_GUILESS_MAIN(TestSpectralModels)
#include "tst_spectral_models.moc"
