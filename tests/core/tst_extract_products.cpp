// Extraction products on the demo archive (sim/DemoSky.h, fixed seed): net source counts agree
// with the simulator's truth, every product passes `fitsverify -q` and carries the OGIP keywords
// of its standard, a cancel leaves no file, a time bin shorter than the frame time is refused, and
// `xsky-cli extract` writes what its --json says.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QDateTime>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "fits/FitsFile.h"
#include "products/Extraction.h"
#include "products/ProductCache.h"
#include "products/ProductExport.h"
#include "spectral/SpectralData.h"
#include "regions/RegionFileIo.h"
#include "sim/DemoSky.h"

using namespace xsky;

namespace {

void writeText(const QString& path, const QString& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(text.toUtf8());
}

QString num(double v) { return QString::number(v, 'f', 8); }

regions::RegionSet readSet(const QString& path, const events::EventList& list) {
  const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(list.sky());
  regions::RegionReadOptions ro;
  ro.image = &ref;
  ro.keepPhysicalFrame = true;
  return regions::RegionSet::fromRegions(regions::readRegionFile(path, ro).regions);
}

// A 30" source circle and a 50"-100" background annulus around (ra, dec).
QString sourceRegion(double ra, double dec) {
  return QStringLiteral(
             "# Region file format: DS9 version "
             "4.1\nfk5\ncircle(%1,%2,30\")\nannulus(%1,%2,50\",100\") # background\n")
      .arg(num(ra), num(dec));
}

// `fitsverify -q FILE`: empty when the file has no error, else fitsverify's line.
QString fitsverifyProblem(const QString& path) {
  QProcess p;
  p.start(QStringLiteral("fitsverify"), {QStringLiteral("-q"), path});
  if (!p.waitForFinished(60000)) return QStringLiteral("fitsverify did not finish");
  const QString out =
      QString::fromLocal8Bit(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
  if (p.exitCode() != 0 || !out.contains(QStringLiteral("verification OK"))) return out;
  return {};
}

// Keywords missing from HDU `extname` of `path`.
QStringList missingKeys(const QString& path, const QString& extname, const QStringList& keys) {
  fits::FitsFile f = fits::FitsFile::open(path);
  if (!f.moveToNamed(extname)) return {QStringLiteral("no %1 extension").arg(extname)};
  QStringList missing;
  for (const QString& k : keys) {
    if (!f.hasKey(k)) missing << k;
  }
  return missing;
}

const QStringList kPhaKeys = {
    QStringLiteral("TELESCOP"), QStringLiteral("INSTRUME"), QStringLiteral("FILTER"),
    QStringLiteral("EXPOSURE"), QStringLiteral("AREASCAL"), QStringLiteral("BACKSCAL"),
    QStringLiteral("CORRSCAL"), QStringLiteral("BACKFILE"), QStringLiteral("CORRFILE"),
    QStringLiteral("RESPFILE"), QStringLiteral("ANCRFILE"), QStringLiteral("HDUCLASS"),
    QStringLiteral("HDUCLAS1"), QStringLiteral("HDUCLAS2"), QStringLiteral("HDUCLAS3"),
    QStringLiteral("HDUVERS"),  QStringLiteral("CHANTYPE"), QStringLiteral("DETCHANS"),
    QStringLiteral("POISSERR"), QStringLiteral("TLMIN1"),   QStringLiteral("TLMAX1"),
    QStringLiteral("OBS_ID"),   QStringLiteral("OBJECT"),   QStringLiteral("DATE-OBS"),
    QStringLiteral("QUALITY"),  QStringLiteral("GROUPING"), QStringLiteral("SYS_ERR")};
const QStringList kLcKeys = {
    QStringLiteral("TELESCOP"), QStringLiteral("INSTRUME"), QStringLiteral("HDUCLASS"),
    QStringLiteral("HDUCLAS1"), QStringLiteral("HDUCLAS2"), QStringLiteral("HDUCLAS3"),
    QStringLiteral("TIMESYS"),  QStringLiteral("MJDREF"),   QStringLiteral("TIMEZERO"),
    QStringLiteral("TIMEUNIT"), QStringLiteral("TIMEREF"),  QStringLiteral("TSTART"),
    QStringLiteral("TSTOP"),    QStringLiteral("TIMEDEL"),  QStringLiteral("TIMEPIXR"),
    QStringLiteral("EXPOSURE")};
const QStringList kGtiKeys = {QStringLiteral("HDUCLASS"), QStringLiteral("HDUCLAS1"),
                              QStringLiteral("HDUCLAS2"), QStringLiteral("TIMESYS"),
                              QStringLiteral("MJDREF"),   QStringLiteral("TSTART"),
                              QStringLiteral("TSTOP")};
const QStringList kImageKeys = {
    QStringLiteral("CTYPE1"),   QStringLiteral("CTYPE2"),  QStringLiteral("CRPIX1"),
    QStringLiteral("CRPIX2"),   QStringLiteral("CRVAL1"),  QStringLiteral("CRVAL2"),
    QStringLiteral("CDELT1"),   QStringLiteral("CDELT2"),  QStringLiteral("RADESYS"),
    QStringLiteral("TELESCOP"), QStringLiteral("INSTRUME")};

}  // namespace

class TestExtractProducts : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void netCountsMatchTruth();
  void productsPassFitsverifyAndOgip();
  void imageWcsMatchesEvents();
  void binShorterThanFrameTimeIsRefused();
  void cancelLeavesNoFile();
  void cliExtract();
  void cliSeveralListsAndIndex();
  void exportKeepsSpectraUsable();

