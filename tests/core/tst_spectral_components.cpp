// The model components added for issue #7 (cutoffpl, bknpower, bbodyrad, diskbb, bremss,
// lorentz, phabs, tbabs) against values computed independently from their published formulae,
// and the phabs/tbabs tables against the full astromodels tabulations they were generated from.
//
// The bin integrals below were computed with scipy.integrate.quad (relative tolerance 1e-11)
// by tests/oracles/spectral_components_oracle.py, e.g. for diskbb the radial integral itself:
//   C = 1.0344e-3
//   def diskbb(e, tin, norm):
//       annulus = lambda x: x * e * e / np.expm1(e / (tin * x ** -0.75))
//       return 2 * C * norm * quad(annulus, 1, np.inf)[0]
//   quad(lambda e: diskbb(e, 1.2, 50), 1, 2)   # -> 0.239685319054
// and for bremss the Born gaunt factor: norm * sqrt(3)/pi * k0e(x/2) * exp(-x) / (e sqrt(kT)).

#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "fits/FitsFile.h"
#include "spectral/ContinuumComponents.h"
#include "spectral/ModelExpression.h"
#include "spectral/TabulatedAbsorption.h"

using namespace xsky::spectral;

namespace {

struct BinCase {
  const char* component;
  std::vector<double> parameters;
  double lo, hi;
  double expected;  // photons cm^-2 s^-1 in the bin
};

// Output of tests/oracles/spectral_components_oracle.py.
const std::vector<BinCase>& binCases() {
  static const std::vector<BinCase> cases = {
      {"cutoffpl", {1.7, 15, 1}, 0.5, 1, 0.851426293923},
      {"cutoffpl", {1.7, 15, 1}, 1, 2, 0.500234672315},
      {"cutoffpl", {1.7, 15, 1}, 5, 10, 0.112005684018},
      {"cutoffpl", {1.7, 15, 1}, 20, 40, 0.0111058761917},
      {"cutoffpl", {-0.5, 3, 0.2}, 0.2, 0.3, 0.00918029094025},
      {"cutoffpl", {-0.5, 3, 0.2}, 2, 8, 0.527065885436},
      {"bknpower", {1.5, 3, 2.5, 2}, 1, 2, 1.17157287525},
      {"bknpower", {1.5, 3, 2.5, 2}, 2, 4, 0.788826406907},
      {"bknpower", {1.5, 3, 2.5, 2}, 5, 10, 0.231279769993},
      {"bbodyrad", {0.5, 100}, 0.1, 0.2, 0.000661572966779},
      {"bbodyrad", {0.5, 100}, 0.5, 0.6, 0.00155918782904},
      {"bbodyrad", {0.5, 100}, 1, 3, 0.0167298702157},
      {"bbodyrad", {0.5, 100}, 3, 5, 0.00153258608068},
      {"diskbb", {1.2, 50}, 0.1, 0.2, 0.155407378681},
      {"diskbb", {1.2, 50}, 0.5, 0.6, 0.0599306415256},
      {"diskbb", {1.2, 50}, 1, 2, 0.239685319054},
      {"diskbb", {1.2, 50}, 3, 6, 0.0961681997351},
      {"diskbb", {1.2, 50}, 8, 12, 0.00273633518852},
      {"diskbb", {0.3, 1000}, 0.3, 0.5, 0.0545297896572},
      {"diskbb", {0.3, 1000}, 1, 2, 0.0158208755485},
      {"bremss", {5, 1}, 0.2, 0.3, 0.373206177442},
      {"bremss", {5, 1}, 1, 2, 0.309882079484},
      {"bremss", {5, 1}, 5, 7, 0.0364252579775},
      {"bremss", {5, 1}, 20, 30, 0.000665793065895},
      {"bremss", {0.8, 0.01}, 0.5, 1, 0.00286271210779},
      {"lorentz", {6.4, 0.3, 2}, 6.3, 6.5, 0.748668167244},
      {"lorentz", {6.4, 0.3, 2}, 5, 6, 0.160450462814},
      {"lorentz", {6.4, 0.3, 2}, 6.4, 8, 0.940490832857},
  };
  return cases;
}

/// Cross-sections (1e-22 cm^2 per H atom) read from the astromodels tables at some of their
/// own energies (printed by the same oracle), so that the check runs without ../shared/data.
struct TablePoint {
  double energy, sigma;
};
constexpr TablePoint kPhabsPoints[] = {{0.100026496, 606.712341}, {0.192336708, 95.2351532},
                                       {0.376159966, 14.8013306}, {0.987165868, 2.58902621},
                                       {1.41458833, 1.04854524},  {3.64992833, 0.0886461809},
                                       {6.93328524, 0.014237606}, {19.9947033, 0.00162296987}};
constexpr TablePoint kTbabsPoints[] = {{0.100026496, 608.920471},   {0.192336708, 95.5035553},
                                       {0.376159966, 14.0049982},   {0.987165868, 1.79878926},
                                       {1.41458833, 0.714253962},   {3.64992833, 0.0581047796},
                                       {6.93328524, 0.00924317166}, {19.9947033, 0.000975893578}};

double evaluateOne(const char* expression, const std::vector<double>& values, double lo,
                   double hi) {
  auto m = Model::parse(QLatin1String(expression));
  double out = 0.0;
  m.evaluate(values, std::vector<double>{lo}, std::vector<double>{hi}, &out);
  return out;
}

}  // namespace

