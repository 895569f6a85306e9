// Event filtering and region selection on the real XMM-Newton MOS event lists of
// ../shared/data/events, against two independent counts: CFITSIO's own row filter (regfilter()
// through fits_find_rows) and NumPy + astropy.wcs (tests/oracles/region_count_oracle.py). Then
// the bad inputs that must give a clear message: a missing column, a region off the detector,
// an empty GTI, a background region without events.

#include <fitsio.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "events/EventFilter.h"
#include "events/EventListReader.h"
#include "events/EventSelection.h"
#include "products/Extraction.h"
#include "regions/RegionFileIo.h"

using namespace xsky;

namespace {

constexpr double kSrcArcsec = 150, kExArcsec = 20, kInArcsec = 300, kOutArcsec = 450;

struct Geometry {
  double ra = 0, dec = 0, exRa = 0, exDec = 0;
};

// The source circle on the list's pointing, an exclusion 60" north inside it, the background
// annulus around it.
Geometry geometryFor(const events::EventList& list) {
  const wcs::SkyPoint c = list.sky().referenceWorld();
  return {c.lon, c.lat, c.lon, c.lat + 60.0 / 3600.0};
}

void writeText(const QString& path, const QString& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(text.toUtf8());
}

QString num(double v) { return QString::number(v, 'f', 8); }

// CFITSIO: rows of the events table where `expression` is true.
long cfitsioCount(const QString& path, const QString& expression) {
  fitsfile* f = nullptr;
  int status = 0;
  const QByteArray name = (path + QStringLiteral("[EVENTS]")).toLocal8Bit();
  fits_open_table(&f, name.constData(), READONLY, &status);
  long rows = 0;
  fits_get_num_rows(f, &rows, &status);
  std::vector<char> flags(static_cast<size_t>(rows));
  long good = 0;
  QByteArray expr = expression.toLatin1();
  fits_find_rows(f, expr.data(), 1, rows, &good, flags.data(), &status);
  char text[FLEN_STATUS] = {};
  fits_get_errstatus(status, text);
  int closeStatus = 0;
  fits_close_file(f, &closeStatus);
  if (status != 0) {
    qWarning("CFITSIO: %s (%s)", text, qPrintable(expression));
    return -1;
  }
  return good;
}

regions::RegionSet readSet(const QString& path, const events::EventList& list) {
  const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(list.sky());
  regions::RegionReadOptions ro;
  ro.image = &ref;
  ro.keepPhysicalFrame = true;
  const regions::RegionReadResult r = regions::readRegionFile(path, ro);
  return regions::RegionSet::fromRegions(r.regions);
}

}  // namespace

class TestExtract : public QObject {
  Q_OBJECT

 private slots:
  void countsMatchCfitsioAndAstropy_data();
  void countsMatchCfitsioAndAstropy();
  void flagSelections();
  void missingColumnIsNamed();
  void regionOffTheDetector();
  void emptyGtiIsNoGoodTime();
  void backgroundWithoutEvents();
};

void TestExtract::countsMatchCfitsioAndAstropy_data() {
  QTest::addColumn<QString>("file");
  for (const char* f :
       {"XGA__0201901401_mos1_exp1_clean_evts.fits", "XGA__0201901401_mos2_exp1_clean_evts.fits",
        "XGA__0201903501_mos1_exp1_clean_evts.fits", "XGA__0404910601_mos1_exp1_clean_evts.fits"}) {
    QTest::newRow(f) << QString::fromLatin1(f);
  }
}

