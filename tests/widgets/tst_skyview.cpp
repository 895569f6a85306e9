// SkyView: FITS orientation on screen (row 1 at the bottom), the pixel reported under the
// cursor, zoom to fit, wheel zoom about the cursor, drag to pan.

#include <QApplication>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QSignalSpy>
#include <QWheelEvent>
#include <QTest>

#include <cmath>

#include "TestSupport.h"
#include "sky/BinningPanel.h"
#include "sky/SkyView.h"

using namespace xsky;

namespace {

// A 4x2 image whose pixel (i, j) (0-based) holds 10*j + i.
std::shared_ptr<const imaging::Image2D> ramp() {
  auto img = std::make_shared<imaging::Image2D>();
  img->width = 4;
  img->height = 2;
  for (int j = 0; j < 2; ++j) {
    for (int i = 0; i < 4; ++i) img->pixels.push_back(static_cast<float>(10 * j + i));
  }
  return img;
}

}  // namespace

class TestSkyView : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void rendersFitsRowsBottomUp() {
    widgets::SkyView view;
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    imaging::DisplaySettings s;
    s.limits = imaging::LimitMode::User;
    s.userLow = 0;
    s.userHigh = 13;
    s.colormap = QStringLiteral("gray");
    QSignalSpy rendered(&view, &widgets::SkyView::frameRendered);
    view.setDisplay(s);
    view.setImage(ramp());
    while (!view.isFrameCurrent()) QVERIFY(rendered.wait(5000));
    const QImage& img = view.frame();
    QCOMPARE(img.size(), QSize(400, 200));
    // FITS pixel (1,1) (value 0) is bottom-left on screen; (4,2) (value 13) top-right.
    QCOMPARE(qGray(img.pixel(50, 150)), 0);
    QCOMPARE(qGray(img.pixel(350, 50)), 255);
    QVERIFY(qGray(img.pixel(50, 50)) > qGray(img.pixel(350, 150)));  // 10 above 3
  }

  void reportsPixelUnderCursor() {
    widgets::SkyView view;
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(ramp());
    QCOMPARE(view.zoom(), 100.0);  // 4x2 pixels fill 400x200
    QSignalSpy spy(&view, &widgets::SkyView::cursorMoved);
    // Widget (50, 150) is the centre of FITS pixel (1, 1); (350, 50) of (4, 2).
    QTest::mouseMove(&view, QPoint(50, 150));
    QVERIFY(!spy.isEmpty());
    QCOMPARE(spy.last().at(0).toDouble(), 1.0);
    QCOMPARE(spy.last().at(1).toDouble(), 1.0);
    QCOMPARE(spy.last().at(2).toDouble(), 0.0);
    QTest::mouseMove(&view, QPoint(350, 50));
    QCOMPARE(spy.last().at(2).toDouble(), 13.0);
  }

  void wheelZoomKeepsPixelUnderCursor() {
    widgets::SkyView view;
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(ramp());
    const QPointF at(123, 77);
    const wcs::PixelPoint before = view.imagePixelAt(at);
    QWheelEvent wheel(at, view.mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    QVERIFY(view.zoom() > 100.0);
    const wcs::PixelPoint after = view.imagePixelAt(at);
    XSKY_COMPARE_NEAR(after.x, before.x, 1e-9);
    XSKY_COMPARE_NEAR(after.y, before.y, 1e-9);
  }

  void dragPans() {
    widgets::SkyView view;
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(ramp());
    const wcs::PixelPoint before = view.imagePixelAt(QPointF(200, 100));
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(200, 100));
    QTest::mouseMove(&view, QPoint(300, 100));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 100));
    // Dragging right by 100 screen pixels (one image pixel) moves the image right.
    const wcs::PixelPoint after = view.imagePixelAt(QPointF(200, 100));
    XSKY_COMPARE_NEAR(after.x, before.x - 1.0, 1e-9);
  }

  // The Binning dock as DS9's Bin menu: a new bin factor keeps the sky area; a buffer size typed by
  // the user is used as it is; a fine factor never asks for more than 8192 pixels on a side; the
  // centre fields set the binning centre.
  void binningPanelSpecs() {
    widgets::BinningPanel panel;
    imaging::BinningSpec base;
    base.binFactor = 80;
    base.width = base.height = 600;
    base.centre = wcs::PixelPoint{25000, 26000};
    panel.setSpec(base, QStringLiteral("PI [eV]"), std::nullopt, true);
    auto* bin = panel.findChild<QDoubleSpinBox*>(QStringLiteral("binFactor"));
    bin->setValue(40);
    imaging::BinningSpec s = panel.spec(base);
    QCOMPARE(s.width, 1200);
    QCOMPARE(s.binFactor, 40.0);
    bin->setValue(1);
    s = panel.spec(base);
    QCOMPARE(s.width, 8192);
    bin->setValue(80);
    panel.findChild<QSpinBox*>(QStringLiteral("bufferSize"))->setValue(256);
    s = panel.spec(base);
    QCOMPARE(s.width, 256);
    QCOMPARE(s.height, 256);
    panel.setCentre(1234.5, 2345.5);
    s = panel.spec(base);
    QCOMPARE(s.centre->x, 1234.5);
    QCOMPARE(s.centre->y, 2345.5);
  }
};

QTEST_MAIN(TestSkyView)
#include "tst_skyview.moc"
