// Start-up on the demo: constructing the main window and opening the demo folder until the first
// event list is shown (binned), median of 5 runs in one process. The target is < 1 s.
// usage: bench_startup [DEMO_DIR]   (default: simulate the demo into a temporary folder)

#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

#include "BenchSupport.h"
#include "gui/MainWindow.h"
#include "sim/DemoSky.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QStandardPaths::setTestModeEnabled(true);
  QTemporaryDir dir;
  QString demo = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
  if (demo.isEmpty()) {
    demo = dir.filePath(QStringLiteral("demo"));
    xsky::sim::simulateDemoSky(demo, xsky::sim::SimulationOptions{});
  }
  bool ok = true;
  const double t = xsky::bench::medianSeconds(5, [&] {
    xsky::app::MainWindow w;
    QSignalSpy opened(&w, &xsky::app::MainWindow::fileOpened);
    w.show();
    w.openPaths({demo});
    ok = ok && opened.wait(30000);
    QApplication::processEvents();
  });
  std::printf("xsky start-up on the demo (window + first event list shown), median of 5: %.3f s "
              "(target < 1 s)%s\n", t, ok ? "" : "  [a run timed out]");
  return ok ? 0 : 1;
}
