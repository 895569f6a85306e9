// Reading an event list into memory: XSky's columnar reader vs astropy.io.fits reading the same
// columns (TIME, X, Y, PI, PATTERN, FLAG, CCDNR) of the same file, median of 5 runs each.
// usage: bench_read_events [EVENTS.fits]   (default: simulate a 10^7-event pn list first)

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>

#include <cstdio>

#include "BenchSupport.h"
#include "TestSupport.h"
#include "events/EventListReader.h"

using namespace xsky;

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
  QTemporaryDir dir;
  if (path.isEmpty()) {
    QByteArray out, err;
    std::printf("simulating a 10^7-event list ...\n");
    if (test::runCli({QStringLiteral("simulate"), QStringLiteral("-o"), dir.path(), QStringLiteral("--events"),
                      QStringLiteral("1e7"), QStringLiteral("--json")}, &out, &err) != 0) {
      std::fprintf(stderr, "simulate failed: %s\n", err.constData());
      return 1;
    }
    QDirIterator it(dir.path(), {QStringLiteral("pn_events.fits")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext()) found << it.next();
    found.sort();
    path = found.value(0);
  }
  long long rows = 0;
  const double mine = bench::medianSeconds(5, [&] { rows = events::readEventList(path).rows; });
  const QByteArray anchor = test::runPython(QStringLiteral("bench/anchor_read_events.py"), {path}, 600000);
  const double theirs = anchor.trimmed().toDouble();
  std::printf("read %lld events from %s\n", rows, qPrintable(path));
  std::printf("XSky readEventList   median of 5: %8.3f s\n", mine);
  std::printf("astropy.io.fits      median of 5: %8.3f s\n", theirs);
  std::printf("ratio astropy / XSky: %.2f\n", theirs > 0 ? theirs / mine : 0.0);
  return 0;
}