 private:
  const events::EventList& list(const QString& obsId, const QString& cam);
  QJsonObject firstSource() const;

  QTemporaryDir demo_;
  QJsonObject truth_;
  std::map<QString, events::EventList> lists_;
};

void TestExtractProducts::initTestCase() {
  QVERIFY(demo_.isValid());
  QElapsedTimer t;
  t.start();
  sim::simulateDemoSky(demo_.path(), {});
  qInfo("demo archive simulated in %.1f s", t.nsecsElapsed() * 1e-9);
  QFile f(demo_.filePath(QStringLiteral("truth.json")));
  QVERIFY(f.open(QIODevice::ReadOnly));
  truth_ = QJsonDocument::fromJson(f.readAll()).object();
  QVERIFY(!truth_.isEmpty());
}

const events::EventList& TestExtractProducts::list(const QString& obsId, const QString& cam) {
  const QString path = demo_.filePath(obsId + QStringLiteral("/%1_events.fits").arg(cam));
  auto it = lists_.find(path);
  if (it == lists_.end()) it = lists_.emplace(path, events::readEventList(path)).first;
  return it->second;
}

QJsonObject TestExtractProducts::firstSource() const {
  return truth_[QStringLiteral("sources")].toArray().first().toObject();
}

void TestExtractProducts::netCountsMatchTruth() {
  // Truth: expected_counts of each constant point source; the King PSF's encircled fraction in
  // the 30" circle minus the part of its wing in the 50"-100" annulus scaled by BACKSCAL, which
  // the background subtraction takes away. No PATTERN/FLAG cut (the truth counts every event).
  QTemporaryDir dir;
  events::FilterOptions all;
  all.noPatternCut = true;
  all.flag = QStringLiteral("none");
  products::ExtractionOptions o;
  o.filter = all;
  int checks = 0;
  double sumObserved = 0, sumExpected = 0, sumVariance = 0;
  QElapsedTimer clock;
  qint64 extractNs = 0;
  for (const QJsonValue& sv : truth_[QStringLiteral("sources")].toArray()) {
    const QJsonObject s = sv.toObject();
    if (s[QStringLiteral("shape")][QStringLiteral("type")].toString() != QLatin1String("point"))
      continue;
    if (s[QStringLiteral("variability")][QStringLiteral("type")].toString() !=
        QLatin1String("none"))
      continue;
    const QString reg = dir.filePath(s[QStringLiteral("id")].toString() + QStringLiteral(".reg"));
    writeText(
        reg, sourceRegion(s[QStringLiteral("ra")].toDouble(), s[QStringLiteral("dec")].toDouble()));
    for (const QJsonValue& ov : s[QStringLiteral("observations")].toArray()) {
      const QJsonObject obs = ov.toObject();
      for (const QString& cam :
           {QStringLiteral("pn"), QStringLiteral("mos1"), QStringLiteral("mos2")}) {
        const QJsonObject in = obs[QStringLiteral("cameras")][cam].toObject();
        if (!in[QStringLiteral("aperture")][QStringLiteral("whole_on_one_ccd")].toBool()) continue;
        const events::EventList& ev = list(obs[QStringLiteral("obs_id")].toString(), cam);
        clock.start();
        const products::ExtractionResult r = products::extract(ev, readSet(reg, ev), o);
        extractNs += clock.nsecsElapsed();
        QVERIFY(r.hasBackground);
        const QJsonObject psf =
            truth_[QStringLiteral("cameras")][cam][QStringLiteral("psf")].toObject();
        const double rc = psf[QStringLiteral("core_radius_arcsec")].toDouble(),
                     beta = psf[QStringLiteral("beta")].toDouble();
        const auto eef = [&](double radius) {
          return 1.0 - std::pow(1.0 + std::pow(radius / rc, 2), 1.0 - beta);
        };
        const double scale = r.sourceBackscal / r.backgroundBackscal;
        // The areas are those of the circle and the annulus where both lie whole on the CCDs.
        const double expected = in[QStringLiteral("expected_counts")].toDouble() *
                                (eef(30) - scale * (eef(100) - eef(50)));
        const double observed = r.netCounts;
        const double variance =
            r.sourceCounts + r.backgroundCounts * scale * scale *
                                 std::pow(r.sourceExposureS / r.backgroundExposureS, 2);
        const double z = (observed - expected) / std::sqrt(variance);
        QVERIFY2(std::abs(z) <= 3.0,
                 qPrintable(QStringLiteral("%1 %2 %3: net %4, expected %5 (z = %6)")
                                .arg(s[QStringLiteral("id")].toString(),
                                     obs[QStringLiteral("obs_id")].toString(), cam)
                                .arg(observed, 0, 'f', 1)
                                .arg(expected, 0, 'f', 1)
                                .arg(z, 0, 'f', 2)));
        ++checks;
        sumObserved += observed;
        sumExpected += expected;
        sumVariance += variance;
      }
    }
  }
  qInfo(
      "%d extractions: net %.0f, expected %.1f; %.1f ms per extraction (areas, footprint, "
      "selection)",
      checks, sumObserved, sumExpected, extractNs * 1e-6 / std::max(checks, 1));
  QVERIFY(checks >= 20);
  QVERIFY(std::abs(sumObserved - sumExpected) <= 3.0 * std::sqrt(sumVariance));
}

