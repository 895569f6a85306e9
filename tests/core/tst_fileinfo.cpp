// `info` on every real FITS file in ../shared/data (events, images, spectra, light curves, MOCs,
// responses), checked HDU by HDU against astropy; and the CLI's one-line errors on bad input.

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "info/FileInfo.h"

using namespace xsky;

namespace {

QStringList realFitsFiles() {
  QStringList files;
  for (const char* folder : {"events", "images", "spectra", "lightcurves", "moc"}) {
    QDirIterator it(test::sharedData(QLatin1String(folder)), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
      const QString f = it.next();
      QFile file(f);
      if (!file.open(QIODevice::ReadOnly)) continue;
      const QByteArray head = file.read(6);
      // FITS, or gzip-compressed FITS (magic 1f 8b).
      if (head == "SIMPLE" || head.startsWith("\x1f\x8b")) files << f;
    }
  }
  files.sort();
  return files;
}

}  // namespace

class TestFileInfo : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyRealFile_data() {
    QTest::addColumn<QString>("path");
    if (!test::haveSharedData()) {
      QTest::newRow("absent") << QString();
      return;
    }
    for (const QString& f : realFitsFiles()) QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
  }
  void everyRealFile() {
    QFETCH(QString, path);
    if (path.isEmpty()) QSKIP("../shared/data is absent: info on real files not tested");
    const QJsonObject mine = info::describeFile(path);
    const QJsonObject ref = QJsonDocument::fromJson(test::runPython(QStringLiteral("oracles/fits_oracle.py"), {path})).object();
    const QJsonArray a = mine[QStringLiteral("hdus")].toArray();
    const QJsonArray b = ref[QStringLiteral("hdus")].toArray();
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
      const QJsonObject x = a[i].toObject(), y = b[i].toObject();
      QCOMPARE(x[QStringLiteral("type")].toString(), y[QStringLiteral("type")].toString());
      QCOMPARE(x[QStringLiteral("name")].toString().toUpper(), y[QStringLiteral("name")].toString().toUpper());
      if (y.contains(QStringLiteral("rows"))) {
        QCOMPARE(x[QStringLiteral("rows")].toDouble(), y[QStringLiteral("rows")].toDouble());
      } else {
        QCOMPARE(x[QStringLiteral("shape")].toArray(), y[QStringLiteral("shape")].toArray());
      }
      const QJsonObject kx = x[QStringLiteral("keywords")].toObject();
      const QJsonObject ky = y[QStringLiteral("keywords")].toObject();
      for (auto it = ky.begin(); it != ky.end(); ++it) {
        QVERIFY2(kx.contains(it.key()), qPrintable(it.key()));
        if (it.value().isDouble()) {
          XSKY_COMPARE_NEAR(kx[it.key()].toDouble(), it.value().toDouble(), 1e-9 * std::max(1.0, std::abs(it.value().toDouble())));
        } else {
          QCOMPARE(kx[it.key()].toString(), it.value().toString().trimmed());
        }
      }
    }
    if (ref.contains(QStringLiteral("events"))) {
      const QJsonObject e = mine[QStringLiteral("events")].toObject();
      QCOMPARE(mine[QStringLiteral("kind")].toString(), QStringLiteral("events"));
      QCOMPARE(e[QStringLiteral("rows")].toDouble(), ref[QStringLiteral("events")].toObject()[QStringLiteral("rows")].toDouble());
    }
    QVERIFY(!info::formatText(mine).isEmpty());
  }

  void kinds() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    QCOMPARE(info::describeFile(test::sharedData(QStringLiteral("images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits")))[QStringLiteral("kind")].toString(), QStringLiteral("image"));
    QCOMPARE(info::describeFile(test::sharedData(QStringLiteral("moc/mocpy__resources_MOC2.0_SMOC.fits")))[QStringLiteral("kind")].toString(), QStringLiteral("moc"));
    const QJsonObject img = info::describeFile(test::sharedData(QStringLiteral("images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits")));
    const QJsonObject w = img[QStringLiteral("image")].toObject()[QStringLiteral("wcs")].toObject();
    QCOMPARE(w[QStringLiteral("projection")].toString(), QStringLiteral("TAN"));
    QVERIFY(img[QStringLiteral("image")].toObject().contains(QStringLiteral("physical")));
  }

  void cliJsonAndText() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
    QByteArray out, err;
    const QString path = test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits"));
    QCOMPARE(test::runCli({QStringLiteral("info"), path, QStringLiteral("--json")}, &out, &err), 0);
    const QJsonObject d = QJsonDocument::fromJson(out).object();
    QCOMPARE(d[QStringLiteral("events")].toObject()[QStringLiteral("rows")].toInt(), 22124);  // NAXIS2
    QCOMPARE(test::runCli({QStringLiteral("info"), path}, &out, &err), 0);
    QVERIFY(out.contains("GTI total"));
    QVERIFY(out.contains("EMOS1"));
    // A list without sky columns still gets its info.
    QCOMPARE(test::runCli({QStringLiteral("info"), test::sharedData(QStringLiteral("events/stingray__xte_test.evt.gz"))}, &out, &err), 0);
    QVERIFY(out.contains("sky WCS: none"));
  }

  void cliBadInput() {
    QTemporaryDir dir;
    QFile text(dir.filePath(QStringLiteral("x.fits")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("this is not FITS\n");
    text.close();
    QByteArray out, err;
    for (const QString& bad : {dir.filePath(QStringLiteral("missing.fits")), text.fileName()}) {
      QCOMPARE(test::runCli({QStringLiteral("info"), bad}, &out, &err), 1);
      QVERIFY(out.isEmpty());
      QCOMPARE(err.count('\n'), 1);  // one line
      QVERIFY(err.startsWith("xsky-cli info: error: "));
    }
    QCOMPARE(test::runCli({QStringLiteral("info")}, &out, &err), 2);
    QCOMPARE(test::runCli({QStringLiteral("info"), QStringLiteral("--bogus")}, &out, &err), 2);
    QCOMPARE(test::runCli({QStringLiteral("nonsense")}, &out, &err), 2);
    QCOMPARE(test::runCli({QStringLiteral("info"), QStringLiteral("--help")}, &out, &err), 0);
    QVERIFY(out.contains("--json"));
  }
};

QTEST_GUILESS_MAIN(TestFileInfo)
#include "tst_fileinfo.moc"
