// Live region statistics while a region is dragged over a 10^6-event list: requests come every
// 16 ms (one per frame) for 3 s as the source circle moves; each shown result is as old as the
// time since the drag position it describes was requested. The target: never older than
// 100 ms. Also prints one computation's own time (the anchor: numbers older than twice it are
// impossible with newest-wins scheduling).
// usage: bench_live_stats [EVENTS.fits]   (default: simulate a 10^6-event pn list first)

#include <QApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <map>

#include "BenchSupport.h"
#include "TestSupport.h"
#include "events/EventListReader.h"
#include "regions/LiveRegionStats.h"
#include "regions/RegionStats.h"

using namespace xsky;

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
  QTemporaryDir dir;
  if (path.isEmpty()) {
    QByteArray out, err;
    if (test::runCli({QStringLiteral("simulate"), QStringLiteral("-o"), dir.path(), QStringLiteral("--events"),
                      QStringLiteral("1e6")}, &out, &err) != 0) {
      std::fprintf(stderr, "simulate failed: %s\n", err.constData());
      return 1;
    }
    QDirIterator it(dir.path(), {QStringLiteral("pn_events.fits")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext()) found << it.next();
    found.sort();
    path = found.value(0);
  }
  auto events = std::make_shared<const events::EventList>(events::readEventList(path));
  const wcs::SkyPoint centre = *events->sky().pixelToIcrs(events->sky().referencePixel());

  regions::Region source;
  source.shape = regions::Circle{{centre.lon, centre.lat}, 40.0 / 3600};
  regions::Region background;
  background.role = regions::Role::Background;
  background.shape = regions::Annulus{{centre.lon, centre.lat}, {80.0 / 3600, 160.0 / 3600}};

  // One computation alone, for reference.
  regions::PixelFrame frame;
  frame.sky = &events->sky();
  regions::RegionSet set;
  set.source = {source};
  set.background = {background};
  const double single = bench::medianSeconds(5, [&] {
    regions::computeRegionStatistics(set, frame, events->x, events->y);
  });

  widgets::LiveRegionStats live;
  QElapsedTimer opened;
  opened.start();
  live.setEvents(events);
  // The user opens the list, then drags: the preview's spatial index is built meanwhile.
  while (!live.previewReady() && opened.elapsed() < 5000) QThread::msleep(1);
  std::printf("spatial index of the preview ready %.0f ms after the list was set\n", opened.nsecsElapsed() * 1e-6);
  QElapsedTimer clock;
  clock.start();
  std::map<quint64, double> requestedAt;
  std::vector<std::pair<double, double>> shown;  // (arrival time, request time of what it shows)
  QObject::connect(&live, &widgets::LiveRegionStats::resultReady, [&](const widgets::LiveStatsResult& r) {
    shown.emplace_back(clock.nsecsElapsed() * 1e-9, requestedAt[r.serial]);
  });
  int step = 0;
  QTimer drag;
  drag.setTimerType(Qt::PreciseTimer);
  QObject::connect(&drag, &QTimer::timeout, [&] {
    regions::Region moved = source;
    auto& c = std::get<regions::Circle>(moved.shape);
    c.centre.x += (step % 100) * 2.0 / 3600;  // 2" per frame
    ++step;
    const double now = clock.nsecsElapsed() * 1e-9;
    requestedAt[live.request({moved, background}, 0)] = now;
    if (now > 3.0) {
      drag.stop();
      QTimer::singleShot(500, &app, &QCoreApplication::quit);
    }
  });
  drag.start(16);
  app.exec();

  // The age of what is on screen peaks just before the next result replaces it.
  std::vector<double> ages;
  for (size_t i = 0; i + 1 < shown.size(); ++i) ages.push_back(shown[i + 1].first - shown[i].second);
  std::sort(ages.begin(), ages.end());
  if (ages.empty()) {
    std::printf("no results arrived\n");
    return 1;
  }
  std::printf("%lld events, %d drag steps of 16 ms, %zu results shown\n", static_cast<long long>(events->rows), step,
              shown.size());
  std::printf("one statistics computation (source + background), median of 5: %6.1f ms\n", single * 1e3);
  std::printf("age of the shown numbers while dragging: median %6.1f ms, max %6.1f ms (target: never > 100 ms)\n",
              ages[ages.size() / 2] * 1e3, ages.back() * 1e3);
  return 0;
}
