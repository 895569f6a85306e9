// The live preview's quick products (core/products/RegionQuery.h): through the spatial index they
// equal a scan of every event, and both equal what the extraction writes into its PHA files and
// light curve (the same events, channels and time bins), on the demo's pn, MOS1 and MOS2 lists
// and on a real XMM-Newton MOS1 list; a region off the events gives zero counts, not an error.

#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "fits/FitsFile.h"
#include "products/Extraction.h"
#include "products/RegionQuery.h"
#include "regions/RegionFileIo.h"
#include "sim/DemoSky.h"

using namespace xsky;

namespace {

regions::RegionSet setOf(const QString& text, const events::EventList& list) {
  const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(list.sky());
  regions::RegionReadOptions ro;
  ro.image = &ref;
  ro.keepPhysicalFrame = true;
  return regions::RegionSet::fromRegions(regions::readRegionText(text, QStringLiteral("test"), ro).regions);
}

std::vector<int32_t> column(const QString& path, const QString& name) {
  fits::FitsFile f = fits::FitsFile::open(path);
  f.moveTo(2);
  return f.readColumn<int32_t>(f.columnIndex(name));
}

}  // namespace

class TestRegionQuery : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  void compareWithExtraction(const QString& events, const QString& regionText, double binS) {
    const events::EventList list = events::readEventList(events);
    const regions::RegionSet set = setOf(regionText, list);
    const products::SpatialIndex index(list);
    products::QuickProductsOptions options;
    options.lightCurveBinS = binS;
    const products::QuickProducts fast = products::quickProducts(list, index, set, options);
    const products::QuickProducts scan = products::quickProducts(list, set, options);
    QVERIFY(fast.sourceCounts > 100);
    QCOMPARE(fast.sourceCounts, scan.sourceCounts);
    QCOMPARE(fast.backgroundCounts, scan.backgroundCounts);
    QVERIFY(fast.sourceSpectrum == scan.sourceSpectrum);
    QVERIFY(fast.backgroundSpectrum == scan.backgroundSpectrum);
    QVERIFY(fast.sourceCurve == scan.sourceCurve);
    // The extraction's own products hold the same events.
    products::ExtractionOptions o;
    o.spectrumPath = dir_.filePath(QStringLiteral("q.pha"));
    o.lightCurvePath = dir_.filePath(QStringLiteral("q.lc"));
    o.lightCurveBinS = binS;
    const products::ExtractionResult r = products::extract(list, set, o);
    QCOMPARE(fast.sourceCounts, r.sourceCounts);
    QCOMPARE(fast.backgroundCounts, r.backgroundCounts);
    QVERIFY(fast.sourceSpectrum == column(o.spectrumPath, QStringLiteral("COUNTS")));
    QVERIFY(fast.backgroundSpectrum == column(products::backgroundSpectrumPath(o.spectrumPath), QStringLiteral("COUNTS")));
    long long curveTotal = 0;
    for (const int32_t c : fast.sourceCurve) curveTotal += c;
    QCOMPARE(curveTotal, fast.sourceCounts);
  }

 private Q_SLOTS:
  void initTestCase() { sim::simulateDemoSky(dir_.filePath(QStringLiteral("demo")), {}); }

  void indexEqualsScanEqualsExtraction_data() {
    QTest::addColumn<QString>("camera");
    QTest::newRow("pn") << QStringLiteral("pn");
    QTest::newRow("mos1") << QStringLiteral("mos1");
    QTest::newRow("mos2") << QStringLiteral("mos2");
  }

  void indexEqualsScanEqualsExtraction() {
    QFETCH(QString, camera);
    compareWithExtraction(dir_.filePath(QStringLiteral("demo/0901230101/%1_events.fits").arg(camera)),
                          QStringLiteral("fk5\ncircle(150.1133433,2.2099999,30\")\n"
                                         "annulus(150.1133433,2.2099999,60\",120\") # background\n"
                                         "-circle(150.1133433,2.2133,8\") # background\n"),
                          500);
  }

  void realMosList() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    compareWithExtraction(test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")),
                          QStringLiteral("physical\ncircle(26579,27568,1200)\nannulus(26579,27568,2400,3600) # background\n"),
                          200);
  }

  void regionOffTheEvents() {
    const events::EventList list = events::readEventList(dir_.filePath(QStringLiteral("demo/0901230101/pn_events.fits")));
    const products::SpatialIndex index(list);
    const products::QuickProducts q =
        products::quickProducts(list, index, setOf(QStringLiteral("fk5\ncircle(152,3,30\")\n"), list), {});
    QCOMPARE(q.sourceCounts, 0LL);
  }
};

QTEST_GUILESS_MAIN(TestRegionQuery)
#include "tst_region_query.moc"
