// XSky's window exchanging catalogue tables with real peers on a JSAMP hub (TOPCAT under Xvfb):
// SAMP > Send Catalogue Table To sends the dock's selection to TOPCAT, which loads it (TOPCAT then
// answers table.highlight.row on XSky's table-id with samp.ok, and samp.error for a table it
// never loaded); a row selection on that table sent by the JSAMP message sender (TOPCAT sends
// selections only on a user's click) selects the matching row in XSky's dock.

#include <QDir>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "PeerSupport.h"
#include "TestSupport.h"
#include "catalog/CatalogPanel.h"
#include "catalog/CatalogTableModel.h"
#include "gui/CatalogWorkbench.h"
#include "gui/MainWindow.h"
#include "gui/SampWorkbench.h"
#include "samp/SampClient.h"

using namespace xsky;
using namespace xsky::peers;

class TestPeersTables : public QObject {
  Q_OBJECT
  std::unique_ptr<PeerRun> run_;

 private Q_SLOTS:
  void initTestCase() {
    if (!have(QStringLiteral("Xvfb")))
      QSKIP(qPrintable(missing(QStringLiteral("Xvfb"), QStringLiteral("xvfb"))));
    if (!have(QStringLiteral("java")))
      QSKIP(qPrintable(missing(QStringLiteral("java"), QStringLiteral("default-jre-headless"))));
    if (!have(PeerRun::jsampJar()))
      QSKIP(qPrintable(missing(PeerRun::jsampJar(), QStringLiteral("jsamp"))));
    if (!have(QStringLiteral("topcat")))
      QSKIP(qPrintable(missing(QStringLiteral("topcat"), QStringLiteral("topcat"))));
    run_ = std::make_unique<PeerRun>();
    QString error;
    QVERIFY2(run_->startXvfb(&error), qPrintable(error));
    QVERIFY2(run_->startJsampHub(&error), qPrintable(error));
    run_->start(QStringLiteral("topcat"), QStringLiteral("topcat"),
                {QStringLiteral("-samp"), QStringLiteral("-nohub")});
  }

  void cleanupTestCase() { run_.reset(); }

