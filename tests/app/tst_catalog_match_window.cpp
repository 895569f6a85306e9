// The catalogue dock's "Match With Table..." (app/gui/CatalogWorkbench + widgets/catalog/
// CatalogPanel) on astropy-written tables (tests/oracles/crossmatch_oracle.py): a FITS table A
// opened as the catalogue, matched with a VOTable B within 5 arcsec through
// CatalogPanel::matchWithFile (what the action calls after its dialogs). The selected rows equal
// the rows of A that astropy's match_to_catalog_sky finds within 5 arcsec, each counterpart and
// separation equal astropy's, and the status line says how many; with a query hiding rows, only
// the shown matched rows are selected; a table without positions fails with a message; the action
// asks for a file (the dialog is dismissed here). A screenshot of the dock is saved
// ($XSKY_SCREENSHOT_DIR or /tmp).

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

#include "TestSupport.h"
#include "catalog/CatalogPanel.h"
#include "gui/CatalogWorkbench.h"
#include "regions/RegionDocument.h"

using namespace xsky;

namespace {

const QString kOracle = QStringLiteral("oracles/crossmatch_oracle.py");

std::vector<size_t> toRows(const QJsonArray& a) {
  std::vector<size_t> rows;
  for (const QJsonValue& v : a) rows.push_back(static_cast<size_t>(v.toInteger()));
  return rows;
}

}  // namespace

