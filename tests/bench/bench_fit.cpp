// Spectral fitting speed: an absorbed power law (wabs*powerlaw, chi2gehrels) fitted to a
// 1,000-channel spectrum through a full 1,000 x 1,000 RMF (every element stored), and a
// 3-spectrum joint fit with 90 % profile errors on every free parameter; beside a plain
// NumPy/SciPy fit of the same files and model in the same run (anchor_fit.py: dense matrix,
// scipy least_squares LM). The spectra are Poisson draws (fixed seeds) of the model folded
// through the response. Medians of >= 5 runs; the targets: <= 5 ms, <= 0.3 s, >= 10x.

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <random>

#include "BenchSupport.h"
#include "TestSupport.h"
#include "products/PhaWriter.h"
#include "products/ResponseWriter.h"
#include "spectral/ConfidenceIntervals.h"
#include "spectral/SpectralFit.h"

using namespace xsky;
using namespace xsky::spectral;

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QTemporaryDir dir;
  constexpr int n = 1000;
  products::RedistributionMatrix m;
  for (int i = 0; i < n; ++i) {
    m.energies.lo.push_back(0.1 + 0.01 * i);
    m.energies.hi.push_back(0.1 + 0.01 * (i + 1));
  }
  m.channels.firstChannel = 1;
  m.channels.eMin = m.energies.lo;
  m.channels.eMax = m.energies.hi;
  for (int i = 0; i < n; ++i) {
    const double e = 0.5 * (m.energies.lo[size_t(i)] + m.energies.hi[size_t(i)]);
    const double s = 0.02 + 0.05 * std::sqrt(e);  // keV, a CCD-like resolution
    products::ResponseRow row;
    row.firstChannel = {1};
    row.channelCount = {n};
    double sum = 0;
    for (int j = 0; j < n; ++j) {
      const double c = 0.5 * (m.channels.eMin[size_t(j)] + m.channels.eMax[size_t(j)]);
      const double v = std::exp(-0.5 * std::pow((c - e) / s, 2)) + 1e-7;  // a floor keeps every element
      row.values.push_back(static_cast<float>(v));
      sum += v;
    }
    for (float& v : row.values) v = static_cast<float>(v / sum);
    m.rows.push_back(std::move(row));
  }
  products::ResponseHeader header;
  header.telescope = QStringLiteral("BENCH");
  header.instrument = QStringLiteral("FULL1000");
  const QString rmf = dir.filePath(QStringLiteral("full.rmf")), arf = dir.filePath(QStringLiteral("full.arf"));
  products::writeRmf(rmf, header, m);
  std::vector<double> area;
  for (int i = 0; i < n; ++i) area.push_back(400.0 * (1 - std::exp(-m.energies.hi[size_t(i)])));
  products::writeArf(arf, header, m.energies, area);

  // Three spectra drawn from the model folded through that response.
  QStringList warnings;
  const Rmf r = readRmf(rmf, &warnings);
  const Arf a = readArf(arf, &warnings);
  OgipSpectrum templ;
  templ.exposure = 50000;
  templ.counts.assign(size_t(n), 0.0);
  for (int c = 0; c < n; ++c) templ.channels.push_back(c + 1);
  templ.quality.assign(size_t(n), 0);
  templ.grouping.assign(size_t(n), 0);
  templ.areaScale.assign(size_t(n), 1.0);
  templ.backScale.assign(size_t(n), 1.0);
  const SpectralData truthData = SpectralData::fromParts(templ, std::nullopt, r, a);
  Model truth = Model::parse(QStringLiteral("wabs*powerlaw"));
  truth.parameters()[0].value = 0.05;
  truth.parameters()[1].value = 1.8;
  truth.parameters()[2].value = 1e-3;
  std::vector<double> expected;
  truthData.foldChannels(truth, parameterValues(truth.parameters()), &expected);
  QStringList phas;
  for (int k = 0; k < 3; ++k) {
    std::mt19937_64 random(1000 + k);
    products::PhaSpectrum pha;
    pha.channels.firstChannel = 1;
    pha.channels.channels = n;
    pha.channels.piPerChannel = 1;
    pha.exposureS = templ.exposure;
    pha.respFile = QStringLiteral("full.rmf");
    pha.ancrFile = QStringLiteral("full.arf");
    for (double mu : expected) pha.counts.push_back(static_cast<int32_t>(std::poisson_distribution<long>(mu)(random)));
    phas << dir.filePath(QStringLiteral("spec%1.pha").arg(k + 1));
    products::writePha(phas.back(), pha);
  }

  // XSky: one spectrum.
  const SpectralData one = SpectralData::load(phas[0], {}, &warnings);
  FitResult single;
  Model best = Model::parse(QStringLiteral("wabs*powerlaw"));
  auto start = [](Model& model) {
    model.parameters()[0].value = 1.0;
    model.parameters()[1].value = 2.0;
    model.parameters()[2].value = 1e-3;
  };
  const double mine = bench::medianSeconds(9, [&] {
    start(best);
    const FitProblem problem({&one}, &best, {StatisticKind::Chi2Gehrels, false});
    single = fitModel(problem, &best);
  });
  {
    std::vector<double> folded;
    const std::vector<double> v = parameterValues(truth.parameters());
    const double perFold = bench::medianSeconds(5, [&] {
      for (int i = 0; i < 100; ++i) one.foldChannels(truth, v, &folded);
    }) / 100;
    std::printf("one fold through the full matrix: %.3f ms\n", perFold * 1e3);
  }
  {
    FitOptions noErrors;
    noErrors.computeErrors = false;
    FitResult r2;
    const double t = bench::medianSeconds(5, [&] {
      start(best);
      const FitProblem problem({&one}, &best, {StatisticKind::Chi2Gehrels, false});
      std::vector<Parameter> ps = best.parameters();
      r2 = fitParameters(problem, &ps, noErrors);
    });
    std::printf("the same fit without the covariance errors at the end: %.2f ms, %d iterations\n", t * 1e3,
                r2.iterations);
    start(best);
    const FitProblem problem({&one}, &best, {StatisticKind::Chi2Gehrels, false});
    single = fitModel(problem, &best);
  }
  // XSky: three spectra, tied, with 90 % profile errors on every free parameter.
  std::vector<SpectralData> three;
  for (const QString& p : phas) three.push_back(SpectralData::load(p, {}, &warnings));
  std::vector<ConfidenceInterval> intervals;
  Model joint = Model::parse(QStringLiteral("wabs*powerlaw"));
  const double mineJoint = bench::medianSeconds(5, [&] {
    start(joint);
    const FitProblem problem({&three[0], &three[1], &three[2]}, &joint, {StatisticKind::Chi2Gehrels, false});
    const FitResult fit = fitModel(problem, &joint);
    std::vector<double> sigma;
    for (int k : freeIndices(joint.parameters())) sigma.push_back(fit.errors[size_t(k)]);
    intervals = confidenceIntervals(problem, joint.parameters(), sigma);
  });

  const QString mm83 = test::sharedData(QStringLiteral("absorption/mm83_table2.csv"));
  const QJsonObject anchor =
      QJsonDocument::fromJson(test::runPython(QStringLiteral("bench/anchor_fit.py"), {mm83, rmf, arf, phas[0]}, 600000)).object();
  const QJsonObject anchorJoint =
      QJsonDocument::fromJson(test::runPython(QStringLiteral("bench/anchor_fit.py"), QStringList{mm83, rmf, arf} + phas, 600000))
          .object();
  const QJsonArray ap = anchor[QStringLiteral("parameters")].toArray();
  std::printf("1,000 channels, full 1,000 x 1,000 RMF, wabs*powerlaw, chi2gehrels:\n");
  std::printf("  XSky  %7.2f ms  statistic %.4f  nH %.5f  gamma %.5f  norm %.6g%s\n", mine * 1e3, single.statistic,
              best.parameters()[0].value, best.parameters()[1].value, best.parameters()[2].value,
              single.converged ? "" : "  (NOT CONVERGED)");
  std::printf("  SciPy %7.2f ms  statistic %.4f  nH %.5f  gamma %.5f  norm %.6g\n",
              anchor[QStringLiteral("seconds")].toDouble() * 1e3, anchor[QStringLiteral("statistic")].toDouble(),
              ap[0].toDouble(), ap[1].toDouble(), ap[2].toDouble());
  std::printf("  ratio SciPy / XSky: %.1f (target >= 10); XSky target <= 5 ms\n",
              anchor[QStringLiteral("seconds")].toDouble() / mine);
  std::printf("3 spectra, tied, 90%% profile errors on all %zu free parameters:\n", intervals.size());
  std::printf("  XSky  %7.1f ms (target <= 300 ms)\n", mineJoint * 1e3);
  std::printf("  SciPy %7.1f ms for the joint fit alone (no profile errors)\n",
              anchorJoint[QStringLiteral("seconds")].toDouble() * 1e3);
  for (const ConfidenceInterval& c : intervals) {
    std::printf("  %-18s %.5g  [%.5g, %.5g]\n", qPrintable(joint.parameters()[size_t(c.parameter)].fullName()), c.value,
                c.lower, c.upper);
  }
  return 0;
}
