// The region editor: drawing regions with the mouse on a view with a known TAN WCS stores them on
// the sky where the WCS puts the pressed pixel, with the dragged radius; undo/redo; moving by
// drag; what is drawn on this view and on a second view of another image; paintRegions on
// a pixel-frame circle.

#include <QComboBox>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <memory>

#include "TestSupport.h"
#include "imaging/DisplayScale.h"
#include "regions/LiveRegionStats.h"
#include "regions/RegionListWidget.h"
#include "regions/RegionProjection.h"
#include "regions/RegionPropertiesDialog.h"
#include "regions/RegionDocument.h"
#include "regions/RegionEditor.h"
#include "regions/RegionPainter.h"
#include "sky/SkyView.h"

using namespace xsky;
using regions::Frame;

namespace {

constexpr double kDeg = 3.14159265358979323846 / 180.0;

// A TAN WCS about (ra, dec) with `scaleArcsec` square pixels, North rotated by `rotationDeg`.
wcs::SkyWcs tanWcs(double ra, double dec, double crpix1, double crpix2, double scaleArcsec,
                   double rotationDeg = 0) {
  const double s = scaleArcsec / 3600.0, c = std::cos(rotationDeg * kDeg), n = std::sin(rotationDeg * kDeg);
  QByteArray cards;
  auto card = [&cards](const char* k, const QString& v) {
    cards += QStringLiteral("%1= %2").arg(QString::fromLatin1(k).leftJustified(8), v).leftJustified(80).toLatin1();
  };
  card("CTYPE1", QStringLiteral("'RA---TAN'"));
  card("CTYPE2", QStringLiteral("'DEC--TAN'"));
  card("CRPIX1", QString::number(crpix1, 'g', 17));
  card("CRPIX2", QString::number(crpix2, 'g', 17));
  card("CRVAL1", QString::number(ra, 'g', 17));
  card("CRVAL2", QString::number(dec, 'g', 17));
  card("CD1_1", QString::number(-s * c, 'g', 17));
  card("CD1_2", QString::number(s * n, 'g', 17));
  card("CD2_1", QString::number(s * n, 'g', 17));
  card("CD2_2", QString::number(s * c, 'g', 17));
  card("RADESYS", QStringLiteral("'ICRS'"));
  return wcs::SkyWcs::fromHeaderCards(cards, 11, QStringLiteral("test WCS"));
}

std::shared_ptr<imaging::Image2D> blankImage(int w, int h) {
  auto img = std::make_shared<imaging::Image2D>();
  img->width = w;
  img->height = h;
  img->pixels.assign(static_cast<size_t>(w) * h, 0.0f);
  return img;
}

// A 200 x 200 image of 1"/pixel about (150, 30), reference pixel at the centre.
std::shared_ptr<const imaging::Image2D> imageA() {
  auto img = blankImage(200, 200);
  img->wcs = tanWcs(150.0, 30.0, 100.5, 100.5, 1.0);
  return img;
}

// Another image: 2"/pixel, rotated by 30 degrees, reference elsewhere.
std::shared_ptr<const imaging::Image2D> imageB() {
  auto img = blankImage(150, 150);
  img->wcs = tanWcs(150.002, 30.001, 60.5, 80.5, 2.0, 30.0);
  return img;
}

void showBlack(widgets::SkyView& view, std::shared_ptr<const imaging::Image2D> image) {
  imaging::DisplaySettings s;
  s.limits = imaging::LimitMode::User;
  s.userLow = 0;
  s.userHigh = 1;
  s.colormap = QStringLiteral("gray");
  view.setDisplay(s);
  view.setImage(std::move(image));
}

bool waitForFrame(widgets::SkyView& view) {
  QSignalSpy rendered(&view, &widgets::SkyView::frameRendered);
  for (int i = 0; i < 50 && !view.isFrameCurrent(); ++i) rendered.wait(200);
  return view.isFrameCurrent();
}

void drag(QWidget* w, QPoint from, QPoint to) {
  QTest::mousePress(w, Qt::LeftButton, Qt::NoModifier, from);
  QTest::mouseMove(w, (from + to) / 2);
  QTest::mouseMove(w, to);
  QTest::mouseRelease(w, Qt::LeftButton, Qt::NoModifier, to);
}

bool isGreen(QRgb c) { return qGreen(c) > 200 && qRed(c) < 80 && qBlue(c) < 80; }

// True when a green pixel lies within 1 pixel of (x, y).
bool greenNear(const QImage& img, double x, double y) {
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      const int px = static_cast<int>(std::lround(x)) + dx, py = static_cast<int>(std::lround(y)) + dy;
      if (img.valid(px, py) && isGreen(img.pixel(px, py))) return true;
    }
  }
  return false;
}

