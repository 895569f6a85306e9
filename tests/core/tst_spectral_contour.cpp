// Two-parameter confidence grids (core/spectral/ConfidenceContour.h) on the real 3c273 spectrum
// with wabs*powerlaw: grid points against scipy minimising the same statistic over the third
// parameter (tests/oracles/spectral_contour_oracle.py); the projection property of profile
// likelihood (min over y of the grid at x equals the 1-parameter profile at x, so at the ends of
// the 90 % interval from ConfidenceIntervals it is best + 2.706); marching squares on analytic
// surfaces; cancellation; the CLI's --contour.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "spectral/ConfidenceContour.h"
#include "spectral/ConfidenceIntervals.h"
#include "spectral/ContourLines.h"

using namespace xsky::spectral;

namespace {

const QString kOracle = QStringLiteral("oracles/spectral_contour_oracle.py");

QString pha() { return xsky::test::sharedData(QStringLiteral("spectra/chandra_3c273/3c273.pi")); }
QString mm83() { return xsky::test::sharedData(QStringLiteral("absorption/mm83_table2.csv")); }

/// 3c273 grouped, notice 0.5-7 keV (42 groups); fitted background subtracted with chi2gehrels.
SpectralData load3c273() {
  QStringList warnings;
  auto d = SpectralData::load(pha(), {}, &warnings);
  d.noticeEnergy(0.5, 7.0);
  return d;
}

QString number(double v) { return QString::number(v, 'g', 17); }

QJsonObject oracle(const QStringList& args) {
  return QJsonDocument::fromJson(xsky::test::runPython(kOracle, QStringList{pha(), mm83()} + args))
      .object();
}

/// The fitted wabs*powerlaw and its covariance errors.
struct Fitted {
  SpectralData data = load3c273();
  Model model = Model::parse(QStringLiteral("wabs*powerlaw"));
  std::unique_ptr<FitProblem> problem;
  FitResult result;
  Fitted() {
    model.parameters()[0].value = 0.04;
    model.parameters()[1].value = 2.0;
    model.parameters()[2].value = 1.9e-4;
    problem = std::make_unique<FitProblem>(std::vector<const SpectralData*>{&data}, &model,
                                           FitConfig{StatisticKind::Chi2Gehrels, true});
    result = fitModel(*problem, &model, false);
  }
};

/// Compares grid points (corners, centre and a few inside) with the oracle's minimisation.
void compareWithOracle(const ContourGrid& g, const QString& names) {
  const int nx = g.nx(), ny = g.ny();
  const std::pair<int, int> picks[] = {{0, 0},           {nx - 1, 0},         {0, ny - 1},
                                       {nx - 1, ny - 1}, {nx / 2, ny / 2},    {1, ny - 2},
                                       {nx - 2, 2},      {nx / 3, 2 * ny / 3}};
  QStringList args{names};
  for (const auto& [i, j] : picks)
    args << number(g.xValues[size_t(i)]) << number(g.yValues[size_t(j)]);
  const QJsonObject o = oracle(args);
  QCOMPARE(o.value(QStringLiteral("npoints")).toInt(), 42);
  const QJsonArray expected = o.value(QStringLiteral("statistic")).toArray();
  QCOMPARE(expected.size(), qsizetype(std::size(picks)));
  double worst = 0;
  for (size_t k = 0; k < std::size(picks); ++k) {
    const double e = expected[qsizetype(k)].toDouble();
    const double a = g.at(picks[k].first, picks[k].second);
    worst = std::max(worst, std::abs(a - e) / e);
    XSKY_COMPARE_NEAR(a, e, 1e-3 * e);
  }
  qInfo("%s: largest relative difference from scipy over %zu points: %.2g", qPrintable(names),
        std::size(picks), worst);
}

}  // namespace