void TestExtractProducts::productsPassFitsverifyAndOgip() {
  if (QStandardPaths::findExecutable(QStringLiteral("fitsverify")).isEmpty())
    QSKIP("fitsverify is not installed");
  const QJsonObject s = firstSource();
  const QString obsId =
      s[QStringLiteral("observations")].toArray().first()[QStringLiteral("obs_id")].toString();
  QTemporaryDir dir;
  const QString reg = dir.filePath(QStringLiteral("src.reg"));
  writeText(reg,
            sourceRegion(s[QStringLiteral("ra")].toDouble(), s[QStringLiteral("dec")].toDouble()));
  for (const QString& cam : {QStringLiteral("pn"), QStringLiteral("mos1")}) {
    const events::EventList& ev = list(obsId, cam);
    products::ExtractionOptions o;
    o.spectrumPath = dir.filePath(cam + QStringLiteral(".pha"));
    o.lightCurvePath = dir.filePath(cam + QStringLiteral(".lc"));
    o.lightCurveBinS = 500;
    o.imagePath = dir.filePath(cam + QStringLiteral("_img.fits"));
    o.bands = {{0.5, 2.0}, {2.0, 10.0}};
    const products::ExtractionResult r = products::extract(ev, readSet(reg, ev), o);
    QCOMPARE(r.products.size(), size_t(2 + 3 + 2));  // spectra, 2 light curves + HR, 2 images
    for (const products::ProductRecord& p : r.products) {
      QVERIFY2(QFile::exists(p.path), qPrintable(p.path));
      const QString problem = fitsverifyProblem(p.path);
      QVERIFY2(problem.isEmpty(), qPrintable(p.path + QStringLiteral(": ") + problem));
      QStringList missing;
      if (p.kind.endsWith(QLatin1String("spectrum"))) {
        missing = missingKeys(p.path, QStringLiteral("SPECTRUM"), kPhaKeys);
        fits::FitsFile f = fits::FitsFile::open(p.path);
        f.moveToNamed(QStringLiteral("SPECTRUM"));
        const std::vector<int32_t> counts = f.readColumn<int32_t>(2);
        long long total = 0;
        for (const int32_t c : counts) total += c;
        QCOMPARE(total, p.counts);
        QCOMPARE(static_cast<long long>(counts.size()), *f.keyInt(QStringLiteral("DETCHANS")));
        QCOMPARE(counts.size(), size_t(cam == QLatin1String("pn") ? 4096 : 800));
        QCOMPARE(*f.keyDouble(QStringLiteral("BACKSCAL")), p.backscal);
        if (p.kind == QLatin1String("spectrum")) {
          // Responses of the demo archive, and the background beside the spectrum.
          const QString dirOf = QFileInfo(p.path).absolutePath() + QLatin1Char('/');
          for (const char* k : {"RESPFILE", "ANCRFILE", "BACKFILE"}) {
            const QString v = f.keyString(QLatin1String(k)).value_or(QString()).trimmed();
            QVERIFY2(QFileInfo::exists(dirOf + v),
                     qPrintable(QStringLiteral("%1 = %2").arg(QLatin1String(k), v)));
          }
          QCOMPARE(f.keyString(QStringLiteral("BACKFILE")).value_or(QString()).trimmed(),
                   cam + QStringLiteral("_bkg.pha"));
        }
      } else if (p.kind == QLatin1String("lightcurve")) {
        missing = missingKeys(p.path, QStringLiteral("RATE"), kLcKeys) +
                  missingKeys(p.path, QStringLiteral("GTI"), kGtiKeys);
      } else if (p.kind == QLatin1String("hardness_ratio")) {
        missing = missingKeys(p.path, QStringLiteral("HARDNESS"),
                              {QStringLiteral("TIMEDEL"), QStringLiteral("MJDREF")});
      } else if (p.kind == QLatin1String("image")) {
        missing = missingKeys(p.path, QStringLiteral("PRIMARY"), kImageKeys);
      }
      QVERIFY2(missing.isEmpty(),
               qPrintable(p.path + QStringLiteral(" lacks ") + missing.join(QLatin1Char(' '))));
    }
    qInfo("%s: %lld source, %lld background events; EXPOSURE %.1f s; BACKSCAL %.0f / %.0f",
          qPrintable(cam), r.sourceCounts, r.backgroundCounts, r.sourceExposureS, r.sourceBackscal,
          r.backgroundBackscal);
  }
  QVERIFY(QDir(dir.path())
              .entryList({QStringLiteral(".*part*")}, QDir::Files | QDir::Hidden)
              .isEmpty());
}

