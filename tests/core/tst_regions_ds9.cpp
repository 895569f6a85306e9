// The SAOImageDS9 region test matrix (../shared/data/regions/ds9-tests): each DS9- and CIAO-format
// file, loaded with ds9-tests/img.fits in the file's own system and sky format and saved again,
// must reproduce the file (or its .strip.reg twin in strip mode) byte for byte, as DS9 8.4.1 does.

#include <QFile>
#include <QTest>

#include "TestSupport.h"
#include "regions/CiaoRegionReader.h"
#include "regions/CiaoRegionWriter.h"
#include "regions/Ds9RegionReader.h"
#include "regions/Ds9RegionWriter.h"

using namespace xsky::regions;

namespace {

QString readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll());
}

// "line N: expected ... / got ..." for the first differing line.
QString firstDifference(const QString& expected, const QString& actual) {
  const QStringList e = expected.split(QLatin1Char('\n'));
  const QStringList a = actual.split(QLatin1Char('\n'));
  for (qsizetype i = 0; i < std::max(e.size(), a.size()); ++i) {
    const QString el = i < e.size() ? e[i] : QStringLiteral("<end>");
    const QString al = i < a.size() ? a[i] : QStringLiteral("<end>");
    if (el != al) return QStringLiteral("line %1:\n expected: %2\n      got: %3").arg(i + 1).arg(el, al);
  }
  return {};
}

}  // namespace

class TestRegionsDs9 : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent: the DS9 region matrix needs it");
    image_ = ReferenceImage::fromFits(xsky::test::sharedData(QStringLiteral("regions/ds9-tests/img.fits")));
  }

  void matrix_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("sky");
    QTest::addColumn<bool>("sexagesimal");
    QTest::addColumn<bool>("strip");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    auto row = [](const char* f, const char* sys, const char* sky, bool hms, bool strip,
                  const QString& in, const QString& out) {
      QTest::newRow(qPrintable(QStringLiteral("%1%2").arg(in, strip ? QStringLiteral(" strip") : QString())))
          << QString::fromLatin1(f) << QString::fromLatin1(sys) << QString::fromLatin1(sky) << hms
          << strip << in << out;
    };
    for (bool strip : {false, true}) {
      auto out = [strip](const QString& base) {
        return strip ? QString(base).replace(QStringLiteral(".reg"), QStringLiteral(".strip.reg")) : base;
      };
      row("ds9", "image", "fk5", false, strip, "ds9.image.reg", out("ds9.image.reg"));
      row("ds9", "physical", "fk5", false, strip, "ds9.physical.reg", out("ds9.physical.reg"));
      for (const char* sky : {"fk4", "fk5", "icrs", "galactic", "ecliptic"}) {
        const QString base = QStringLiteral("ds9.%1").arg(QLatin1String(sky));
        row("ds9", "wcs", sky, false, strip, base + ".reg", out(base + ".reg"));
        row("ds9", "wcs", sky, true, strip, base + ".hms.reg", out(base + ".hms.reg"));
      }
    }
    row("ds9", "wcs", "fk5", true, false, "ds9.color.reg", "ds9.color.reg");
    row("ds9", "wcs", "fk5", false, false, "ds9.composite.reg", "ds9.composite.reg");
    row("ciao", "physical", "fk5", false, false, "ciao.physical.reg", "ciao.physical.reg");
    row("ciao", "wcs", "fk5", true, false, "ciao.fk5.reg", "ciao.fk5.reg");
  }

  void matrix() {
    QFETCH(QString, format);
    QFETCH(QString, system);
    QFETCH(QString, sky);
    QFETCH(bool, sexagesimal);
    QFETCH(bool, strip);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString dir = xsky::test::sharedData(QStringLiteral("regions/ds9-tests/regions/"));
    CoordSystem cs = CoordSystem::Fk5;
    QVERIFY(parseSystemName(system == QLatin1String("wcs") ? sky : system, &cs));
    const RegionReadOptions ro{&image_};
    RegionReadResult r;
    QString written;
    QStringList problems;
    if (format == QLatin1String("ciao")) {
      r = CiaoRegionReader(ro).readFile(dir + input);
      written = CiaoRegionWriter({cs, strip, &image_}).toText(r.regions, &problems);
    } else {
      r = Ds9RegionReader(ro).readFile(dir + input);
      Ds9WriteOptions wo;
      wo.system = cs;
      wo.skyFormat = sexagesimal ? SkyFormat::Sexagesimal : SkyFormat::Degrees;
      wo.strip = strip;
      wo.image = &image_;
      written = Ds9RegionWriter(wo).toText(r.regions, &problems);
    }
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(QLatin1Char('\n'))));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    const QString want = readAll(dir + expected);
    QVERIFY2(written == want, qPrintable(firstDifference(want, written)));
  }

  // DS9's own test only loads this file: every line is a comment.
  void commentsOnly() {
    const RegionReadResult r = Ds9RegionReader().readFile(
        xsky::test::sharedData(QStringLiteral("regions/ds9-tests/regions/ds9.comment.reg")));
    QVERIFY(r.errors.isEmpty());
    QCOMPARE(r.regions.size(), size_t(0));
  }

 private:
  ReferenceImage image_;
};

QTEST_GUILESS_MAIN(TestRegionsDs9)
#include "tst_regions_ds9.moc"
