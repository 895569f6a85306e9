// Reading every real spectrum in ../shared/data/spectra with its background and responses.

#include <QTest>
#include <numeric>

#include "TestSupport.h"
#include "spectral/SpectralData.h"

using namespace xsky::spectral;

namespace {

double total(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

bool anyContains(const QStringList& list, const QString& a, const QString& b) {
  for (const QString& s : list) {
    if (s.contains(a) && s.contains(b)) return true;
  }
  return false;
}

}  // namespace

class TestSpectralIo : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
  }

  void chandra3c273() {
    QStringList warnings;
    const auto d = SpectralData::load(
        xsky::test::sharedData(QStringLiteral("spectra/chandra_3c273/3c273.pi")), {}, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    QCOMPARE(d.source().channelCount(), 1024);
    QCOMPARE(int(d.groups().size()), 46);
    QCOMPARE(total(d.source().counts), 736.0);
    QVERIFY(d.background());
    QCOMPARE(total(d.background()->counts), 216.0);
    XSKY_COMPARE_NEAR(d.source().exposure, 38564.608926889, 1e-6);
    QVERIFY(d.rmf() && d.arf());
    QCOMPARE(d.rmf()->energyCount(), 1090);
    QCOMPARE(d.rmf()->firstChannel, 1);
    QCOMPARE(d.rmf()->channelCount, 1024);
    XSKY_COMPARE_NEAR(d.rmf()->energyLo.front(), 0.1, 1e-6);
    XSKY_COMPARE_NEAR(d.rmf()->energyHi.back(), 11.0, 1e-5);
    QCOMPARE(int(d.arf()->area.size()), 1090);
    // The 3c273 groups of the spectra README: notice 0.5-7 keeps 42, ignore <1 and >7 keeps 30.
    auto copy = d;
    copy.noticeEnergy(0.5, 7.0);
    QCOMPARE(copy.noticedCount(), 42);
    copy.noticeAll();
    copy.ignoreEnergy(-1e300, 1.0);
    copy.ignoreEnergy(7.0, 1e300);
    QCOMPARE(copy.noticedCount(), 30);
    // Ungrouped: one group per channel.
    copy.setGrouped(false);
    QCOMPARE(int(copy.groups().size()), 1024);
  }

  void chandra9774() {
    QStringList warnings;
    const auto d = SpectralData::load(
        xsky::test::sharedData(QStringLiteral("spectra/chandra_9774/9774.pi")), {}, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    QCOMPARE(int(d.groups().size()), 1024);
    QVERIFY(d.source().poissonErrors);
    QCOMPARE(total(d.source().counts), 4424.0);
    QCOMPARE(total(d.background()->counts), 1105.0);
  }

  void xmmPnWithAbsentFiles() {
    const QString dir = xsky::test::sharedData(QStringLiteral("spectra/xmm_pn_bin10/"));
    QStringList warnings;
    LoadOptions options;
    options.rmf = dir + QStringLiteral("epn_ff20_dY9.rmf");
    const auto d =
        SpectralData::load(dir + QStringLiteral("pn_pi_src_bin10.ds"), options, &warnings);
    QVERIFY2(anyContains(warnings, QStringLiteral("BACKFILE"), QStringLiteral("pn_pi_bgd.ds")),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY(!d.background());
    QCOMPARE(d.source().channelCount(), 4096);
    QVERIFY(d.arf());  // ANCRFILE exists and is followed
    QCOMPARE(d.rmf()->channelCount, 4096);
    int bad = 0;
    for (int q : d.source().quality) bad += q != 0 ? 1 : 0;
    QCOMPARE(bad, 6);
    // Without rmf=, RESPFILE names an absent file: a warning, and the load goes on.
    warnings.clear();
    const auto noResponse =
        SpectralData::load(dir + QStringLiteral("pn_pi_src_bin10.ds"), {}, &warnings);
    QVERIFY(anyContains(warnings, QStringLiteral("RESPFILE"), QStringLiteral("epn_ff20_sdY9.rmf")));
    QVERIFY(!noResponse.rmf());
  }

  void ascaTlminWarning() {
    const QString dir = xsky::test::sharedData(QStringLiteral("spectra/asca_sis0/"));
    QStringList warnings;
    const auto d = SpectralData::load(
        dir + QStringLiteral("sis0.pha"),
        {QString(), false, dir + QStringLiteral("sis0.rmf"), dir + QStringLiteral("sis0.arf")},
        &warnings);
    QVERIFY2(anyContains(warnings, QStringLiteral("TLMIN"), QStringLiteral("sis0.rmf")),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    QCOMPARE(d.rmf()->firstChannel, 0);
    QCOMPARE(total(d.source().counts), 50389.0);
    QCOMPARE(int(d.groups().size()), 1024);
  }

  void ascaGroupedAbsentBackground() {
    QStringList warnings;
    const auto d = SpectralData::load(
        xsky::test::sharedData(QStringLiteral("spectra/asca_s0_mar24/s0_mar24_bin.pha")), {},
        &warnings);
    QVERIFY(anyContains(warnings, QStringLiteral("BACKFILE"), QStringLiteral("s0_bkg_sky.pha")));
    QVERIFY(!d.background());
    QVERIFY(d.rmf() && d.arf());
    QCOMPARE(d.rmf()->firstChannel, 0);
    QCOMPARE(d.source().channelCount(), 512);
    QVERIFY(d.groups().size() < 512);
  }

  void everySpectrumLoads_data() {
    QTest::addColumn<QString>("spectrum");
    QTest::addColumn<QString>("rmf");
    QTest::addColumn<QString>("arf");
    QTest::addColumn<int>("channels");
    QTest::newRow("2278") << "chandra_2278_2286_joint/pi2278.fits"
                          << "chandra_2278_2286_joint/rmf2278.fits"
                          << "chandra_2278_2286_joint/arf2278.fits" << 685;
    QTest::newRow("2286") << "chandra_2278_2286_joint/pi2286.fits"
                          << "chandra_2278_2286_joint/rmf2286.fits"
                          << "chandra_2278_2286_joint/arf2286.fits" << 685;
    QTest::newRow("source") << "source_back_bbody/source.pi"
                            << "source_back_bbody/source.rmf"
                            << "source_back_bbody/source.arf" << -1;
    QTest::newRow("back") << "source_back_bbody/back.pi"
                          << "source_back_bbody/back.rmf"
                          << "source_back_bbody/back.arf" << -1;
    QTest::newRow("q1127") << "chandra_q1127/q1127_src1.pi"
                           << "chandra_q1127/q1127_src1.wrmf"
                           << "chandra_q1127/q1127_src1.warf" << 1024;
    QTest::newRow("q1127_grp30") << "chandra_q1127/q1127_src1_grp30.pi"
                                 << "chandra_q1127/q1127_src1.wrmf"
                                 << "chandra_q1127/q1127_src1.warf" << 1024;
    QTest::newRow("3c273_bg") << "chandra_3c273/3c273_bg.pi"
                              << "chandra_3c273/3c273.rmf"
                              << "chandra_3c273/3c273.arf" << 1024;
  }

  void everySpectrumLoads() {
    QFETCH(QString, spectrum);
    QFETCH(QString, rmf);
    QFETCH(QString, arf);
    QFETCH(int, channels);
    QStringList warnings;
    LoadOptions options;
    options.rmf = xsky::test::sharedData(QStringLiteral("spectra/") + rmf);
    options.arf = xsky::test::sharedData(QStringLiteral("spectra/") + arf);
    const auto d = SpectralData::load(xsky::test::sharedData(QStringLiteral("spectra/") + spectrum),
                                      options, &warnings);
    if (channels > 0) QCOMPARE(d.source().channelCount(), channels);
    QCOMPARE(d.rmf()->channelCount, d.source().channelCount());
    QVERIFY(d.noticedCount() > 0);
    // Folding a flat model gives finite, non-negative counts.
    auto model = Model::parse(QStringLiteral("powerlaw"));
    std::vector<double> counts;
    d.foldChannels(model, std::vector<double>{1.0, 1e-3}, &counts);
    QVERIFY(total(counts) > 0.0);
  }

  void cscPha3SourceHdu() {
    // Source and background SPECTRUM HDUs in one file; the keywords name uncompressed files
    // that are not there (only .gz copies): warnings, and the explicit responses are used.
    const QString dir = xsky::test::sharedData(QStringLiteral("spectra/chandra_acisf01575_pha3/"));
    QStringList warnings;
    LoadOptions options;
    options.rmf = dir + QStringLiteral("acisf01575_001N001_r0085_rmf3.fits.gz");
    options.arf = dir + QStringLiteral("acisf01575_001N001_r0085_arf3.fits.gz");
    const auto d = SpectralData::load(dir + QStringLiteral("acisf01575_001N001_r0085_pha3.fits.gz"),
                                      options, &warnings);
    QVERIFY(anyContains(warnings, QStringLiteral("BACKFILE"), QStringLiteral("pha3.fits")));
    QCOMPARE(d.source().channelCount(), 1024);
    QVERIFY(d.source().poissonErrors);
    QCOMPARE(d.rmf()->channelCount, 1024);
  }

  void badInput() {
    const QString dir = xsky::test::sharedData(QStringLiteral("spectra/"));
    // An RMF with another channel count than the spectrum.
    LoadOptions options;
    options.rmf = dir + QStringLiteral("asca_s0_mar24/s0_mar24.rmf");
    options.noBackground = true;
    QVERIFY_THROWS_EXCEPTION(
        xsky::Error,
        SpectralData::load(dir + QStringLiteral("chandra_3c273/3c273.pi"), options, nullptr));
    // An ARF on another energy grid.
    options.rmf = dir + QStringLiteral("chandra_3c273/3c273.rmf");
    options.arf = dir + QStringLiteral("asca_s0_mar24/s0_mar24.arf");
    QVERIFY_THROWS_EXCEPTION(
        xsky::Error,
        SpectralData::load(dir + QStringLiteral("chandra_3c273/3c273.pi"), options, nullptr));
    // A missing explicit file.
    options.arf = dir + QStringLiteral("chandra_3c273/nothing.arf");
    QVERIFY_THROWS_EXCEPTION(
        xsky::Error,
        SpectralData::load(dir + QStringLiteral("chandra_3c273/3c273.pi"), options, nullptr));
  }
};

QTEST_GUILESS_MAIN(TestSpectralIo)
#include "tst_spectral_io.moc"