void TestExtractProducts::imageWcsMatchesEvents() {
  // The brightest pixel of the source's image is where the source is (within a pixel).
  const QJsonObject s = firstSource();
  const QString obsId =
      s[QStringLiteral("observations")].toArray().first()[QStringLiteral("obs_id")].toString();
  QTemporaryDir dir;
  const QString reg = dir.filePath(QStringLiteral("src.reg"));
  writeText(reg,
            sourceRegion(s[QStringLiteral("ra")].toDouble(), s[QStringLiteral("dec")].toDouble()));
  const events::EventList& ev = list(obsId, QStringLiteral("pn"));
  products::ExtractionOptions o;
  o.imagePath = dir.filePath(QStringLiteral("img.fits"));
  products::extract(ev, readSet(reg, ev), o);
  const imaging::Image2D img = imaging::readFitsImage(o.imagePath);
  QVERIFY(img.wcs.has_value());
  size_t best = 0;
  for (size_t k = 1; k < img.pixels.size(); ++k) {
    if (img.pixels[k] > img.pixels[best]) best = k;
  }
  const wcs::PixelPoint p{static_cast<double>(best % static_cast<size_t>(img.width)) + 1.0,
                          static_cast<double>(best / static_cast<size_t>(img.width)) + 1.0};
  const auto at = img.wcs->pixelToWorld(p);
  QVERIFY(at.has_value());
  const double dRa =
      (at->lon - s[QStringLiteral("ra")].toDouble()) * std::cos(at->lat * M_PI / 180.0) * 3600.0;
  const double dDec = (at->lat - s[QStringLiteral("dec")].toDouble()) * 3600.0;
  const double pixelArcsec = img.wcs->pixelScaleDeg() * 3600.0;
  QVERIFY2(std::hypot(dRa, dDec) <= 1.5 * pixelArcsec,
           qPrintable(QStringLiteral("peak %1\" from the source (pixel %2\")")
                          .arg(std::hypot(dRa, dDec))
                          .arg(pixelArcsec)));
}

void TestExtractProducts::binShorterThanFrameTimeIsRefused() {
  const QJsonObject s = firstSource();
  const QString obsId =
      s[QStringLiteral("observations")].toArray().first()[QStringLiteral("obs_id")].toString();
  QTemporaryDir dir;
  const QString reg = dir.filePath(QStringLiteral("src.reg"));
  writeText(reg,
            sourceRegion(s[QStringLiteral("ra")].toDouble(), s[QStringLiteral("dec")].toDouble()));
  const events::EventList& ev = list(obsId, QStringLiteral("mos1"));  // MOS frames: 2.6 s
  products::ExtractionOptions o;
  o.lightCurvePath = dir.filePath(QStringLiteral("l.lc"));
  o.lightCurveBinS = 1.0;
  try {
    products::extract(ev, readSet(reg, ev), o);
    QFAIL("a 1 s bin on MOS was accepted");
  } catch (const Error& e) {
    QVERIFY2(e.message().contains(QStringLiteral("frame time")), qPrintable(e.message()));
  }
  QVERIFY(!QFile::exists(o.lightCurvePath));
}