class TestSpectralComponents : public QObject {
  Q_OBJECT

 private slots:
  void parametersAsXspec() {
    struct Expect {
      const char* expression;
      std::vector<const char*> names;
      std::vector<double> defaults;
    };
    const std::vector<Expect> expected = {
        {"cutoffpl", {"PhoIndex", "HighECut", "norm"}, {1.0, 15.0, 1.0}},
        {"bknpower", {"PhoIndx1", "BreakE", "PhoIndx2", "norm"}, {1.0, 5.0, 2.0, 1.0}},
        {"bbodyrad", {"kT", "norm"}, {3.0, 1.0}},
        {"diskbb", {"Tin", "norm"}, {1.0, 1.0}},
        {"bremss", {"kT", "norm"}, {7.0, 1.0}},
        {"lorentz", {"LineE", "Width", "norm"}, {6.5, 0.1, 1.0}},
        {"phabs*powerlaw", {"nH", "PhoIndex", "norm"}, {1.0, 1.0, 1.0}},
        {"tbabs*powerlaw", {"nH", "PhoIndex", "norm"}, {1.0, 1.0, 1.0}},
    };
    for (const auto& e : expected) {
      const auto m = Model::parse(QLatin1String(e.expression));
      QCOMPARE(m.parameters().size(), e.names.size());
      for (size_t i = 0; i < e.names.size(); ++i) {
        QCOMPARE(m.parameters()[i].name, QLatin1String(e.names[i]));
        QCOMPARE(m.parameters()[i].value, e.defaults[i]);
      }
    }
    const auto m = Model::parse(QStringLiteral("tbabs*diskbb"));
    QCOMPARE(m.parameters()[0].unit, QStringLiteral("10^22 atoms/cm^2"));
    QCOMPARE(m.parameters()[1].unit, QStringLiteral("keV"));
  }

