// Sexagesimal formatting and parsing, checked against hand computations.

#include <QTest>

#include "TestSupport.h"
#include "wcs/Angles.h"

using namespace xsky::wcs;

class TestAngles : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void formatsRa() {
    QCOMPARE(formatRaHms(202.48, 1), QStringLiteral("13:29:55.2"));
    QCOMPARE(formatRaHms(0.0), QStringLiteral("00:00:00.000"));
    // 359.9999999 deg = 23:59:59.99998 h: rounds up and wraps to 0h.
    QCOMPARE(formatRaHms(359.9999999, 3), QStringLiteral("00:00:00.000"));
    QCOMPARE(formatRaHms(-15.0, 0), QStringLiteral("23:00:00"));
  }
  void formatsDec() {
    QCOMPARE(formatDecDms(47.21, 1), QStringLiteral("+47:12:36.0"));
    QCOMPARE(formatDecDms(-0.5, 0), QStringLiteral("-00:30:00"));
    // 59.9999 arcsec carries into the minute.
    QCOMPARE(formatDecDms(-(10 + 59.99999 / 3600.0), 2), QStringLiteral("-10:01:00.00"));
    // A value that rounds to zero has no minus sign.
    QCOMPARE(formatDecDms(-1e-9, 2), QStringLiteral("+00:00:00.00"));
  }
  void parsesRa_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("degrees");
    QTest::newRow("colons") << "13:29:55.2" << 202.48;
    QTest::newRow("hms") << "13h29m55.2s" << 202.48;
    QTest::newRow("spaces") << "13 29 55.2" << 202.48;
    QTest::newRow("decimal") << "202.48" << 202.48;
    QTest::newRow("astropy-regions") << "1:20:30" << 20.125;
  }
  void parsesRa() {
    QFETCH(QString, text);
    QFETCH(double, degrees);
    const auto v = parseRa(text);
    QVERIFY2(v.has_value(), qPrintable(text));
    XSKY_COMPARE_NEAR(*v, degrees, 1e-9);
  }
  void parsesDec_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("degrees");
    QTest::newRow("colons") << "+47:12:36" << 47.21;
    QTest::newRow("dms") << "47d12m36s" << 47.21;
    QTest::newRow("negative zero degrees") << "-00:30:00" << -0.5;
    QTest::newRow("spaces") << "-0 30 0" << -0.5;
    QTest::newRow("decimal") << "-27.8" << -27.8;
    QTest::newRow("astropy-regions") << "2:3:7" << 2.0 + 3.0 / 60 + 7.0 / 3600;
  }
  void parsesDec() {
    QFETCH(QString, text);
    QFETCH(double, degrees);
    const auto v = parseDec(text);
    QVERIFY2(v.has_value(), qPrintable(text));
    XSKY_COMPARE_NEAR(*v, degrees, 1e-9);
  }
  void rejectsBadAngles() {
    QVERIFY(!parseRa(QStringLiteral("25:00:00")).has_value());
    QVERIFY(!parseRa(QStringLiteral("12:61:00")).has_value());
    QVERIFY(!parseRa(QStringLiteral("abc")).has_value());
    QVERIFY(!parseRa(QStringLiteral("")).has_value());
    QVERIFY(!parseDec(QStringLiteral("91")).has_value());
    QVERIFY(!parseDec(QStringLiteral("+90:00:01")).has_value());
  }
  void parsesPairs() {
    const auto a = parseRaDec(QStringLiteral("13:29:55.2 +47:12:36"));
    QVERIFY(a.has_value());
    XSKY_COMPARE_NEAR(a->first, 202.48, 1e-9);
    XSKY_COMPARE_NEAR(a->second, 47.21, 1e-9);
    const auto b = parseRaDec(QStringLiteral("202.48, 47.21"));
    QVERIFY(b.has_value());
    const auto c = parseRaDec(QStringLiteral("13 29 55.2 +47 12 36"));
    QVERIFY(c.has_value());
    XSKY_COMPARE_NEAR(c->second, 47.21, 1e-9);
    QVERIFY(!parseRaDec(QStringLiteral("M31")).has_value());
  }
  void roundTrips() {
    for (double ra = 0.0; ra < 360.0; ra += 7.3) {
      XSKY_COMPARE_NEAR(*parseRa(formatRaHms(ra, 4)), ra, 0.5e-4 * 15 / 3600);
    }
    for (double dec = -89.9; dec < 90.0; dec += 3.7) {
      XSKY_COMPARE_NEAR(*parseDec(formatDecDms(dec, 3)), dec, 0.5e-3 / 3600);
    }
  }
};

QTEST_GUILESS_MAIN(TestAngles)
#include "tst_angles.moc"
