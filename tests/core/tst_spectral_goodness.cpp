// Goodness of fit by simulation (core/spectral/GoodnessOfFit.h) with the real 3c273 response:
// the Poisson deviates' moments and probabilities; the expected counts for each background
// treatment; spectra drawn from the model itself give fractions spread over (0, 1), a power law
// fitted to a spectrum with a strong line gives a fraction above 0.99; a fixed seed reproduces
// the result whatever the threads; cancellation; the CLI's --goodness and --seed.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "spectral/GoodnessOfFit.h"
#include "spectral/PoissonDeviates.h"

using namespace xsky::spectral;

namespace {

QString pha() { return xsky::test::sharedData(QStringLiteral("spectra/chandra_3c273/3c273.pi")); }

/// 3c273 as the file groups it, 0.5-7 keV.
SpectralData load3c273() {
  QStringList warnings;
  auto d = SpectralData::load(pha(), {}, &warnings);
  d.noticeEnergy(0.5, 7.0);
  return d;
}

std::vector<Parameter> withValues(const Model& m, const std::vector<double>& values) {
  std::vector<Parameter> p = m.parameters();
  for (size_t k = 0; k < values.size(); ++k) p[k].value = values[k];
  return p;
}

/// A spectrum drawn from `truth` at `values` (stream `index` of seed 7), as a problem of `fitted`.
FitProblem simulatedProblem(const SpectralData& d, const Model& truth,
                            const std::vector<double>& values, const Model& fitted,
                            StatisticKind statistic, std::uint64_t index) {
  const FitProblem truthProblem({&d}, &truth, {statistic, false});
  const auto counts = drawCounts(expectedCounts(truthProblem, withValues(truth, values)), 7, index);
  return FitProblem({&d}, &fitted, {statistic, false}).withCounts(counts);
}

}  // namespace

