// SAMP from the window: SAMP > Connect starts XSky's own hub when none runs (isolated through
// SAMP_HUB); another client on that hub points XSky at a position (the frame centres there),
// sends it an image (a new frame opens it) and receives the current frame from "Send Image To",
// a FITS file whose WCS puts the same pixel on the same sky position.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "TestSupport.h"
#include "gui/MainWindow.h"
#include "gui/ObservationWorkbench.h"
#include "gui/SampWorkbench.h"
#include "archive/FootprintOverlay.h"
#include "moc/MocBuilders.h"
#include "moc/MocIo.h"

#include <algorithm>
#include "imaging/Image2D.h"
#include "samp/LockFile.h"
#include "samp/SampClient.h"
#include "sky/FrameStack.h"
#include "sky/SkyView.h"

using namespace xsky;

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
    other.disconnectBlocking();
    w.samp()->disconnectFromHub();
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(lock), 5000);  // the hub removed its lock file
  }
};

QTEST_MAIN(TestSampWindow)
#include "tst_samp_window.moc"
