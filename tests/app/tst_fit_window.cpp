// The Fit dock on its own (app/gui/FitWorkbench.h) with the real 3c273 spectrum: a fit, then a
// confidence contour computed as a task and shown in the Contour tab (colour map, 68/90/99 %
// lines around the best fit), the contour dialog offering the free parameters only, and the
// spectrum plot switched between folded counts and unfolded E^2 F_E. Screenshots of the dock go
// to $XSKY_SCREENSHOT_DIR (else the temporary folder).

#include <qcustomplot.h>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QVBoxLayout>

#include <cmath>

#include "TestSupport.h"
#include "gui/ContourDialog.h"
#include "gui/FitWorkbench.h"
#include "spectral/ContourPlot.h"
#include "spectral/SpectrumFitPlot.h"
#include "tasks/TaskManager.h"

using namespace xsky;

namespace {

QString shotDir() {
  const QString dir = qEnvironmentVariable("XSKY_SCREENSHOT_DIR", QDir::tempPath());
  QDir().mkpath(dir);
  return dir;
}

}  // namespace

class TestFitWindow : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent");
  }

  void fitContourAndUnfolded() {
    QWidget window;
    window.resize(760, 1000);
    tasks::TaskManager tasks(nullptr, 2);
    app::FitWorkbench fit(&window, &tasks);
    auto* layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(fit.panel());
    window.show();
    fit.addSpectrum(test::sharedData(QStringLiteral("spectra/chandra_3c273/3c273.pi")),
                    QStringLiteral("3c273 (Chandra ACIS)"), true);
    fit.setModel(QStringLiteral("wabs*powerlaw"));
    QSignalSpy finished(&fit, &app::FitWorkbench::finished);

    // No contour before a fit.
    QCOMPARE(fit.computeContour(1, 2), quint64(0));
    QVERIFY(fit.summary()->text().contains(QStringLiteral("Fit first")));

    QVERIFY(fit.fit() != 0);
    QVERIFY(finished.wait(60000));
    QVERIFY2(fit.lastFitConverged(), qPrintable(fit.summary()->text()));
    QCOMPARE(fit.plot()->dataGraphs(), 1);

    // A frozen or repeated parameter is refused.
    QCOMPARE(fit.computeContour(1, 1), quint64(0));

    QVERIFY(fit.computeContour(1, 2, 15) != 0);
    QVERIFY(finished.wait(120000));
    widgets::ContourPlot* contour = fit.contourPlot();
    QVERIFY(contour->hasGrid());
    QCOMPARE(fit.plotTabs()->currentWidget(), static_cast<QWidget*>(contour));
    QVERIFY(!fit.plot()->modeSelector()->isVisible());  // it belongs to the spectrum tab
    const spectral::ContourGrid& g = contour->grid();
    QCOMPARE(g.nx(), 15);
    QCOMPARE(g.ny(), 15);
    QCOMPARE(g.bestX, fit.parameters()[1].value);
    QCOMPARE(g.bestY, fit.parameters()[2].value);
    QVERIFY(!g.newMinimum);
    // The 68 % region is one closed line around the best fit; 90 and 99 % lines are drawn too.
    QVERIFY2(contour->lineCount() >= 3, qPrintable(QString::number(contour->lineCount())));
    QCOMPARE(contour->plot()->xAxis->label(), QStringLiteral("powerlaw.PhoIndex"));
    QVERIFY(window.grab().save(QDir(shotDir()).filePath(QStringLiteral("xsky-fit-contour.png"))));
    QVERIFY(
        contour->savePng(QDir(shotDir()).filePath(QStringLiteral("xsky-fit-contour-plot.png"))));

    // The spectrum tab, unfolded: the axis says E^2 F_E and the model of wabs*powerlaw with
    // Gamma ~2 is nearly flat at the norm where the absorption no longer acts (E^(2 - Gamma)).
    fit.plotTabs()->setCurrentWidget(fit.plot());
    auto* mode = fit.panel()->findChild<QComboBox*>(QStringLiteral("fitPlotMode"));
    QCOMPARE(mode, fit.plot()->modeSelector());
    QVERIFY(mode->isVisible());
    QVERIFY(mode && mode->isEnabled());
    QCOMPARE(fit.plot()->mode(), widgets::SpectrumFitPlot::Mode::Folded);
    QCPAxis* left = fit.plot()->plot()->axisRect(0)->axis(QCPAxis::atLeft);
    QCOMPARE(left->label(), QStringLiteral("counts/s/keV"));
    QVERIFY(window.grab().save(QDir(shotDir()).filePath(QStringLiteral("xsky-fit-folded.png"))));
    mode->setCurrentIndex(1);
    QCOMPARE(fit.plot()->mode(), widgets::SpectrumFitPlot::Mode::Unfolded);
    QVERIFY(left->label().startsWith(QStringLiteral("keV²")));
    QCOMPARE(fit.plot()->dataGraphs(), 1);
    QCPGraph* model = fit.plot()->plot()->graph(1);
    QVERIFY(model->dataCount() > 20);
    const double gamma = fit.parameters()[1].value, norm = fit.parameters()[2].value;
    const auto last = model->data()->constEnd() - 1;
    XSKY_COMPARE_NEAR(last->value, norm * std::pow(last->key, 2.0 - gamma), 0.03 * norm);
    QVERIFY(window.grab().save(QDir(shotDir()).filePath(QStringLiteral("xsky-fit-unfolded.png"))));
    mode->setCurrentIndex(0);
    QCOMPARE(left->label(), QStringLiteral("counts/s/keV"));
  }

  // The dialog offers the free parameters only and refuses one parameter twice.
  void contourDialog() {
    auto m = spectral::Model::parse(QStringLiteral("wabs*powerlaw"));
    m.parameters()[0].frozen = true;
    app::ContourDialog dialog(m.parameters());
    auto* x = dialog.findChild<QComboBox*>(QStringLiteral("contourX"));
    auto* y = dialog.findChild<QComboBox*>(QStringLiteral("contourY"));
    QVERIFY(x && y);
    QCOMPARE(x->count(), 2);
    QCOMPARE(dialog.xParameter(), 1);
    QCOMPARE(dialog.yParameter(), 2);
    QCOMPARE(dialog.points(), 20);
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    y->setCurrentIndex(0);
    QVERIFY(!ok->isEnabled());
  }
};

QTEST_MAIN(TestFitWindow)
#include "tst_fit_window.moc"
