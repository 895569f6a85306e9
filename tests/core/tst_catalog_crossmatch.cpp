// Cross-matching (core/catalog/CrossMatch.h) against astropy: nearest neighbours within a radius
// equal SkyCoord.match_to_catalog_sky restricted to that radius, every pair equals
// SkyCoord.search_around_sky, in a field across RA 0, around the pole and over the whole sky;
// sources inside the user's regions (exclusions cut out) equal astropy separations; 1e5 x 1e5
// matches in well under a second.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <set>

#include "TestSupport.h"
#include "catalog/CrossMatch.h"
#include "fits/FitsError.h"

using namespace xsky;
using namespace xsky::catalog;

namespace {

const QString kOracle = QStringLiteral("oracles/crossmatch_oracle.py");

SkyPositions readPositions(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QByteArray bytes = f.readAll();
  const size_t n = static_cast<size_t>(bytes.size()) / 16;
  SkyPositions p;
  p.ra.resize(n);
  p.dec.resize(n);
  std::memcpy(p.ra.data(), bytes.constData(), n * 8);
  std::memcpy(p.dec.data(), bytes.constData() + n * 8, n * 8);
  return p;
}

regions::Region circle(double ra, double dec, double radius, bool include) {
  regions::Region r;
  r.shape = regions::Circle{regions::Vec2{ra, dec}, radius};
  r.frame = regions::Frame::Sky;
  r.include = include;
  return r;
}

// Far enough from the radius that rounding cannot move a source across it.
bool borderline(double sepDeg, double radiusDeg) { return std::abs(sepDeg - radiusDeg) < 1e-10; }

}  // namespace