void TestExtract::countsMatchCfitsioAndAstropy() {
  if (!test::haveSharedData())
    QSKIP("../shared/data is absent: the real MOS event lists are needed");
  QFETCH(QString, file);
  const QString path = test::sharedData(QStringLiteral("events/") + file);
  const events::EventList list = events::readEventList(path);
  const Geometry g = geometryFor(list);
  QTemporaryDir dir;
  const QString both = dir.filePath(QStringLiteral("both.reg"));
  const QString src = dir.filePath(QStringLiteral("src.reg"));
  const QString bkg = dir.filePath(QStringLiteral("bkg.reg"));
  const QString circle =
      QStringLiteral("circle(%1,%2,%3\")\n").arg(num(g.ra), num(g.dec)).arg(kSrcArcsec);
  const QString exclusion =
      QStringLiteral("-circle(%1,%2,%3\")\n").arg(num(g.exRa), num(g.exDec)).arg(kExArcsec);
  const QString annulus = QStringLiteral("annulus(%1,%2,%3\",%4\")")
                              .arg(num(g.ra), num(g.dec))
                              .arg(kInArcsec)
                              .arg(kOutArcsec);
  writeText(both, QStringLiteral("# Region file format: DS9 version 4.1\nfk5\n") + circle +
                      exclusion + annulus + QStringLiteral(" # background\n"));
  writeText(src,
            QStringLiteral("# Region file format: DS9 version 4.1\nfk5\n") + circle + exclusion);
  writeText(bkg, QStringLiteral("# Region file format: DS9 version 4.1\nfk5\n") + annulus +
                     QStringLiteral("\n") + exclusion);

  // XSky with the defaults: PATTERN <= 12 and the header's XMMEA_EM; GTIs off here (the oracles
  // do not read them) and checked to change nothing on these clean lists below.
  QCOMPARE(list.goodEventsExpression, QStringLiteral("(FLAG & 0x766ba000) == 0"));
  events::FilterOptions noGti;
  noGti.useGtis = false;
  const events::EventFilter filter = events::EventFilter::make(list, noGti);
  QCOMPARE(filter.patternMax().value_or(-1), 12);
  QCOMPARE(filter.flagMask().value_or(0), 0x766ba000u);
  const regions::RegionSet set = readSet(both, list);
  QCOMPARE(set.source.size(), size_t(1));
  QCOMPARE(set.background.size(), size_t(1));
  const wcs::SkyWcs sky = list.sky();
  const regions::ProjectedRegionSet areas = regions::project(set, {&sky, regions::Frame::Physical});
  const events::SelectedEvents sel = events::selectEvents(filter, areas);
  QVERIFY2(sel.source.size() > 100, qPrintable(QString::number(sel.source.size())));
  QVERIFY(sel.background.size() > 100);

  // CFITSIO's row filter on the same file and the same region files.
  const QString quality = QStringLiteral(" && PATTERN <= 12 && ((FLAG & 0x766ba000) == 0)");
  long cfSrc = cfitsioCount(path, QStringLiteral("regfilter(\"%1\")").arg(src) + quality);
  long cfBkg = cfitsioCount(path, QStringLiteral("regfilter(\"%1\")").arg(bkg) + quality);
  QVERIFY(cfSrc >= 0 && cfBkg >= 0);
  QCOMPARE(static_cast<long>(sel.source.size()), cfSrc);
  QCOMPARE(static_cast<long>(sel.background.size()), cfBkg);

  // NumPy + astropy.wcs: great-circle distances of each event's sky position.
  const QByteArray out = test::runPython(
      QStringLiteral("oracles/region_count_oracle.py"),
      {path, num(g.ra), num(g.dec), QString::number(kSrcArcsec), num(g.exRa), num(g.exDec),
       QString::number(kExArcsec), QString::number(kInArcsec), QString::number(kOutArcsec),
       QStringLiteral("12"), QStringLiteral("766ba000")});
  const QJsonObject o = QJsonDocument::fromJson(out).object();
  QVERIFY2(!o.isEmpty(), out.constData());
  QCOMPARE(static_cast<long long>(sel.source.size()),
           static_cast<long long>(o[QStringLiteral("source")].toDouble()));
  QCOMPARE(static_cast<long long>(sel.background.size()),
           static_cast<long long>(o[QStringLiteral("background")].toDouble()));
  qInfo("%s: source %zu, background %zu (CFITSIO %ld/%ld, astropy %g/%g)", qPrintable(file),
        sel.source.size(), sel.background.size(), cfSrc, cfBkg,
        o[QStringLiteral("source")].toDouble(), o[QStringLiteral("background")].toDouble());

  // With the GTIs of each event's CCD: the clean lists hold only good-time events.
  const events::EventFilter withGti = events::EventFilter::make(list, {});
  QVERIFY(withGti.filtersTime());
  const events::SelectedEvents selGti = events::selectEvents(withGti, areas);
  QCOMPARE(selGti.source.size(), sel.source.size());
}

