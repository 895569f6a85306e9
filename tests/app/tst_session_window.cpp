// Sessions in the application (app/gui/SessionKeeper.h): a session saved from a window set up by
// hand (two frames, a re-binned energy band, display and view settings, regions, an observation
// switched off, a product) and opened in a new window restores the same work; the real `xsky`
// process killed with SIGKILL leaves an autosave that the next start offers and restores, equal
// to what was saved.

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonDocument>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTableWidget>
#include <QTest>
#include <QJsonArray>

#include "gui/FitWorkbench.h"
#include "TestSupport.h"
#include "gui/MainWindow.h"
#include "catalog/CatalogPanel.h"
#include "gui/CatalogWorkbench.h"
#include "gui/ObservationWorkbench.h"
#include "gui/ProductsPanel.h"
#include "gui/RegionWorkbench.h"
#include "gui/SessionKeeper.h"
#include "archive/ObservationSelector.h"
#include "events/EventListReader.h"
#include "products/Extraction.h"
#include "regions/RegionDocument.h"
#include "regions/RegionFileIo.h"
#include "session/Session.h"
#include "sim/DemoSky.h"
#include "sky/FrameStack.h"
#include "sky/SkyView.h"
#include "tasks/TaskManager.h"

using namespace xsky;

namespace {
QString describe(const session::SessionState& s) {
  return QString::fromUtf8(QJsonDocument(session::toJson(s)).toJson());
}
}  // namespace