// Fraction of 36 points on a circle of screen radius r about (cx, cy) that have green nearby.
double greenOnCircle(const QImage& img, double cx, double cy, double r) {
  int hits = 0;
  for (int k = 0; k < 36; ++k) {
    const double a = k * 10 * kDeg;
    if (greenNear(img, cx + r * std::cos(a), cy + r * std::sin(a))) ++hits;
  }
  return hits / 36.0;
}

// The ICRS position of the image pixel under widget position `pos`, from the view's centre and
// zoom and the WCS (independently of the editor).
wcs::SkyPoint skyUnder(const widgets::SkyView& view, const imaging::Image2D& image, QPointF pos) {
  const double ix = view.centre().x + (pos.x() - view.width() / 2.0) / view.zoom();
  const double iy = view.centre().y - (pos.y() - view.height() / 2.0) / view.zoom();
  return *image.wcs->pixelToIcrs({ix, iy});
}

}  // namespace

class TestRegionEditor : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsSkyRegionsUndoesAndMoves() {
    widgets::SkyView view;
    view.resize(400, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto image = imageA();
    showBlack(view, image);
    QCOMPARE(view.zoom(), 2.0);
    widgets::RegionDocument doc;
    widgets::RegionEditor editor(&view, &doc);

    // Circle: press at the centre, drag out 50 screen pixels = 25 image pixels = 25".
    editor.setTool(widgets::RegionEditor::Tool::Circle);
    const QPoint press(180, 220);
    const wcs::SkyPoint expected = skyUnder(view, *image, press);
    drag(&view, press, press + QPoint(30, 40));
    QCOMPARE(doc.count(), 1);
    const regions::Region circle = doc.at(0);
    QCOMPARE(circle.frame, Frame::Sky);
    QCOMPARE(circle.role, regions::Role::Source);
    QVERIFY(std::holds_alternative<regions::Circle>(circle.shape));
    const auto& c = std::get<regions::Circle>(circle.shape);
    XSKY_COMPARE_NEAR(wcs::angularDistanceDeg({c.centre.x, c.centre.y}, expected) * 3600, 0.0, 1e-6);
    XSKY_COMPARE_NEAR(c.radius * 3600, 50.0 / 2.0 * 1.0, 1e-4);

    // A background annulus: drag of 40 screen pixels -> radii 10" and 20".
    editor.setNewRole(regions::Role::Background);
    editor.setTool(widgets::RegionEditor::Tool::Annulus);
    const QPoint annulusAt(280, 120);
    const wcs::SkyPoint annulusCentre = skyUnder(view, *image, annulusAt);
    drag(&view, annulusAt, annulusAt + QPoint(40, 0));
    QCOMPARE(doc.count(), 2);
    const regions::Region annulus = doc.at(1);
    QCOMPARE(annulus.role, regions::Role::Background);
    QCOMPARE(annulus.frame, Frame::Sky);
    const auto& a = std::get<regions::Annulus>(annulus.shape);
    QCOMPARE(a.radii.size(), size_t(2));
    XSKY_COMPARE_NEAR(a.radii[0] * 3600, 10.0, 1e-4);
    XSKY_COMPARE_NEAR(a.radii[1] * 3600, 20.0, 1e-4);
    XSKY_COMPARE_NEAR(wcs::angularDistanceDeg({a.centre.x, a.centre.y}, annulusCentre) * 3600, 0.0, 1e-6);

    // Undo removes the annulus, redo brings it back.
    doc.undoStack()->undo();
    QCOMPARE(doc.count(), 1);
    doc.undoStack()->redo();
    QCOMPARE(doc.count(), 2);
    QCOMPARE(doc.at(1).role, regions::Role::Background);

    // Move the circle by dragging it (one undo step); undo restores its centre.
    editor.setTool(widgets::RegionEditor::Tool::Select);
    const int steps = doc.undoStack()->count();
    drag(&view, press, press + QPoint(20, -10));
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    const auto& moved = std::get<regions::Circle>(doc.at(0).shape);
    const wcs::SkyPoint movedExpected = skyUnder(view, *image, press + QPoint(20, -10));
    XSKY_COMPARE_NEAR(wcs::angularDistanceDeg({moved.centre.x, moved.centre.y}, movedExpected) * 3600, 0.0, 1e-5);
    XSKY_COMPARE_NEAR(moved.radius * 3600, 25.0, 1e-6);
    doc.undoStack()->undo();
    const auto& back = std::get<regions::Circle>(doc.at(0).shape);
    XSKY_COMPARE_NEAR(wcs::angularDistanceDeg({back.centre.x, back.centre.y}, expected) * 3600, 0.0, 1e-9);

    // The rendered view: green on the circle's outline (radius 50 screen pixels), not inside.
    doc.clearSelection();
    QVERIFY(waitForFrame(view));
    const QImage shot = view.grab().toImage();
    QVERIFY(greenOnCircle(shot, press.x(), press.y(), 50) > 0.9);
    QVERIFY(!greenNear(shot, press.x(), press.y()));
    QVERIFY(greenOnCircle(shot, press.x(), press.y(), 30) < 0.1);

    // The same sky circle on a second view of another image with another WCS.
    widgets::SkyView other;
    other.resize(300, 300);
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    const auto image2 = imageB();
    showBlack(other, image2);
    widgets::RegionEditor editor2(&other, &doc);
    QVERIFY(waitForFrame(other));
    const wcs::PixelPoint p2 = *image2->wcs->icrsToPixel(expected);
    const double sx = other.width() / 2.0 + (p2.x - other.centre().x) * other.zoom();
    const double sy = other.height() / 2.0 - (p2.y - other.centre().y) * other.zoom();
    const double r2 = 25.0 / 2.0 * other.zoom();  // 25" at 2"/pixel
    QVERIFY2(sx > r2 && sy > r2 && sx < 300 - r2 && sy < 300 - r2, "circle inside the second view");
    const QImage shot2 = other.grab().toImage();
    QVERIFY(greenOnCircle(shot2, sx, sy, r2) > 0.9);
    QVERIFY(!greenNear(shot2, sx, sy));
  }