class TestCatalogMatchWindow : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString a_, b_, nopos_;
  QJsonObject nearest_;  // astropy: {"row1", "row2", "sep_arcsec"} within 5 arcsec

 private Q_SLOTS:
  void initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("xsky-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_catalog_match_window"));
    QVERIFY(dir_.isValid());
    const QJsonObject made =
        QJsonDocument::fromJson(
            test::runPython(kOracle, {QStringLiteral("tables"), dir_.path(), QStringLiteral("11")}))
            .object();
    a_ = made[u"a"].toString();
    b_ = made[u"b"].toString();
    nopos_ = made[u"nopos"].toString();
    nearest_ = QJsonDocument::fromJson(test::runPython(kOracle, {QStringLiteral("tablematch"), a_,
                                                                 b_, QStringLiteral("5")}))
                   .object()[u"nearest"]
                   .toObject();
    QVERIFY(!nearest_[u"row1"].toArray().isEmpty());
  }

  void matchSelectsTheRowsWithCounterparts() {
    QWidget window;
    window.resize(980, 420);
    widgets::RegionDocument regions;
    app::CatalogWorkbench workbench(&window, &regions);
    auto* layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(workbench.panel());
    window.show();
    widgets::CatalogPanel* panel = workbench.panel();
    QVERIFY(!panel->matchAction()->isEnabled());  // no catalogue yet

    QSignalSpy opened(&workbench, &app::CatalogWorkbench::opened);
    workbench.openCatalogue(a_);
    QVERIFY(opened.wait(20000));
    QVERIFY(panel->hasPositions());
    QVERIFY(panel->matchAction()->isEnabled());
    const size_t rows = panel->table()->rowCount();

    // Every row shown: the selection is exactly astropy's matched rows of A.
    QSignalSpy finished(panel, &widgets::CatalogPanel::matchFinished);
    QSignalSpy edited(panel, &widgets::CatalogPanel::selectionEdited);
    panel->matchWithFile(b_, 5.0 / 3600.0);
    QVERIFY(finished.wait(20000));
    const std::vector<size_t> want = toRows(nearest_[u"row1"].toArray());
    QCOMPARE(finished.takeFirst().at(0).toInt(), static_cast<int>(want.size()));
    QCOMPARE(panel->shownRows().size(), rows);
    QCOMPARE(panel->selectedRows(), want);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited.takeFirst().at(0).value<std::vector<size_t>>(), want);
    const auto& counterparts = panel->counterparts();
    QCOMPARE(counterparts.size(), rows);
    const QJsonArray row2 = nearest_[u"row2"].toArray(), sep = nearest_[u"sep_arcsec"].toArray();
    for (size_t i = 0; i < want.size(); ++i) {
      const qsizetype k = static_cast<qsizetype>(i);
      QCOMPARE(counterparts[want[i]].index, row2[k].toInteger());
      XSKY_COMPARE_NEAR(counterparts[want[i]].separationDeg * 3600.0, sep[k].toDouble(), 1e-6);
    }
    size_t without = 0;
    for (const auto& c : counterparts) without += c.index < 0 ? 1 : 0;
    QCOMPARE(without, rows - want.size());
    const QString status = panel->statusLabel()->text();
    QCOMPARE(status, QStringLiteral("%1 of %2 sources have a counterpart within 5 arcsec in b.vot")
                         .arg(want.size())
                         .arg(rows));

    // A screenshot of the dock after the match.
    QApplication::processEvents();
    const QString shots = qEnvironmentVariable("XSKY_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(shots);
    const QString shot = shots + QStringLiteral("/xsky-catalog-match.png");
    QVERIFY(window.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));

    // A query hiding the southern sources: only the shown matched rows are selected.
    QSignalSpy queried(panel, &widgets::CatalogPanel::queryFinished);
    panel->runQuery(QStringLiteral("DEC > 0"));
    QVERIFY(queried.wait(20000));
    QVERIFY(queried.takeFirst().at(0).toBool());
    const std::vector<size_t> shown = panel->shownRows();
    QVERIFY(!shown.empty() && shown.size() < rows);
    std::vector<size_t> wantShown;
    std::set_intersection(want.begin(), want.end(), shown.begin(), shown.end(),
                          std::back_inserter(wantShown));
    QVERIFY(!wantShown.empty() && wantShown.size() < want.size());
    panel->matchWithFile(b_, 5.0 / 3600.0);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.takeFirst().at(0).toInt(), static_cast<int>(want.size()));
    QCOMPARE(panel->selectedRows(), wantShown);
    QVERIFY2(panel->statusLabel()->text().endsWith(
                 QStringLiteral("(%1 of them shown by the query)").arg(wantShown.size())),
             qPrintable(panel->statusLabel()->text()));

    // A table without positions, a missing file: failures with a message, the selection kept.
    QSignalSpy messages(&workbench, &app::CatalogWorkbench::message);
    panel->matchWithFile(nopos_, 5.0 / 3600.0);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.takeFirst().at(0).toInt(), -1);
    QVERIFY2(panel->statusLabel()->text().contains(QStringLiteral("no RA/Dec columns")),
             qPrintable(panel->statusLabel()->text()));
    QVERIFY(!messages.isEmpty());
    QCOMPARE(panel->selectedRows(), wantShown);
    panel->matchWithFile(dir_.filePath(QStringLiteral("missing.vot")), 5.0 / 3600.0);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.takeFirst().at(0).toInt(), -1);
    QVERIFY2(panel->statusLabel()->text().contains(QStringLiteral("cannot open")),
             qPrintable(panel->statusLabel()->text()));
  }

  void actionAsksForATable() {
    QWidget window;
    widgets::RegionDocument regions;
    app::CatalogWorkbench workbench(&window, &regions);
    QSignalSpy opened(&workbench, &app::CatalogWorkbench::opened);
    workbench.openCatalogue(a_);
    QVERIFY(opened.wait(20000));
    QSignalSpy requested(workbench.panel(), &widgets::CatalogPanel::matchRequested);
    QSignalSpy finished(workbench.panel(), &widgets::CatalogPanel::matchFinished);
    // The action opens the workbench's file dialog: dismiss it as soon as it shows.
    bool sawDialog = false;
    QTimer closer;
    closer.setInterval(50);
    connect(&closer, &QTimer::timeout, this, [&sawDialog] {
      if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) {
        sawDialog = true;
        dialog->reject();
      }
    });
    closer.start();
    workbench.panel()->matchAction()->trigger();
    closer.stop();
    QCOMPARE(requested.size(), 1);
    QVERIFY(sawDialog);
    QTest::qWait(100);
    QCOMPARE(finished.size(), 0);  // cancelled: nothing matched
  }
};

QTEST_MAIN(TestCatalogMatchWindow)
#include "tst_catalog_match_window.moc"
