// SAMP from the window: SAMP > Connect starts XSky's own hub when none runs (isolated through
// SAMP_HUB); another client on that hub points XSky at a position (the frame centres there),
// sends it an image (a new frame opens it) and receives the current frame from "Send Image To",
// a FITS file whose WCS puts the same pixel on the same sky position.
// Tables: XSky sends the catalogue's selection and the observation list as table.load.votable
// (the peer reads the same rows back), and a selection in a table it sent as table.highlight.row /
// table.select.rowList with the peer's row indices; it receives table.load.votable and
// table.load.fits into the catalogue dock (same contents) and table.select.rowList /
// table.highlight.row select those rows.

#include <QDir>
#include <QItemSelectionModel>
#include <QListWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "gui/MainWindow.h"
#include "gui/CatalogWorkbench.h"
#include "gui/FitWorkbench.h"
#include "gui/ObservationWorkbench.h"
#include "archive/ObservationSelector.h"
#include "catalog/CatalogPanel.h"
#include "catalog/CatalogTableModel.h"
#include "catalog/FitsTableReader.h"
#include "catalog/Query.h"
#include "catalog/VoTableReader.h"
#include "catalog/VoTableWriter.h"
#include "gui/SampWorkbench.h"
#include "archive/FootprintOverlay.h"
#include "moc/MocBuilders.h"
#include "moc/MocIo.h"

#include <algorithm>
#include "imaging/Image2D.h"
#include "samp/LockFile.h"
#include "samp/SampClient.h"
#include "samp/UrlFetch.h"
#include "sky/FrameStack.h"
#include "sky/SkyView.h"

using namespace xsky;