void TestExtractProducts::cancelLeavesNoFile() {
  const QJsonObject s = firstSource();
  const QString obsId =
      s[QStringLiteral("observations")].toArray().first()[QStringLiteral("obs_id")].toString();
  const events::EventList& ev = list(obsId, QStringLiteral("pn"));
  for (const QString& stopAt :
       {QStringLiteral("selecting events"), QStringLiteral("writing light curves"),
        QStringLiteral("binning images")}) {
    QTemporaryDir dir;
    const QString reg = dir.filePath(QStringLiteral("src.reg"));
    writeText(
        reg, sourceRegion(s[QStringLiteral("ra")].toDouble(), s[QStringLiteral("dec")].toDouble()));
    products::ExtractionOptions o;
    o.spectrumPath = dir.filePath(QStringLiteral("s.pha"));
    o.lightCurvePath = dir.filePath(QStringLiteral("l.lc"));
    o.lightCurveBinS = 100;
    o.imagePath = dir.filePath(QStringLiteral("i.fits"));
    bool cancelled = false;
    try {
      products::extract(ev, readSet(reg, ev), o,
                        [&](double, const QString& stage) { return stage != stopAt; });
    } catch (const Cancelled&) {
      cancelled = true;
    }
    QVERIFY2(cancelled, qPrintable(stopAt));
    const QStringList files = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    // Only what was complete before the cancel: never a temporary or a half-written product.
    for (const QString& f : files) {
      QVERIFY2(!f.contains(QStringLiteral(".part")), qPrintable(f));
    }
    QVERIFY(!QFile::exists(o.imagePath));
    if (stopAt != QLatin1String("binning images")) QVERIFY(!QFile::exists(o.lightCurvePath));
    if (stopAt == QLatin1String("selecting events"))
      QCOMPARE(files, QStringList{QStringLiteral("src.reg")});
  }
}

void TestExtractProducts::cliExtract() {
  const QJsonObject s = firstSource();
  const QString obsId =
      s[QStringLiteral("observations")].toArray().first()[QStringLiteral("obs_id")].toString();
  QTemporaryDir dir;
  const QString reg = dir.filePath(QStringLiteral("src.reg"));
  writeText(reg,
            sourceRegion(s[QStringLiteral("ra")].toDouble(), s[QStringLiteral("dec")].toDouble()));
  const QString events = demo_.filePath(obsId + QStringLiteral("/pn_events.fits"));
  QByteArray out, err;
  QElapsedTimer t;
  t.start();
  const int code =
      test::runCli({QStringLiteral("extract"), QStringLiteral("--events"), events,
                    QStringLiteral("--region"), reg, QStringLiteral("--energy"),
                    QStringLiteral("0.5:2"), QStringLiteral("--energy"), QStringLiteral("2:10"),
                    QStringLiteral("--spectrum"), dir.filePath(QStringLiteral("src.pha")),
                    QStringLiteral("--lightcurve"), dir.filePath(QStringLiteral("src.lc")),
                    QStringLiteral("--bin"), QStringLiteral("200"), QStringLiteral("--image"),
                    dir.filePath(QStringLiteral("src_img.fits")), QStringLiteral("--json")},
                   &out, &err);
  qInfo("xsky-cli extract (pn, spectra + 2 light curves + HR + 2 images): %.2f s",
        t.nsecsElapsed() * 1e-9);
  QVERIFY2(code == 0, err.constData());
  const QJsonObject doc = QJsonDocument::fromJson(out).object();
  const QJsonArray obs = doc[QStringLiteral("observations")].toArray();
  QCOMPARE(obs.size(), 1);
  const QJsonObject o = obs.first().toObject();
  QCOMPARE(o[QStringLiteral("obs_id")].toString(), obsId);
  QVERIFY(o[QStringLiteral("source_backscal")].toDouble() > 0);
  QVERIFY(o[QStringLiteral("source_exposure")].toDouble() > 0);
  const QJsonArray products = o[QStringLiteral("products")].toArray();
  QCOMPARE(products.size(), 7);
  QStringList kinds;
  for (const QJsonValue& p : products) {
    kinds << p[QStringLiteral("kind")].toString();
    QVERIFY2(QFile::exists(p[QStringLiteral("path")].toString()),
             qPrintable(p[QStringLiteral("path")].toString()));
    QVERIFY(p.toObject().contains(QStringLiteral("counts")) &&
            p.toObject().contains(QStringLiteral("exposure")));
  }
  QVERIFY(QFile::exists(dir.filePath(QStringLiteral("src_bkg.pha"))));
  QVERIFY(kinds.contains(QStringLiteral("hardness_ratio")) &&
          kinds.contains(QStringLiteral("background_spectrum")));
  // Bad usage: one-line errors with exit code 2.
  QCOMPARE(test::runCli({QStringLiteral("extract"), QStringLiteral("--events"), events,
                         QStringLiteral("--region"), reg, QStringLiteral("--lightcurve"),
                         dir.filePath(QStringLiteral("x.lc"))},
                        &out, &err),
           2);
  QVERIFY(err.contains("--bin"));
}

