// The CFITSIO wrapper: write/read round trips (values known by construction), chunked column
// reads across many chunks, and the one-line errors for bad files.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "fits/FitsFile.h"

using xsky::fits::FitsFile;

class TestFitsFile : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  QString writeTable(long long rows) {
    const QString path = dir_.filePath(QStringLiteral("table%1.fits").arg(rows));
    FitsFile f = FitsFile::create(path);
    f.createImage(8, {});
    f.writeKey(QStringLiteral("TELESCOP"), "TEST");
    f.createTable(QStringLiteral("EVENTS"), {"TIME", "PI", "FLAG"}, {"D", "I", "J"}, {"s", "chan", ""});
    std::vector<double> t(static_cast<size_t>(rows));
    std::vector<int16_t> pi(static_cast<size_t>(rows));
    std::vector<int32_t> flag(static_cast<size_t>(rows));
    for (long long i = 0; i < rows; ++i) {
      t[i] = 1000.0 + 0.5 * static_cast<double>(i);
      pi[i] = static_cast<int16_t>(i % 20000);
      flag[i] = static_cast<int32_t>(i * 7);
    }
    f.writeColumn(1, t);
    f.writeColumn(2, pi);
    f.writeColumn(3, flag);
    f.writeKey(QStringLiteral("EXPOSURE"), 1234.5, QStringLiteral("[s]"));
    f.writeKey(QStringLiteral("NEVENTS"), rows);
    return path;
  }

 private Q_SLOTS:
  void readsColumnsAcrossChunks() {
    const long long rows = 250000;  // many times fits_get_rowsize
    FitsFile f = FitsFile::open(writeTable(rows));
    QCOMPARE(f.hduCount(), 2);
    QVERIFY(f.moveToNamed(QStringLiteral("events")));
    QCOMPARE(f.currentHdu(), 2);
    QVERIFY(f.optimalRowChunk() < rows);
    QCOMPARE(f.rowCount(), rows);
    QCOMPARE(f.columnIndex(QStringLiteral("pi")), 2);
    QCOMPARE(f.columnIndex(QStringLiteral("ENERGY")), 0);
    const auto t = f.readColumn<double>(1);
    const auto pi = f.readColumn<int32_t>(2);
    const auto flag = f.readColumn<int64_t>(3);
    QCOMPARE(static_cast<long long>(t.size()), rows);
    for (long long i = 0; i < rows; i += 997) {
      QCOMPARE(t[i], 1000.0 + 0.5 * static_cast<double>(i));
      QCOMPARE(pi[i], static_cast<int32_t>(i % 20000));
      QCOMPARE(flag[i], i * 7);
    }
    QCOMPARE(t.back(), 1000.0 + 0.5 * static_cast<double>(rows - 1));
    QCOMPARE(*f.keyDouble(QStringLiteral("EXPOSURE")), 1234.5);
    QCOMPARE(*f.keyInt(QStringLiteral("NEVENTS")), rows);
    QVERIFY(!f.keyDouble(QStringLiteral("NOSUCHKEY")).has_value());
    const auto cols = f.columns();
    QCOMPARE(cols.size(), size_t(3));
    QCOMPARE(cols[0].unit, QStringLiteral("s"));
    f.moveTo(1);
    QCOMPARE(f.extName(), QStringLiteral("PRIMARY"));
    QCOMPARE(*f.keyString(QStringLiteral("TELESCOP")), QStringLiteral("TEST"));
    QVERIFY(!f.moveToNamed(QStringLiteral("NOPE")));
    QCOMPARE(f.currentHdu(), 1);
  }

  // The one-pass reader (fits/TableReader.h) gives exactly what CFITSIO's column reads give, with
  // conversions to every output type, on a synthetic table of 2.5 million rows (two threads,
  // many blocks) and on every numeric scalar column of a real XMM MOS event list.
  void readsSeveralColumnsInOnePass() {
    const long long rows = 2500000;
    const QString path = writeTable(rows);
    FitsFile f = FitsFile::open(path);
    QVERIFY(f.moveToNamed(QStringLiteral("EVENTS")));
    std::vector<double> t;
    std::vector<float> tf;
    std::vector<int32_t> pi;
    std::vector<int64_t> flag;
    std::vector<int16_t> flag16;
    f.readColumns({FitsFile::columnInto(1, &t), FitsFile::columnInto(1, &tf), FitsFile::columnInto(2, &pi),
                   FitsFile::columnInto(3, &flag), FitsFile::columnInto(3, &flag16)});
    QVERIFY(t == f.readColumn<double>(1));
    QVERIFY(tf == f.readColumn<float>(1));
    QVERIFY(pi == f.readColumn<int32_t>(2));
    QVERIFY(flag == f.readColumn<int64_t>(3));
    QCOMPARE(flag[rows - 1], (rows - 1) * 7);

    if (!xsky::test::haveSharedData()) QSKIP("no ../shared/data");
    FitsFile mos = FitsFile::open(xsky::test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits")));
    QVERIFY(mos.moveToNamed(QStringLiteral("EVENTS")));
    const auto columns = mos.columns();
    int compared = 0;
    for (size_t c = 0; c < columns.size(); ++c) {
      const int index = static_cast<int>(c) + 1;
      std::vector<double> asDouble;
      std::vector<int32_t> asInt;
      std::vector<float> asFloat;
      try {
        (void)mos.readColumn<double>(index);
      } catch (const xsky::Error&) {
        continue;  // strings, bits, arrays
      }
      mos.readColumns({FitsFile::columnInto(index, &asDouble), FitsFile::columnInto(index, &asInt),
                       FitsFile::columnInto(index, &asFloat)});
      QVERIFY2(asDouble == mos.readColumn<double>(index), qPrintable(columns[c].name));
      QVERIFY2(asInt == mos.readColumn<int32_t>(index), qPrintable(columns[c].name));
      QVERIFY2(asFloat == mos.readColumn<float>(index), qPrintable(columns[c].name));
      ++compared;
    }
    QVERIFY2(compared >= 8, qPrintable(QString::number(compared)));
  }

  void readsImagePlanes() {
    const QString path = dir_.filePath(QStringLiteral("cube.fits"));
    {
      FitsFile f = FitsFile::create(path);
      f.createImage(-32, {4, 3, 2});
      std::vector<float> px(24);
      for (int i = 0; i < 24; ++i) px[i] = static_cast<float>(i);
      f.writeImage(px);
    }
    FitsFile f = FitsFile::open(path);
    QCOMPARE(f.imageShape(), (std::vector<long>{4, 3, 2}));
    const auto plane1 = f.readImagePlane(1);
    QCOMPARE(plane1.size(), size_t(12));
    QCOMPARE(plane1[0], 12.0f);
    QCOMPARE(plane1[11], 23.0f);
    QVERIFY_THROWS_EXCEPTION(xsky::Error, f.readImagePlane(2));
  }

  void missingFileIsOneClearLine() {
    try {
      FitsFile::open(dir_.filePath(QStringLiteral("nope.fits")));
      QFAIL("no exception");
    } catch (const xsky::Error& e) {
      QVERIFY2(e.message().contains(QStringLiteral("cannot open")), qPrintable(e.message()));
      QVERIFY(!e.message().contains(QLatin1Char('\n')));
    }
  }

  void textFileIsNotFits() {
    const QString path = dir_.filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(3000, 'x'));
    f.close();
    try {
      FitsFile::open(path);
      QFAIL("no exception");
    } catch (const xsky::Error& e) {
      QVERIFY2(e.message().contains(QStringLiteral("not a FITS file")), qPrintable(e.message()));
    }
  }

  void truncatedFileIsReported() {
    const QString full = writeTable(5000);
    const QString cut = dir_.filePath(QStringLiteral("cut.fits"));
    QFile in(full);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QFile out(cut);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(in.read(in.size() / 2));
    out.close();
    try {
      FitsFile f = FitsFile::open(cut);
      f.moveTo(2);
      (void)f.readColumn<double>(1);
      QFAIL("no exception");
    } catch (const xsky::Error& e) {
      QVERIFY2(e.message().contains(QStringLiteral("truncated")), qPrintable(e.message()));
    }
  }
};

QTEST_GUILESS_MAIN(TestFitsFile)
#include "tst_fitsfile.moc"
