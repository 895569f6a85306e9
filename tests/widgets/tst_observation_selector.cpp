// The observation selector: rows grouped by camera; switching a camera off switches off all its
// observations; an observation switched off stays off when the list is refreshed; exposure sorts
// as a number; double-click asks to open the file. The footprint overlay fills a MOC where the
// image's WCS puts it.

#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include "TestSupport.h"
#include "archive/FootprintOverlay.h"
#include "archive/ObservationSelector.h"
#include "moc/MocBuilders.h"
#include "sky/SkyView.h"

using namespace xsky;

namespace {

widgets::ObservationSelector::Row row(const QString& obsid, const QString& camera, double exposure, double fraction) {
  widgets::ObservationSelector::Row r;
  r.record.obsId = obsid;
  r.record.instrument = camera;
  r.record.exposure = exposure;
  r.record.location = QStringLiteral("/data/%1_%2.fits").arg(obsid, camera);
  r.coveredFraction = fraction;
  return r;
}

}  // namespace

class TestObservationSelector : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void groupsChecksAndOpens() {
    widgets::ObservationSelector selector;
    selector.show();
    std::vector<widgets::ObservationSelector::Row> rows = {
        row(QStringLiteral("0201"), QStringLiteral("EPN"), 9000, 1.0), row(QStringLiteral("0101"), QStringLiteral("EPN"), 30000, 0.5),
        row(QStringLiteral("0101"), QStringLiteral("EMOS1"), 31000, 1.0)};
    selector.setRows(rows);
    QTreeWidget* tree = selector.tree();
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE(selector.checkedRows(), (std::vector<int>{0, 1, 2}));
    // Switch the pn camera off: both pn observations go.
    auto group = [tree](const QString& camera) -> QTreeWidgetItem* {
      for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0) == camera) return tree->topLevelItem(i);
      }
      return nullptr;
    };
    QTreeWidgetItem* pn = group(QStringLiteral("EPN"));
    QVERIFY(pn != nullptr);
    QCOMPARE(pn->childCount(), 2);
    QSignalSpy changed(&selector, &widgets::ObservationSelector::checkedChanged);
    pn->setCheckState(0, Qt::Unchecked);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(selector.checkedRows(), (std::vector<int>{2}));
    // A refresh keeps what the user switched off.
    selector.setRows(rows);
    QCOMPARE(selector.checkedRows(), (std::vector<int>{2}));
    selector.setChecked(0, true);
    QCOMPARE(selector.checkedRows(), (std::vector<int>{0, 2}));
    pn = group(QStringLiteral("EPN"));  // the refresh rebuilt the tree
    // Exposure sorts as a number (9 ks before 30 ks).
    tree->sortByColumn(4, Qt::AscendingOrder);
    QCOMPARE(pn->child(0)->text(0), QStringLiteral("0201"));
    tree->sortByColumn(4, Qt::DescendingOrder);
    QCOMPARE(pn->child(0)->text(0), QStringLiteral("0101"));
    QSignalSpy open(&selector, &widgets::ObservationSelector::openRequested);
    Q_EMIT tree->itemDoubleClicked(pn->child(0), 0);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().first().toString(), QStringLiteral("/data/0101_EPN.fits"));
  }

  void footprintIsFilledWhereTheWcsPutsIt() {
    auto image = std::make_shared<imaging::Image2D>();
    image->width = image->height = 200;
    image->pixels.assign(200 * 200, 0.0f);
    QByteArray cards;
    const QStringList keys = {QStringLiteral("CTYPE1  = 'RA---TAN'"), QStringLiteral("CTYPE2  = 'DEC--TAN'"),
                              QStringLiteral("CRVAL1  = 150.0"),      QStringLiteral("CRVAL2  = 2.0"),
                              QStringLiteral("CRPIX1  = 100.5"),      QStringLiteral("CRPIX2  = 100.5"),
                              QStringLiteral("CDELT1  = -0.001"),     QStringLiteral("CDELT2  = 0.001")};
    for (const QString& k : keys) cards += k.leftJustified(80).toLatin1();
    image->wcs = wcs::SkyWcs::fromHeaderCards(cards, static_cast<int>(keys.size()), QStringLiteral("test WCS"));
    widgets::SkyView view;
    view.resize(400, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(image);
    widgets::FootprintOverlay overlay;
    overlay.setMaxOrder(14);
    // A 0.03 deg cone (30 image pixels) around a point 40 pixels east of the centre.
    const auto centre = image->wcs->pixelToIcrs({60.5, 100.5});
    QVERIFY(centre.has_value());
    overlay.setLayers({{QStringLiteral("cone"), moc::coneMoc(*centre, 0.03, 14), QColor(0, 255, 0), true}});
    const QPainterPath outline = overlay.outlineInImage(0, *image);
    const QRectF box = outline.boundingRect();
    XSKY_COMPARE_NEAR(box.center().x(), 60.5, 1.5);
    XSKY_COMPARE_NEAR(box.center().y(), 100.5, 1.5);
    XSKY_COMPARE_NEAR(box.width(), 60.0, 3.6 + 0.5);  // cells (order 14: 3.6 px) whose centre is inside
    QVERIFY(outline.contains(QPointF(60.5, 100.5)));
    QVERIFY(!outline.contains(QPointF(100.5, 100.5)));
    view.addOverlay(&overlay);
    QImage shot = view.grab().toImage();
    const QPointF at = view.widgetPosOf({60.5, 100.5});
    const QRgb inside = shot.pixel(at.toPoint());
    const QRgb outside = shot.pixel(view.widgetPosOf({150.5, 150.5}).toPoint());
    QVERIFY2(qGreen(inside) > qGreen(outside), qPrintable(QStringLiteral("%1 vs %2").arg(qGreen(inside)).arg(qGreen(outside))));
  }
};

QTEST_MAIN(TestObservationSelector)
#include "tst_observation_selector.moc"