void TestExtractProducts::cliSeveralListsAndIndex() {
  const QJsonObject s = firstSource();
  const QString obsId =
      s[QStringLiteral("observations")].toArray().first()[QStringLiteral("obs_id")].toString();
  QTemporaryDir dir;
  const QString reg = dir.filePath(QStringLiteral("src.reg"));
  writeText(reg,
            sourceRegion(s[QStringLiteral("ra")].toDouble(), s[QStringLiteral("dec")].toDouble()));
  const QString out = dir.filePath(QStringLiteral("products"));
  QStringList args{
      QStringLiteral("extract"), QStringLiteral("--region"),  reg, QStringLiteral("--spectrum"),
      QStringLiteral("src.pha"), QStringLiteral("--out-dir"), out, QStringLiteral("--json")};
  for (const QString& cam :
       {QStringLiteral("pn"), QStringLiteral("mos1"), QStringLiteral("mos2")}) {
    args << QStringLiteral("--events")
         << demo_.filePath(obsId + QStringLiteral("/%1_events.fits").arg(cam));
  }
  QByteArray stdoutText, err;
  QElapsedTimer t;
  t.start();
  QVERIFY2(test::runCli(args, &stdoutText, &err) == 0, err.constData());
  qInfo("xsky-cli extract, 3 lists, spectra only: %.2f s", t.nsecsElapsed() * 1e-9);
  const QJsonArray obs =
      QJsonDocument::fromJson(stdoutText).object()[QStringLiteral("observations")].toArray();
  QCOMPARE(obs.size(), 3);
  for (const QString& ins :
       {QStringLiteral("epn"), QStringLiteral("emos1"), QStringLiteral("emos2")}) {
    QVERIFY2(QFile::exists(QDir(out).filePath(QStringLiteral("%1_%2_src.pha").arg(obsId, ins))),
             qPrintable(ins));
    QVERIFY(QFile::exists(QDir(out).filePath(QStringLiteral("%1_%2_src_bkg.pha").arg(obsId, ins))));
  }
  // --index: the index finds the covering lists itself (every camera whose footprint holds the
  // source, as the simulator placed it); the same request again comes from the cache.
  const QString db = dir.filePath(QStringLiteral("demo.sqlite"));
  QVERIFY2(test::runCli({QStringLiteral("index"), QStringLiteral("add"), QStringLiteral("--index"), db, demo_.path()},
                        &stdoutText, &err) == 0,
           err.constData());
  const QMap<QString, QString> cameraName = {{QStringLiteral("pn"), QStringLiteral("EPN")},
                                             {QStringLiteral("mos1"), QStringLiteral("EMOS1")},
                                             {QStringLiteral("mos2"), QStringLiteral("EMOS2")}};
  QSet<QString> expected;
  for (const QJsonValue& ov : s[QStringLiteral("observations")].toArray()) {
    const QJsonObject cams = ov.toObject()[QStringLiteral("cameras")].toObject();
    for (auto it = cams.begin(); it != cams.end(); ++it) {
      if (it.value().toObject()[QStringLiteral("aperture")].toObject()[QStringLiteral("on_ccd_fraction")].toDouble() > 0) {
        expected.insert(ov.toObject()[QStringLiteral("obs_id")].toString() + QLatin1Char(' ') + cameraName.value(it.key()));
      }
    }
  }
  const QString viaIndex = dir.filePath(QStringLiteral("via-index"));
  const QStringList indexArgs{QStringLiteral("extract"), QStringLiteral("--index"), db, QStringLiteral("--region"), reg,
                              QStringLiteral("--spectrum"), QStringLiteral("src.pha"), QStringLiteral("--lightcurve"),
                              QStringLiteral("src.lc"), QStringLiteral("--bin"), QStringLiteral("500"),
                              QStringLiteral("--out-dir"), viaIndex, QStringLiteral("--json")};
  QVERIFY2(test::runCli(indexArgs, &stdoutText, &err) == 0, err.constData());
  QSet<QString> listed;
  for (const QJsonValue& v : QJsonDocument::fromJson(stdoutText).object()[QStringLiteral("observations")].toArray()) {
    listed.insert(v.toObject()[QStringLiteral("obs_id")].toString() + QLatin1Char(' ') +
                  v.toObject()[QStringLiteral("instrument")].toString());
    QVERIFY(!v.toObject()[QStringLiteral("from_cache")].toBool());
  }
  QCOMPARE(listed, expected);
  QMap<QString, QDateTime> written;
  for (const QFileInfo& f : QDir(viaIndex).entryInfoList(QDir::Files)) written[f.fileName()] = f.lastModified();
  QVERIFY2(test::runCli(indexArgs, &stdoutText, &err) == 0, err.constData());
  for (const QJsonValue& v : QJsonDocument::fromJson(stdoutText).object()[QStringLiteral("observations")].toArray()) {
    QVERIFY(v.toObject()[QStringLiteral("from_cache")].toBool());
  }
  for (const QFileInfo& f : QDir(viaIndex).entryInfoList(QDir::Files)) QCOMPARE(f.lastModified(), written[f.fileName()]);

  // reproduce: every product of the request is re-made byte for byte from its provenance.
  const QString pha = QDir(viaIndex).filePath(QStringLiteral("%1_epn_src.pha").arg(obsId));
  QVERIFY2(test::runCli({QStringLiteral("reproduce"), pha, QStringLiteral("--json")}, &stdoutText, &err) == 0,
           (stdoutText + err).constData());
  const QJsonObject reproduced = QJsonDocument::fromJson(stdoutText).object();
  QVERIFY(reproduced[QStringLiteral("identical")].toBool());
  QCOMPARE(reproduced[QStringLiteral("products")].toArray().size(), 3);  // source and background spectra, light curve
  // A product changed after the fact is found out.
  {
    fits::FitsFile f = fits::FitsFile::open(QDir(viaIndex).filePath(QStringLiteral("%1_epn_src.lc").arg(obsId)), fits::FitsFile::Mode::ReadWrite);
    f.moveTo(2);
    f.writeKey(QStringLiteral("TAMPERED"), 1, QStringLiteral("changed by hand"));
  }
  QCOMPARE(test::runCli({QStringLiteral("reproduce"), pha}, &stdoutText, &err), 1);
  QVERIFY2(stdoutText.contains("DIFFERENT  lightcurve"), stdoutText.constData());
  // A file without XSky provenance, and an event file that changed since, are clear errors.
  QCOMPARE(test::runCli({QStringLiteral("reproduce"), demo_.filePath(obsId + QStringLiteral("/pn_events.fits"))},
                        &stdoutText, &err),
           1);
  QVERIFY2(err.contains("carries no XSky provenance"), err.constData());
  const QString copy = dir.filePath(QStringLiteral("pn_copy.fits"));
  QVERIFY(QFile::copy(demo_.filePath(obsId + QStringLiteral("/pn_events.fits")), copy));
  const QString single = dir.filePath(QStringLiteral("single.pha"));
  QVERIFY2(test::runCli({QStringLiteral("extract"), QStringLiteral("--events"), copy, QStringLiteral("--region"), reg,
                         QStringLiteral("--spectrum"), single},
                        &stdoutText, &err) == 0,
           err.constData());
  {
    fits::FitsFile f = fits::FitsFile::open(copy, fits::FitsFile::Mode::ReadWrite);
    f.writeKey(QStringLiteral("TAMPERED"), 1, QStringLiteral("changed by hand"));
  }
  QCOMPARE(test::runCli({QStringLiteral("reproduce"), single}, &stdoutText, &err), 1);
  QVERIFY2(err.contains("changed since the product was made"), err.constData());
}

