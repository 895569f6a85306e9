// Event-list reading on every real mission's file in ../shared/data, checked against astropy's
// reading of the same file; lists without sky columns read fine and say why sky operations fail.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

#include "TestSupport.h"
#include "events/EventListReader.h"

using namespace xsky;

class TestEventList : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void gtiAlgebra() {
    events::GtiList a({{10, 20}, {0, 5}, {4, 8}, {30, 30}});
    QCOMPARE(a.intervals().size(), size_t(2));  // [0,8) [10,20); the empty one dropped
    QCOMPARE(a.total(), 18.0);
    QVERIFY(a.contains(0) && a.contains(7.99) && !a.contains(8) && a.contains(10) && !a.contains(25));
    events::GtiList b({{6, 12}});
    QCOMPARE(a.intersected(b).total(), 4.0);  // [6,8) + [10,12)
    QCOMPARE(a.united(b).total(), 20.0);      // [0,20)
  }

  void realLists_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("sky");
    QTest::addColumn<QString>("energyColumn");
    QTest::newRow("XMM MOS1") << "events/XGA__0201901401_mos1_exp1_clean_evts.fits" << true << "PI";
    QTest::newRow("XMM MOS2") << "events/XGA__0201901401_mos2_exp1_clean_evts.fits" << true << "PI";
    QTest::newRow("XMM MOS1 b") << "events/XGA__0201903501_mos1_exp1_clean_evts.fits" << true << "PI";
    QTest::newRow("XMM MOS1 c") << "events/XGA__0404910601_mos1_exp1_clean_evts.fits" << true << "PI";
    QTest::newRow("Chandra ACIS") << "events/stingray__chandra_test.fits" << true << "energy";
    QTest::newRow("Chandra ACIS no energy") << "events/stingray__chandra_noener_test.fits" << true << "pi";
    QTest::newRow("Chandra HRC-I gz") << "events/hyperscreen__hrcI_evt1_testfile.fits.gz" << true << "pi";
    QTest::newRow("Chandra HRC-S gz") << "events/hyperscreen__hrcS_evt1_testfile.fits.gz" << true << "pi";
    QTest::newRow("RXTE PCA gz") << "events/stingray__xte_test.evt.gz" << false << "";
    QTest::newRow("RXTE GX gz") << "events/stingray__xte_gx_test.evt.gz" << false << "";
    QTest::newRow("AstroSat LAXPC") << "events/stingray__laxpc_file_read.fits" << false << "Energy";
    QTest::newRow("NuSTAR-like") << "events/stingray__monol_testA.evt" << false << "PI";
  }
  void realLists() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent: real event lists not tested");
    QFETCH(QString, file);
    QFETCH(bool, sky);
    QFETCH(QString, energyColumn);
    const QString path = test::sharedData(file);
    const events::EventList ev = events::readEventList(path);
    const QJsonObject ref = QJsonDocument::fromJson(
        test::runPython(QStringLiteral("oracles/fits_oracle.py"), {path})).object()[QStringLiteral("events")].toObject();
    QVERIFY2(!ref.isEmpty(), "astropy found no events table");
    QCOMPARE(ev.eventsHdu - 1, ref[QStringLiteral("hdu")].toInt());
    QCOMPARE(static_cast<double>(ev.rows), ref[QStringLiteral("rows")].toDouble());
    QCOMPARE(static_cast<double>(ev.time.size()), ref[QStringLiteral("rows")].toDouble());
    const auto [tlo, thi] = std::minmax_element(ev.time.begin(), ev.time.end());
    QCOMPARE(*tlo, ref[QStringLiteral("time_min")].toDouble());
    QCOMPARE(*thi, ref[QStringLiteral("time_max")].toDouble());
    QCOMPARE(ev.energyAxisName(), energyColumn);
    if (!energyColumn.isEmpty()) {
      QCOMPARE(ev.energyAxisName(), ref[QStringLiteral("energy_column")].toString());
      const bool useEnergy = !ev.energy.empty();
      const double lo = useEnergy ? *std::min_element(ev.energy.begin(), ev.energy.end())
                                  : *std::min_element(ev.pi.begin(), ev.pi.end());
      XSKY_COMPARE_NEAR(lo, ref[QStringLiteral("energy_min")].toDouble(), 1e-3);
    }
    QCOMPARE(ev.hasSky(), sky);
    if (!sky) {
      try {
        (void)ev.sky();
        QFAIL("sky() did not throw");
      } catch (const Error& e) {
        QVERIFY2(e.message().contains(QStringLiteral("no sky coordinates")), qPrintable(e.message()));
      }
    }
    // Per-CCD GTIs of XMM lists (STDGTInn narrowed by evselect's subspace GTIs) add up to what
    // SAS wrote in ONTIMEnn.
    const QJsonObject perCcd = ref[QStringLiteral("ontime_per_ccd")].toObject();
    for (auto it = perCcd.begin(); it != perCcd.end(); ++it) {
      const int ccd = it.key().toInt();
      QVERIFY(ev.gtis.count(ccd) == 1);
      XSKY_COMPARE_NEAR(ev.gtis.at(ccd).total(), it.value().toDouble(), 1e-3);
    }
  }

  void xmmKeywords() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    const events::EventList ev = events::readEventList(test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
    // Values printed in the file's header (see ../shared/data/events).
    QCOMPARE(ev.telescope, QStringLiteral("XMM"));
    QCOMPARE(ev.instrument, QStringLiteral("EMOS1"));
    QCOMPARE(ev.observationId, QStringLiteral("0201901401"));
    QCOMPARE(ev.timeSystem, QStringLiteral("TT"));
    QCOMPARE(ev.mjdRef, 50814.0);
    QCOMPARE(ev.tstart, 2.00506085074207E+08);
    QCOMPARE(ev.gtis.size(), size_t(7));
    XSKY_COMPARE_NEAR(ev.gtis.at(1).total(), 5.13529250851274E+03, 1e-6);  // ONTIME01
    XSKY_COMPARE_NEAR(ev.referenceGti().total(), 5.15e3, 1e-6);  // the CCD with the most time
    QCOMPARE(ev.ccd.size(), ev.time.size());
    QCOMPARE(ev.pattern.size(), ev.time.size());
    QCOMPARE(ev.flag.size(), ev.time.size());
    QVERIFY(*std::max_element(ev.pattern.begin(), ev.pattern.end()) <= 12);  // clean list: PATTERN<=12
  }

  void nuStarTimeKeywords() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    const events::EventList ev = events::readEventList(test::sharedData(QStringLiteral("events/stingray__monol_testA.evt")));
    QCOMPARE(ev.mjdRef, 55197.0 + 7.6601852e-4);  // MJDREFI + MJDREFF
    QCOMPARE(ev.timeSystem, QStringLiteral("TDB"));
  }

  void notAnEventList() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    try {
      events::readEventList(test::sharedData(QStringLiteral("images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits")));
      QFAIL("no exception");
    } catch (const Error& e) {
      QVERIFY2(e.message().contains(QStringLiteral("no event list")), qPrintable(e.message()));
    }
  }
};

QTEST_GUILESS_MAIN(TestEventList)
#include "tst_eventlist.moc"