  void topcatLoadsWhatXskySends() {
    qputenv("SAMP_HUB", QByteArray("std-lockurl:file://") + run_->lockFile().toUtf8());
    app::MainWindow w;
    const bool screenshot = !qEnvironmentVariable("XSKY_PEERS_DISPLAY").isEmpty() &&
                            !qEnvironmentVariable("XSKY_SCREENSHOT_DIR").isEmpty();
    if (screenshot) w.setGeometry(850, 0, 1150, 1000);  // TOPCAT's window opens at the left
    w.show();
    QSignalSpy connected(w.samp(), &app::SampWorkbench::connectionChanged);
    w.samp()->connectToHub();
    QVERIFY(connected.wait(20000));
    samp::SampClient* client = w.samp()->client();

    // A catalogue in the dock with three rows selected by the user.
    const QString vot = run_->path(QStringLiteral("sources.vot"));
    QStringList oracle{QStringLiteral("write"), vot, QStringLiteral("30"), QStringLiteral("4")};
    if (screenshot && test::haveSharedData()) {  // the sources over a real image for the picture
      const QString image = test::sharedData(QStringLiteral("images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits"));
      QSignalSpy shown(&w, &app::MainWindow::fileOpened);
      w.openFile(image);
      QVERIFY(shown.wait(20000));
      oracle << QStringLiteral("149.6005") << QStringLiteral("-11.0868");
    }
    test::runPython(QStringLiteral("oracles/catalog_panel_oracle.py"), oracle);
    QSignalSpy opened(w.catalogue(), &app::CatalogWorkbench::opened);
    w.catalogue()->openCatalogue(vot);
    QVERIFY(opened.wait(20000));
    widgets::CatalogPanel* panel = w.catalogue()->panel();
    auto* model = static_cast<widgets::CatalogTableModel*>(panel->tableView()->model());
    const std::vector<size_t> chosen{3, 7, 12};
    QItemSelection selection;
    for (const size_t r : chosen)
      selection.select(model->index(model->modelRow(r), 0), model->index(model->modelRow(r), 1));
    panel->tableView()->selectionModel()->select(
        selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(panel->selectedRows(), chosen);

    // TOPCAT joins (it can take a while under Xvfb) and accepts tables.
    QTRY_VERIFY2_WITH_TIMEOUT(client->clients().findByName(QStringLiteral("topcat")) &&
                                  client->clients()
                                      .findByName(QStringLiteral("topcat"))
                                      ->subscribes(QStringLiteral("table.load.votable")),
                              qPrintable(run_->log(QStringLiteral("topcat"))), 90000);
    const QString topcat = client->clients().findByName(QStringLiteral("topcat"))->id;
    const QString tableId = w.samp()->sendCatalogueTable(topcat);
    QVERIFY(!tableId.isEmpty());
    // TOPCAT knows the table by XSky's table-id once it has loaded it (retry while it loads).
    const samp::SampMessage highlight{
        QStringLiteral("table.highlight.row"),
        {{QStringLiteral("table-id"), tableId}, {QStringLiteral("row"), QStringLiteral("2")}},
        {}};
    samp::SampResponse r = samp::SampResponse::error(QStringLiteral("not asked"));
    QElapsedTimer t;
    t.start();
    do {
      r = client->callAndWaitBlocking(topcat, highlight, 30);
      if (!r.isOk()) QTest::qWait(500);
    } while (!r.isOk() && t.elapsed() < 40000);
    QVERIFY2(r.isOk(), qPrintable(r.errorText + run_->log(QStringLiteral("topcat"))));
    r = client->callAndWaitBlocking(topcat,
                                    {QStringLiteral("table.highlight.row"),
                                     {{QStringLiteral("table-id"), QStringLiteral("never-sent")},
                                      {QStringLiteral("row"), QStringLiteral("1")}},
                                     {}},
                                    30);
    QVERIFY(r.isError());

    // A real peer highlights row 1 of the table XSky sent: XSky selects the row it came from.
    QByteArray output;
    const int code =
        run_->run(QStringLiteral("java"),
                  {QStringLiteral("-jar"), PeerRun::jsampJar(), QStringLiteral("messagesender"),
                   QStringLiteral("-mtype"), QStringLiteral("table.highlight.row"),
                   QStringLiteral("-param"), QStringLiteral("table-id"), tableId,
                   QStringLiteral("-param"), QStringLiteral("row"), QStringLiteral("1"),
                   QStringLiteral("-mode"), QStringLiteral("sync"), QStringLiteral("-targetid"),
                   client->selfId(), QStringLiteral("-sendername"), QStringLiteral("tx-jsamp")},
                  &output, 60000, run_->environment());
    QVERIFY2(code == 0, output.constData());
    QVERIFY2(output.contains("samp.ok"), output.constData());
    QCOMPARE(panel->selectedRows(), std::vector<size_t>{chosen[1]});
    if (screenshot) {  // both windows on the shared display (scripts/screenshot-peers.sh)
      QTest::qWait(2000);
      const QString png = QDir(qEnvironmentVariable("XSKY_SCREENSHOT_DIR")).filePath(QStringLiteral("xsky-topcat.png"));
      QVERIFY(run_->run(QStringLiteral("import"),
                        {QStringLiteral("-display"), qEnvironmentVariable("XSKY_PEERS_DISPLAY"),
                         QStringLiteral("-window"), QStringLiteral("root"), png},
                        nullptr, 30000, run_->environment()) == 0);
    }
    w.samp()->disconnectFromHub();
  }
};

QTEST_MAIN(TestPeersTables)
#include "tst_peers_tables.moc"