  void drawsPolygonAndPansOnEmptySky() {
    widgets::SkyView view;
    view.resize(400, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto image = imageA();
    showBlack(view, image);
    widgets::RegionDocument doc;
    widgets::RegionEditor editor(&view, &doc);
    editor.setTool(widgets::RegionEditor::Tool::Polygon);
    const QPoint pts[] = {QPoint(100, 100), QPoint(200, 100), QPoint(150, 180)};
    for (const QPoint& p : pts) QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, p);
    QCOMPARE(doc.count(), 0);
    QTest::keyClick(&view, Qt::Key_Return);
    QCOMPARE(doc.count(), 1);
    const auto& poly = std::get<regions::Polygon>(doc.at(0).shape);
    QCOMPARE(poly.vertices.size(), size_t(3));
    for (size_t i = 0; i < 3; ++i) {
      const wcs::SkyPoint e = skyUnder(view, *image, pts[i]);
      XSKY_COMPARE_NEAR(wcs::angularDistanceDeg({poly.vertices[i].x, poly.vertices[i].y}, e) * 3600, 0.0, 1e-6);
    }
    // Delete with the key, undo brings it back.
    doc.setSelection({0});
    QTest::keyClick(&view, Qt::Key_Delete);
    QCOMPARE(doc.count(), 0);
    doc.undoStack()->undo();
    QCOMPARE(doc.count(), 1);

    // Nudge: one screen pixel right = half an image pixel = 0.5" West... (x grows to the West here).
    doc.setSelection({0});
    const auto before = std::get<regions::Polygon>(doc.at(0).shape).vertices[0];
    QTest::keyClick(&view, Qt::Key_Right, Qt::ShiftModifier);
    const auto after = std::get<regions::Polygon>(doc.at(0).shape).vertices[0];
    XSKY_COMPARE_NEAR(wcs::angularDistanceDeg({before.x, before.y}, {after.x, after.y}) * 3600, 5.0, 1e-3);

    // Copy and paste.
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(&view, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(doc.count(), 2);

    // With the select tool a drag on empty sky pans the view.
    editor.setTool(widgets::RegionEditor::Tool::Select);
    const wcs::PixelPoint centre = view.centre();
    drag(&view, QPoint(350, 350), QPoint(370, 350));
    XSKY_COMPARE_NEAR(view.centre().x, centre.x - 10.0, 1e-9);
    QVERIFY(doc.selection().empty());
  }

  void paintsPixelCircleAtItsRadius() {
    imaging::Image2D image = *blankImage(100, 100);  // no WCS
    regions::Region r;
    r.frame = Frame::Image;
    r.shape = regions::Circle{{50.5, 50.5}, 20.0};
    imaging::ViewGeometry g;
    g.zoom = 2;
    g.centreX = g.centreY = 50.5;
    g.width = g.height = 200;
    QImage out(200, 200, QImage::Format_ARGB32);
    out.fill(Qt::black);
    QPainter p(&out);
    widgets::paintRegions(p, {r}, image, g);
    p.end();
    QVERIFY(greenOnCircle(out, 100, 100, 40) > 0.95);
    QVERIFY(greenOnCircle(out, 100, 100, 35) < 0.05);
    QVERIFY(greenOnCircle(out, 100, 100, 45) < 0.05);
    QCOMPARE(out.pixel(140, 100), qRgb(0, 255, 0));
  }

  void resizesAndRotatesWithHandles() {
    widgets::SkyView view;
    view.resize(400, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    showBlack(view, imageA());
    widgets::RegionDocument doc;
    widgets::RegionEditor editor(&view, &doc);
    editor.setTool(widgets::RegionEditor::Tool::Box);
    drag(&view, QPoint(200, 200), QPoint(240, 220));  // 40 x 20 image pixels (80 x 40 screen)
    QCOMPARE(doc.selection(), std::vector<int>{0});
    const auto box0 = std::get<regions::Box>(doc.at(0).shape);
    XSKY_COMPARE_NEAR(box0.size.x * 3600, 40.0, 1e-4);
    XSKY_COMPARE_NEAR(box0.size.y * 3600, 20.0, 1e-4);
    editor.setTool(widgets::RegionEditor::Tool::Select);
    // Top-right resize handle at (240, 180): drag it twice as far from the centre.
    drag(&view, QPoint(240, 180), QPoint(280, 160));
    const auto box1 = std::get<regions::Box>(doc.at(0).shape);
    XSKY_COMPARE_NEAR(box1.size.x * 3600, 80.0, 1e-3);
    XSKY_COMPARE_NEAR(box1.size.y * 3600, 40.0, 1e-3);
    // Rotate handle 20 pixels above the top edge's middle: turn it a quarter to the left.
    // The box is 160 x 80 screen pixels about (200, 200): its top edge is at y = 160, the handle
    // at (200, 140); dragging it to (80, 200) turns it by 90 degrees counter-clockwise.
    drag(&view, QPoint(200, 140), QPoint(80, 200));
    const auto box2 = std::get<regions::Box>(doc.at(0).shape);
    XSKY_COMPARE_NEAR(std::remainder(box2.angle - box1.angle, 360.0), 90.0, 1e-6);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    XSKY_COMPARE_NEAR(std::get<regions::Box>(doc.at(0).shape).size.x * 3600, 40.0, 1e-6);
  }

  void liveStatsMatchDirectCount() {
    auto ev = std::make_shared<events::EventList>();
    ev->skyWcs = tanWcs(150.0, 30.0, 1000.5, 1000.5, 0.5);
    quint64 state = 12345;
    auto uniform = [&state] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    for (int i = 0; i < 30000; ++i) {
      const bool cluster = i % 5 == 0;
      const double x = cluster ? 1000.5 + 40 * (uniform() - 0.5) : 800 + 400 * uniform();
      const double y = cluster ? 1000.5 + 40 * (uniform() - 0.5) : 800 + 400 * uniform();
      ev->x.push_back(static_cast<float>(x));
      ev->y.push_back(static_cast<float>(y));
    }
    ev->rows = static_cast<long long>(ev->x.size());
    const wcs::SkyPoint centre = *ev->skyWcs->pixelToIcrs({1000.5, 1000.5});
    const wcs::SkyPoint bkgCentre = *ev->skyWcs->pixelToIcrs({1140.5, 1040.5});  // 73" away: no overlap
    auto sourceCircle = [&](double radiusArcsec) {
      regions::Region r;
      r.shape = regions::Circle{{centre.lon, centre.lat}, radiusArcsec / 3600.0};
      return r;
    };
    regions::Region bkg;
    bkg.role = regions::Role::Background;
    bkg.shape = regions::Annulus{{bkgCentre.lon, bkgCentre.lat}, {15.0 / 3600.0, 40.0 / 3600.0}};
    // Direct count: every event put on the sky through the WCS.
    auto direct = [&](double srcArcsec, size_t* nb) {
      size_t ns = 0;
      *nb = 0;
      for (size_t i = 0; i < ev->x.size(); ++i) {
        const wcs::SkyPoint p = *ev->skyWcs->pixelToIcrs({ev->x[i], ev->y[i]});
        const double ds = wcs::angularDistanceDeg(p, centre) * 3600, db = wcs::angularDistanceDeg(p, bkgCentre) * 3600;
        if (ds <= srcArcsec) ++ns;
        if (db > 15.0 && db <= 40.0 && ds > srcArcsec) ++*nb;
      }
      return ns;
    };

    widgets::RegionDocument doc;
    doc.addAll({sourceCircle(20.0), bkg}, QStringLiteral("test"));
    widgets::LiveRegionStats live;
    live.setEvents(ev);
    QSignalSpy results(&live, &widgets::LiveRegionStats::resultReady);
    live.setDocument(&doc);
    doc.setSelection({0});
    QVERIFY(results.wait(10000));
    auto r = results.last().at(0).value<widgets::LiveStatsResult>();
    QVERIFY2(r.ok, qPrintable(r.error));
    size_t nb = 0;
    const size_t ns = direct(20.0, &nb);
    QVERIFY(ns > 100 && nb > 100);
    QCOMPARE(r.stats.source.counts, ns);
    QCOMPARE(r.stats.background.counts, nb);
    const double pi = 3.14159265358979323846;
    XSKY_COMPARE_NEAR(r.stats.source.areaArcsec2, pi * 400.0, 0.01);
    XSKY_COMPARE_NEAR(r.stats.background.areaArcsec2, pi * (1600.0 - 225.0), 0.01);
    const double scale = 400.0 / 1375.0;
    XSKY_COMPARE_NEAR(r.stats.netCounts, ns - nb * scale, 1e-3);
    XSKY_COMPARE_NEAR(r.stats.netError, std::sqrt(ns + nb * scale * scale), 1e-3);

    // Newest request wins: of two requests in a row only the second is answered.
    live.setDocument(nullptr);
    results.clear();
    live.request({sourceCircle(20.0), bkg}, 0);
    live.request({sourceCircle(10.0), bkg}, 0);
    QVERIFY(results.wait(10000));
    QTest::qWait(200);
    QCOMPARE(results.size(), 1);
    r = results.last().at(0).value<widgets::LiveStatsResult>();
    QCOMPARE(r.stats.source.counts, direct(10.0, &nb));
    QCOMPARE(r.stats.background.counts, nb);
  }

  void propertiesDialogEditsOneUndoStep() {
    const auto image = imageA();
    const auto ref = widgets::referenceImageOf(*image);
    QVERIFY(ref.has_value());
    const wcs::SkyPoint centre = *image->wcs->pixelToIcrs({90.5, 110.5});
    regions::Region r;
    r.shape = regions::Circle{{centre.lon, centre.lat}, 25.0 / 3600.0};
    widgets::RegionDocument doc;
    doc.add(r);
    widgets::RegionPropertiesDialog dialog(doc.at(0), &*ref);
    auto* unit = dialog.findChild<QComboBox*>(QStringLiteral("sizeUnit"));
    auto* size1 = dialog.findChild<QLineEdit*>(QStringLiteral("size1"));
    auto* system = dialog.findChild<QComboBox*>(QStringLiteral("system"));
    auto* format = dialog.findChild<QComboBox*>(QStringLiteral("format"));
    auto* cx = dialog.findChild<QLineEdit*>(QStringLiteral("centreX"));
    auto* cy = dialog.findChild<QLineEdit*>(QStringLiteral("centreY"));
    QVERIFY(unit && size1 && system && format && cx && cy);
    XSKY_COMPARE_NEAR(size1->text().toDouble(), 25.0, 1e-6);  // arcsec
    unit->setCurrentIndex(unit->findText(QStringLiteral("pixels")));
    XSKY_COMPARE_NEAR(size1->text().toDouble(), 25.0, 1e-4);  // 1"/pixel
    unit->setCurrentIndex(unit->findText(QStringLiteral("arcmin")));
    XSKY_COMPARE_NEAR(size1->text().toDouble(), 25.0 / 60, 1e-9);
    size1->setText(QStringLiteral("0.5"));
    system->setCurrentIndex(system->findText(QStringLiteral("image")));
    XSKY_COMPARE_NEAR(cx->text().toDouble(), 90.5, 1e-3);
    XSKY_COMPARE_NEAR(cy->text().toDouble(), 110.5, 1e-3);
    system->setCurrentIndex(system->findText(QStringLiteral("icrs")));
    format->setCurrentIndex(1);
    QVERIFY(cx->text().contains(QLatin1Char(':')));
    cx->setText(QStringLiteral("10:00:00"));  // RA 150 degrees: the reference column
    auto* role = dialog.findChild<QComboBox*>(QStringLiteral("role"));
    role->setCurrentIndex(1);
    QString error;
    QVERIFY2(dialog.applyTo(doc, 0, &error), qPrintable(error));
    const auto& c = std::get<regions::Circle>(doc.at(0).shape);
    XSKY_COMPARE_NEAR(c.radius * 3600, 30.0, 1e-6);
    XSKY_COMPARE_NEAR(c.centre.x, 150.0, 1e-9);
    XSKY_COMPARE_NEAR(c.centre.y, centre.lat, 1.0 / 3600 / 100 * 1.5);
    QCOMPARE(doc.at(0).role, regions::Role::Background);
    doc.undoStack()->undo();
    XSKY_COMPARE_NEAR(std::get<regions::Circle>(doc.at(0).shape).radius * 3600, 25.0, 1e-9);
    QCOMPARE(doc.at(0).role, regions::Role::Source);
  }

  void listFollowsSelectionAndSetsRoles() {
    widgets::RegionDocument doc;
    regions::Region a, b;
    a.shape = regions::Circle{{150.0, 30.0}, 10.0 / 3600};
    b.shape = regions::Annulus{{150.01, 30.0}, {10.0 / 3600, 20.0 / 3600}};
    doc.addAll({a, b}, QStringLiteral("two"));
    widgets::RegionListWidget list(&doc);
    auto* table = list.findChild<QTableWidget*>(QStringLiteral("regionTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("circle"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("r = 10.00\""));
    doc.setSelection({1});
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(table->selectionModel()->selectedRows().front().row(), 1);
    table->selectRow(0);
    QCOMPARE(doc.selection(), std::vector<int>{0});
    list.findChild<QPushButton*>(QStringLiteral("backgroundButton"))->click();
    QCOMPARE(doc.at(0).role, regions::Role::Background);
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("background"));
    doc.undoStack()->undo();
    QCOMPARE(doc.at(0).role, regions::Role::Source);
    // Save as DS9 (ICRS) and load into another document (one undo step).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.reg"));
    regions::Ds9WriteOptions options;
    options.system = regions::CoordSystem::Icrs;
    QString error;
    QVERIFY2(doc.save(path, options, &error), qPrintable(error));
    widgets::RegionDocument loaded;
    QVERIFY2(loaded.load(path, nullptr, &error), qPrintable(error));
    QCOMPARE(loaded.count(), 2);
    XSKY_COMPARE_NEAR(std::get<regions::Annulus>(loaded.at(1).shape).radii[1] * 3600, 20.0, 1e-3);
    loaded.undoStack()->undo();
    QCOMPARE(loaded.count(), 0);

    doc.setSelection({0, 1});
    list.findChild<QPushButton*>(QStringLiteral("deleteButton"))->click();
    QCOMPARE(doc.count(), 0);
    QCOMPARE(table->rowCount(), 0);
  }

  void liveStatsOnImagePixels() {
    auto image = blankImage(50, 50);
    std::fill(image->pixels.begin(), image->pixels.end(), 2.0f);
    regions::Region r;
    r.frame = Frame::Image;
    r.shape = regions::Circle{{25.5, 25.5}, 10.0};
    widgets::LiveRegionStats live;
    live.setImage(image);
    QSignalSpy results(&live, &widgets::LiveRegionStats::resultReady);
    live.request({r}, 0);
    QVERIFY(results.wait(10000));
    const auto res = results.last().at(0).value<widgets::LiveStatsResult>();
    QVERIFY2(res.ok, qPrintable(res.error));
    size_t inside = 0;
    for (int j = 1; j <= 50; ++j) {
      for (int i = 1; i <= 50; ++i) inside += std::hypot(i - 25.5, j - 25.5) <= 10.0 ? 1 : 0;
    }
    QCOMPARE(res.stats.source.counts, 2 * inside);
  }
};

QTEST_MAIN(TestRegionEditor)
#include "tst_region_editor.moc"