void TestExtractProducts::exportKeepsSpectraUsable() {
  // Products of two cameras exported to another folder: the spectra there still find their
  // background, RMF and ARF (copied beside them, keywords rewritten), load with the same counts
  // and responses as the originals, pass fitsverify (checksums updated), and reproduce finds the
  // provenance record from the exported copy.
  const QJsonObject s = firstSource();
  const QString obsId = s[QStringLiteral("observations")].toArray().first()[QStringLiteral("obs_id")].toString();
  QTemporaryDir dir;
  const QString reg = dir.filePath(QStringLiteral("src.reg"));
  writeText(reg, sourceRegion(s[QStringLiteral("ra")].toDouble(), s[QStringLiteral("dec")].toDouble()));
  const QString made = dir.filePath(QStringLiteral("made"));
  QStringList args{QStringLiteral("extract"), QStringLiteral("--region"), reg, QStringLiteral("--spectrum"),
                   QStringLiteral("src.pha"), QStringLiteral("--lightcurve"), QStringLiteral("src.lc"),
                   QStringLiteral("--bin"), QStringLiteral("500"), QStringLiteral("--out-dir"), made};
  for (const QString& cam : {QStringLiteral("pn"), QStringLiteral("mos1")})
    args << QStringLiteral("--events") << demo_.filePath(obsId + QStringLiteral("/%1_events.fits").arg(cam));
  QByteArray stdoutText, err;
  QVERIFY2(test::runCli(args, &stdoutText, &err) == 0, err.constData());
  std::vector<products::ExtractionResult> results;
  for (const QFileInfo& f : QDir(made + QStringLiteral("/provenance")).entryInfoList({QStringLiteral("*.json")})) {
    QFile record(f.filePath());
    QVERIFY(record.open(QIODevice::ReadOnly));
    results.push_back(products::resultFromJson(QJsonDocument::fromJson(record.readAll()).object()[QStringLiteral("result")].toObject()));
  }
  QCOMPARE(results.size(), size_t(2));

  const QString out = dir.filePath(QStringLiteral("for a colleague"));
  const products::ExportOutcome first = products::exportProducts(results, out);
  QVERIFY2(first.warnings.isEmpty(), qPrintable(first.warnings.join(QLatin1Char('\n'))));
  QVERIFY(first.skipped.isEmpty());
  // 2 x (source + background spectrum + light curve), 2 RMFs, 2 ARFs, 2 provenance records.
  QCOMPARE(first.written.size(), 12);
  for (const QString& cam : {QStringLiteral("epn"), QStringLiteral("emos1")}) {
    const QString original = QDir(made).filePath(QStringLiteral("%1_%2_src.pha").arg(obsId, cam));
    const QString exported = QDir(out).filePath(QStringLiteral("%1_%2_src.pha").arg(obsId, cam));
    QStringList warnings;
    const spectral::SpectralData a = spectral::SpectralData::load(original, {}, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    const spectral::SpectralData b = spectral::SpectralData::load(exported, {}, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY(b.background() && b.rmf() && b.arf());
    QCOMPARE(b.source().counts, a.source().counts);
    QCOMPARE(b.background()->counts, a.background()->counts);
    QCOMPARE(b.arf()->area, a.arf()->area);
    QCOMPARE(QFileInfo(b.rmf()->path).dir().absolutePath(), QDir(out).absolutePath());
    QCOMPARE(b.source().respFile, QFileInfo(a.rmf()->path).fileName());  // a bare name now
    QVERIFY2(fitsverifyProblem(exported).isEmpty(), qPrintable(fitsverifyProblem(exported)));
  }
  // Again: nothing replaced; the same files are reported as already there.
  const products::ExportOutcome second = products::exportProducts(results, out);
  QCOMPARE(second.written.size(), 0);
  QCOMPARE(second.skipped.size(), 12);
  // reproduce from the exported light curve finds the copied record and re-makes the request.
  const QString lc = QDir(out).filePath(QStringLiteral("%1_epn_src.lc").arg(obsId));
  QVERIFY2(test::runCli({QStringLiteral("reproduce"), lc, QStringLiteral("--json")}, &stdoutText, &err) == 0,
           (stdoutText + err).constData());
  QVERIFY(QJsonDocument::fromJson(stdoutText).object()[QStringLiteral("identical")].toBool());
  // A product that vanished is named in a warning; the rest is exported.
  QVERIFY(QFile::remove(QDir(made).filePath(QStringLiteral("%1_emos1_src.lc").arg(obsId))));
  const products::ExportOutcome third = products::exportProducts(results, dir.filePath(QStringLiteral("again")));
  QCOMPARE(third.warnings.size(), 1);
  QVERIFY2(third.warnings.first().contains(QStringLiteral("emos1_src.lc")), qPrintable(third.warnings.first()));
  QCOMPARE(third.written.size(), 11);
}

QTEST_GUILESS_MAIN(TestExtractProducts)
#include "tst_extract_products.moc"
