// Joint fits over several spectra (two Chandra spectra of one source,
// ../shared/data/spectra/chandra_2278_2286_joint): the joint statistic is the sum of the data
// sets', untied parameters equal separate fits, a cross-calibration constant is untied with its
// first copy frozen at 1, links between parameters, XSPEC's numbering; the likelihood
// minimiser (far starts, a fit that runs out of iterations, a parameter at its bound); the CLI.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <memory>

#include "TestSupport.h"
#include "spectral/JointParameters.h"
#include "spectral/SpectralFit.h"

using namespace xsky::spectral;

namespace {

QString joint(const char* file) {
  return xsky::test::sharedData(QStringLiteral("spectra/chandra_2278_2286_joint/") +
                                QLatin1String(file));
}

std::unique_ptr<SpectralData> loadObs(const char* id) {
  QStringList warnings;
  LoadOptions o;
  o.rmf = joint(qPrintable(QStringLiteral("rmf%1.fits").arg(QLatin1String(id))));
  o.arf = joint(qPrintable(QStringLiteral("arf%1.fits").arg(QLatin1String(id))));
  auto d = std::make_unique<SpectralData>(SpectralData::load(
      joint(qPrintable(QStringLiteral("pi%1.fits").arg(QLatin1String(id)))), o, &warnings));
  d->noticeEnergy(0.5, 7.0);
  return d;
}

QString dataArg(const char* id) {
  return QStringLiteral("%1,rmf=%2,arf=%3")
      .arg(joint(qPrintable(QStringLiteral("pi%1.fits").arg(QLatin1String(id)))),
           joint(qPrintable(QStringLiteral("rmf%1.fits").arg(QLatin1String(id)))),
           joint(qPrintable(QStringLiteral("arf%1.fits").arg(QLatin1String(id)))));
}

#define XSKY_COMPARE_REL(actual, expected, relative) \
  XSKY_COMPARE_NEAR(actual, expected, std::abs(expected) * (relative))

}  // namespace