class TestSpectralContour : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
  }

  // The statistic itself is the oracle's (at the best fit), the default ranges are +-3 sigma
  // clipped to the limits, the levels are best + 2.30/4.61/9.21, and the grid of (nH, Gamma)
  // with the norm minimised equals scipy's.
  void gridNhGamma() {
    Fitted f;
    QVERIFY(f.result.converged);
    const auto& p = f.model.parameters();
    const QJsonObject e = oracle(
        {QStringLiteral("eval"), number(p[0].value), number(p[1].value), number(p[2].value)});
    XSKY_COMPARE_NEAR(f.result.statistic, e.value(QStringLiteral("statistic")).toDouble(),
                      1e-9 * f.result.statistic);
    ContourOptions options;
    options.xPoints = 9;
    options.yPoints = 11;
    const ContourGrid g = confidenceContour(*f.problem, p, 0, 1, f.result.errors, options);
    QCOMPARE(g.nx(), 9);
    QCOMPARE(g.ny(), 11);
    QCOMPARE(g.statistic.size(), size_t(99));
    QCOMPARE(g.xValues.front(), std::max(0.0, p[0].value - 3 * f.result.errors[0]));
    XSKY_COMPARE_NEAR(g.xValues.back(), p[0].value + 3 * f.result.errors[0], 1e-15);
    XSKY_COMPARE_NEAR(g.yValues.front(), p[1].value - 3 * f.result.errors[1], 1e-15);
    XSKY_COMPARE_NEAR(g.yValues.back(), p[1].value + 3 * f.result.errors[1], 1e-15);
    QCOMPARE(g.levels.size(), size_t(3));
    XSKY_COMPARE_NEAR(g.levels[0], f.result.statistic + 2.30, 1e-12);
    XSKY_COMPARE_NEAR(g.levels[1], f.result.statistic + 4.61, 1e-12);
    XSKY_COMPARE_NEAR(g.levels[2], f.result.statistic + 9.21, 1e-12);
    QCOMPARE(g.bestX, p[0].value);
    QVERIFY(!g.newMinimum);
    QVERIFY(g.lowest >= f.result.statistic - 1e-6);
    compareWithOracle(g, QStringLiteral("nh,gamma"));
  }

  // (Gamma, norm) with nH minimised: nH is non-linear and runs into its limit 0 at one corner of
  // the grid, where scipy's bounded search must agree too. Over +-2 sigma: at the 3-sigma corner
  // of low Gamma and high norm (statistic ~376, best + 355) the statistic has two minima in nH
  // (near 0.3 and near 30), where a fit started from a neighbour and a global search legitimately
  // part (XSPEC's steppar steps the same way).
  void gridGammaNorm() {
    Fitted f;
    ContourOptions options;
    options.sigmas = 2.0;
    options.xPoints = 8;
    options.yPoints = 8;
    const ContourGrid g =
        confidenceContour(*f.problem, f.model.parameters(), 1, 2, f.result.errors, options);
    compareWithOracle(g, QStringLiteral("gamma,norm"));
  }

  // Profile likelihood's projection: the minimum over y of the grid's column at x is the
  // 1-parameter profile at x, which at the ends of ConfidenceIntervals' 90 % interval of x is
  // best + 2.706 (Delta 2.706, 1 parameter). Here x = Gamma at exactly those ends, y = nH on a
  // fine grid (the minimum over y found by a parabola through the lowest three points, or the
  // limit nH = 0 when the lowest point is there), the norm minimised at every point.
  void projectionIsTheProfile() {
    Fitted f;
    const auto& p = f.model.parameters();
    std::vector<double> sigma;
    for (int k : freeIndices(p)) sigma.push_back(f.result.errors[size_t(k)]);
    const auto ci = confidenceIntervals(*f.problem, p, sigma);
    QVERIFY(ci[1].lowerFound && ci[1].upperFound);
    ContourOptions options;
    options.xPoints = 2;
    options.xLow = ci[1].lower;
    options.xHigh = ci[1].upper;
    options.yPoints = 61;
    options.yLow = 0.0;
    options.yHigh = p[0].value + 5 * f.result.errors[0];
    const ContourGrid g = confidenceContour(*f.problem, p, 1, 0, f.result.errors, options);
    for (int i = 0; i < 2; ++i) {
      int jmin = 0;
      for (int j = 1; j < g.ny(); ++j) {
        if (g.at(i, j) < g.at(i, jmin)) jmin = j;
      }
      double lowest = g.at(i, jmin);
      if (jmin > 0 && jmin + 1 < g.ny()) {
        // Vertex of the parabola through three equally spaced points.
        const double a = g.at(i, jmin - 1), b = g.at(i, jmin), c = g.at(i, jmin + 1);
        lowest = b - (c - a) * (c - a) / (8.0 * (a - 2.0 * b + c));
      }
      qInfo("Gamma = %.6f: min over nH %.6f, best + 2.706 = %.6f (nH at the minimum %.4f)",
            g.xValues[size_t(i)], lowest, f.result.statistic + 2.706, g.yValues[size_t(jmin)]);
      XSKY_COMPARE_NEAR(lowest, f.result.statistic + 2.706, 3e-3);
    }
  }

  // A frozen parameter, the same parameter twice and a missing error are refused; a progress
  // hook that says stop cancels.
  void refusalsAndCancel() {
    Fitted f;
    std::vector<Parameter> p = f.model.parameters();
    QVERIFY_THROWS_EXCEPTION(xsky::Error, confidenceContour(*f.problem, p, 1, 1, f.result.errors));
    std::vector<double> noErrors(3, std::nan(""));
    QVERIFY_THROWS_EXCEPTION(xsky::Error, confidenceContour(*f.problem, p, 1, 2, noErrors));
    p[0].frozen = true;
    QVERIFY_THROWS_EXCEPTION(xsky::Error, confidenceContour(*f.problem, p, 0, 1, f.result.errors));
    p[0].frozen = false;
    int calls = 0;
    const xsky::ProgressFn stopSoon = [&](double, const QString&) { return ++calls < 5; };
    QVERIFY_THROWS_EXCEPTION(xsky::Cancelled,
                             confidenceContour(*f.problem, p, 1, 2, f.result.errors, {}, stopSoon));
    QVERIFY(calls < 40);
  }

  // Marching squares on x^2 + y^2 (one closed circle of radius 1, within the linear
  // interpolation's error) and on x (one open vertical line at x = 0.3 through every row).
  void contourLinesAnalytic() {
    std::vector<double> xs, ys, circle, plane;
    for (int i = 0; i <= 40; ++i) xs.push_back(-2.0 + 0.1 * i);
    ys = xs;
    for (double y : ys) {
      for (double x : xs) {
        circle.push_back(x * x + y * y);
        plane.push_back(x);
      }
    }
    const auto rings = contourLines(xs, ys, circle, 1.0);
    QCOMPARE(rings.size(), size_t(1));
    QVERIFY(rings[0].closed);
    QVERIFY(rings[0].x.size() > 30);
    QCOMPARE(rings[0].x.front(), rings[0].x.back());
    for (size_t k = 0; k < rings[0].x.size(); ++k) {
      XSKY_COMPARE_NEAR(std::hypot(rings[0].x[k], rings[0].y[k]), 1.0, 0.01);
    }
    const auto lines = contourLines(xs, ys, plane, 0.3);
    QCOMPARE(lines.size(), size_t(1));
    QVERIFY(!lines[0].closed);
    QCOMPARE(lines[0].x.size(), ys.size());
    for (size_t k = 0; k < lines[0].x.size(); ++k) XSKY_COMPARE_NEAR(lines[0].x[k], 0.3, 1e-12);
    QVERIFY(contourLines(xs, ys, circle, -1.0).empty());
  }

  // `fit --contour 1,2,5 --json`: the contour object beside the unchanged keys.
  void cliContour() {
    QByteArray out, err;
    const int code = xsky::test::runCli(
        {QStringLiteral("fit"), QStringLiteral("--data"), pha(), QStringLiteral("--model"),
         QStringLiteral("wabs*powerlaw"), QStringLiteral("--notice"), QStringLiteral("0.5:7"),
         QStringLiteral("--subtract-background"), QStringLiteral("--contour"),
         QStringLiteral("wabs.nH,2,5"), QStringLiteral("--json")},
        &out, &err);
    QVERIFY2(code == 0, err.constData());
    const QJsonObject o = QJsonDocument::fromJson(out).object();
    for (const char* key :
         {"statistic", "parameters", "converged", "errors", "fluxes", "warnings"}) {
      QVERIFY2(o.contains(QLatin1String(key)), key);
    }
    const QJsonObject c = o.value(QStringLiteral("contour")).toObject();
    QCOMPARE(c.value(QStringLiteral("x")).toString(), QStringLiteral("wabs.nH"));
    QCOMPARE(c.value(QStringLiteral("y")).toString(), QStringLiteral("powerlaw.PhoIndex"));
    QCOMPARE(c.value(QStringLiteral("x_values")).toArray().size(), 5);
    QCOMPARE(c.value(QStringLiteral("y_values")).toArray().size(), 5);
    const QJsonArray rows = c.value(QStringLiteral("statistic")).toArray();
    QCOMPARE(rows.size(), 5);
    for (const QJsonValue& row : rows) QCOMPARE(row.toArray().size(), 5);
    const double best =
        o.value(QStringLiteral("statistic")).toObject().value(QStringLiteral("value")).toDouble();
    const QJsonArray levels = c.value(QStringLiteral("levels")).toArray();
    QCOMPARE(levels.size(), 3);
    XSKY_COMPARE_NEAR(levels[0].toDouble(), best + 2.30, 1e-9);
    XSKY_COMPARE_NEAR(levels[2].toDouble(), best + 9.21, 1e-9);
    const QJsonArray bestPoint = c.value(QStringLiteral("best")).toArray();
    QCOMPARE(bestPoint.size(), 2);
    QCOMPARE(bestPoint[0].toDouble(), o.value(QStringLiteral("parameters"))
                                          .toArray()[0]
                                          .toObject()
                                          .value(QStringLiteral("value"))
                                          .toDouble());
    // The centre of a 5-point grid over +-3 sigma is the best fit (in Gamma; nH is clipped at 0).
    XSKY_COMPARE_NEAR(c.value(QStringLiteral("y_values")).toArray()[2].toDouble(),
                      bestPoint[1].toDouble(), 1e-12);
    // Bad usage: an unknown parameter, one parameter twice, too few points.
    for (const char* bad : {"wabs.nH,foo", "2,2", "1,2,1", "1"}) {
      QVERIFY(xsky::test::runCli({QStringLiteral("fit"), QStringLiteral("--data"), pha(),
                                  QStringLiteral("--model"), QStringLiteral("wabs*powerlaw"),
                                  QStringLiteral("--contour"), QLatin1String(bad)},
                                 &out, &err) == 2);
    }
  }
};

QTEST_GUILESS_MAIN(TestSpectralContour)
#include "tst_spectral_contour.moc"
