// core/moc serialization: every MOC file of ../shared/data/moc read and checked against an
// independent reading (tests/oracles/moc_oracle.py: raw rows, exact integer arithmetic) and the
// ASCII twins; written back and read again unchanged; ASCII/JSON both ways; bad files give clear
// errors.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

#include "TestSupport.h"
#include "fits/FitsFile.h"
#include "moc/MocIo.h"
#include "moc/MocText.h"

using namespace xsky;
using namespace xsky::moc;

namespace {

QStringList mocFiles() {
  return QDir(test::sharedData(QStringLiteral("moc"))).entryList({QStringLiteral("*.fits")}, QDir::Files, QDir::Name);
}

QString readText(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll()).trimmed();
}

/// A one-column MOC table with the given header keys and raw values.
void writeRaw(const QString& path, const std::vector<std::pair<QString, QString>>& keys,
              const std::vector<int64_t>& values) {
  fits::FitsFile f = fits::FitsFile::create(path);
  f.createTable(QString(), {QStringLiteral("UNIQ")}, {QStringLiteral("1K")}, {QString()},
                static_cast<long long>(values.size()));
  for (const auto& [k, v] : keys) {
    bool isInt = false;
    const long long n = v.toLongLong(&isInt);
    if (isInt) f.writeKey(k, n);
    else f.writeKey(k, v);
  }
  f.writeColumn(1, values);
}

}  // namespace

