// The xsky-cli index contract: `index add` lists each file as added/unchanged/skipped (with the
// reason) and goes on past unreadable files; a corrupt index is refused (exit 1, file unchanged);
// `moc query` lists the observations covering a region, with --json and date filters.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"

using xsky::test::runCli;

class TestArchiveCli : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QByteArray out;
    if (runCli({QStringLiteral("index"), QStringLiteral("--help")}, &out) != 0) {
      QSKIP("this xsky-cli has no index command (app/cli/main.cpp does not register it yet)");
    }
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent: the real event lists are needed");
    QVERIFY(dir_.isValid());
    db_ = dir_.filePath(QStringLiteral("cli.sqlite"));
  }

  void addReportsEachFile() {
    const QString ev = xsky::test::sharedData(QStringLiteral("events/"));
    QByteArray out, err;
    const QStringList args{QStringLiteral("index"), QStringLiteral("add"), QStringLiteral("--index"), db_,
                           ev + QStringLiteral("XGA__0201901401_mos1_exp1_clean_evts.fits"),
                           ev + QStringLiteral("stingray__xte_test.evt.gz"),
                           ev + QStringLiteral("XGA__0404910601_mos1_exp1_clean_evts.fits"), QStringLiteral("--json")};
    QCOMPARE(runCli(args, &out, &err), 0);
    const QJsonObject doc = QJsonDocument::fromJson(out).object();
    QCOMPARE(doc[QStringLiteral("added")].toInt(), 2);
    QCOMPARE(doc[QStringLiteral("skipped")].toInt(), 1);
    const QJsonArray files = doc[QStringLiteral("files")].toArray();
    QCOMPARE(files[1].toObject()[QStringLiteral("status")].toString(), QStringLiteral("skipped"));
    QVERIFY(files[1].toObject()[QStringLiteral("reason")].toString().contains(QLatin1String("sky")));
    QCOMPARE(files[2].toObject()[QStringLiteral("obsid")].toString(), QStringLiteral("0404910601"));
    // Again, as text: nothing new.
    QCOMPARE(runCli(args.mid(0, 7), &out, &err), 0);
    QVERIFY2(out.contains("0 added, 0 updated, 2 unchanged, 1 skipped"), out.constData());
    QVERIFY(out.contains("skipped   " + (ev + QStringLiteral("stingray__xte_test.evt.gz")).toUtf8() + ": "));
  }

  void corruptIndexRefused() {
    const QString bad = dir_.filePath(QStringLiteral("bad.sqlite"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a database");
    f.close();
    QByteArray out, err;
    QCOMPARE(runCli({QStringLiteral("index"), QStringLiteral("add"), QStringLiteral("--index"), bad,
                     xsky::test::sharedData(QStringLiteral("events/stingray__chandra_test.fits"))}, &out, &err), 1);
    QVERIFY2(err.contains("not an SQLite database"), err.constData());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("not a database"));
  }

  void queryCluster() {
    QByteArray out, err;
    if (runCli({QStringLiteral("moc"), QStringLiteral("query"), QStringLiteral("--help")}, &out) != 0) {
      QSKIP("this xsky-cli does not route moc query yet (app/cli/MocCommand.cpp)");
    }
    const QString reg = dir_.filePath(QStringLiteral("cluster.reg"));
    QFile f(reg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("fk5\ncircle(149.5922925,-11.0597,30\")\n");
    f.close();
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("query"), QStringLiteral("--index"), db_,
                     QStringLiteral("--region"), reg, QStringLiteral("--json")}, &out, &err), 0);
    QJsonObject doc = QJsonDocument::fromJson(out).object();
    QCOMPARE(doc[QStringLiteral("count")].toInt(), 2);
    const QJsonObject first = doc[QStringLiteral("observations")].toArray()[0].toObject();
    QCOMPARE(first[QStringLiteral("obsid")].toString(), QStringLiteral("0201901401"));
    QCOMPARE(first[QStringLiteral("target")].toString(), QStringLiteral("RXCJ0958.3-1103"));
    QCOMPARE(first[QStringLiteral("covered_fraction")].toDouble(), 1.0);
    QVERIFY(first[QStringLiteral("exposure")].toDouble() > 1000);
    // Only 2006.
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("query"), QStringLiteral("--index"), db_,
                     QStringLiteral("--region"), reg, QStringLiteral("--from"), QStringLiteral("2006-01-01"),
                     QStringLiteral("--to"), QStringLiteral("2006-12-31"), QStringLiteral("--json")}, &out, &err), 0);
    doc = QJsonDocument::fromJson(out).object();
    QCOMPARE(doc[QStringLiteral("count")].toInt(), 1);
    QCOMPARE(doc[QStringLiteral("observations")].toArray()[0].toObject()[QStringLiteral("obsid")].toString(),
             QStringLiteral("0404910601"));
    QCOMPARE(runCli({QStringLiteral("moc"), QStringLiteral("query"), QStringLiteral("--index"), db_,
                     QStringLiteral("--region"), reg, QStringLiteral("--from"), QStringLiteral("someday")}, &out, &err), 2);
  }

 private:
  QTemporaryDir dir_;
  QString db_;
};

QTEST_GUILESS_MAIN(TestArchiveCli)
#include "tst_archive_cli.moc"
