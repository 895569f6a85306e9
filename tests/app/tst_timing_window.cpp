// The Timing dock in the main window, on the demo sky: a two-band light curve of the flaring star
// SRC04 extracted with products::extract (as Region > Extract does) opens from the Products dock;
// its bands and hardness-ratio graphs hold one point per bin; rebinning changes the point count
// as the core says; GTI gaps are shaded; Bayesian blocks draw segments. The pulsation search on
// the demo pulsar SRC06 (Timing > Search for Pulsations) finds the truth frequency within the
// resolution, with the threshold line drawn, and Fold at Peak shows a two-cycle profile.
// Screenshots go to $XSKY_SCREENSHOT_DIR (else the temporary folder).

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <qcustomplot.h>

#include <cmath>

#include "TestSupport.h"
#include "events/EventListReader.h"
#include "gui/MainWindow.h"
#include "gui/ProductsPanel.h"
#include "gui/TimingWorkbench.h"
#include "products/Extraction.h"
#include "regions/ReferenceImage.h"
#include "regions/RegionFileIo.h"
#include "regions/RegionSet.h"
#include "sim/DemoSky.h"
#include "tasks/TaskManager.h"
#include "timing/FoldedProfileView.h"
#include "timing/LightCurveRebin.h"
#include "timing/LightCurveView.h"
#include "timing/PeriodogramView.h"

using namespace xsky;

namespace {

QString shotDir() {
  const QString dir = qEnvironmentVariable("XSKY_SCREENSHOT_DIR", QDir::tempPath());
  QDir().mkpath(dir);
  return dir;
}

}  // namespace

