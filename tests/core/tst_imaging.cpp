// Binning event lists into images (counts and the binned image's WCS checked event by event),
// display limits and scales (hand-computed levels), colormaps.

#include <QTest>

#include <cmath>
#include <cstring>
#include <random>
#include <limits>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "imaging/ColorLut.h"
#include "imaging/Colormaps.h"
#include "imaging/PixelStatistics.h"
#include "imaging/SkyImageLoader.h"
#include "imaging/ViewRenderer.h"
#include "fits/FitsError.h"
#include "imaging/DisplayScale.h"
#include "imaging/EventBinning.h"
#include "imaging/ZScale.h"
#include "fits/FitsFile.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace xsky;

namespace {
int grayOf(uint32_t argb) { return static_cast<int>((argb >> 8) & 0xff); }  // the green byte
}  // namespace

class TestImaging : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void binsEveryEventWhereItBelongs() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent: binning of real events not tested");
    const events::EventList ev = events::readEventList(test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
    imaging::BinningSpec spec;
    spec.binFactor = 40;
    spec.centre = wcs::PixelPoint{25920.5, 25920.5};
    spec.width = spec.height = 1296;  // 51840 / 40: the whole legal sky range
    const imaging::Image2D img = imaging::binEvents(ev, spec);
    double sum = 0;
    for (float p : img.pixels) sum += p;
    QCOMPARE(sum, static_cast<double>(ev.rows));
    // For a sample of events: the binned image's WCS puts the event's sky position in the pixel
    // that holds it (the WCS of the binned image is consistent with the event-list WCS).
    for (size_t k = 0; k < ev.x.size(); k += 211) {
      const auto sky = ev.sky().pixelToIcrs({ev.x[k], ev.y[k]});
      const auto p = img.wcs->icrsToPixel(*sky);
      const long i = static_cast<long>(std::floor((ev.x[k] - img.physicalOriginX) / spec.binFactor));
      const long j = static_cast<long>(std::floor((ev.y[k] - img.physicalOriginY) / spec.binFactor));
      XSKY_COMPARE_NEAR(p->x, (ev.x[k] - img.physicalOriginX) / spec.binFactor + 0.5, 1e-6);
      XSKY_COMPARE_NEAR(p->y, (ev.y[k] - img.physicalOriginY) / spec.binFactor + 0.5, 1e-6);
      QVERIFY(img.at(static_cast<int>(i), static_cast<int>(j)) >= 1.0f);
    }
    // The energy filter keeps exactly the events in [500, 2000) eV.
    spec.energyMin = 500;
    spec.energyMax = 2000;
    const imaging::Image2D band = imaging::binEvents(ev, spec);
    double inBand = 0, expected = 0;
    for (float p : band.pixels) inBand += p;
    for (int32_t pi : ev.pi) expected += (pi >= 500 && pi < 2000) ? 1 : 0;
    QCOMPARE(inBand, expected);
  }

  void eventsWithoutSkyCannotBeBinned() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    const events::EventList ev = events::readEventList(test::sharedData(QStringLiteral("events/stingray__monol_testA.evt")));
    try {
      imaging::binEvents(ev, imaging::BinningSpec{});
      QFAIL("no exception");
    } catch (const Error& e) {
      QVERIFY2(e.message().contains(QStringLiteral("no sky coordinates")), qPrintable(e.message()));
    }
  }

  void limitsAndScales() {
    std::vector<float> v(1000);
    for (int i = 0; i < 1000; ++i) v[i] = static_cast<float>(i);
    v[7] = std::nanf("");
    imaging::DisplaySettings s;
    s.limits = imaging::LimitMode::MinMax;
    imaging::Limits lim = imaging::computeLimits(v, s);
    QCOMPARE(lim.low, 0.0);
    QCOMPARE(lim.high, 999.0);
    // 98% of 999 finite values: clip 1% at each end -> sorted indices floor(0.01*998)=9 and
    // floor(0.99*998)=988, which hold the values 10 and 989 (value 7 is missing).
    s.limits = imaging::LimitMode::Percentile;
    s.percentile = 98;
    lim = imaging::computeLimits(v, s);
    QCOMPARE(lim.low, 10.0);
    QCOMPARE(lim.high, 989.0);
    // Linear gray levels between user limits 0..1000: value 600 -> 0.6 * 255 = 153; NaN blank.
    s.limits = imaging::LimitMode::User;
    s.userLow = 0;
    s.userHigh = 1000;
    imaging::ColorLut lut(s, imaging::computeLimits(v, s), v);
    QCOMPARE(grayOf(lut.colourOf(600.0f)), 153);
    QCOMPARE(grayOf(lut.colourOf(999.0f)), 255);  // 255 * 0.999 = 254.745 rounds to 255
    QCOMPARE(lut.colourOf(v[7]), lut.blank());   // NaN
  }

  void logAndSqrt() {
    const std::vector<float> v = {0.0f, 360.0f, 500.0f, 1000.0f};
    imaging::DisplaySettings s;
    s.limits = imaging::LimitMode::User;
    s.userLow = 0;
    s.userHigh = 1000;
    s.scale = imaging::ScaleFunction::Sqrt;
    imaging::ColorLut lut(s, imaging::computeLimits(v, s), v);
    QCOMPARE(grayOf(lut.colourOf(360.0f)), 153);  // sqrt(0.36) = 0.6 -> 153
    s.scale = imaging::ScaleFunction::Log;
    lut = imaging::ColorLut(s, imaging::computeLimits(v, s), v);
    // DS9 log: log10(1000 * 0.5 + 1) / log10(1001) = 0.89975 -> 229.4 -> 229
    QCOMPARE(grayOf(lut.colourOf(500.0f)), 229);
    QCOMPARE(grayOf(lut.colourOf(1000.0f)), 255);
    QCOMPARE(grayOf(lut.colourOf(0.0f)), 0);
  }

  // Percentiles come from a cached 65536-bin histogram: on 10^6 random values they agree with the
  // exact order statistic (nth_element) within 1/65536 of the range, and repeat on the image cache.
  void percentilesFromTheHistogram() {
    std::mt19937 rng(7);
    std::lognormal_distribution<float> dist(0.0f, 1.5f);
    imaging::Image2D img;
    img.width = 1000;
    img.height = 1000;
    img.pixels.resize(1000000);
    for (float& v : img.pixels) v = dist(rng);
    img.pixels[123] = std::nanf("");
    std::vector<float> sorted;
    for (float v : img.pixels) {
      if (std::isfinite(v)) sorted.push_back(v);
    }
    std::sort(sorted.begin(), sorted.end());
    const double tolerance = (sorted.back() - sorted.front()) / 65536.0;
    for (const double p : {90.0, 99.0, 99.5, 99.9}) {
      imaging::DisplaySettings s;
      s.limits = imaging::LimitMode::Percentile;
      s.percentile = p;
      const double clip = (100.0 - p) / 200.0;
      const auto exact = [&](double q) { return sorted[static_cast<size_t>(q * static_cast<double>(sorted.size() - 1))]; };
      const imaging::Limits fromCache = imaging::computeLimits(img, s);
      const imaging::Limits fromPixels = imaging::computeLimits(std::span<const float>(img.pixels), s);
      XSKY_COMPARE_NEAR(fromCache.low, exact(clip), tolerance);
      XSKY_COMPARE_NEAR(fromCache.high, exact(1 - clip), tolerance);
      QCOMPARE(fromPixels.low, fromCache.low);
      QCOMPARE(fromPixels.high, fromCache.high);
    }
    imaging::DisplaySettings minmax;
    const imaging::Limits mm = imaging::computeLimits(img, minmax);
    QCOMPARE(mm.low, double(sorted.front()));
    QCOMPARE(mm.high, double(sorted.back()));
  }

  // A float32 image read by the direct lane (plain file) equals CFITSIO's reading of the same
  // data gzipped; its range, gathered while reading, equals a fresh scan.
  void directReadEqualsCfitsio() {
    QTemporaryDir dir;
    const QString plain = dir.filePath(QStringLiteral("big.fits"));
    std::vector<float> values(2100 * 2100);
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(std::sin(0.001 * double(i)) * 1e4);
    values[5] = std::numeric_limits<float>::infinity();
    values[77] = std::nanf("");
    {
      fits::FitsFile f = fits::FitsFile::create(plain);
      f.createImage(-32, {2100, 2100});
      f.writeImage(values);
    }
    QVERIFY(QProcess::execute(QStringLiteral("sh"), {QStringLiteral("-c"),
        QStringLiteral("gzip -c '%1' > '%1.gz'").arg(plain)}) == 0);
    const imaging::Image2D a = imaging::readFitsImage(plain);
    const imaging::Image2D b = imaging::readFitsImage(plain + QStringLiteral(".gz"));
    QCOMPARE(a.pixels.size(), values.size());
    // Bit for bit what was written (CFITSIO itself turns Inf into NaN: both are blank pixels).
    QVERIFY(std::memcmp(a.pixels.data(), values.data(), values.size() * 4) == 0);
    for (size_t i = 0; i < values.size(); ++i) {
      if (std::isfinite(values[i]) ? a.pixels[i] != b.pixels[i] : std::isfinite(b.pixels[i])) {
        QFAIL(qPrintable(QStringLiteral("pixel %1: %2 vs %3").arg(i).arg(a.pixels[i]).arg(b.pixels[i])));
      }
    }
    const imaging::PixelRange& cached = a.statistics.range(a.pixels);
    const imaging::PixelRange fresh = imaging::computeRange(values);
    QCOMPARE(cached.finite, values.size() - 2);
    QCOMPARE(cached.finite, fresh.finite);
    QCOMPARE(cached.min, fresh.min);
    QCOMPARE(cached.max, fresh.max);
  }

  // Bad pixels and degenerate images: NaN and Inf are blank and ignored by every limit mode; a
  // constant image and a 1xN image render without dividing by zero.
  void badPixelsAndDegenerateImages() {
    std::vector<float> v = {1, 2, 3, 4, std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                            std::nanf("")};
    for (const imaging::LimitMode mode : {imaging::LimitMode::MinMax, imaging::LimitMode::ZScale,
                                          imaging::LimitMode::Percentile}) {
      imaging::DisplaySettings s;
      s.limits = mode;
      s.percentile = 100;
      const imaging::Limits lim = imaging::computeLimits(v, s);
      QVERIFY(std::isfinite(lim.low) && std::isfinite(lim.high));
      QVERIFY2(lim.low >= 1 && lim.high <= 4, qPrintable(QStringLiteral("%1 %2").arg(lim.low).arg(lim.high)));
      const imaging::ColorLut lut(s, lim, v);
      QCOMPARE(lut.colourOf(v[4]), lut.blank());
      QCOMPARE(lut.colourOf(v[5]), lut.blank());
      QCOMPARE(lut.colourOf(v[6]), lut.blank());
    }
    imaging::Image2D constant;
    constant.width = 1;
    constant.height = 50;
    constant.pixels.assign(50, 7.0f);
    imaging::DisplaySettings s;
    const imaging::Limits lim = imaging::computeLimits(constant.pixels, s);
    QCOMPARE(lim.low, 7.0);
    QCOMPARE(lim.high, 7.0);
    const imaging::ColorLut lut(s, lim, constant.pixels);
    imaging::ViewGeometry view{2.0, 1.0, 25.5, 10, 120};
    std::vector<uint32_t> out(10 * 120, 0);
    QVERIFY(imaging::renderView(constant, lut, view, 0xff202020u, out.data()));
    // The 1-pixel-wide column is 2 screen pixels wide in the middle of the view; background around.
    QCOMPARE(out[60 * 10 + 5], lut.colourOf(7.0f));
    QCOMPARE(out[60 * 10 + 4], lut.colourOf(7.0f));
    QCOMPARE(out[60 * 10 + 0], 0xff202020u);
    QCOMPARE(out[60 * 10 + 9], 0xff202020u);
  }

  // An image without a WCS still loads (the viewer then works in pixels and says so); an event
  // list without events is refused with a message that says so.
  void imageWithoutWcsAndEmptyEventList() {
    QTemporaryDir dir;
    const QString image = dir.filePath(QStringLiteral("nowcs.fits"));
    {
      fits::FitsFile f = fits::FitsFile::create(image);
      f.createImage(-32, {3, 2});
      f.writeImage(std::vector<float>{1, 2, 3, 4, 5, 6});
    }
    const imaging::LoadedSkyImage loaded = imaging::loadSkyImage(image);
    QCOMPARE(loaded.image->width, 3);
    QVERIFY(!loaded.image->wcs);
    QVERIFY2(loaded.description.contains(QStringLiteral("no valid WCS")), qPrintable(loaded.description));

    const QString events = dir.filePath(QStringLiteral("empty_events.fits"));
    {
      fits::FitsFile f = fits::FitsFile::create(events);
      f.createImage(8, {});
      f.createTable(QStringLiteral("EVENTS"), {QStringLiteral("TIME"), QStringLiteral("X"), QStringLiteral("Y"),
                                               QStringLiteral("PI")},
                    {QStringLiteral("1D"), QStringLiteral("1E"), QStringLiteral("1E"), QStringLiteral("1J")},
                    {QStringLiteral("s"), QStringLiteral("pixel"), QStringLiteral("pixel"), QStringLiteral("CHAN")});
      const char* keys[][2] = {{"TCTYP2", "RA---TAN"}, {"TCTYP3", "DEC--TAN"}};
      for (const auto& k : keys) f.writeKey(QString::fromLatin1(k[0]), QString::fromLatin1(k[1]));
      f.writeKey(QStringLiteral("TCRVL2"), 10.0);
      f.writeKey(QStringLiteral("TCRVL3"), 20.0);
      f.writeKey(QStringLiteral("TCRPX2"), 100.0);
      f.writeKey(QStringLiteral("TCRPX3"), 100.0);
      f.writeKey(QStringLiteral("TCDLT2"), -1e-4);
      f.writeKey(QStringLiteral("TCDLT3"), 1e-4);
    }
    try {
      imaging::loadSkyImage(events);
      QFAIL("an empty event list loaded");
    } catch (const Error& e) {
      QVERIFY2(e.message().contains(QStringLiteral("no events")), qPrintable(e.message()));
    }
  }

  void zscaleAgreesWithAstropy_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("synthetic") << QString();
    QTest::newRow("XMM pn image") << "images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits";
    QTest::newRow("XMM exposure map") << "images/XGA__0201901401_pn_exp1-0.50-2.00keVexpmap.fits";
    QTest::newRow("DS9 test image") << "regions/ds9-tests/img.fits";
  }
  void zscaleAgreesWithAstropy() {
    QFETCH(QString, file);
    QTemporaryDir dir;
    QString path;
    if (file.isEmpty()) {
      // Sky noise with a gradient, a bright source and blank (NaN) pixels: 300 x 200.
      path = dir.filePath(QStringLiteral("synthetic.fits"));
      std::vector<float> px(300 * 200);
      uint32_t state = 12345;
      for (size_t k = 0; k < px.size(); ++k) {
        state = state * 1664525u + 1013904223u;
        const double u = (state >> 8) / 16777216.0;
        const int i = static_cast<int>(k % 300), j = static_cast<int>(k / 300);
        const double r2 = (i - 150.0) * (i - 150.0) + (j - 90.0) * (j - 90.0);
        px[k] = static_cast<float>(100.0 + 0.05 * i + 10.0 * (u - 0.5) + 5000.0 * std::exp(-r2 / 20.0));
        if (k % 997 == 0) px[k] = std::nanf("");
      }
      fits::FitsFile f = fits::FitsFile::create(path);
      f.createImage(-32, {300, 200});
      f.writeImage(px);
    } else {
      if (!test::haveSharedData()) QSKIP("../shared/data is absent");
      path = test::sharedData(file);
    }
    FloatBuffer pixels;
    {
      fits::FitsFile f = fits::FitsFile::open(path);
      int hdu = 1;
      while (f.imageShape().size() < 2) f.moveTo(++hdu);
      pixels = f.readImagePlane(0);
    }
    const imaging::Limits mine = imaging::zscaleLimits(pixels);
    const QList<QByteArray> ref = test::runPython(QStringLiteral("oracles/zscale_oracle.py"), {path}).split(' ');
    QCOMPARE(ref.size(), 2);
    const double lo = ref[0].toDouble(), hi = ref[1].toDouble();
    const double tol = 1e-6 * std::max(1.0, std::abs(hi - lo));
    XSKY_COMPARE_NEAR(mine.low, lo, tol);
    XSKY_COMPARE_NEAR(mine.high, hi, tol);
  }

  void colormaps() {
    QVERIFY(imaging::colormapNames().size() >= 6);
    const imaging::ColorTable& gray = imaging::colormap(QStringLiteral("GRAY"));
    QCOMPARE(int(gray[0].r), 0);
    QCOMPARE(int(gray[255].g), 255);
    QCOMPARE(int(gray[128].b), 128);
    QCOMPARE(&imaging::colormap(QStringLiteral("no-such-map")), &gray);
  }
};

QTEST_GUILESS_MAIN(TestImaging)
#include "tst_imaging.moc"
