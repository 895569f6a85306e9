// The catalogue dock (widgets/catalog): an astropy-written VOTable (BINARY2, known positions) in
// the panel over a sky view. A query's rows equal a direct computation and the overlay draws one
// marker per row; an unknown column gives an error with its column; names go through the
// resolver; clicking a marker selects its row, selecting rows highlights markers; sorting keeps
// the selection; the column chooser hides columns; "Make Source Region Here" adds a source circle
// with the row's positional error as radius. A screenshot is saved ($XSKY_SCREENSHOT_DIR or /tmp).

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

#include "TestSupport.h"
#include "catalog/CatalogOverlay.h"
#include "catalog/CatalogPanel.h"
#include "catalog/CatalogTableModel.h"
#include "catalog/CrossMatch.h"
#include "catalog/VoTableReader.h"
#include "imaging/Image2D.h"
#include "regions/RegionDocument.h"
#include "regions/RegionGeometry.h"
#include "sky/SkyView.h"

using namespace xsky;

namespace {

const QString kQuery = QStringLiteral("sc_det_ml > 20 AND cone('150.0 2.0', '8arcmin')");

// A 500x500 image around (150, +2), 0.0008 deg per pixel, with a faint blob at each source.
std::shared_ptr<imaging::Image2D> skyImage(const QJsonArray& rows) {
  auto image = std::make_shared<imaging::Image2D>();
  image->width = image->height = 500;
  QByteArray cards;
  const QStringList keys = {
      QStringLiteral("CTYPE1  = 'RA---TAN'"), QStringLiteral("CTYPE2  = 'DEC--TAN'"),
      QStringLiteral("CRVAL1  = 150.0"),      QStringLiteral("CRVAL2  = 2.0"),
      QStringLiteral("CRPIX1  = 250.5"),      QStringLiteral("CRPIX2  = 250.5"),
      QStringLiteral("CDELT1  = -0.0008"),    QStringLiteral("CDELT2  = 0.0008")};
  for (const QString& k : keys) cards += k.leftJustified(80).toLatin1();
  image->wcs = wcs::SkyWcs::fromHeaderCards(cards, static_cast<int>(keys.size()),
                                            QStringLiteral("test WCS"));
  std::mt19937 rng(3);
  std::poisson_distribution<int> background(2.0);
  image->pixels.resize(500 * 500);
  for (float& v : image->pixels) v = static_cast<float>(background(rng));
  for (const QJsonValue& r : rows) {
    const auto p = image->wcs->icrsToPixel(
        {r[QStringLiteral("ra")].toDouble(), r[QStringLiteral("dec")].toDouble()});
    const double amplitude = 4 * std::sqrt(r[QStringLiteral("det_ml")].toDouble());
    for (int dy = -8; dy <= 8; ++dy) {
      for (int dx = -8; dx <= 8; ++dx) {
        const int x = static_cast<int>(std::lround(p->x - 1)) + dx,
                  y = static_cast<int>(std::lround(p->y - 1)) + dy;
        if (x < 0 || y < 0 || x >= 500 || y >= 500) continue;
        image->pixels[static_cast<size_t>(y) * 500 + static_cast<size_t>(x)] +=
            static_cast<float>(amplitude * std::exp(-(dx * dx + dy * dy) / 6.0));
      }
    }
  }
  return image;
}

}  // namespace