class TestSpectralJoint : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
  }

  // At the same parameters, the joint statistic is the sum of each data set's.
  void statisticIsSum() {
    const auto a = loadObs("2278"), b = loadObs("2286");
    auto m = Model::parse(QStringLiteral("phabs*powerlaw"));
    m.parameters()[0].value = 0.05;
    m.parameters()[1].value = 1.3;
    m.parameters()[2].value = 6e-6;
    for (const StatisticKind kind : {StatisticKind::Cstat, StatisticKind::Chi2Gehrels}) {
      const FitProblem both({a.get(), b.get()}, &m, {kind, false});
      const FitProblem first({a.get()}, &m, {kind, false});
      const FitProblem second({b.get()}, &m, {kind, false});
      const double sum = evaluateModel(first, m).statistic + evaluateModel(second, m).statistic;
      XSKY_COMPARE_REL(evaluateModel(both, m).statistic, sum, 1e-12);
      QCOMPARE(both.pointCount(), first.pointCount() + second.pointCount());
    }
  }

  // Untying every parameter gives each data set the values of fitting it alone, and the joint
  // minimum is the sum of the separate minima.
  void untiedEqualsSeparate() {
    const auto a = loadObs("2278"), b = loadObs("2286");
    auto m = Model::parse(QStringLiteral("powerlaw"));
    JointParameters jp(m.parameters(), 2);
    jp.untie(0);
    jp.untie(1);
    QCOMPARE(int(jp.independent().size()), 4);
    const FitProblem problem({a.get(), b.get()}, &m, {StatisticKind::Cstat, false}, jp.map());
    std::vector<Parameter> fitted = jp.independent();
    const FitResult joint = fitParameters(problem, &fitted);
    QVERIFY(joint.converged);
    jp.assign(fitted);
    double separateSum = 0.0;
    for (int d = 0; d < 2; ++d) {
      auto single = Model::parse(QStringLiteral("powerlaw"));
      const FitProblem p({d == 0 ? a.get() : b.get()}, &single, {StatisticKind::Cstat, false});
      const FitResult r = fitModel(p, &single);
      QVERIFY(r.converged);
      separateSum += r.statistic;
      XSKY_COMPARE_REL(jp.at(d, 0).value, single.parameters()[0].value, 1e-4);
      XSKY_COMPARE_REL(jp.at(d, 1).value, single.parameters()[1].value, 1e-4);
      XSKY_COMPARE_REL(joint.errors[size_t(2 * d)], r.errors[0], 1e-3);
    }
    XSKY_COMPARE_NEAR(joint.statistic, separateSum, 1e-6);
    QCOMPARE(joint.dof, joint.points - 4);
  }

  // constant*powerlaw: the constant is untied, data set 1's frozen at 1, data set 2's fitted.
  void calibrationConstant() {
    const auto a = loadObs("2278"), b = loadObs("2286");
    auto m = Model::parse(QStringLiteral("constant*powerlaw"));
    JointParameters jp(m.parameters(), 2);
    jp.untieCalibrationConstants();
    QVERIFY(jp.isUntied(0));
    QVERIFY(!jp.isUntied(1));
    QVERIFY(jp.at(0, 0).frozen);
    QCOMPARE(jp.at(0, 0).value, 1.0);
    QVERIFY(!jp.at(1, 0).frozen);
    const FitProblem problem({a.get(), b.get()}, &m, {StatisticKind::Cstat, false}, jp.map());
    std::vector<Parameter> fitted = jp.independent();
    QCOMPARE(int(fitted.size()), 4);  // factor(1, frozen), PhoIndex, norm, factor(2)
    const FitResult r = fitParameters(problem, &fitted);
    QVERIFY(r.converged);
    QCOMPARE(r.dof, r.points - 3);
    jp.assign(fitted);
    QCOMPARE(jp.at(0, 0).value, 1.0);
    // Same exposure and source: the constant stays near 1.
    QVERIFY(std::abs(jp.at(1, 0).value - 1.0) < 0.5);
    QCOMPARE(jp.at(1, 1).value, jp.at(0, 1).value);  // tied
  }

  // A link makes a parameter follow another in every data set; it is not fitted. XSPEC numbers.
  void linksAndNumbering() {
    auto m = Model::parse(QStringLiteral("powerlaw+powerlaw"));
    JointParameters jp(m.parameters(), 2);
    QCOMPARE(jp.find(QStringLiteral("powerlaw_2.norm")), (std::pair<int, int>{0, 3}));
    QCOMPARE(jp.find(QStringLiteral("6")), (std::pair<int, int>{1, 1}));
    QCOMPARE(jp.find(QStringLiteral("9")), (std::pair<int, int>{-1, -1}));
    jp.link(3, 1);  // powerlaw_2.norm = powerlaw.norm
    jp.untie(1);
    QVERIFY_THROWS_EXCEPTION(xsky::Error, jp.link(1, 3));  // a cycle
    QVERIFY_THROWS_EXCEPTION(xsky::Error, jp.link(2, 2));
    QCOMPARE(jp.linkOf(3), 1);
    const ParameterMap map = jp.map();
    // Fitted: data set 1's PhoIndex, norm, PhoIndex_2; data set 2's norm.
    QCOMPARE(int(jp.independent().size()), 4);
    QCOMPARE(map.fitted[0], (std::vector<int>{0, 1, 2, 1}));
    QCOMPARE(map.fitted[1], (std::vector<int>{0, 3, 2, 3}));
    std::vector<Parameter> v = jp.independent();
    v[1].value = 2e-4;
    v[3].value = 5e-4;
    jp.assign(v);
    QCOMPARE(jp.at(0, 3).value, 2e-4);
    QCOMPARE(jp.at(1, 3).value, 5e-4);
  }

  // The likelihood minimiser reaches the same minimum from far starts; a fit out of iterations
  // says so and keeps its last parameters; a parameter ending at its limit is flagged.
  void likelihoodMinimiser() {
    QStringList warnings;
    auto d = SpectralData::load(
        xsky::test::sharedData(QStringLiteral("spectra/chandra_3c273/3c273.pi")), {}, &warnings);
    d.setGrouped(false);
    d.noticeEnergy(0.5, 7.0);
    auto m = Model::parse(QStringLiteral("powerlaw"));
    const FitProblem problem({&d}, &m, {StatisticKind::Cstat, false});
    FitResult reference = fitModel(problem, &m);
    QVERIFY(reference.converged);
    const double gamma = m.parameters()[0].value;
    for (const auto& [g0, k0] :
         {std::pair{4.0, 1e-2}, std::pair{-1.0, 1e-7}, std::pair{1.0, 1.0}}) {
      auto far = Model::parse(QStringLiteral("powerlaw"));
      far.parameters()[0].value = g0;
      far.parameters()[1].value = k0;
      const FitResult r = fitModel(problem, &far, false);
      QVERIFY2(r.converged, qPrintable(QString::number(g0)));
      XSKY_COMPARE_NEAR(r.statistic, reference.statistic, 1e-5);
      XSKY_COMPARE_REL(far.parameters()[0].value, gamma, 1e-4);
    }
    auto stuck = Model::parse(QStringLiteral("powerlaw"));
    stuck.parameters()[0].value = 4.0;
    stuck.parameters()[1].value = 1e-2;
    FitOptions few;
    few.scaleNorms = false;
    few.maxIterations = 2;
    const FitResult r = fitParameters(problem, &stuck.parameters(), few);
    QVERIFY(!r.converged);
    QVERIFY(stuck.parameters()[0].value != 4.0);  // the last parameters are kept
    QVERIFY(r.statistic > reference.statistic);
    auto bounded = Model::parse(QStringLiteral("powerlaw"));
    bounded.parameters()[0].max = 1.8;  // below the best fit 1.874
    const FitResult b = fitModel(problem, &bounded);
    QVERIFY(b.atBound[0]);
    QCOMPARE(bounded.parameters()[0].value, 1.8);
    QVERIFY(!b.atBound[1]);
  }

  void cliJoint() {
    QByteArray out, err;
    const QStringList base = {
        QStringLiteral("fit"),      QStringLiteral("--data"), dataArg("2278"),
        QStringLiteral("--data"),   dataArg("2286"),          QStringLiteral("--model"),
        QStringLiteral("powerlaw"), QStringLiteral("--stat"), QStringLiteral("cstat"),
        QStringLiteral("--notice"), QStringLiteral("0.5:7"),  QStringLiteral("--json")};
    int code = xsky::test::runCli(
        base + QStringList{QStringLiteral("--untie"), QStringLiteral("powerlaw.PhoIndex")}, &out,
        &err);
    QVERIFY2(code == 0, err.constData());
    QJsonObject doc = QJsonDocument::fromJson(out).object();
    QJsonArray params = doc.value(QStringLiteral("parameters")).toArray();
    QCOMPARE(params.size(), 3);  // PhoIndex and norm of data set 1, PhoIndex of data set 2
    const QJsonObject second = params[2].toObject();
    QCOMPARE(second.value(QStringLiteral("index")).toInt(), 3);
    QCOMPARE(second.value(QStringLiteral("name")).toString(), QStringLiteral("powerlaw.PhoIndex"));
    QCOMPARE(second.value(QStringLiteral("data_set")).toInt(), 2);
    QVERIFY(second.value(QStringLiteral("error_high")).toDouble() > 0.0);
    QCOMPARE(
        doc.value(QStringLiteral("statistic")).toObject().value(QStringLiteral("dof")).toInt(),
        doc.value(QStringLiteral("statistic")).toObject().value(QStringLiteral("npoints")).toInt() -
            3);
    // A link, and --set on a tied data set 2 copy (exit 2).
    code = xsky::test::runCli(
        {QStringLiteral("fit"), QStringLiteral("--data"), dataArg("2278"),
         QStringLiteral("--model"), QStringLiteral("powerlaw+powerlaw"), QStringLiteral("--stat"),
         QStringLiteral("cstat"), QStringLiteral("--set"), QStringLiteral("4=link:2"),
         QStringLiteral("--set"), QStringLiteral("3=3,frozen"), QStringLiteral("--json")},
        &out, &err);
    QVERIFY2(code == 0, err.constData());
    params = QJsonDocument::fromJson(out).object().value(QStringLiteral("parameters")).toArray();
    QCOMPARE(params[3].toObject().value(QStringLiteral("linked_to")).toInt(), 2);
    QCOMPARE(params[3].toObject().value(QStringLiteral("value")).toDouble(),
             params[1].toObject().value(QStringLiteral("value")).toDouble());
    code = xsky::test::runCli(base + QStringList{QStringLiteral("--set"), QStringLiteral("3=2")},
                              &out, &err);
    QCOMPARE(code, 2);
    QVERIFY2(err.contains("--untie"), err.constData());
  }
};

QTEST_GUILESS_MAIN(TestSpectralJoint)
#include "tst_spectral_joint.moc"