void TestExtract::flagSelections() {
  if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  const events::EventList list = events::readEventList(
      test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
  QCOMPARE(events::parseFlagSelection(QStringLiteral("#XMMEA_EM"), list).value_or(0), 0x766ba000u);
  QCOMPARE(events::parseFlagSelection(QStringLiteral("(FLAG & 0x10000) == 0"), list).value_or(0),
           0x10000u);
  QCOMPARE(events::parseFlagSelection(QStringLiteral("0x2"), list).value_or(0), 0x2u);
  QVERIFY(!events::parseFlagSelection(QStringLiteral("none"), list));
  QVERIFY_THROWS_EXCEPTION(Error, events::parseFlagSelection(QStringLiteral("#XMMEA_EP"), list));
  QVERIFY_THROWS_EXCEPTION(Error, events::parseFlagSelection(QStringLiteral("FLAG < 3"), list));
  // Energies: MOS PI is eV.
  events::FilterOptions o;
  o.energyMinKeV = 0.5;
  o.energyMaxKeV = 2.0;
  const events::EventFilter f = events::EventFilter::make(list, o);
  size_t kept = 0, expected = 0;
  for (size_t i = 0; i < static_cast<size_t>(list.rows); ++i) {
    kept += f.passesEnergy(i) ? 1 : 0;
    expected += list.pi[i] >= 500 && list.pi[i] < 2000 ? 1 : 0;
  }
  QCOMPARE(kept, expected);
}

void TestExtract::missingColumnIsNamed() {
  if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  events::EventList list = events::readEventList(
      test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
  list.pattern.clear();
  list.patternColumn.clear();
  try {
    events::EventFilter::make(list, {});
    QFAIL("no error for a missing PATTERN column");
  } catch (const Error& e) {
    QVERIFY2(e.message().contains(QStringLiteral("PATTERN")) && e.message().contains(list.path),
             qPrintable(e.message()));
  }
  // Without a PATTERN cut the same list extracts.
  events::FilterOptions o;
  o.noPatternCut = true;
  QVERIFY(!events::EventFilter::make(list, o).patternMax());
}

void TestExtract::regionOffTheDetector() {
  if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  const events::EventList list = events::readEventList(
      test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
  const Geometry g = geometryFor(list);
  QTemporaryDir dir;
  const QString reg = dir.filePath(QStringLiteral("far.reg"));
  writeText(reg, QStringLiteral("fk5\ncircle(%1,%2,60\")\n").arg(num(g.ra + 1.0), num(g.dec)));
  products::ExtractionOptions o;
  o.spectrumPath = dir.filePath(QStringLiteral("s.pha"));
  try {
    products::extract(list, readSet(reg, list), o);
    QFAIL("no error for a region off the detector");
  } catch (const Error& e) {
    QVERIFY2(e.message().contains(QStringLiteral("off the detector")), qPrintable(e.message()));
  }
  QVERIFY(!QFile::exists(o.spectrumPath));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // far.reg only
}

void TestExtract::emptyGtiIsNoGoodTime() {
  if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  events::EventList list = events::readEventList(
      test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
  for (auto& [ccd, gti] : list.gtis) gti = events::GtiList();
  const Geometry g = geometryFor(list);
  QTemporaryDir dir;
  const QString reg = dir.filePath(QStringLiteral("src.reg"));
  writeText(reg, QStringLiteral("fk5\ncircle(%1,%2,60\")\n").arg(num(g.ra), num(g.dec)));
  products::ExtractionOptions o;
  o.spectrumPath = dir.filePath(QStringLiteral("s.pha"));
  try {
    products::extract(list, readSet(reg, list), o);
    QFAIL("no error for empty GTIs");
  } catch (const Error& e) {
    QVERIFY2(e.message().contains(QStringLiteral("no good time")), qPrintable(e.message()));
  }
  QVERIFY(!QFile::exists(o.spectrumPath));
}

void TestExtract::backgroundWithoutEvents() {
  if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  const events::EventList list = events::readEventList(
      test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
  const Geometry g = geometryFor(list);
  QTemporaryDir dir;
  // A background circle of 0.1" (about 12 sky pixels^2) on the central CCD: no event falls in it.
  const QString reg = dir.filePath(QStringLiteral("src.reg"));
  writeText(reg, QStringLiteral("fk5\ncircle(%1,%2,60\")\ncircle(%1,%3,0.1\") # background\n")
                     .arg(num(g.ra), num(g.dec), num(g.dec - 200.0 / 3600.0)));
  products::ExtractionOptions o;
  o.spectrumPath = dir.filePath(QStringLiteral("s.pha"));
  const products::ExtractionResult r = products::extract(list, readSet(reg, list), o);
  QVERIFY(r.hasBackground);
  QCOMPARE(r.backgroundCounts, 0LL);
  QVERIFY(r.backgroundBackscal > 0);
  QVERIFY(std::isfinite(r.netRate) && std::isfinite(r.netRateError));
  QVERIFY2(r.warnings.join(QLatin1Char('\n'))
               .contains(QStringLiteral("no events in the background region")),
           qPrintable(r.warnings.join(QLatin1Char('\n'))));
  QVERIFY(QFile::exists(products::backgroundSpectrumPath(o.spectrumPath)));
}

QTEST_GUILESS_MAIN(TestExtract)
#include "tst_extract.moc"