class TestCatalogPanel : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("xsky-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_catalog_panel"));
  }

  void queryMarkersSelectionAndRegions() {
    const QString path = dir_.filePath(QStringLiteral("sources.vot"));
    const QJsonObject truth =
        QJsonDocument::fromJson(test::runPython(QStringLiteral("oracles/catalog_panel_oracle.py"),
                                                {QStringLiteral("write"), path,
                                                 QStringLiteral("60"), QStringLiteral("5")}))
            .object();
    const QJsonArray rows = truth[QStringLiteral("rows")].toArray();
    QCOMPARE(rows.size(), 60);
    auto table = std::make_shared<catalog::SourceTable>(catalog::readVoTable(path));
    QCOMPARE(table->rowCount(), size_t{60});

    QSplitter window(Qt::Horizontal);
    window.resize(1300, 620);
    auto* view = new widgets::SkyView(&window);
    auto* panel = new widgets::CatalogPanel(&window);
    window.addWidget(view);
    window.addWidget(panel);
    window.setSizes({600, 700});
    widgets::RegionDocument regions;
    panel->setRegionDocument(&regions);
    int resolved = 0;
    panel->setNameResolver(
        [&resolved](const QString& name, QString* error) -> std::optional<wcs::SkyPoint> {
          ++resolved;  // called on the query worker
          if (name.compare(QLatin1String("Test Field"), Qt::CaseInsensitive) == 0)
            return wcs::SkyPoint{150.0, 2.0};
          *error = QStringLiteral("cannot resolve \"%1\"").arg(name);
          return std::nullopt;
        });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    view->setImage(skyImage(rows));
    view->zoomToFit();
    view->addOverlay(panel->overlay());
    panel->setTable(table, QStringLiteral("sources.vot"));
    QVERIFY(panel->hasPositions());
    QVERIFY(panel->overlay()->hasErrors());  // SC_POSERR, stat.error;pos
    QCOMPARE(panel->overlay()->markerCount(), size_t{60});
    QCOMPARE(panel->tableView()->model()->rowCount(), 60);

    // A query: the rows a direct computation selects, one marker each, all drawn.
    QSignalSpy finished(panel, &widgets::CatalogPanel::queryFinished);
    panel->queryBox()->setEditText(kQuery);
    QTest::keyClick(panel->queryBox()->lineEdit(), Qt::Key_Return);
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    std::vector<size_t> expected;
    for (const QJsonValue& v : truth[QStringLiteral("query")][kQuery].toArray())
      expected.push_back(static_cast<size_t>(v.toInt()));
    QVERIFY(expected.size() > 5);
    QCOMPARE(panel->shownRows(), expected);
    QCOMPARE(panel->tableView()->model()->rowCount(), static_cast<int>(expected.size()));
    QCOMPARE(panel->overlay()->markerCount(), expected.size());
    (void)view->grab();
    QCOMPARE(panel->overlay()->markersPainted(), expected.size());
    QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("%1 of 60").arg(expected.size())));
    QCOMPARE(panel->queryBox()->itemText(0), kQuery);  // history
    // Again, once the indexes the first run started building in the background are there: the
    // indexed path gives the same rows.
    QTest::qWait(500);
    panel->runQuery(kQuery);
    QVERIFY(finished.wait(10000));
    QCOMPARE(panel->shownRows(), expected);

    // An unknown column: the error names its column in the query text; the rows stay.
    panel->runQuery(QStringLiteral("sc_det_ml > 20 AND sc_det_mll > 3"));
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.last().at(0).toBool());
    const QString error = finished.last().at(1).toString();
    QVERIFY2(error.startsWith(QStringLiteral("column 20:")) &&
                 error.contains(QStringLiteral("sc_det_ml")),
             qPrintable(error));
    QCOMPARE(panel->statusLabel()->text(), error);
    QCOMPARE(panel->shownRows(), expected);

    // A name goes through the resolver (on the worker) and gives the same cone.
    panel->runQuery(QStringLiteral("sc_det_ml > 20 AND cone('Test Field', '8arcmin')"));
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QCOMPARE(resolved, 1);
    QCOMPARE(panel->shownRows(), expected);
    panel->runQuery(QStringLiteral("cone('Nowhere', '1deg')"));
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.last().at(1).toString().contains(QStringLiteral("cannot resolve")),
             qPrintable(finished.last().at(1).toString()));

    // Clicking a marker selects its row (and tells who listens, e.g. SAMP).
    QSignalSpy edited(panel, &widgets::CatalogPanel::selectionEdited);
    const size_t clicked = expected[expected.size() / 2];
    const auto at = panel->overlay()->widgetPosOfRow(*view, clicked);
    QVERIFY(at.has_value());
    QVERIFY(view->rect().contains(at->toPoint()));
    QCOMPARE(panel->overlay()->rowAt(*view, *at), std::optional<size_t>(clicked));
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, at->toPoint());
    QCOMPARE(panel->selectedRows(), std::vector<size_t>{clicked});
    QVERIFY(panel->overlay()->isSelected(clicked));
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.last().at(0).value<std::vector<size_t>>(), std::vector<size_t>{clicked});
    // Ctrl+click on a second marker extends the selection.
    const size_t second = expected.front();
    QTest::mouseClick(view, Qt::LeftButton, Qt::ControlModifier,
                      panel->overlay()->widgetPosOfRow(*view, second)->toPoint());
    std::vector<size_t> both{std::min(clicked, second), std::max(clicked, second)};
    QCOMPARE(panel->selectedRows(), both);
    // Selecting rows in the table highlights their markers.
    auto* tableView = panel->tableView();
    auto* model = static_cast<widgets::CatalogTableModel*>(tableView->model());
    const int last = model->modelRow(expected.back());
    tableView->selectionModel()->select(
        QItemSelection(model->index(last, 0), model->index(last, model->columnCount() - 1)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(panel->selectedRows(), std::vector<size_t>{expected.back()});
    QVERIFY(panel->overlay()->isSelected(expected.back()));
    QVERIFY(!panel->overlay()->isSelected(clicked));
    panel->selectRows({clicked});

    // Sorting by SC_DET_ML (descending) reorders the rows and keeps the selection.
    const int detMl = table->columnIndex(QStringLiteral("SC_DET_ML"));
    tableView->sortByColumn(detMl, Qt::DescendingOrder);
    double previous = 1e300;
    for (int r = 0; r < model->rowCount(); ++r) {
      const double v = table->columns[static_cast<size_t>(detMl)].number(model->tableRow(r));
      QVERIFY(v <= previous);
      previous = v;
    }
    QCOMPARE(panel->selectedRows(), std::vector<size_t>{clicked});

    // The column chooser hides a column.
    const int ulx = table->columnIndex(QStringLiteral("IS_ULX"));
    QAction* ulxAction = nullptr;
    for (QAction* a : panel->columnsMenu()->actions()) {
      if (a->text() == QLatin1String("IS_ULX")) ulxAction = a;
    }
    QVERIFY(ulxAction);
    ulxAction->setChecked(false);
    QVERIFY(tableView->isColumnHidden(ulx));
    ulxAction->setChecked(true);
    QVERIFY(!tableView->isColumnHidden(ulx));

    // Make Source Region Here: a source circle at the row, radius its positional error.
    QVERIFY(panel->makeRegionAction()->isEnabled());
    panel->makeRegionAction()->trigger();
    QCOMPARE(regions.count(), 1);
    const regions::Region& made = regions.at(0);
    QCOMPARE(made.role, regions::Role::Source);
    QVERIFY(made.include);
    QCOMPARE(made.frame, regions::Frame::Sky);
    const auto* circle = std::get_if<regions::Circle>(&made.shape);
    QVERIFY(circle);
    const QJsonObject row = rows[static_cast<int>(clicked)].toObject();
    XSKY_COMPARE_NEAR(circle->centre.x, row[QStringLiteral("ra")].toDouble(), 1e-12);
    XSKY_COMPARE_NEAR(circle->centre.y, row[QStringLiteral("dec")].toDouble(), 1e-12);
    XSKY_COMPARE_NEAR(circle->radius * 3600, row[QStringLiteral("poserr")].toDouble(), 1e-9);
    QVERIFY(made.style.text.isEmpty() || made.style.text.contains(QStringLiteral("201901401")));

    // Select in Regions: the rows inside the source circles, minus an excluded one.
    const auto sep = [&rows](int i, double ra, double dec) {
      return catalog::separationDeg(rows[i][QStringLiteral("ra")].toDouble(),
                                    rows[i][QStringLiteral("dec")].toDouble(), ra, dec);
    };
    int excluded = -1;
    for (int i = 0; i < 60 && excluded < 0; ++i) {
      if (sep(i, 150.0, 2.0) < 4.0 / 60 && static_cast<size_t>(i) != clicked) excluded = i;
    }
    QVERIFY(excluded >= 0);
    regions::Region field;
    field.shape = regions::Circle{regions::Vec2{150.0, 2.0}, 5.0 / 60};
    regions.add(field);
    regions::Region cut;
    cut.shape = regions::Circle{regions::Vec2{rows[excluded][QStringLiteral("ra")].toDouble(),
                                              rows[excluded][QStringLiteral("dec")].toDouble()},
                                1.0 / 3600};
    cut.include = false;
    regions.add(cut);
    std::vector<size_t> inside;
    for (int i = 0; i < 60; ++i) {
      const bool inField = sep(i, 150.0, 2.0) <= 5.0 / 60 || static_cast<size_t>(i) == clicked;
      if (inField && i != excluded &&
          std::binary_search(expected.begin(), expected.end(), static_cast<size_t>(i))) {
        inside.push_back(static_cast<size_t>(i));
      }
    }
    QSignalSpy inRegions(panel, &widgets::CatalogPanel::regionSelectionFinished);
    panel->inRegionsAction()->trigger();
    QVERIFY(inRegions.wait(10000));
    QVERIFY(inside.size() >= 2);
    QCOMPARE(panel->selectedRows(), inside);

    // A screenshot of the dock next to the sky, the selected marker highlighted.
    panel->selectRows({clicked, second});
    QApplication::processEvents();
    const QString shots = qEnvironmentVariable("XSKY_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(shots);
    const QString shot = shots + QStringLiteral("/xsky-catalog-panel.png");
    QVERIFY(window.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));
  }

  void tableWithoutPositions() {
    auto table = std::make_shared<catalog::SourceTable>();
    catalog::ColumnMeta m;
    m.name = QStringLiteral("FLUX");
    table->columns.emplace_back(m, catalog::ColumnKind::Real);
    table->columns.back().reals = {1, 2, 3};
    widgets::CatalogPanel panel;
    panel.setTable(table, QStringLiteral("flux.vot"));
    QVERIFY(!panel.hasPositions());
    QCOMPARE(panel.overlay()->markerCount(), size_t{0});
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("catalogTitle"))
                ->text()
                .contains(QStringLiteral("no RA/Dec")));
    QSignalSpy finished(&panel, &widgets::CatalogPanel::queryFinished);
    panel.runQuery(QStringLiteral("flux > 1"));
    QVERIFY(finished.wait(10000));
    QCOMPARE(panel.shownRows(), (std::vector<size_t>{1, 2}));
    panel.tableView()->selectRow(0);
    QVERIFY(!panel.makeRegionAction()->isEnabled());
  }
};

QTEST_MAIN(TestCatalogPanel)
#include "tst_catalog_panel.moc"