class TestSpectralGoodness : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Mean and variance equal the mean (4-sigma sampling bounds), for inversion (< 10) and PTRS
  // (>= 10); at mean 15 the frequencies of 5..25 follow the Poisson probabilities (chi-square
  // with 21 bins below 50); the same seed gives the same numbers, streams differ.
  void poissonDeviates() {
    constexpr int kDraws = 200000;
    for (const double mean : {0.3, 3.0, 9.5, 10.0, 15.0, 80.0, 2000.0}) {
      PoissonDeviates random(PoissonDeviates::streamSeed(11, std::uint64_t(mean * 10)));
      double sum = 0, sum2 = 0;
      std::vector<int> histogram(40, 0);
      for (int i = 0; i < kDraws; ++i) {
        const double k = random.poisson(mean);
        QCOMPARE(k, std::floor(k));
        QVERIFY(k >= 0);
        sum += k;
        sum2 += k * k;
        if (k < 40) ++histogram[size_t(k)];
      }
      const double m = sum / kDraws, var = sum2 / kDraws - m * m;
      XSKY_COMPARE_NEAR(m, mean, 4 * std::sqrt(mean / kDraws));
      // Var of the sample variance ~ (mu + 2 mu^2) / N for a Poisson variable.
      XSKY_COMPARE_NEAR(var, mean, 4 * std::sqrt((mean + 2 * mean * mean) / kDraws));
      if (mean == 15.0) {
        double chi2 = 0;
        for (int k = 5; k <= 25; ++k) {
          const double expected = kDraws * std::exp(-mean + k * std::log(mean) - logFactorial(k));
          chi2 += std::pow(histogram[size_t(k)] - expected, 2) / expected;
        }
        QVERIFY2(chi2 < 50, qPrintable(QString::number(chi2)));
      }
    }
    PoissonDeviates a(5), b(5), c(6);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
      const double x = a.poisson(20), y = b.poisson(20), z = c.poisson(20);
      QCOMPARE(x, y);
      differs = differs || x != z;
    }
    QVERIFY(differs);
    XSKY_COMPARE_NEAR(logFactorial(30), std::lgamma(31.0), 1e-12);
    XSKY_COMPARE_NEAR(logFactorial(200), std::lgamma(201.0), 1e-10);
  }

  // What is drawn: the folded model (no background in the statistic); model + r B with the
  // background subtracted; for wstat model + f and f / r per group, f = wstatBackground.
  void expectedCountsPerTreatment() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    const SpectralData d = load3c273();
    const Model m = Model::parse(QStringLiteral("powerlaw"));
    const auto best = withValues(m, {1.9, 1.8e-4});
    std::vector<double> model;
    d.foldChannels(m, parameterValues(best), &model);
    const auto& bkg = d.background()->counts;
    const auto plain = expectedCounts(FitProblem({&d}, &m, {StatisticKind::Cstat, false}), best);
    const auto subtracted =
        expectedCounts(FitProblem({&d}, &m, {StatisticKind::Chi2Gehrels, true}), best);
    const auto wstat = expectedCounts(FitProblem({&d}, &m, {StatisticKind::Wstat, false}), best);
    QVERIFY(plain[0].background.empty());
    QCOMPARE(subtracted[0].background, bkg);
    int checked = 0;
    for (size_t gi = 0; gi < d.groups().size(); ++gi) {
      if (!d.noticed()[gi]) continue;
      const ChannelGroup& g = d.groups()[gi];
      const double r = d.backgroundRatio(g);
      double S = 0, B = 0, mu = 0, ws = 0, wb = 0;
      for (int c : g.channels) {
        XSKY_COMPARE_NEAR(plain[0].source[size_t(c)], model[size_t(c)], 1e-12 * model[size_t(c)]);
        XSKY_COMPARE_NEAR(subtracted[0].source[size_t(c)], model[size_t(c)] + r * bkg[size_t(c)],
                          1e-9);
        S += d.source().counts[size_t(c)];
        B += bkg[size_t(c)];
        mu += model[size_t(c)];
        ws += wstat[0].source[size_t(c)];
        wb += wstat[0].background[size_t(c)];
      }
      const double f = wstatBackground(S, B, r, mu);
      XSKY_COMPARE_NEAR(ws, mu + f, 1e-9 * (mu + f));
      XSKY_COMPARE_NEAR(wb, f / r, 1e-9 * (f / r) + 1e-300);
      ++checked;
    }
    QCOMPARE(checked, 42);
  }

  // Twenty spectra drawn from a power law and fitted with one: their goodness fractions (40
  // simulations each, fixed seeds) spread over (0, 1) as a uniform variable's do (mean 0.5 with
  // sigma 0.065; 80 such spectra gave a mean of 0.497), and the first is not extreme. (With 40
  // simulations a fraction of exactly 0 or 1 has probability 1/41 for a good model: one in
  // twenty spectra may show it.)
  void modelItselfIsNotRejected() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    const SpectralData d = load3c273();
    const Model truth = Model::parse(QStringLiteral("powerlaw"));
    Model m = Model::parse(QStringLiteral("powerlaw"));
    std::vector<double> fractions;
    for (std::uint64_t i = 0; i < 20; ++i) {
      const FitProblem data =
          simulatedProblem(d, truth, {1.9, 1.8e-4}, m, StatisticKind::Chi2Gehrels, i);
      std::vector<Parameter> best = withValues(m, {2.0, 1.5e-4});
      QVERIFY(fitParameters(data, &best).converged);
      GoodnessOptions options;
      options.simulations = 40;
      options.seed = 100 + i;
      const GoodnessResult g = goodnessOfFit(data, best, options);
      QCOMPARE(g.simulations, 40);
      QCOMPARE(g.failed, 0);
      fractions.push_back(g.fractionLower);
    }
    double mean = 0, lowest = 1, highest = 0;
    for (double f : fractions) {
      mean += f / fractions.size();
      lowest = std::min(lowest, f);
      highest = std::max(highest, f);
    }
    qInfo("fractions of 20 spectra drawn from the model: mean %.3f, from %.3f to %.3f", mean,
          lowest, highest);
    QVERIFY2(fractions[0] > 0.05 && fractions[0] < 0.95, qPrintable(QString::number(fractions[0])));
    QVERIFY(lowest < 0.3 && highest > 0.7);
    XSKY_COMPARE_NEAR(mean, 0.5, 0.2);
  }

  // A power law fitted to a power law with a strong narrow line at 2 keV (~300 of ~1000 counts):
  // every simulation from the (wrong) best fit fits better than the data.
  void wrongModelIsRejected() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    const SpectralData d = load3c273();
    const Model truth = Model::parse(QStringLiteral("powerlaw+gaussian"));
    Model m = Model::parse(QStringLiteral("powerlaw"));
    const FitProblem data = simulatedProblem(d, truth, {1.9, 1.8e-4, 2.0, 0.03, 2e-5}, m,
                                             StatisticKind::Chi2Gehrels, 42);
    std::vector<Parameter> best = withValues(m, {2.0, 1.5e-4});
    const FitResult r = fitParameters(data, &best);
    GoodnessOptions options;
    options.simulations = 100;
    const GoodnessResult g = goodnessOfFit(data, best, options);
    qInfo("line spectrum: statistic %.1f for %d dof; fraction lower %.3f", r.statistic, r.dof,
          g.fractionLower);
    QCOMPARE(g.simulations, 100);
    QVERIFY2(g.fractionLower > 0.99, qPrintable(QString::number(g.fractionLower)));
    QCOMPARE(g.observed, r.statistic);
  }

  // wstat draws the background too; the result repeats exactly with the same seed (the threads
  // run the simulations in any order) and changes with another seed.
  void wstatAndReproducible() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    const SpectralData d = load3c273();
    Model m = Model::parse(QStringLiteral("powerlaw"));
    const FitProblem problem({&d}, &m, {StatisticKind::Wstat, false});
    std::vector<Parameter> best = withValues(m, {1.9, 1.8e-4});
    QVERIFY(fitParameters(problem, &best).converged);
    GoodnessOptions options;
    options.simulations = 24;
    options.seed = 3;
    const GoodnessResult a = goodnessOfFit(problem, best, options);
    const GoodnessResult b = goodnessOfFit(problem, best, options);
    QCOMPARE(a.statistics, b.statistics);
    QCOMPARE(a.failed, 0);
    qInfo("wstat on 3c273: fraction lower %.3f", a.fractionLower);
    QVERIFY(a.fractionLower > 0.02 && a.fractionLower < 0.98);
    options.seed = 4;
    QVERIFY(goodnessOfFit(problem, best, options).statistics != a.statistics);
    int calls = 0;
    const xsky::ProgressFn stop = [&](double, const QString&) { return ++calls < 3; };
    QVERIFY_THROWS_EXCEPTION(xsky::Cancelled, goodnessOfFit(problem, best, options, stop));
  }

  // `fit --goodness 30 --seed 9 --json`: the goodness object beside the unchanged keys, the same
  // seed twice gives the same fraction; bad values are usage errors.
  void cli() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    const QStringList base{
        QStringLiteral("fit"),     QStringLiteral("--data"),   pha(),
        QStringLiteral("--model"), QStringLiteral("powerlaw"), QStringLiteral("--notice"),
        QStringLiteral("0.5:7")};
    double fraction[2] = {0, 0};
    for (int run = 0; run < 2; ++run) {
      QByteArray out, err;
      const int code =
          xsky::test::runCli(base + QStringList{QStringLiteral("--goodness"), QStringLiteral("30"),
                                                QStringLiteral("--seed"), QStringLiteral("9"),
                                                QStringLiteral("--json")},
                             &out, &err);
      QVERIFY2(code == 0, err.constData());
      const QJsonObject o = QJsonDocument::fromJson(out).object();
      for (const char* key :
           {"statistic", "parameters", "converged", "errors", "fluxes", "warnings"}) {
        QVERIFY2(o.contains(QLatin1String(key)), key);
      }
      const QJsonObject g = o.value(QStringLiteral("goodness")).toObject();
      QCOMPARE(g.value(QStringLiteral("simulations")).toInt(), 30);
      QCOMPARE(g.value(QStringLiteral("seed")).toInteger(), qint64(9));
      QCOMPARE(g.value(QStringLiteral("observed")).toDouble(), o.value(QStringLiteral("statistic"))
                                                                   .toObject()
                                                                   .value(QStringLiteral("value"))
                                                                   .toDouble());
      fraction[run] = g.value(QStringLiteral("fraction_lower")).toDouble(-1);
      QVERIFY(fraction[run] >= 0 && fraction[run] <= 1);
    }
    QCOMPARE(fraction[0], fraction[1]);
    QByteArray out, err;
    for (const QStringList& bad :
         {QStringList{QStringLiteral("--goodness"), QStringLiteral("0")},
          QStringList{QStringLiteral("--goodness"), QStringLiteral("x")},
          QStringList{QStringLiteral("--goodness"), QStringLiteral("5"), QStringLiteral("--eval")},
          QStringList{QStringLiteral("--seed"), QStringLiteral("-1")}}) {
      QCOMPARE(xsky::test::runCli(base + bad, &out, &err), 2);
    }
  }
};

QTEST_GUILESS_MAIN(TestSpectralGoodness)
#include "tst_spectral_goodness.moc"