class TestMocIo : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent: MOC file tests skipped");
  }

  void everyFileAgainstOracle() {
    const QString dir = test::sharedData(QStringLiteral("moc"));
    QStringList paths;
    for (const QString& f : mocFiles()) paths << QDir(dir).filePath(f);
    QCOMPARE(paths.size(), 12);
    const QJsonObject oracle =
        QJsonDocument::fromJson(test::runPython(QStringLiteral("oracles/moc_oracle.py"), paths)).object();
    QCOMPARE(oracle.size(), paths.size());
    for (const QString& path : paths) {
      const QJsonObject ref = oracle.value(path).toObject();
      const MocFile file = readMocFits(path);
      const QString name = QFileInfo(path).fileName();
      QCOMPARE(dimensionName(file.dimension), ref.value(QStringLiteral("dimension")).toString());
      if (file.dimension == MocDimension::Space) {
        QCOMPARE(double(file.space.cellCount()), ref.value(QStringLiteral("cells")).toDouble());
        QCOMPARE(double(file.space.ranges().size()), ref.value(QStringLiteral("ranges")).toDouble());
        QCOMPARE(file.space.order(), ref.value(QStringLiteral("order")).toInt());
        XSKY_COMPARE_NEAR(file.space.areaSteradians(), ref.value(QStringLiteral("area_sr")).toDouble(), 1e-12);
        if (ref.contains(QStringLiteral("area_sr_nuniq")))  // sum of 4 pi / (12 4^o) over the rows
          XSKY_COMPARE_NEAR(file.space.areaSteradians(), ref.value(QStringLiteral("area_sr_nuniq")).toDouble(), 1e-9);
        qInfo("%s: %zu cells, %.6f sr", qPrintable(name), file.space.cellCount(), file.space.areaSteradians());
      } else if (file.dimension == MocDimension::Time) {
        QCOMPARE(double(file.time.ranges().size()), ref.value(QStringLiteral("ranges")).toDouble());
        XSKY_COMPARE_NEAR(double(file.time.ranges().front().first), ref.value(QStringLiteral("start_us")).toDouble(), 1e3);
        XSKY_COMPARE_NEAR(file.time.durationSeconds() * 1e6, ref.value(QStringLiteral("duration_us")).toDouble(), 1.0);
      } else {
        const SpaceTimeMoc& st = file.spaceTime;
        const double area = st.spaceCoverage().areaSteradians();
        XSKY_COMPARE_NEAR(area, ref.value(QStringLiteral("space_area_sr")).toDouble(), 1e-12);
        XSKY_COMPARE_NEAR(double(st.entries().front().time.front().first),
                          ref.value(QStringLiteral("time_start_us")).toDouble(), 1e3);
        QVERIFY(st.entries().size() <= size_t(ref.value(QStringLiteral("entries")).toInt()));
        qInfo("%s: %zu entries, time order %d, space order %d", qPrintable(name), st.entries().size(),
              st.timeOrder(), st.spaceOrder());
      }
    }
  }

  void asciiTwins() {
    const QString dir = test::sharedData(QStringLiteral("moc"));
    auto path = [&dir](const char* f) { return QDir(dir).filePath(QLatin1String(f)); };
    const SpaceMoc smoc = readSpaceMocFits(path("mocpy__resources_MOC2.0_SMOC.fits"));
    const QString smocText = readText(path("mocpy__resources_MOC2.0_smoc.ascii.txt"));
    QCOMPARE(spaceMocFromAscii(smocText), smoc);
    QCOMPARE(toAscii(smoc), smocText);

    const MocFile tmoc = readMocFits(path("mocpy__resources_MOC2.0_TMOC.fits"));
    const QString tmocText = readText(path("mocpy__resources_MOC2.0_tmoc.ascii.txt"));
    QCOMPARE(timeMocFromAscii(tmocText), tmoc.time);
    QCOMPARE(toAscii(tmoc.time), QLatin1Char('t') + tmocText);

    const MocFile stmoc = readMocFits(path("mocpy__resources_MOC2.0_STMOC.fits"));
    const QString stmocText = readText(path("mocpy__resources_MOC2.0_stmoc.ascii.txt"));
    QVERIFY(spaceTimeMocFromAscii(stmocText) == stmoc.spaceTime);
    QCOMPARE(toAscii(stmoc.spaceTime), stmocText);
  }

  void writeBackUnchanged() {
    QTemporaryDir tmp;
    const QString dir = test::sharedData(QStringLiteral("moc"));
    for (const QString& f : mocFiles()) {
      const MocFile in = readMocFits(QDir(dir).filePath(f));
      const QString out = tmp.filePath(f);
      writeMocFits(out, in);
      const MocFile back = readMocFits(out);
      QCOMPARE(back.dimension, in.dimension);
      QVERIFY2(back.space == in.space, qPrintable(f));
      QVERIFY2(back.time == in.time, qPrintable(f));
      QVERIFY2(back.spaceTime == in.spaceTime, qPrintable(f));
      QCOMPARE(back.version, QStringLiteral("2.0"));
      if (in.dimension == MocDimension::Space) {
        QCOMPARE(back.ordering, QStringLiteral("NUNIQ"));
        QVERIFY(spaceMocFromAscii(toAscii(in.space)) == in.space);
        QVERIFY(spaceMocFromJson(toJson(in.space)) == in.space);
      }
    }
    QVERIFY(QDir(tmp.path()).entryList({QStringLiteral(".*part")}, QDir::Hidden | QDir::Files).isEmpty());
  }

  void textForms() {
    const SpaceMoc m = spaceMocFromAscii(QStringLiteral("3/1-4 5/8 9/"));
    QCOMPARE(m.order(), 9);
    QCOMPARE(m.cellCount(), size_t(5));
    QCOMPARE(toAscii(m), QStringLiteral("3/1-4 5/8 9/"));
    QCOMPARE(toJson(m), QStringLiteral("{\"3\":[1,2,3,4],\"5\":[8],\"9\":[]}"));
    QCOMPARE(spaceMocFromJson(QStringLiteral("{\"3\":[1,2,3,4],\"5\":[8]}")), spaceMocFromAscii(QStringLiteral("3/1-4 5/8")));
    // Children merge into their parent in the minimal form.
    QCOMPARE(toAscii(spaceMocFromAscii(QStringLiteral("1/4 5 6 7"))), QStringLiteral("0/1 1/"));
    // Order-29 cells survive JSON exactly (no double rounding).
    const SpaceMoc deep = spaceMocFromAscii(QStringLiteral("29/3458764513820540927"));
    QCOMPARE(spaceMocFromJson(toJson(deep)), deep);
    QVERIFY_THROWS_EXCEPTION(Error, spaceMocFromAscii(QStringLiteral("30/1")));
    QVERIFY_THROWS_EXCEPTION(Error, spaceMocFromAscii(QStringLiteral("3/1-x")));
    QVERIFY_THROWS_EXCEPTION(Error, spaceMocFromAscii(QStringLiteral("0/12")));
    QVERIFY_THROWS_EXCEPTION(Error, spaceMocFromAscii(QStringLiteral("5")));
    QVERIFY_THROWS_EXCEPTION(Error, spaceMocFromJson(QStringLiteral("[1,2]")));
    const TimeMoc t = timeMocFromAscii(QStringLiteral("t61/100-199"));
    QCOMPARE(t.ranges(), (std::vector<Range>{{100, 200}}));
    QVERIFY(t.overlapsJd(100.0 / kMicrosecondsPerDay, 1.0));
    QVERIFY(!t.overlapsJd(1.0, 2.0));
  }

  void timeAndSpaceTime() {
    const TimeMoc a = TimeMoc::fromJdInterval(2458000.0, 2458001.0, 40);
    QVERIFY(a.containsJd(2458000.5));
    QVERIFY(a.containsMjd(58000.0));
    QVERIFY(!a.containsJd(2458002.0));
    XSKY_COMPARE_NEAR(a.startJd(), 2458000.0, 1e-3);
    XSKY_COMPARE_NEAR(a.durationSeconds(), 86400.0, 5.0);  // order-40 cells last 2.1 s
    const TimeMoc b = TimeMoc::fromJdInterval(2458000.5, 2458003.0, 40);
    XSKY_COMPARE_NEAR(a.intersection(b).durationSeconds(), 43200.0, 5.0);
    XSKY_COMPARE_NEAR(a.unionWith(b).durationSeconds(), 3 * 86400.0, 5.0);
    QVERIFY(a.complement().complement() == a);

    const MocFile f = readMocFits(test::sharedData(QStringLiteral("moc/mocpy__resources_MOC2.0_STMOC.fits")));
    const SpaceTimeMoc& st = f.spaceTime;
    QCOMPARE(st.entries().size(), size_t(2));
    // t61/1 3 5 -> s3/1-3 ; t61/50 52 -> s4/25.
    const double us = 1.0 / kMicrosecondsPerDay;
    QCOMPARE(st.spaceDuringJd(0, 10 * us), spaceMocFromAscii(QStringLiteral("3/1-3 4/")));
    QCOMPARE(st.spaceDuringJd(50 * us, 51 * us), spaceMocFromAscii(QStringLiteral("4/25")));
    QVERIFY(st.spaceDuringJd(10 * us, 40 * us).empty());
    QCOMPARE(st.timeOver(spaceMocFromAscii(QStringLiteral("4/25"))).ranges(),
             (std::vector<Range>{{50, 51}, {52, 53}}));

    // The pre-2.0 RANGE29 file: time cells of 2^30 us (TORDER 14 -> order 31), JD times.
    const MocFile old = readMocFits(test::sharedData(QStringLiteral("moc/mocpy__resources_STMOC_STMoc-DECaLS-g.fits")));
    QCOMPARE(old.dimension, MocDimension::SpaceTime);
    QCOMPARE(old.spaceTime.timeOrder(), 31);
    QCOMPARE(old.spaceTime.spaceOrder(), 9);
    const TimeMoc span = old.spaceTime.timeCoverage();
    QVERIFY2(span.startJd() > 2456000 && span.endJd() < 2460000, qPrintable(QString::number(span.startJd())));
  }

  void badFiles() {
    QTemporaryDir tmp;
    const std::vector<std::pair<QString, QString>> nuniq{{QStringLiteral("MOCVERS"), QStringLiteral("2.0")},
                                                         {QStringLiteral("MOCDIM"), QStringLiteral("SPACE")},
                                                         {QStringLiteral("ORDERING"), QStringLiteral("NUNIQ")},
                                                         {QStringLiteral("MOCORD_S"), QStringLiteral("10")}};
    const std::vector<std::pair<QString, QString>> range{{QStringLiteral("MOCVERS"), QStringLiteral("2.0")},
                                                         {QStringLiteral("MOCDIM"), QStringLiteral("SPACE")},
                                                         {QStringLiteral("ORDERING"), QStringLiteral("RANGE")},
                                                         {QStringLiteral("MOCORD_S"), QStringLiteral("29")}};
    struct Case {
      const char* name;
      std::vector<std::pair<QString, QString>> keys;
      std::vector<int64_t> values;
      const char* expect;
    };
    const std::vector<Case> cases{
        {"invalid_nuniq", nuniq, {16, 2, 17}, "invalid NUNIQ value 2"},
        {"order30", nuniq, {16, (int64_t(4) << 60) + 5}, "above 29"},
        {"unsorted", range, {100, 200, 0, 50}, "not sorted"},
        {"reversed", range, {200, 100}, "empty or reversed"},
        {"odd", range, {1, 2, 3}, "odd number"},
    };
    for (const Case& c : cases) {
      const QString path = tmp.filePath(QLatin1String(c.name) + QStringLiteral(".fits"));
      writeRaw(path, c.keys, c.values);
      try {
        readMocFits(path);
        QFAIL(qPrintable(QStringLiteral("%1 accepted").arg(QLatin1String(c.name))));
      } catch (const Error& e) {
        QVERIFY2(e.message().contains(QLatin1String(c.expect)) && e.message().contains(path),
                 qPrintable(e.message()));
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestMocIo)
#include "tst_moc_io.moc"