class TestCrossMatch : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private Q_SLOTS:
  void matchesAstropy_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("n1");
    QTest::addColumn<int>("n2");
    QTest::addColumn<double>("radiusArcsec");
    QTest::newRow("field across RA 0") << "field" << 20000 << 20000 << 10.0;
    QTest::newRow("north pole") << "pole" << 5000 << 6000 << 30.0;
    QTest::newRow("whole sky") << "sky" << 20000 << 30000 << 6.0;
  }

  void matchesAstropy() {
    QFETCH(QString, kind);
    QFETCH(int, n1);
    QFETCH(int, n2);
    QFETCH(double, radiusArcsec);
    const QString folder = dir_.filePath(kind);
    QDir().mkpath(folder);
    const QJsonObject files =
        QJsonDocument::fromJson(
            test::runPython(kOracle, {QStringLiteral("make"), folder, kind, QStringLiteral("7"),
                                      QString::number(n1), QString::number(n2)}))
            .object();
    const QString firstPath = files.value(QStringLiteral("first")).toString();
    const QString secondPath = files.value(QStringLiteral("second")).toString();
    const SkyPositions first = readPositions(firstPath), second = readPositions(secondPath);
    QCOMPARE(first.size(), static_cast<size_t>(n1));
    QCOMPARE(second.size(), static_cast<size_t>(n2));
    const QJsonObject expected =
        QJsonDocument::fromJson(
            test::runPython(kOracle, {QStringLiteral("match"), firstPath, secondPath,
                                      QString::number(radiusArcsec)}))
            .object();
    const double radius = radiusArcsec / 3600.0;

    // Nearest neighbours: astropy's nearest of the whole catalogue, kept when within the radius.
    const std::vector<NeighbourMatch> nearest = nearestNeighbours(first, second, radius);
    const QJsonArray idx = expected[QStringLiteral("nearest")][QStringLiteral("index")].toArray();
    const QJsonArray sep = expected[QStringLiteral("nearest")][QStringLiteral("sep_deg")].toArray();
    QCOMPARE(nearest.size(), static_cast<size_t>(idx.size()));
    int matched = 0;
    for (size_t i = 0; i < nearest.size(); ++i) {
      const double s = sep[static_cast<int>(i)].toDouble();
      if (borderline(s, radius)) continue;
      if (s <= radius) {
        ++matched;
        QVERIFY2(nearest[i].index == idx[static_cast<int>(i)].toInteger(),
                 qPrintable(QStringLiteral("row %1: %2, astropy %3")
                                .arg(i)
                                .arg(nearest[i].index)
                                .arg(idx[static_cast<int>(i)].toInteger())));
        XSKY_COMPARE_NEAR(nearest[i].separationDeg * 3600, s * 3600, 1e-6);
      } else {
        QVERIFY2(nearest[i].index == -1,
                 qPrintable(QStringLiteral("row %1 matched %2 beyond the radius")
                                .arg(i)
                                .arg(nearest[i].index)));
      }
    }
    QVERIFY2(matched > n1 / 5,
             qPrintable(QString::number(matched)));  // the oracle re-observed many sources

    // Every pair within the radius.
    const std::vector<MatchPair> pairs = pairsWithin(first, second, radius);
    std::set<std::pair<size_t, size_t>> mine, theirs;
    for (const MatchPair& p : pairs) {
      if (!borderline(p.separationDeg, radius)) mine.insert({p.first, p.second});
    }
    const QJsonObject ep = expected[QStringLiteral("pairs")].toObject();
    const QJsonArray e1 = ep[QStringLiteral("first")].toArray(),
                     e2 = ep[QStringLiteral("second")].toArray(),
                     es = ep[QStringLiteral("sep_deg")].toArray();
    for (int k = 0; k < e1.size(); ++k) {
      if (!borderline(es[k].toDouble(), radius)) {
        theirs.insert(
            {static_cast<size_t>(e1[k].toInteger()), static_cast<size_t>(e2[k].toInteger())});
      }
    }
    QCOMPARE(mine.size(), theirs.size());
    QVERIFY(mine == theirs);
    for (size_t k = 1; k < pairs.size(); ++k) {
      QVERIFY(pairs[k - 1].first < pairs[k].first ||
              (pairs[k - 1].first == pairs[k].first && pairs[k - 1].second < pairs[k].second));
    }
  }

  void sourcesInRegions() {
    const QString folder = dir_.filePath(QStringLiteral("regions"));
    QDir().mkpath(folder);
    const QJsonObject files =
        QJsonDocument::fromJson(
            test::runPython(kOracle,
                            {QStringLiteral("make"), folder, QStringLiteral("field"),
                             QStringLiteral("3"), QStringLiteral("30000"), QStringLiteral("10")}))
            .object();
    const QString path = files.value(QStringLiteral("first")).toString();
    const SkyPositions p = readPositions(path);
    // Two source circles (one across RA 0), an exclusion cut out of the first, and a background
    // annulus-like pair that must not count as source area.
    const QString spec = QStringLiteral(
        R"([{"ra": 359.8, "dec": -29.0, "radius_deg": 0.3, "include": true},
            {"ra": 0.6, "dec": -28.5, "radius_deg": 0.12, "include": true},
            {"ra": 359.9, "dec": -29.05, "radius_deg": 0.08, "include": false}])");
    const QJsonArray expected =
        QJsonDocument::fromJson(test::runPython(kOracle, {QStringLiteral("circles"), path, spec}))
            .array();
    std::vector<regions::Region> list{circle(359.8, -29.0, 0.3, true),
                                      circle(0.6, -28.5, 0.12, true),
                                      circle(359.9, -29.05, 0.08, false)};
    regions::Region background = circle(0.5, -29.5, 0.2, true);
    background.role = regions::Role::Background;
    list.push_back(background);
    regions::Region pixel = circle(100, 100, 20, true);
    pixel.frame = regions::Frame::Image;
    list.push_back(pixel);
    QStringList notes;
    const regions::RegionSet set = regions::RegionSet::fromRegions(list, &notes);
    const std::vector<size_t> rows = rowsInRegions(p, set, RegionArea::Source, &notes);
    QVERIFY(notes.join(QLatin1Char('\n')).contains(QStringLiteral("pixel")));
    QVERIFY(rows.size() > 100);
    QCOMPARE(rows.size(), static_cast<size_t>(expected.size()));
    for (size_t k = 0; k < rows.size(); ++k)
      QCOMPARE(static_cast<qint64>(rows[k]), expected[static_cast<int>(k)].toInteger());

    // The background area: its circle, and none of the rows inside a source region.
    const std::vector<size_t> bg = rowsInRegions(p, set, RegionArea::Background);
    QVERIFY(!bg.empty());
    for (const size_t r : bg) {
      QVERIFY(separationDeg(p.ra[r], p.dec[r], 0.5, -29.5) <= 0.2 + 1e-12);
      QVERIFY(!std::binary_search(rows.begin(), rows.end(), r));
    }
    const std::vector<size_t> either = rowsInRegions(p, set, RegionArea::Either);
    QCOMPARE(either.size(), rows.size() + bg.size());
  }

  void tableWithoutPositionsIsAClearError() {
    SourceTable t;
    t.source = QStringLiteral("flux.vot");
    ColumnMeta m;
    m.name = QStringLiteral("FLUX");
    t.columns.emplace_back(m, ColumnKind::Real);
    t.columns.back().reals = {1, 2};
    try {
      positionsOf(t);
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(e.message().contains(QStringLiteral("no RA/Dec")), qPrintable(e.message()));
    }
  }

  void hundredThousandSquaredIsFast() {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> ra(150, 160),
        z(std::sin(-5 * M_PI / 180), std::sin(5 * M_PI / 180));
    std::normal_distribution<double> jitter(0, 2.0 / 3600);
    const size_t n = 100000;
    SkyPositions a, b;
    for (size_t i = 0; i < n; ++i) {
      a.ra.push_back(ra(rng));
      a.dec.push_back(std::asin(z(rng)) * 180 / M_PI);
    }
    for (size_t i = 0; i < n; ++i) {
      if (i % 2 == 0) {
        b.ra.push_back(a.ra[i] + jitter(rng));
        b.dec.push_back(a.dec[i] + jitter(rng));
      } else {
        b.ra.push_back(ra(rng));
        b.dec.push_back(std::asin(z(rng)) * 180 / M_PI);
      }
    }
    QElapsedTimer timer;
    timer.start();
    const std::vector<NeighbourMatch> m = nearestNeighbours(a, b, 10.0 / 3600);
    const qint64 nearestMs = timer.restart();
    const std::vector<MatchPair> pairs = pairsWithin(a, b, 10.0 / 3600);
    const qint64 pairsMs = timer.elapsed();
    qInfo("1e5 x 1e5 within 10 arcsec: nearest %lld ms, pairs %lld ms (%zu pairs)", nearestMs,
          pairsMs, pairs.size());
    size_t found = 0;
    for (const NeighbourMatch& x : m) found += x.index >= 0;
    QVERIFY(found >= n / 2);
    QVERIFY2(nearestMs < 1000, qPrintable(QString::number(nearestMs)));
    QVERIFY2(pairsMs < 1000, qPrintable(QString::number(pairsMs)));
  }
};

QTEST_GUILESS_MAIN(TestCrossMatch)
#include "tst_catalog_crossmatch.moc"
