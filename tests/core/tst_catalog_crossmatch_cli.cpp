// `xsky-cli crossmatch` against astropy (tests/oracles/crossmatch_oracle.py): a FITS table A and a
// VOTable B written by astropy, with counterparts at known offsets across RA 0/360, through the
// north pole, at both poles, and just inside and outside the radius. The nearest matches equal
// SkyCoord.match_to_catalog_sky restricted to sep <= R and --all equals search_around_sky (rows
// exactly, separations to 1e-6 arcsec); radii with units and bare numbers agree; --votable writes
// A's matched rows with B's columns (clashes suffixed _2) and the separation, read back by astropy;
// a missing file, a table without positions and a bad radius give one-line errors.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "catalog/PositionColumns.h"
#include "catalog/VoTableReader.h"

using namespace xsky;

namespace {

const QString kOracle = QStringLiteral("oracles/crossmatch_oracle.py");

struct Match {
  qint64 row1, row2;
  double sepArcsec;
};

// The oracle's {"row1": [...], "row2": [...], "sep_arcsec": [...]}.
std::vector<Match> fromOracle(const QJsonObject& o) {
  const QJsonArray r1 = o[u"row1"].toArray(), r2 = o[u"row2"].toArray(),
                   sep = o[u"sep_arcsec"].toArray();
  std::vector<Match> out;
  for (qsizetype i = 0; i < r1.size(); ++i)
    out.push_back({r1[i].toInteger(), r2[i].toInteger(), sep[i].toDouble()});
  return out;
}

// xsky-cli's "matches": [{"row1", "row2", "separation_arcsec"}].
std::vector<Match> fromCli(const QJsonObject& doc) {
  std::vector<Match> out;
  for (const QJsonValue& v : doc[u"matches"].toArray()) {
    const QJsonObject m = v.toObject();
    out.push_back(
        {m[u"row1"].toInteger(), m[u"row2"].toInteger(), m[u"separation_arcsec"].toDouble()});
  }
  return out;
}

}  // namespace

class TestCatalogCrossMatchCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString a_, b_, nopos_;
  qint64 rows1_ = 0, rows2_ = 0;

  QJsonObject runJson(const QStringList& args) {
    QByteArray out, err;
    const int code = test::runCli(QStringList{QStringLiteral("crossmatch")} + args, &out, &err);
    if (code != 0) qWarning("xsky-cli exited %d: %s", code, err.constData());
    return code == 0 ? QJsonDocument::fromJson(out).object() : QJsonObject{};
  }

  static void compareMatches(const std::vector<Match>& got, const std::vector<Match>& want) {
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      if (got[i].row1 != want[i].row1 || got[i].row2 != want[i].row2) {
        QFAIL(qPrintable(QStringLiteral("match %1: (%2, %3), astropy (%4, %5)")
                             .arg(i)
                             .arg(got[i].row1)
                             .arg(got[i].row2)
                             .arg(want[i].row1)
                             .arg(want[i].row2)));
      }
      XSKY_COMPARE_NEAR(got[i].sepArcsec, want[i].sepArcsec, 1e-6);
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    const QJsonObject made =
        QJsonDocument::fromJson(
            test::runPython(kOracle, {QStringLiteral("tables"), dir_.path(), QStringLiteral("7")}))
            .object();
    a_ = made[u"a"].toString();
    b_ = made[u"b"].toString();
    nopos_ = made[u"nopos"].toString();
    rows1_ = made[u"rows1"].toInteger();
    rows2_ = made[u"rows2"].toInteger();
    QVERIFY(!a_.isEmpty() && rows1_ > 200 && rows2_ > 200);
  }

  void nearestEqualsAstropy_data() {
    QTest::addColumn<QString>("radius");
    QTest::addColumn<double>("arcsec");
    QTest::newRow("5arcsec") << QStringLiteral("5arcsec") << 5.0;
    QTest::newRow("bare number is arcsec") << QStringLiteral("5") << 5.0;
    // Away from the offsets the oracle placed (6 arcsec is one, 3.6 arcsec another).
    QTest::newRow("0.09arcmin") << QStringLiteral("0.09arcmin") << 5.4;
    QTest::newRow("0.0011deg") << QStringLiteral("0.0011deg") << 3.96;
    QTest::newRow("1arcmin") << QStringLiteral("1arcmin") << 60.0;
  }
  void nearestEqualsAstropy() {
    QFETCH(QString, radius);
    QFETCH(double, arcsec);
    const QJsonObject truth =
        QJsonDocument::fromJson(test::runPython(kOracle, {QStringLiteral("tablematch"), a_, b_,
                                                          QString::number(arcsec, 'g', 17)}))
            .object();
    const std::vector<Match> want = fromOracle(truth[u"nearest"].toObject());
    QVERIFY(!want.empty());
    const QJsonObject doc =
        runJson({a_, b_, QStringLiteral("--radius"), radius, QStringLiteral("--json")});
    QVERIFY(!doc.isEmpty());
    XSKY_COMPARE_NEAR(doc[u"radius_arcsec"].toDouble(), arcsec, 1e-9);
    QCOMPARE(doc[u"rows1"].toInteger(), rows1_);
    QCOMPARE(doc[u"rows2"].toInteger(), rows2_);
    QCOMPARE(doc[u"matched"].toInteger(), qint64(want.size()));
    QCOMPARE(doc[u"mode"].toString(), QStringLiteral("nearest"));
    compareMatches(fromCli(doc), want);
  }

  void edgesAreMatched() {
    // The last four rows of A sit at RA 359.9999, at the north pole's edge, on the pole and near
    // the south pole; each has a counterpart within 5 arcsec across RA 0 or through the pole.
    const QJsonObject doc = runJson(
        {a_, b_, QStringLiteral("--radius"), QStringLiteral("5"), QStringLiteral("--json")});
    int edges = 0;
    for (const Match& m : fromCli(doc)) edges += m.row1 >= rows1_ - 4 ? 1 : 0;
    QCOMPARE(edges, 4);
  }

  void allPairsEqualAstropy() {
    const QJsonObject truth =
        QJsonDocument::fromJson(
            test::runPython(kOracle, {QStringLiteral("tablematch"), a_, b_, QStringLiteral("5")}))
            .object();
    const std::vector<Match> want = fromOracle(truth[u"pairs"].toObject());
    const std::vector<Match> nearest = fromOracle(truth[u"nearest"].toObject());
    QVERIFY(want.size() > nearest.size());  // some sources have two counterparts
    const QJsonObject doc = runJson({a_, b_, QStringLiteral("--radius"), QStringLiteral("5arcsec"),
                                     QStringLiteral("--all"), QStringLiteral("--json")});
    QCOMPARE(doc[u"mode"].toString(), QStringLiteral("all"));
    QCOMPARE(doc[u"matched"].toInteger(), qint64(nearest.size()));
    compareMatches(fromCli(doc), want);
  }

  void votableJoinsTheTables() {
    const QString out = dir_.filePath(QStringLiteral("joined.vot"));
    QByteArray stdoutText, err;
    QCOMPARE(test::runCli({QStringLiteral("crossmatch"), a_, b_, QStringLiteral("--radius"),
                           QStringLiteral("5arcsec"), QStringLiteral("--all"),
                           QStringLiteral("--votable"), out},
                          &stdoutText, &err),
             0);
    const QJsonObject truth =
        QJsonDocument::fromJson(
            test::runPython(kOracle, {QStringLiteral("tablematch"), a_, b_, QStringLiteral("5")}))
            .object();
    const std::vector<Match> pairs = fromOracle(truth[u"pairs"].toObject());
    const std::vector<Match> nearest = fromOracle(truth[u"nearest"].toObject());
    QVERIFY2(stdoutText.startsWith(QStringLiteral("%1 of %2 rows of a.fits have a counterpart "
                                                  "within 5 arcsec in b.vot")
                                       .arg(nearest.size())
                                       .arg(rows1_)
                                       .toUtf8()),
             stdoutText.constData());

    const QJsonObject read =
        QJsonDocument::fromJson(test::runPython(kOracle, {QStringLiteral("readtable"), out}))
            .object();
    QStringList names;
    for (const QJsonValue& v : read[u"names"].toArray()) names << v.toString();
    QCOMPARE(names, (QStringList{"NAME", "RA", "DEC", "FLUX", "A_ID", "NAME_2", "RA_2", "DEC_2",
                                 "FLUX_2", "B_ID", "separation"}));
    QCOMPARE(read[u"units"].toArray().last().toString(), QStringLiteral("arcsec"));
    const QJsonObject columns = read[u"columns"].toObject();
    const QJsonArray aId = columns[u"A_ID"].toArray(), bId = columns[u"B_ID"].toArray(),
                     name2 = columns[u"NAME_2"].toArray(), sep = columns[u"separation"].toArray();
    QCOMPARE(aId.size(), qsizetype(pairs.size()));
    for (size_t i = 0; i < pairs.size(); ++i) {
      const qsizetype k = static_cast<qsizetype>(i);
      QCOMPARE(qint64(aId[k].toDouble()), pairs[i].row1);
      QCOMPARE(qint64(bId[k].toDouble()), pairs[i].row2);
      QCOMPARE(name2[k].toString(), QStringLiteral("B%1").arg(pairs[i].row2, 4, 10, QChar('0')));
      XSKY_COMPARE_NEAR(sep[k].toDouble(), pairs[i].sepArcsec, 1e-6);
    }
    // The joined table's position is A's (B's lost meta.main).
    const catalog::SourceTable joined = catalog::readVoTable(out);
    const catalog::PositionColumns p = catalog::findPositionColumns(joined);
    QCOMPARE(p.ra, 1);
    QCOMPARE(p.dec, 2);
  }

  void textOutput() {
    QByteArray out, err;
    QCOMPARE(
        test::runCli({QStringLiteral("crossmatch"), a_, b_, QStringLiteral("--radius"),
                      QStringLiteral("5arcsec"), QStringLiteral("--limit"), QStringLiteral("3")},
                     &out, &err),
        0);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QVERIFY2(lines.size() == 6, out.constData());  // summary, header, 3 matches, "... (N more)"
    QVERIFY2(lines[1].contains("row1") && lines[1].contains("sep_arcsec"), out.constData());
    QVERIFY2(lines[5].startsWith("... ("), out.constData());
  }

  void errors() {
    QByteArray out, err;
    const QString missing = dir_.filePath(QStringLiteral("missing.vot"));
    QCOMPARE(test::runCli({QStringLiteral("crossmatch"), a_, missing, QStringLiteral("--radius"),
                           QStringLiteral("5")},
                          &out, &err),
             1);
    QVERIFY2(err.startsWith("xsky-cli crossmatch: error: ") && err.contains(missing.toUtf8()) &&
                 err.contains("cannot open") && err.count('\n') == 1,
             err.constData());

    QCOMPARE(test::runCli({QStringLiteral("crossmatch"), nopos_, b_, QStringLiteral("--radius"),
                           QStringLiteral("5")},
                          &out, &err),
             1);
    QVERIFY2(err.contains("TABLE1") && err.contains(nopos_.toUtf8()) &&
                 err.contains("no RA/Dec columns") && err.contains("pos.eq.ra;meta.main") &&
                 err.contains("RA/DEC") && err.contains("RAJ2000/DEJ2000") && err.count('\n') == 1,
             err.constData());

    for (const char* bad : {"5parsec", "-2", "0", "abc", "200deg"}) {
      QCOMPARE(test::runCli({QStringLiteral("crossmatch"), a_, b_, QStringLiteral("--radius"),
                             QString::fromLatin1(bad)},
                            &out, &err),
               2);
      QVERIFY2(err.contains("bad --radius"), err.constData());
    }
    QCOMPARE(test::runCli({QStringLiteral("crossmatch"), a_, b_}, &out, &err), 2);
    QVERIFY2(err.contains("--radius is required"), err.constData());
    QCOMPARE(test::runCli({QStringLiteral("crossmatch"), a_, QStringLiteral("--radius"),
                           QStringLiteral("5")},
                          &out, &err),
             2);
  }
};

QTEST_GUILESS_MAIN(TestCatalogCrossMatchCli)
#include "tst_catalog_crossmatch_cli.moc"
