// xsky: the desktop application. `xsky [FILE|DIR...]` opens those, else the bundled demo sky.

#include <QApplication>
#include <QCommandLineParser>

#include "gui/MainWindow.h"
#include "gui/SessionKeeper.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("XSky"));
  QApplication::setApplicationName(QStringLiteral("xsky"));
  QApplication::setApplicationDisplayName(QStringLiteral("XSky"));
  QApplication::setApplicationVersion(QStringLiteral(XSKY_VERSION));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/xsky/icons/xsky.svg")));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("XSky: the X-ray astronomer's desktop workbench."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("paths"), QStringLiteral("FITS files or folders to open."),
                               QStringLiteral("[FILE|DIR...]"));
  parser.process(app);

  xsky::app::MainWindow window;
  window.show();
  window.sessions()->offerRecovery();  // after a crash: restore the autosaved work?
  const QStringList paths = parser.positionalArguments();
  if (paths.isEmpty()) {
    window.openDemo();
  } else {
    window.openPaths(paths);
  }
  return QApplication::exec();
}
