// The unfolded spectrum E^2 f(E) (XSPEC's eeufspec; core/spectral/FitPlotData.h): a power law
// of index 2 is flat at its norm and one of index 1.5 follows its analytic bin mean; on a small
// hand-made spectrum (4 channels, an off-diagonal RMF, an ARF) the unfolded data are
// norm x counts / predicted counts, computed here by hand; components add up to the model.

#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "spectral/FitPlotData.h"

using namespace xsky::spectral;

namespace {

const double kEdges[] = {1.0, 2.0, 3.0, 5.0, 8.0};   // keV
const double kArea[] = {100.0, 200.0, 150.0, 50.0};  // cm^2
const double kCounts[] = {30.0, 50.0, 40.0, 10.0};
constexpr double kExposure = 1000.0;  // s

/// 4 energy bins onto 4 channels with the same bounds: 80 % of bin e lands in channel e, 20 %
/// in channel e + 1 (all of the last bin in the last channel).
SpectralData smallSpectrum(const std::vector<int>& grouping) {
  Rmf rmf;
  rmf.channelCount = 4;
  rmf.firstChannel = 1;
  for (int e = 0; e < 4; ++e) {
    rmf.energyLo.push_back(kEdges[e]);
    rmf.energyHi.push_back(kEdges[e + 1]);
    rmf.channelEmin.push_back(kEdges[e]);
    rmf.channelEmax.push_back(kEdges[e + 1]);
    rmf.runStart.push_back(int(rmf.runs.size()));
    const int count = e < 3 ? 2 : 1;
    rmf.runs.push_back({e, count, int(rmf.values.size())});
    rmf.values.push_back(e < 3 ? 0.8f : 1.0f);
    if (e < 3) rmf.values.push_back(0.2f);
  }
  rmf.runStart.push_back(int(rmf.runs.size()));
  Arf arf;
  arf.energyLo = rmf.energyLo;
  arf.energyHi = rmf.energyHi;
  arf.area.assign(std::begin(kArea), std::end(kArea));
  OgipSpectrum s;
  s.exposure = kExposure;
  s.channels = {1, 2, 3, 4};
  s.counts.assign(std::begin(kCounts), std::end(kCounts));
  s.quality.assign(4, 0);
  s.grouping = grouping;
  s.areaScale.assign(4, 1.0);
  s.backScale.assign(4, 1.0);
  return SpectralData::fromParts(s, std::nullopt, rmf, arf);
}

}  // namespace