namespace {

// What a user's click in the table does: select these table rows in the view.
void userSelects(widgets::CatalogPanel* panel, const std::vector<size_t>& rows) {
  auto* model = static_cast<widgets::CatalogTableModel*>(panel->tableView()->model());
  QItemSelection selection;
  for (const size_t r : rows) {
    const int m = model->modelRow(r);
    selection.select(model->index(m, 0), model->index(m, model->columnCount() - 1));
  }
  panel->tableView()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

// Same columns (names) and the same text in every cell.
QString tableDifference(const catalog::SourceTable& a, const catalog::SourceTable& b) {
  if (a.columnCount() != b.columnCount() || a.rowCount() != b.rowCount()) {
    return QStringLiteral("%1x%2 vs %3x%4").arg(a.rowCount()).arg(a.columnCount()).arg(b.rowCount()).arg(b.columnCount());
  }
  for (size_t c = 0; c < a.columnCount(); ++c) {
    if (a.columns[c].meta.name != b.columns[c].meta.name) return a.columns[c].meta.name + QStringLiteral(" vs ") + b.columns[c].meta.name;
    for (size_t r = 0; r < a.rowCount(); ++r) {
      if (a.columns[c].text(r) != b.columns[c].text(r)) {
        return QStringLiteral("%1 row %2: %3 vs %4").arg(a.columns[c].meta.name).arg(r).arg(a.columns[c].text(r), b.columns[c].text(r));
      }
    }
  }
  return {};
}

struct Received {
  QString mtype;
  QVariantMap params;
};

}  // namespace

class TestSampWindow : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private Q_SLOTS:
  void exchangesWithAnotherClient() {
    if (!test::haveSharedData()) QSKIP("no ../shared/data");
    const QString lock = dir_.filePath(QStringLiteral("lock"));
    qputenv("SAMP_HUB", QByteArray("std-lockurl:file://") + lock.toUtf8());
    const QString image = test::sharedData(QStringLiteral("images/XGA__0201901401_pn_exp1-0.50-2.00keVimg.fits"));

    app::MainWindow w;
    w.show();
    QSignalSpy opened(&w, &app::MainWindow::fileOpened);
    w.openFile(image);
    QVERIFY(opened.wait(10000));
    QSignalSpy connected(w.samp(), &app::SampWorkbench::connectionChanged);
    w.samp()->connectToHub();
    QVERIFY(connected.wait(10000));
    QVERIFY(w.samp()->client()->isConnected());
    QVERIFY(QFile::exists(lock));  // XSky's own hub wrote its lock file there

    // The other client, which accepts images.
    samp::SampClient other;
    samp::ClientMetadata meta;
    meta.name = QStringLiteral("test-peer");
    other.setMetadata(meta);
    QString receivedUrl;
    other.dispatch().addSync(QStringLiteral("image.load.fits"), [&](const samp::IncomingMessage& m) {
      receivedUrl = m.message.params.value(QStringLiteral("url")).toString();
      return samp::SampResponse::ok();
    });
    QVariantMap spectrumParams;
    other.dispatch().addSync(QStringLiteral("spectrum.load.ssa-generic"), [&](const samp::IncomingMessage& m) {
      spectrumParams = m.message.params;
      return samp::SampResponse::ok();
    });
    samp::HubLocation hub;
    QString error;
    QVERIFY2(samp::readLockFile(lock, &hub, &error), qPrintable(error));
    QVERIFY2(other.connectBlocking(hub, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(w.samp()->client()->clients().findByName(QStringLiteral("test-peer")) != nullptr, 10000);

    // coord.pointAt.sky centres the frame there.
    const QString xsky = w.samp()->client()->selfId();
    samp::SampMessage point;
    point.mtype = QStringLiteral("coord.pointAt.sky");
    point.params = {{QStringLiteral("ra"), QStringLiteral("149.59")}, {QStringLiteral("dec"), QStringLiteral("-11.06")}};
    samp::SampResponse r = samp::SampResponse::error(QStringLiteral("no reply"));
    bool replied = false;
    other.callAndWait(xsky, point, 10, [&](const QString&, const samp::SampResponse& response) {
      r = response;
      replied = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(replied, 10000);
    QVERIFY2(r.status == QLatin1String("samp.ok"), qPrintable(r.errorText));
    const auto sky = w.skyView()->image().pixelToIcrs(w.skyView()->centre());
    QVERIFY(sky.has_value());
    XSKY_COMPARE_NEAR(sky->lon, 149.59, 1e-6);
    XSKY_COMPARE_NEAR(sky->lat, -11.06, 1e-6);
    // A position that is not a number gets a samp.error saying so.
    point.params[QStringLiteral("ra")] = QStringLiteral("north");
    replied = false;
    other.callAndWait(xsky, point, 10, [&](const QString&, const samp::SampResponse& response) {
      r = response;
      replied = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(replied, 10000);
    QCOMPARE(r.status, QStringLiteral("samp.error"));
    QVERIFY2(r.errorText.contains(QStringLiteral("ra")), qPrintable(r.errorText));

    // image.load.fits opens a new frame with the file.
    const size_t frames = w.frames()->frames().size();
    samp::SampMessage load;
    load.mtype = QStringLiteral("image.load.fits");
    load.params = {{QStringLiteral("url"), QUrl::fromLocalFile(image).toString()}};
    other.notify(xsky, load);
    QVERIFY(opened.wait(10000));
    QCOMPARE(w.frames()->frames().size(), frames + 1);
    QCOMPARE(w.currentFile(), image);

    // coverage.load.moc.fits: read on a worker, then drawn over the frames with the footprints.
    const QString mocFile = dir_.filePath(QStringLiteral("cone.fits"));
    moc::writeMocFits(mocFile, moc::coneMoc({149.59, -11.06}, 0.05, 12));
    samp::SampMessage coverage;
    coverage.mtype = QStringLiteral("coverage.load.moc.fits");
    coverage.params = {{QStringLiteral("url"), QUrl::fromLocalFile(mocFile).toString()},
                       {QStringLiteral("name"), QStringLiteral("test cone")}};
    replied = false;
    other.callAndWait(xsky, coverage, 10, [&](const QString&, const samp::SampResponse& response) {
      r = response;
      replied = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(replied, 10000);
    QVERIFY2(r.status == QLatin1String("samp.ok"), qPrintable(r.errorText));
    const auto& layers = w.observations()->overlay(w.skyView())->layers();
    QVERIFY(std::any_of(layers.begin(), layers.end(), [](const auto& l) { return l.label == QLatin1String("test cone"); }));

    // Send Image To: the peer receives a FITS file of the frame.
    w.samp()->sendImage(w.samp()->client()->clients().findByName(QStringLiteral("test-peer"))->id);
    QTRY_VERIFY_WITH_TIMEOUT(!receivedUrl.isEmpty(), 10000);
    QVERIFY2(QFile::exists(QUrl(receivedUrl).toLocalFile()), qPrintable(receivedUrl));
    const imaging::Image2D sent = imaging::readFitsImage(QUrl(receivedUrl).toLocalFile());
    QCOMPARE(sent.width, w.skyView()->image().width);

    // Send Spectrum To: the Fit dock's spectrum with its SSA metadata (values as astropy reads the
    // header: OBJECT '3C 273', TELESCOP CHANDRA, INSTRUME ACIS, EXPOSURE 38564.608926889 s).
    const QString peerId = w.samp()->client()->clients().findByName(QStringLiteral("test-peer"))->id;
    QVERIFY(w.samp()->sendSpectrum(peerId).isEmpty());  // the Fit dock is empty: nothing sent
    const QString pha = test::sharedData(QStringLiteral("spectra/chandra_3c273/3c273.pi"));
    w.fitting()->addSpectrum(pha, QStringLiteral("3C 273 ACIS"), true);
    const QString spectrumId = w.samp()->sendSpectrum(peerId);
    QVERIFY(!spectrumId.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!spectrumParams.isEmpty(), 10000);
    QCOMPARE(samp::localPathForFileUrl(spectrumParams.value(QStringLiteral("url")).toString()), QFileInfo(pha).absoluteFilePath());
    QCOMPARE(spectrumParams.value(QStringLiteral("spectrum-id")).toString(), spectrumId);
    QCOMPARE(spectrumParams.value(QStringLiteral("name")).toString(), QStringLiteral("3C 273 ACIS"));
    const QVariantMap ssaMeta = spectrumParams.value(QStringLiteral("meta")).toMap();
    QCOMPARE(ssaMeta.value(QStringLiteral("Access.Format")).toString(), QStringLiteral("application/fits"));
    QCOMPARE(ssaMeta.value(QStringLiteral("Target.Name")).toString(), QStringLiteral("3C 273"));
    QCOMPARE(ssaMeta.value(QStringLiteral("DataID.Instrument")).toString(), QStringLiteral("CHANDRA ACIS"));
    XSKY_COMPARE_NEAR(ssaMeta.value(QStringLiteral("Char.TimeAxis.Coverage.Support.Extent")).toString().toDouble(), 38564.608926889, 1e-6);
    // A file that is not a spectrum is refused with a message, not sent.
    w.fitting()->spectra()->clear();
    w.fitting()->addSpectrum(image, QStringLiteral("an image"), true);
    spectrumParams.clear();
    QVERIFY(w.samp()->sendSpectrum(peerId).isEmpty());
    QTest::qWait(300);
    QVERIFY(spectrumParams.isEmpty());
    other.disconnectBlocking();
    w.samp()->disconnectFromHub();
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(lock), 5000);  // the hub removed its lock file
  }

  void exchangesTables() {
    const QString lock = dir_.filePath(QStringLiteral("lock-tables"));
    qputenv("SAMP_HUB", QByteArray("std-lockurl:file://") + lock.toUtf8());
    app::MainWindow w;
    w.show();
    QSignalSpy connected(w.samp(), &app::SampWorkbench::connectionChanged);
    w.samp()->connectToHub();
    QVERIFY(connected.wait(10000));

    // The peer: records every table message it gets.
    samp::SampClient other;
    samp::ClientMetadata meta;
    meta.name = QStringLiteral("table-peer");
    other.setMetadata(meta);
    std::vector<Received> received;
    for (const char* mtype : {"table.load.votable", "table.highlight.row", "table.select.rowList"}) {
      other.dispatch().addSync(QLatin1String(mtype), [&received](const samp::IncomingMessage& m) {
        received.push_back({m.message.mtype, m.message.params});
        return samp::SampResponse::ok();
      });
    }
    samp::HubLocation hub;
    QString error;
    QVERIFY2(samp::readLockFile(lock, &hub, &error), qPrintable(error));
    QVERIFY2(other.connectBlocking(hub, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(w.samp()->client()->clients().findByName(QStringLiteral("table-peer")) != nullptr, 10000);
    const QString peerId = w.samp()->client()->clients().findByName(QStringLiteral("table-peer"))->id;
    const QString xsky = w.samp()->client()->selfId();
    // XSky declared the table subscriptions.
    QTRY_VERIFY_WITH_TIMEOUT(other.clients().find(xsky) != nullptr, 10000);
    for (const char* mtype : {"table.load.votable", "table.load.fits", "table.highlight.row", "table.select.rowList"}) {
      QVERIFY2(other.clients().find(xsky)->subscribes(QLatin1String(mtype)), mtype);
    }

    // A catalogue in the dock, a query, three rows selected; Send Table sends those three.
    const QString vot = dir_.filePath(QStringLiteral("sources.vot"));
    test::runPython(QStringLiteral("oracles/catalog_panel_oracle.py"), {QStringLiteral("write"), vot, QStringLiteral("40"), QStringLiteral("9")});
    QSignalSpy opened(w.catalogue(), &app::CatalogWorkbench::opened);
    w.catalogue()->openCatalogue(vot);
    QVERIFY(opened.wait(10000));
    widgets::CatalogPanel* panel = w.catalogue()->panel();
    QCOMPARE(panel->table()->rowCount(), size_t{40});
    const QString shots = qEnvironmentVariable("XSKY_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(shots);
    w.grab().save(shots + QStringLiteral("/xsky-catalogue-dock.png"));
    QSignalSpy queried(panel, &widgets::CatalogPanel::queryFinished);
    panel->runQuery(QStringLiteral("sc_det_ml > 10"));
    QVERIFY(queried.wait(10000));
    const std::vector<size_t> shown = panel->shownRows();
    QVERIFY(shown.size() >= 5);
    const std::vector<size_t> chosen{shown[1], shown[2], shown[4]};
    userSelects(panel, chosen);  // no table known to SAMP yet: nothing sent
    QTest::qWait(200);
    QVERIFY(received.empty());
    const QString tableId = w.samp()->sendCatalogueTable(peerId);
    QVERIFY(!tableId.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == 1, 10000);
    QCOMPARE(received[0].mtype, QStringLiteral("table.load.votable"));
    QCOMPARE(received[0].params.value(QStringLiteral("table-id")).toString(), tableId);
    const QString sentUrl = received[0].params.value(QStringLiteral("url")).toString();
    const catalog::SourceTable sent = catalog::readVoTable(samp::localPathForFileUrl(sentUrl));
    const QString diff = tableDifference(sent, catalog::selectRows(*panel->table(), chosen));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // The user selects one of those rows: table.highlight.row with its index in the sent table.
    userSelects(panel, {chosen[1]});
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == 2, 10000);
    QCOMPARE(received[1].mtype, QStringLiteral("table.highlight.row"));
    QCOMPARE(received[1].params.value(QStringLiteral("table-id")).toString(), tableId);
    QCOMPARE(received[1].params.value(QStringLiteral("url")).toString(), sentUrl);
    QCOMPARE(received[1].params.value(QStringLiteral("row")).toString(), QStringLiteral("1"));
    // Two rows: table.select.rowList; a row not in the sent table is left out.
    userSelects(panel, {chosen[0], shown[3], chosen[2]});
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == 3, 10000);
    QCOMPARE(received[2].mtype, QStringLiteral("table.select.rowList"));
    QCOMPARE(received[2].params.value(QStringLiteral("row-list")).toStringList(), (QStringList{QStringLiteral("0"), QStringLiteral("2")}));
    // The peer selects in the table XSky sent: the dock selects the matching rows.
    const auto callXsky = [&](const samp::SampMessage& m) {
      samp::SampResponse r = samp::SampResponse::error(QStringLiteral("no reply"));
      bool replied = false;
      other.callAndWait(xsky, m, 10, [&](const QString&, const samp::SampResponse& response) {
        r = response;
        replied = true;
      });
      if (!QTest::qWaitFor([&] { return replied; }, 15000)) r.errorText = QStringLiteral("timed out");
      return r;
    };
    samp::SampMessage select;
    select.mtype = QStringLiteral("table.select.rowList");
    select.params = {{QStringLiteral("table-id"), tableId}, {QStringLiteral("url"), sentUrl},
                     {QStringLiteral("row-list"), QVariantList{QStringLiteral("2"), QStringLiteral("1")}}};
    samp::SampResponse r = callXsky(select);
    QVERIFY2(r.status == QLatin1String("samp.ok"), qPrintable(r.errorText));
    QCOMPARE(panel->selectedRows(), (std::vector<size_t>{chosen[1], chosen[2]}));
    QCOMPARE(received.size(), size_t{3});  // a selection received is not echoed back

    // Receiving: table.load.votable into the dock, same contents.
    catalog::SourceTable peerTable;
    peerTable.name = QStringLiteral("peer sources");
    for (const char* name : {"RA", "DEC", "FLUX"}) {
      catalog::ColumnMeta m;
      m.name = QLatin1String(name);
      m.unit = name[0] == 'F' ? QString() : QStringLiteral("deg");
      peerTable.columns.emplace_back(m, catalog::ColumnKind::Real);
    }
    for (int i = 0; i < 6; ++i) {
      peerTable.columns[0].reals.push_back(150.0 + 0.01 * i);
      peerTable.columns[1].reals.push_back(2.0 - 0.005 * i);
      peerTable.columns[2].reals.push_back(1e-14 * (i + 1));
    }
    const QString peerFile = dir_.filePath(QStringLiteral("peer.vot"));
    catalog::writeVoTable(peerTable, peerFile, {catalog::VoTableSerialisation::Binary2, {}});
    const QString peerUrl = QUrl::fromLocalFile(peerFile).toString();
    samp::SampMessage load;
    load.mtype = QStringLiteral("table.load.votable");
    load.params = {{QStringLiteral("url"), peerUrl}, {QStringLiteral("table-id"), QStringLiteral("peer-t1")},
                   {QStringLiteral("name"), QStringLiteral("peer sources")}};
    r = callXsky(load);
    QVERIFY2(r.status == QLatin1String("samp.ok"), qPrintable(r.errorText));
    const QString loadedDiff = tableDifference(*panel->table(), peerTable);
    QVERIFY2(loadedDiff.isEmpty(), qPrintable(loadedDiff));
    QVERIFY(panel->hasPositions());
    // ... its rows selected by table.select.rowList and table.highlight.row (table-id or url).
    select.params = {{QStringLiteral("table-id"), QStringLiteral("peer-t1")}, {QStringLiteral("url"), peerUrl},
                     {QStringLiteral("row-list"), QVariantList{QStringLiteral("1"), QStringLiteral("3")}}};
    r = callXsky(select);
    QVERIFY2(r.status == QLatin1String("samp.ok"), qPrintable(r.errorText));
    QCOMPARE(panel->selectedRows(), (std::vector<size_t>{1, 3}));
    samp::SampMessage highlight;
    highlight.mtype = QStringLiteral("table.highlight.row");
    highlight.params = {{QStringLiteral("url"), peerUrl}, {QStringLiteral("row"), QStringLiteral("4")}};
    r = callXsky(highlight);
    QVERIFY2(r.status == QLatin1String("samp.ok"), qPrintable(r.errorText));
    QCOMPARE(panel->selectedRows(), std::vector<size_t>{4});
    // ... and a user's selection in it goes back with the peer's table-id.
    userSelects(panel, {0, 5});
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == 4, 10000);
    QCOMPARE(received[3].mtype, QStringLiteral("table.select.rowList"));
    QCOMPARE(received[3].params.value(QStringLiteral("table-id")).toString(), QStringLiteral("peer-t1"));
    QCOMPARE(received[3].params.value(QStringLiteral("row-list")).toStringList(), (QStringList{QStringLiteral("0"), QStringLiteral("5")}));
    // Bad input: an unknown table, a row out of range, a table that cannot be fetched.
    highlight.params = {{QStringLiteral("table-id"), QStringLiteral("nobody")}, {QStringLiteral("row"), QStringLiteral("1")}};
    r = callXsky(highlight);
    QCOMPARE(r.status, QStringLiteral("samp.error"));
    QVERIFY2(r.errorText.contains(QStringLiteral("nobody")), qPrintable(r.errorText));
    highlight.params = {{QStringLiteral("table-id"), QStringLiteral("peer-t1")}, {QStringLiteral("row"), QStringLiteral("6")}};
    r = callXsky(highlight);
    QCOMPARE(r.status, QStringLiteral("samp.error"));
    QVERIFY2(r.errorText.contains(QStringLiteral("0..5")), qPrintable(r.errorText));
    load.params[QStringLiteral("url")] = QUrl::fromLocalFile(dir_.filePath(QStringLiteral("missing.vot"))).toString();
    r = callXsky(load);
    QCOMPARE(r.status, QStringLiteral("samp.error"));
    QVERIFY2(r.errorText.contains(QStringLiteral("missing.vot")), qPrintable(r.errorText));
    QCOMPARE(panel->table()->rowCount(), size_t{6});

    // table.load.fits: an astropy-written FITS table.
    const QString fitsTable = dir_.filePath(QStringLiteral("astropy-table.fits"));
    const QJsonObject written = QJsonDocument::fromJson(
        test::runPython(QStringLiteral("oracles/votable_oracle.py"), {QStringLiteral("writefits"), fitsTable})).object();
    samp::SampMessage loadFits;
    loadFits.mtype = QStringLiteral("table.load.fits");
    loadFits.params = {{QStringLiteral("url"), QUrl::fromLocalFile(fitsTable).toString()}, {QStringLiteral("table-id"), QStringLiteral("peer-fits")}};
    r = callXsky(loadFits);
    QVERIFY2(r.status == QLatin1String("samp.ok"), qPrintable(r.errorText));
    const QString fitsDiff = tableDifference(*panel->table(), catalog::readFitsTable(fitsTable));
    QVERIFY2(fitsDiff.isEmpty(), qPrintable(fitsDiff));
    QCOMPARE(static_cast<int>(panel->table()->rowCount()), written[QStringLiteral("table")][QStringLiteral("rows")].toInt());

    // Send Observation List: the Observations dock's rows as a VOTable.
    std::vector<widgets::ObservationSelector::Row> observations(2);
    observations[0].record.obsId = QStringLiteral("0201901401");
    observations[0].record.instrument = QStringLiteral("EPN");
    observations[0].record.raPointing = 149.59;
    observations[0].record.decPointing = -11.06;
    observations[0].record.exposure = 30000;
    observations[0].coveredFraction = 1.0;
    observations[1].record.obsId = QStringLiteral("0101");
    observations[1].record.instrument = QStringLiteral("EMOS1");
    observations[1].record.raPointing = 150.1;
    observations[1].record.decPointing = 2.2;
    observations[1].coveredFraction = 0.25;
    w.observations()->selector()->setRows(observations);
    QSignalSpy log(w.samp(), &app::SampWorkbench::message);
    QVERIFY2(!w.samp()->sendObservationList(peerId).isEmpty(), qPrintable(log.isEmpty() ? QString() : log.last().at(0).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == 5, 10000);
    QCOMPARE(received[4].mtype, QStringLiteral("table.load.votable"));
    const catalog::SourceTable list = catalog::readVoTable(samp::localPathForFileUrl(received[4].params.value(QStringLiteral("url")).toString()));
    QCOMPARE(list.rowCount(), size_t{2});
    QCOMPARE(list.column(QStringLiteral("obsid"))->text(0), QStringLiteral("0201901401"));
    QCOMPARE(list.column(QStringLiteral("instrument"))->text(1), QStringLiteral("EMOS1"));
    QCOMPARE(list.column(QStringLiteral("ra"))->number(0), 149.59);
    QCOMPARE(list.column(QStringLiteral("region_covered"))->number(1), 0.25);
    QVERIFY(catalog::findPositionColumns(list).found());

    other.disconnectBlocking();
    w.samp()->disconnectFromHub();
  }
};

QTEST_MAIN(TestSampWindow)
#include "tst_samp_window.moc"