class TestSessionWindow : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString demo_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    qputenv("XSKY_SESSION_DIR", dir_.filePath(QStringLiteral("sessions")).toUtf8());
    demo_ = dir_.filePath(QStringLiteral("demo"));
    sim::simulateDemoSky(demo_, sim::SimulationOptions{});
  }

  void savedSessionRestoresTheSameWork() {
    const QString sessionFile = dir_.filePath(QStringLiteral("work.json"));
    session::SessionState saved;
    {
      app::MainWindow w;
      w.resize(1200, 800);
      w.show();
      QSignalSpy opened(&w, &app::MainWindow::fileOpened);
      w.openPaths({demo_});
      QVERIFY(opened.wait(20000));
      QVERIFY(w.taskManager()->waitForAll(60000));
      widgets::SkyView* first = w.skyView();
      imaging::DisplaySettings d = first->display();
      d.scale = imaging::ScaleFunction::Log;
      d.colormap = QStringLiteral("heat");
      d.invert = true;
      first->setDisplay(d);
      first->setView({300.5, 280.25}, 2.0);
      // A second frame: MOS1 in the 0.5-2 keV band at bin factor 40.
      widgets::SkyView* second = w.addFrame();
      imaging::BinningSpec band;
      band.binFactor = 40;
      band.width = 700;
      band.height = 700;
      band.energyMin = 500;
      band.energyMax = 2000;
      bool done = false;
      w.openFileInto(second, QDir(demo_).filePath(QStringLiteral("0901230101/mos1_events.fits")), {}, band,
                     [&done](widgets::SkyView*) { done = true; });
      QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
      const std::vector<regions::Region> regs =
          regions::readRegionText(QStringLiteral("icrs\ncircle(150.1133433,2.2099999,30\")\n"
                                                 "annulus(150.1133433,2.2099999,60\",120\") # background\n"),
                                  QStringLiteral("test"), {})
              .regions;
      w.regions()->document()->setRegions(regs, QStringLiteral("test regions"));
      QTRY_VERIFY_WITH_TIMEOUT(w.observations()->selector()->rows().size() == 9, 10000);
      w.observations()->selector()->setChecked(0, false);
      const events::EventList list = events::readEventList(QDir(demo_).filePath(QStringLiteral("0901230101/pn_events.fits")));
      products::ExtractionOptions o;
      o.spectrumPath = dir_.filePath(QStringLiteral("p.pha"));
      const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(list.sky());
      w.productsPanel()->addResult(products::extract(list, regions::RegionSet::fromRegions(regs), o));
      w.fitting()->addSpectrum(o.spectrumPath, QStringLiteral("pn SRC01"), true);
      w.fitting()->setModel(QStringLiteral("tbabs*(powerlaw+gaussian)"));
      QTableWidget* table = w.fitting()->parameterTable();
      table->item(1, 1)->setText(QStringLiteral("1.7"));
      table->item(4, 3)->setCheckState(Qt::Checked);  // gaussian.Sigma frozen
      QVERIFY(w.fitting()->fit() != 0);  // reads the table; a fit of a line-free spectrum, fine either way
      QVERIFY(w.taskManager()->waitForAll(60000));
      // A catalogue with a query run and two rows selected.
      const QString vot = dir_.filePath(QStringLiteral("sources.vot"));
      test::runPython(QStringLiteral("oracles/catalog_panel_oracle.py"),
                      {QStringLiteral("write"), vot, QStringLiteral("40"), QStringLiteral("5"), QStringLiteral("150.1"),
                       QStringLiteral("2.2")});
      QSignalSpy catalogueOpened(w.catalogue(), &app::CatalogWorkbench::opened);
      w.catalogue()->openCatalogue(vot);
      QVERIFY(catalogueOpened.wait(20000));
      QSignalSpy queried(w.catalogue()->panel(), &widgets::CatalogPanel::queryFinished);
      w.catalogue()->panel()->queryBox()->setEditText(QStringLiteral("sc_det_ml > 10"));
      w.catalogue()->panel()->runQuery(QStringLiteral("sc_det_ml > 10"));
      QVERIFY(queried.wait(20000));
      const std::vector<size_t> shown = w.catalogue()->panel()->shownRows();
      QVERIFY(shown.size() >= 3);
      w.catalogue()->panel()->selectRows({shown[0], shown[2]});
      w.frames()->setCurrent(first);
      saved = w.sessions()->capture();
      QCOMPARE(saved.cataloguePath, QFileInfo(vot).absoluteFilePath());
      QCOMPARE(saved.catalogueQuery, QStringLiteral("sc_det_ml > 10"));
      QCOMPARE(saved.catalogueSelected, (std::vector<size_t>{shown[0], shown[2]}));
      QCOMPARE(saved.fit.value(QStringLiteral("model")).toString(), QStringLiteral("tbabs*(powerlaw+gaussian)"));
      QVERIFY(saved.fit.value(QStringLiteral("parameters")).toArray()[4].toObject().value(QStringLiteral("frozen")).toBool());
      QCOMPARE(saved.frames.size(), size_t(2));
      QVERIFY(saved.frames[1].binning && saved.frames[1].binning->energyMax == 2000.0);
      QCOMPARE(saved.switchedOff.size(), 1);
      QCOMPARE(saved.products.size(), 1);
      QString error;
      QVERIFY2(w.sessions()->save(sessionFile, &error), qPrintable(error));
    }
    app::MainWindow w;
    w.resize(1200, 800);
    w.show();
    QSignalSpy restored(w.sessions(), &app::SessionKeeper::restored);
    QString error;
    QVERIFY2(w.sessions()->open(sessionFile, &error), qPrintable(error));
    QVERIFY(restored.count() > 0 || restored.wait(30000));
    QVERIFY(w.taskManager()->waitForAll(60000));
    QTRY_VERIFY_WITH_TIMEOUT(w.observations()->hasIndex(), 10000);
    const session::SessionState again = w.sessions()->capture();
    QVERIFY2(again.sameWork(saved), qPrintable(describe(again) + QStringLiteral("\n--- saved ---\n") + describe(saved)));
    // The catalogue dock shows the query's rows again, not the whole table.
    QVERIFY(w.catalogue()->panel()->shownRows().size() < w.catalogue()->panel()->table()->rowCount());
  }

  void killedProcessIsRecovered() {
    const QString sessions = app::SessionKeeper::sessionsFolder();
    QProcess xsky;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XSKY_AUTOSAVE_SECONDS"), QStringLiteral("1"));
    env.insert(QStringLiteral("XSKY_SESSION_DIR"), sessions);
    xsky.setProcessEnvironment(env);
    const QString pn = QDir(demo_).filePath(QStringLiteral("0901230201/pn_events.fits"));
    xsky.start(QStringLiteral(XSKY_APP), {pn});
    QVERIFY(xsky.waitForStarted(10000));
    const QString autosave = sessions + QStringLiteral("/autosave-%1.json").arg(xsky.processId());
    // Wait until the autosave holds the opened file, then kill -9.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(autosave) && session::readSession(autosave).frames.size() == 1 &&
                                 session::readSession(autosave).frames[0].path == pn &&
                                 session::readSession(autosave).frames[0].hasView,
                             30000);
    const session::SessionState saved = session::readSession(autosave);
    xsky.kill();
    QVERIFY(xsky.waitForFinished(10000));
    QVERIFY(QFile::exists(autosave));

    app::MainWindow w;
    w.resize(1200, 800);
    w.show();
    QCOMPARE(w.sessions()->orphanedAutosave(), autosave);
    QSignalSpy restored(w.sessions(), &app::SessionKeeper::restored);
    w.sessions()->offerRecovery();
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = w.findChild<QMessageBox*>(QStringLiteral("recoveryBox"))) != nullptr, 5000);
    box->button(QMessageBox::Yes)->click();
    QVERIFY(restored.count() > 0 || restored.wait(30000));
    const session::SessionState now = w.sessions()->capture();
    QVERIFY2(now.sameWork(saved), qPrintable(describe(now) + QStringLiteral("\n--- saved ---\n") + describe(saved)));
    QVERIFY(!QFile::exists(autosave));  // answered: not offered again
  }
};

QTEST_MAIN(TestSessionWindow)
#include "tst_session_window.moc"
