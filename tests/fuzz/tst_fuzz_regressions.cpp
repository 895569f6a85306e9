// Replays every file under tests/fuzz/seeds/<target>/ and tests/fuzz/regressions/<target>/
// through the fuzz target of that name (tests/fuzz/FuzzTargets.h), in the ordinary build: inputs
// that once crashed XSky (regressions/) must now be refused cleanly, and the seeds must pass.
// A target catches xsky::Error itself; anything escaping it fails the test, a crash or a broken
// invariant aborts it.
#include <exception>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include "FuzzTargets.h"

using namespace xsky::fuzz;

class TestFuzzRegressions : public QObject {
  Q_OBJECT

 private slots:
  void everyTargetHasSeeds() {
    for (const FuzzTarget& t : fuzzTargets()) {
      const QDir seeds(QStringLiteral(XSKY_FUZZ_DIR "/seeds/") + QLatin1String(t.name));
      QVERIFY2(!seeds.entryList(QDir::Files).isEmpty(), t.name);
    }
  }

  void replay_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("file");
    for (const char* kind : {"seeds", "regressions"}) {
      const QDir top(QStringLiteral(XSKY_FUZZ_DIR "/") + QLatin1String(kind));
      for (const QString& target : top.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QDirIterator it(top.filePath(target), QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext()) files << it.next();
        files.sort();
        for (const QString& file : files) {
          const QString tag = QStringLiteral("%1/%2/%3").arg(QLatin1String(kind), target,
                                                             QFileInfo(file).fileName());
          QTest::newRow(qPrintable(tag)) << target << file;
        }
      }
    }
  }

  void replay() {
    QFETCH(QString, target);
    QFETCH(QString, file);
    const FuzzTarget* t = findFuzzTarget(target);
    QVERIFY2(t, qPrintable(QStringLiteral("no fuzz target called %1").arg(target)));
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
    const QByteArray bytes = f.readAll();
    try {
      QCOMPARE(t->function(reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size())), 0);
    } catch (const std::exception& e) {
      QFAIL(qPrintable(QStringLiteral("unexpected exception: %1").arg(QString::fromUtf8(e.what()))));
    } catch (...) {
      QFAIL("unexpected exception of unknown type");
    }
  }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