class TestSpectralUnfolded : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // E^2 times the mean of K E^-2 over [lo, hi] is K (1/lo - 1/hi) / (hi - lo) x lo hi = K.
  void powerLawIndexTwoIsFlat() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    QStringList warnings;
    const auto d = SpectralData::load(
        xsky::test::sharedData(QStringLiteral("spectra/chandra_3c273/3c273.pi")), {}, &warnings);
    const auto m = Model::parse(QStringLiteral("powerlaw"));
    const std::vector<double> v{2.0, 1.7e-4};
    const FoldedPlot f = foldedPlot(d, m, v);
    const UnfoldedPlot u = unfoldedPlot(f, m, v);
    QCOMPARE(u.model.size(), f.energy.size());
    QVERIFY(u.model.size() > 40);
    for (double e : u.model) XSKY_COMPARE_NEAR(e, 1.7e-4, 1.7e-4 * 1e-12);
    // Index 1.5: E^2 mean = K 2 (lo^-1/2 - hi^-1/2) / (hi - lo) x lo hi.
    const std::vector<double> w{1.5, 1.7e-4};
    const UnfoldedPlot u15 = unfoldedPlot(foldedPlot(d, m, w), m, w);
    for (size_t k = 0; k < u15.model.size(); ++k) {
      const double lo = f.energy[k] - f.halfWidth[k], hi = f.energy[k] + f.halfWidth[k];
      const double expected =
          1.7e-4 * 2.0 * (1.0 / std::sqrt(lo) - 1.0 / std::sqrt(hi)) / (hi - lo) * lo * hi;
      XSKY_COMPARE_NEAR(u15.model[k], expected, expected * 1e-10);
    }
  }

  // With a flat E^2 f(E) (index 2, norm K) the unfolded data are K N_c / C_c, C_c the predicted
  // counts: C_c = T sum_e K (1/lo_e - 1/hi_e) A_e R_ec. Errors K sqrt(N_c) / C_c. Grouped
  // channels sum N and C over the group.
  void handComputedSmallSpectrum() {
    const double k = 0.01;
    double flux[4], predicted[4] = {0, 0, 0, 0};
    for (int e = 0; e < 4; ++e) flux[e] = k * (1.0 / kEdges[e] - 1.0 / kEdges[e + 1]);
    for (int e = 0; e < 4; ++e) {
      if (e < 3) {
        predicted[e] += kExposure * flux[e] * kArea[e] * 0.8;
        predicted[e + 1] += kExposure * flux[e] * kArea[e] * 0.2;
      } else {
        predicted[e] += kExposure * flux[e] * kArea[e];
      }
    }
    const auto m = Model::parse(QStringLiteral("powerlaw"));
    const std::vector<double> v{2.0, k};
    {
      const SpectralData d = smallSpectrum({0, 0, 0, 0});
      const FoldedPlot f = foldedPlot(d, m, v);
      const UnfoldedPlot u = unfoldedPlot(f, m, v);
      QCOMPARE(u.data.size(), size_t(4));
      for (int c = 0; c < 4; ++c) {
        XSKY_COMPARE_NEAR(f.model[size_t(c)],
                          predicted[c] / (kExposure * (kEdges[c + 1] - kEdges[c])),
                          1e-6 * f.model[size_t(c)]);
        XSKY_COMPARE_NEAR(u.energy[size_t(c)], 0.5 * (kEdges[c] + kEdges[c + 1]), 1e-12);
        XSKY_COMPARE_NEAR(u.model[size_t(c)], k, 1e-12 * k);
        XSKY_COMPARE_NEAR(u.data[size_t(c)], k * kCounts[c] / predicted[c],
                          1e-6 * u.data[size_t(c)]);
        XSKY_COMPARE_NEAR(u.dataError[size_t(c)], k * std::sqrt(kCounts[c]) / predicted[c],
                          1e-6 * u.dataError[size_t(c)]);
      }
    }
    {
      // Channels 3 and 4 in one group spanning 3-8 keV.
      const SpectralData d = smallSpectrum({1, 1, 1, -1});
      const FoldedPlot f = foldedPlot(d, m, v);
      const UnfoldedPlot u = unfoldedPlot(f, m, v);
      QCOMPARE(u.data.size(), size_t(3));
      XSKY_COMPARE_NEAR(u.energy[2], 5.5, 1e-12);
      XSKY_COMPARE_NEAR(u.halfWidth[2], 2.5, 1e-12);
      XSKY_COMPARE_NEAR(u.model[2], k, 1e-12 * k);
      const double n = kCounts[2] + kCounts[3], c = predicted[2] + predicted[3];
      XSKY_COMPARE_NEAR(u.data[2], k * n / c, 1e-6 * u.data[2]);
      XSKY_COMPARE_NEAR(u.dataError[2], k * std::sqrt(n) / c, 1e-6 * u.dataError[2]);
    }
  }

  // Each additive component unfolded alone; together they make the model.
  void componentsAddUp() {
    const SpectralData d = smallSpectrum({0, 0, 0, 0});
    const auto m = Model::parse(QStringLiteral("powerlaw+gaussian"));
    const std::vector<double> v{1.7, 0.01, 4.0, 0.5, 1e-3};
    const UnfoldedPlot u = unfoldedPlot(foldedPlot(d, m, v), m, v);
    QCOMPARE(u.componentNames,
             QStringList({QStringLiteral("powerlaw"), QStringLiteral("gaussian")}));
    QCOMPARE(u.components.size(), size_t(2));
    for (size_t c = 0; c < 4; ++c) {
      XSKY_COMPARE_NEAR(u.components[0][c] + u.components[1][c], u.model[c], 1e-12 * u.model[c]);
      QVERIFY(u.components[1][c] > 0);
    }
  }
};

QTEST_GUILESS_MAIN(TestSpectralUnfolded)
#include "tst_spectral_unfolded.moc"
