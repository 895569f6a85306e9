// The product cache and provenance: a request's key changes with any parameter, region or input
// file and not otherwise; a recorded result comes back whole; a missing or changed product makes
// the record stale.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "products/ProductCache.h"
#include "sim/DemoSky.h"

using namespace xsky;

class TestProductCache : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString events_;
  regions::RegionSet set_;

 private Q_SLOTS:
  void initTestCase() {
    sim::simulateDemoSky(dir_.path(), {});
    events_ = dir_.filePath(QStringLiteral("0901230101/pn_events.fits"));
    regions::Region source;
    source.shape = regions::Circle{{150.1133433, 2.2099999}, 30.0 / 3600};
    regions::Region background = source;
    background.role = regions::Role::Background;
    background.shape = regions::Annulus{{150.1133433, 2.2099999}, {60.0 / 3600, 120.0 / 3600}};
    set_ = regions::RegionSet::fromRegions({source, background});
  }

  void keysFollowEveryInput() {
    products::ExtractionOptions o;
    o.spectrumPath = dir_.filePath(QStringLiteral("out/s.pha"));
    const QString key = products::requestKey(products::describeRequest(events_, set_, o, QStringLiteral("0.1.0")));
    QCOMPARE(products::requestKey(products::describeRequest(events_, set_, o, QStringLiteral("0.1.0"))), key);
    QVERIFY(products::requestKey(products::describeRequest(events_, set_, o, QStringLiteral("0.2.0"))) != key);
    products::ExtractionOptions binned = o;
    binned.lightCurvePath = dir_.filePath(QStringLiteral("out/l.lc"));
    binned.lightCurveBinS = 100;
    QVERIFY(products::requestKey(products::describeRequest(events_, set_, binned, QStringLiteral("0.1.0"))) != key);
    products::ExtractionOptions pattern = o;
    pattern.filter.patternMax = 4;
    QVERIFY(products::requestKey(products::describeRequest(events_, set_, pattern, QStringLiteral("0.1.0"))) != key);
    regions::RegionSet moved = set_;
    std::get<regions::Circle>(moved.source[0].shape).radius = 31.0 / 3600;
    QVERIFY(products::requestKey(products::describeRequest(events_, moved, o, QStringLiteral("0.1.0"))) != key);
    QVERIFY(products::requestKey(products::describeRequest(dir_.filePath(QStringLiteral("0901230201/pn_events.fits")), set_, o,
                                                           QStringLiteral("0.1.0"))) != key);
  }

  void recordedResultComesBackUntilAProductChanges() {
    const QString folder = dir_.filePath(QStringLiteral("out"));
    QDir().mkpath(folder);
    products::ExtractionOptions o;
    o.spectrumPath = folder + QStringLiteral("/s.pha");
    const events::EventList list = events::readEventList(events_);
    const products::ExtractionResult first = products::extract(list, set_, o);
    const QJsonObject request = products::describeRequest(events_, set_, o, QStringLiteral("0.1.0"));
    const QString key = products::requestKey(request);
    QVERIFY(!products::cachedResult(folder, key));
    products::recordResult(folder, key, request, first);
    const auto again = products::cachedResult(folder, key);
    QVERIFY(again.has_value());
    QCOMPARE(again->sourceCounts, first.sourceCounts);
    QCOMPARE(again->backgroundCounts, first.backgroundCounts);
    QCOMPARE(again->netRate, first.netRate);
    QCOMPARE(again->sourceBackscal, first.sourceBackscal);
    QCOMPARE(again->products.size(), first.products.size());
    QCOMPARE(again->products.front().path, first.products.front().path);
    // A product that changed size (overwritten by something else) makes the record stale.
    QFile f(first.products.front().path);
    QVERIFY(f.open(QIODevice::Append));
    f.write("x");
    f.close();
    QVERIFY(!products::cachedResult(folder, key));
    QFile::remove(first.products.front().path);
    QVERIFY(!products::cachedResult(folder, key));
  }
};

QTEST_MAIN(TestProductCache)
#include "tst_product_cache.moc"