  void binIntegrals_data() {
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < binCases().size(); ++i) {
      const BinCase& c = binCases()[i];
      QTest::newRow(qPrintable(QStringLiteral("%1 [%2,%3] #%4")
                                   .arg(QLatin1String(c.component))
                                   .arg(c.lo)
                                   .arg(c.hi)
                                   .arg(i)))
          << int(i);
    }
  }

  void binIntegrals() {
    QFETCH(int, index);
    const BinCase& c = binCases()[size_t(index)];
    const double value = evaluateOne(c.component, c.parameters, c.lo, c.hi);
    XSKY_COMPARE_NEAR(value, c.expected, 1e-6 * c.expected);
  }

  void binsAddUp() {
    // Splitting a bin in ten changes nothing (beyond 1e-9): the quadrature follows the curvature.
    for (const char* expression : {"cutoffpl", "bbodyrad", "diskbb", "bremss", "lorentz"}) {
      auto m = Model::parse(QLatin1String(expression));
      std::vector<double> values;
      for (const auto& p : m.parameters()) values.push_back(p.value);
      std::vector<double> lo, hi;
      for (int i = 0; i < 10; ++i) {
        lo.push_back(0.3 + 0.57 * i);
        hi.push_back(0.3 + 0.57 * (i + 1));
      }
      std::vector<double> fine(10);
      m.evaluate(values, lo, hi, fine.data());
      double whole = 0.0;
      m.evaluate(values, std::vector<double>{0.3}, std::vector<double>{6.0}, &whole);
      double sum = 0.0;
      for (double v : fine) sum += v;
      QVERIFY2(std::abs(sum / whole - 1.0) < 1e-9, expression);
    }
  }

  void diskbbIntegralLimits() {
    // G(0) = Gamma(8/3) zeta(8/3); scipy: gamma(8/3) * zeta(8/3) = 1.93216160909.
    XSKY_COMPARE_NEAR(diskbbIntegral(0.0), 1.93216160909, 1e-9);
    // scipy: quad(lambda u: u**(5/3)/np.expm1(u), 2.5, np.inf, epsrel=1e-13) = 0.71339690114
    XSKY_COMPARE_NEAR(diskbbIntegral(2.5) / 0.71339690114, 1.0, 1e-9);
    // scipy: the same from 40: 2.07174631221e-15
    XSKY_COMPARE_NEAR(diskbbIntegral(40.0) / 2.07174631221e-15, 1.0, 1e-8);
    QCOMPARE(diskbbIntegral(1000.0), 0.0);
  }

  void lorentzAndBknpowerExact() {
    // The whole Lorentzian over a wide symmetric bin: K (2/pi) atan(2 L / W).
    XSKY_COMPARE_NEAR(evaluateOne("lorentz", {6.0, 0.2, 3.0}, 1.0, 11.0),
                      3.0 * 2.0 / M_PI * std::atan(5.0 / 0.1), 1e-12);
    // Width 0: the line in the bin that holds it.
    QCOMPARE(evaluateOne("lorentz", {6.0, 0.0, 3.0}, 5.9, 6.1), 3.0);
    QCOMPARE(evaluateOne("lorentz", {6.0, 0.0, 3.0}, 6.1, 6.3), 0.0);
    // bknpower with equal indices is a power law.
    XSKY_COMPARE_NEAR(evaluateOne("bknpower", {1.8, 2.0, 1.8, 0.5}, 1.0, 4.0),
                      powerlawIntegral(0.5, 1.8, 1.0, 4.0), 1e-14);
  }

  void absorptionAtTableEnergies() {
    for (const auto& p : kPhabsPoints) {
      const double mine = tabulatedCrossSection(AbsorptionTable::PhabsAngr, p.energy) / 1e-22;
      XSKY_COMPARE_NEAR(mine / p.sigma, 1.0, 1e-4);
    }
    for (const auto& p : kTbabsPoints) {
      const double mine = tabulatedCrossSection(AbsorptionTable::TbabsWilm, p.energy) / 1e-22;
      XSKY_COMPARE_NEAR(mine / p.sigma, 1.0, 1e-4);
    }
    // Transmission through the model, at the bin mid-point: exp(-nH sigma).
    const double t = evaluateOne("phabs*powerlaw", {0.5, 0.0, 1.0}, 0.98, 0.994331736);
    XSKY_COMPARE_NEAR(t / 0.014331736, std::exp(-0.5 * 2.58902621), 2e-4);
    // Outside 0.1-20 keV sigma falls as E^-3 from the table's end points.
    XSKY_COMPARE_NEAR(tabulatedCrossSection(AbsorptionTable::PhabsAngr, 0.05) / 1e-22,
                      606.712341 * std::pow(0.100026496 / 0.05, 3), 1e-6 * 606.7 * 8);
    XSKY_COMPARE_NEAR(tabulatedCrossSection(AbsorptionTable::TbabsWilm, 40.0) / 1e-22,
                      0.000975893578 * std::pow(19.9947033 / 40.0, 3), 1e-12);
    QCOMPARE(tabulatedTransmission(AbsorptionTable::TbabsWilm, 0.0, 1.0), 1.0);
  }

  void absorptionAgainstFullTables_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("table");
    QTest::newRow("phabs angr") << "xsect_phabs_angr.fits" << int(AbsorptionTable::PhabsAngr);
    QTest::newRow("tbabs wilm") << "xsect_tbabs_wilm.fits" << int(AbsorptionTable::TbabsWilm);
  }

  void absorptionAgainstFullTables() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    QFETCH(QString, file);
    QFETCH(int, table);
    // Every one of the 10,000 points (edges included): relative error below 1e-3 (the generator
    // promises 5e-5 for log-log interpolation between its kept points).
    auto fits = xsky::fits::FitsFile::open(
        xsky::test::sharedData(QStringLiteral("absorption/astromodels_xsect/") + file));
    fits.moveTo(2);
    const auto energy = fits.readColumn<double>(1);
    const auto sigma = fits.readColumn<double>(2);
    QCOMPARE(int(energy.size()), 10000);
    double worst = 0.0;
    for (size_t i = 0; i < energy.size(); ++i) {
      const double mine = tabulatedCrossSection(AbsorptionTable(table), energy[i]) / 1e-22;
      worst = std::max(worst, std::abs(mine / sigma[i] - 1.0));
    }
    QVERIFY2(worst < 1e-3, qPrintable(QStringLiteral("worst relative error %1").arg(worst)));
    QVERIFY2(worst < 1e-4, qPrintable(QStringLiteral("worst relative error %1").arg(worst)));
  }
};

QTEST_GUILESS_MAIN(TestSpectralComponents)
#include "tst_spectral_components.moc"