class TestTimingWindow : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(demo_.isValid());
    const sim::SimulationResult r = sim::simulateDemoSky(demo_.path(), sim::SimulationOptions{});
    QFile f(r.truthPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    truth_ = QJsonDocument::fromJson(f.readAll()).object();
    // SRC04 in observation 0901230201 (pn): 500 s bins in two bands, as Region > Extract makes them.
    const QString events = demo_.filePath(QStringLiteral("0901230201/pn_events.fits"));
    const events::EventList list = events::readEventList(events);
    const QJsonObject s = source(QStringLiteral("SRC04"));
    const QString reg = demo_.filePath(QStringLiteral("src04.reg"));
    QFile rf(reg);
    QVERIFY(rf.open(QIODevice::WriteOnly));
    rf.write(QStringLiteral("fk5\ncircle(%1,%2,30\")\nannulus(%1,%2,50\",100\") # background\n")
                 .arg(s[QStringLiteral("ra")].toDouble(), 0, 'f', 7)
                 .arg(s[QStringLiteral("dec")].toDouble(), 0, 'f', 7)
                 .toUtf8());
    rf.close();
    const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(list.sky());
    regions::RegionReadOptions ro;
    ro.image = &ref;
    ro.keepPhysicalFrame = true;
    const regions::RegionSet set =
        regions::RegionSet::fromRegions(regions::readRegionFile(reg, ro).regions);
    products::ExtractionOptions o;
    o.bands = {{0.2, 2.0}, {2.0, 10.0}};
    o.lightCurvePath = demo_.filePath(QStringLiteral("src04.lc"));
    o.lightCurveBinS = 500;
    result_ = products::extract(list, set, o);
    for (const products::ProductRecord& p : result_.products)
      if (p.kind == QLatin1String("lightcurve")) curves_ << p.path;
    QCOMPARE(curves_.size(), 2);
  }

  void lightCurveFromProducts() {
    app::MainWindow w;
    w.resize(1400, 950);
    w.show();
    w.productsPanel()->addResult(result_);
    QTreeWidget* tree = w.productsPanel()->tree();
    int row = -1;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
      if (tree->topLevelItem(i)->text(3) == QLatin1String("lightcurve")) row = i;
    QVERIFY(row >= 0);
    QCOMPARE(w.productsPanel()->lightCurvePaths(row).size(), 2);
    QSignalSpy shown(w.timing(), &app::TimingWorkbench::lightCurvesShown);
    // Double-click on the light-curve row, as the user does.
    Q_EMIT tree->itemDoubleClicked(tree->topLevelItem(row), 0);
    QVERIFY(shown.wait(30000));
    widgets::LightCurveView* view = w.timing()->lightCurveView();
    QVERIFY(w.timing()->dock()->isVisible());

    const timing::LightCurveSet expected = timing::loadLightCurveSet(curves_);
    QCOMPARE(view->bandCount(), 2);
    for (int b = 0; b < 2; ++b) {
      QCOMPARE(view->bandGraph(b)->dataCount(), int(expected.bands[size_t(b)].rate.size()));
      QVERIFY(view->backgroundGraph(b) != nullptr);
      QCOMPARE(view->backgroundGraph(b)->dataCount(), view->bandGraph(b)->dataCount());
    }
    QVERIFY(view->hardnessGraph() != nullptr);
    int hrBins = 0;
    for (size_t i = 0; i < expected.bands[0].rate.size(); ++i)
      if (expected.bands[0].rate[i] + expected.bands[1].rate[i] != 0) ++hrBins;
    QCOMPARE(view->hardnessGraph()->dataCount(), hrBins);
    // GTI gaps: one shaded rectangle per gap and panel (two bands and the hardness ratio).
    const size_t gaps = expected.gti.intervals().size() > 1 ? expected.gti.intervals().size() - 1 : 0;
    qInfo("%zu GTIs, %d bins per band", expected.gti.intervals().size(), view->bandGraph(0)->dataCount());
    QVERIFY2(gaps > 0, "the demo observation should have GTI gaps");
    QCOMPARE(view->gapRects().size(), gaps * 3);

    // Linked time axes: zooming the first band moves the others.
    const QCPRange full = view->bandRect(0)->axis(QCPAxis::atBottom)->range();
    view->bandRect(0)->axis(QCPAxis::atBottom)->setRange(full.lower, full.lower + 0.5 * full.size());
    QCOMPARE(view->bandRect(2)->axis(QCPAxis::atBottom)->range().upper, full.lower + 0.5 * full.size());
    view->bandRect(0)->axis(QCPAxis::atBottom)->setRange(full);

    // Bayesian blocks on every band: segments drawn, the flare makes more than one block.
    QSignalSpy blocks(view, &widgets::LightCurveView::blocksShown);
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("blocksRun")), Qt::LeftButton);
    QVERIFY(blocks.wait(30000));
    QCOMPARE(view->blockGraphs().size(), size_t(2));
    QVERIFY(blocks.at(0).at(0).toInt() > 2);
    QVERIFY(view->blockGraphs()[0]->dataCount() > 2);
    w.timing()->tabs()->setCurrentWidget(view);
    QTest::qWait(50);
    QVERIFY(w.grab().save(QDir(shotDir()).filePath(QStringLiteral("xsky-timing-window.png"))));
    QVERIFY(view->grab().save(QDir(shotDir()).filePath(QStringLiteral("xsky-lightcurve.png"))));

    // Rebin to 2000 s (4 bins): the point count is the core's.
    QSignalSpy updated(view, &widgets::LightCurveView::updated);
    view->rebin(timing::RebinMode::Width, 2000);
    QVERIFY(updated.wait(30000));
    const size_t rebinned = timing::rebinToWidth(expected.bands[0], 2000).rate.size();
    QVERIFY(rebinned < expected.bands[0].rate.size());
    QCOMPARE(view->bandGraph(0)->dataCount(), int(rebinned));
    QVERIFY(view->blockGraphs().empty());  // a new binning drops the old blocks
    // Minimum counts per bin.
    view->rebin(timing::RebinMode::MinCounts, 50);
    QVERIFY(updated.wait(30000));
    const timing::LightCurveBand m = timing::rebinMinCounts(expected.bands[0], 50);
    QCOMPARE(view->bandGraph(0)->dataCount(), int(m.rate.size()));
    // A bad request is a message, not a crash.
    QSignalSpy messages(view, &widgets::LightCurveView::message);
    view->rebin(timing::RebinMode::Width, 10);
    QVERIFY(updated.wait(30000));
    QVERIFY(!messages.isEmpty());
  }

  void lightCurveFileOpens() {
    app::MainWindow w;
    QSignalSpy shown(w.timing(), &app::TimingWorkbench::lightCurvesShown);
    w.openPaths({curves_[0]});
    QVERIFY(shown.wait(30000));
    QCOMPARE(w.timing()->lightCurveView()->bandCount(), 1);
    QVERIFY(w.timing()->lightCurveView()->hardnessGraph() == nullptr);
  }

  void pulsarSearch() {
    app::MainWindow w;
    w.resize(1400, 950);
    w.show();
    const QJsonObject s = source(QStringLiteral("SRC06"));
    const double ftrue = 1.0 / s[QStringLiteral("variability")][QStringLiteral("period_s")].toDouble();
    const QString reg = demo_.filePath(QStringLiteral("src06.reg"));
    QFile rf(reg);
    QVERIFY(rf.open(QIODevice::WriteOnly));
    rf.write(QStringLiteral("fk5\ncircle(%1,%2,20\")\n")
                 .arg(s[QStringLiteral("ra")].toDouble(), 0, 'f', 7)
                 .arg(s[QStringLiteral("dec")].toDouble(), 0, 'f', 7)
                 .toUtf8());
    rf.close();
    const std::vector<regions::Region> drawn = regions::readRegionFile(reg, {}).regions;
    QCOMPARE(drawn.size(), size_t(1));
    app::TimingWorkbench::SearchSettings settings;
    settings.fminHz = 0.07;
    settings.fmaxHz = 0.2;
    QSignalSpy shown(w.timing(), &app::TimingWorkbench::periodogramShown);
    w.timing()->searchPulsations(demo_.filePath(QStringLiteral("0901230101/pn_events.fits")), drawn,
                                 settings);
    QVERIFY(shown.wait(120000));
    widgets::PeriodogramView* view = w.timing()->periodogramView();
    const timing::PeriodogramResult& res = view->result();
    const double span = 1.0 / (res.frequency[1] - res.frequency[0]) / settings.oversample;
    qInfo("best %.7f Hz, truth %.7f Hz, resolution %.2e Hz, power %.1f, threshold %.1f, p %.2e",
          res.bestFrequency, ftrue, 1 / span, res.bestPower, view->thresholdPower(), res.multiTrialFap);
    XSKY_COMPARE_NEAR(res.bestFrequency, ftrue, 1.0 / span);
    QCOMPARE(view->powerGraph()->dataCount(), int(res.frequency.size()));
    QVERIFY(view->thresholdLine() != nullptr);
    QVERIFY(view->thresholdPower() > 10 && view->thresholdPower() < res.bestPower);
    XSKY_COMPARE_NEAR(view->thresholdLine()->point1->coords().y(), view->thresholdPower(), 1e-9);
    w.timing()->tabs()->setCurrentWidget(view);
    QTest::qWait(50);
    QVERIFY(view->grab().save(QDir(shotDir()).filePath(QStringLiteral("xsky-periodogram.png"))));

    QSignalSpy folded(w.timing(), &app::TimingWorkbench::profileShown);
    QTest::mouseClick(view->foldButton(), Qt::LeftButton);
    QVERIFY(folded.wait(30000));
    widgets::FoldedProfileView* profile = w.timing()->profileView();
    QCOMPARE(profile->profileGraph()->dataCount(), 2 * settings.foldBins);
    QCOMPARE(w.timing()->tabs()->currentWidget(), profile);
    QTest::qWait(50);
    QVERIFY(profile->grab().save(QDir(shotDir()).filePath(QStringLiteral("xsky-profile.png"))));
  }

 private:
  QJsonObject source(const QString& id) const {
    for (const QJsonValue& v : truth_[QStringLiteral("sources")].toArray())
      if (v.toObject()[QStringLiteral("id")].toString() == id) return v.toObject();
    return {};
  }
  QTemporaryDir demo_;
  QJsonObject truth_;
  products::ExtractionResult result_;
  QStringList curves_;
};

QTEST_MAIN(TestTimingWindow)
#include "tst_timing_window.moc"
