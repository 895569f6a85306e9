// Timing benchmarks (issue 9), each beside its anchor in the same run:
//  - Z^2_2 of 10^6 event times over 10^5 trial frequencies (XSky: the non-uniform FFT of
//    core/timing/FastZ2.h through searchPeriodogram; median of 5 runs) vs a vectorised NumPy direct
//    sum, timed on a sub-grid of the same frequencies and scaled to the full grid (stated in the
//    output); the powers of both on that sub-grid are compared.
//  - Bayesian Blocks of 10^4 and 2x10^4 event times (XSky eventBlocks, median of 5) vs
//    astropy.stats.bayesian_blocks(fitness='events') with the same p0, and their change points.
// Not a CTest test: run through tests/bench/run.sh.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

#include "BenchSupport.h"
#include "TestSupport.h"
#include "timing/BayesianBlocks.h"
#include "timing/Periodogram.h"

using namespace xsky;

namespace {

QString writeTimes(const QTemporaryDir& dir, const QString& name, const std::vector<double>& t) {
  const QString path = dir.filePath(name);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(reinterpret_cast<const char*>(t.data()), static_cast<qint64>(t.size() * sizeof(double)));
  return path;
}

// n events over [t0, t0 + span) with a 5 % pulsed part at f.
std::vector<double> pulsedEvents(size_t n, double t0, double span, double f, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> t;
  t.reserve(n);
  while (t.size() < n) {
    const double x = span * u(rng);
    if (u(rng) < 0.95 + 0.05 * std::cos(2 * std::numbers::pi * f * x)) t.push_back(t0 + x);
  }
  std::sort(t.begin(), t.end());
  return t;
}

// A quiet source with a flare: rates 0.2/s, 1.5/s over [4000, 5000), 0.2/s (blocks).
std::vector<double> flareEvents(size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const double span = static_cast<double>(n) / 0.3;
  std::vector<double> t;
  while (t.size() < n) {
    const double x = span * u(rng);
    const bool flare = x > 0.4 * span && x < 0.5 * span;
    if (u(rng) < (flare ? 1.0 : 0.2 / 1.5)) t.push_back(1e8 + x);
  }
  std::sort(t.begin(), t.end());
  return t;
}

void z2Bench(const QTemporaryDir& dir) {
  const size_t n = 1'000'000;
  const double span = 1e5, t0 = 5e8, ftrue = 0.1234567;
  const std::vector<double> t = pulsedEvents(n, t0, span, ftrue, 3);
  const long long count = 100'000;
  const double step = 1.0 / (5 * span), fmin = 0.1;
  timing::FrequencyGrid grid{fmin, fmin + step * double(count - 1), step, count};
  timing::PeriodogramOptions opt;
  opt.method = timing::PeriodogramMethod::Z2;
  opt.harmonics = 2;
  opt.epoch = t0;
  timing::PeriodogramResult r;
  const double xsky = bench::medianSeconds(5, [&] { r = timing::searchPeriodogram(t, grid, opt, span); });

  // NumPy on every 1000th frequency of the same grid (100 of 10^5), scaled by 1000.
  const long long every = 1000, sub = count / every;
  const QString path = writeTimes(dir, QStringLiteral("z2.f64"), t);
  const QJsonObject a = QJsonDocument::fromJson(
      test::runPython(QStringLiteral("bench/anchor_timing.py"),
                      {QStringLiteral("z2"), path, QString::number(t0, 'g', 17),
                       QString::number(fmin, 'g', 17), QString::number(step * every, 'g', 17),
                       QString::number(sub), QStringLiteral("2")},
                      3600000)).object();
  const double numpySub = a[QStringLiteral("seconds")].toDouble();
  const double numpyFull = numpySub * static_cast<double>(every);
  const QJsonArray power = a[QStringLiteral("power")].toArray();
  double worst = 0;
  for (long long i = 0; i < sub && i < power.size(); ++i) {
    const double x = r.power[size_t(i * every)], y = power[qsizetype(i)].toDouble();
    worst = std::max(worst, std::abs(x - y) / std::max(1.0, std::abs(y)));
  }
  std::printf("Z^2_2, %zu events x %lld frequencies (step %.3g Hz):\n", n, count, step);
  std::printf("  XSky (FFT gridding, median of 5)      %10.3f s   best f = %.7f Hz (truth %.7f), Z^2 = %.1f\n",
              xsky, r.bestFrequency, ftrue, r.bestPower);
  std::printf("  NumPy direct sum on %lld of them      %10.3f s   -> %.0f s scaled to the full grid (x%lld)\n",
              sub, numpySub, numpyFull, every);
  std::printf("  ratio NumPy / XSky                    %10.0fx   largest power difference on the sub-grid %.2e\n",
              numpyFull / xsky, worst);
}

void blocksBench(const QTemporaryDir& dir, size_t n) {
  const std::vector<double> t = flareEvents(n, 5);
  const double p0 = 0.05;
  std::vector<timing::Block> blocks;
  const double xsky = bench::medianSeconds(5, [&] { blocks = timing::eventBlocks(t, p0); });
  const QString path = writeTimes(dir, QStringLiteral("blocks.f64"), t);
  const QJsonObject a = QJsonDocument::fromJson(
      test::runPython(QStringLiteral("bench/anchor_timing.py"),
                      {QStringLiteral("blocks"), path, QString::number(p0)}, 3600000)).object();
  const QJsonArray edges = a[QStringLiteral("edges")].toArray();
  const double astropy = a[QStringLiteral("seconds")].toDouble();
  bool same = edges.size() == qsizetype(blocks.size() + 1);
  for (size_t i = 0; same && i < blocks.size(); ++i)
    same = std::abs(edges[qsizetype(i)].toDouble() - blocks[i].start) < 1e-6;
  std::printf("Bayesian Blocks, %zu events, p0 = %.2f: XSky %.3f s (median of 5), astropy %.3f s, "
              "ratio %.1fx; %zu blocks vs %lld, change points %s\n",
              n, p0, xsky, astropy, astropy / xsky, blocks.size(), static_cast<long long>(edges.size() - 1),
              same ? "identical" : "DIFFER");
}

}  // namespace

int main() {
  QTemporaryDir dir;
  z2Bench(dir);
  blocksBench(dir, 10'000);
  blocksBench(dir, 20'000);
  return 0;
}
