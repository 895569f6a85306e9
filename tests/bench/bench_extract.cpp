// Extraction from a 10^7-event list built from real XMM-Newton MOS1 events (make_event_list.py):
//  1. from the file: XSky reads the list and writes source and background spectra plus a 100 s
//     light curve, beside CFITSIO's row filter `fitscopy 'ev[EVENTS][regfilter("src.reg")][bin PI]'`
//     doing the source spectrum alone, and beside a plain read of the needed columns with
//     fits_read_col in chunks of fits_get_rowsize rows (the floor for any reader);
//  2. peak memory of `xsky-cli extract` beside the bytes of the columns it needs;
//  3. two observations on two cores beside one core (file in the page cache);
//  4. in memory (the GUI's live-preview case): source + background spectra and light curve of a
//     1-arcmin region through the spatial index (products/RegionQuery.h) vs a full scan;
//  5. how time grows with the number of events (10^6, 3x10^6, 10^7 rows of the same file).
// Every time is the median of 5 runs in this process; ratios are printed.
// usage: bench_extract [EVENTS.fits]

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <fitsio.h>
#include <sys/resource.h>

#include <cstdio>
#include <thread>

#include "BenchSupport.h"
#include "TestSupport.h"
#include "events/EventListReader.h"
#include "products/Extraction.h"
#include "products/RegionQuery.h"
#include "regions/RegionFileIo.h"

using namespace xsky;

namespace {

constexpr const char* kReal = "events/XGA__0201901401_mos1_exp1_clean_evts.fits";

void writeText(const QString& path, const QByteArray& text) {
  QFile f(path);
  if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) f.write(text);
}

regions::RegionSet readSet(const QString& path, const events::EventList& list) {
  const regions::ReferenceImage ref = regions::ReferenceImage::fromWcs(list.sky());
  regions::RegionReadOptions ro;
  ro.image = &ref;
  ro.keepPhysicalFrame = true;
  return regions::RegionSet::fromRegions(regions::readRegionFile(path, ro).regions);
}

// fits_read_col of the named columns, each in its own type, in chunks of fits_get_rowsize rows
// into reused buffers.
long long chunkedRead(const QString& path, const std::vector<const char*>& names) {
  fitsfile* f = nullptr;
  int status = 0;
  fits_open_table(&f, (path + QStringLiteral("[EVENTS]")).toLocal8Bit().constData(), READONLY, &status);
  long rows = 0, chunk = 0;
  fits_get_num_rows(f, &rows, &status);
  fits_get_rowsize(f, &chunk, &status);
  struct Column {
    int number = 0, type = 0;
    std::vector<char> buffer;
  };
  std::vector<Column> cols;
  for (const char* n : names) {
    Column c;
    long repeat = 0, width = 0;
    fits_get_colnum(f, CASEINSEN, const_cast<char*>(n), &c.number, &status);
    fits_get_eqcoltype(f, c.number, &c.type, &repeat, &width, &status);
    c.buffer.resize(static_cast<size_t>(chunk) * static_cast<size_t>(std::max(width, 8L)));
    cols.push_back(std::move(c));
  }
  for (long first = 1; first <= rows && status == 0; first += chunk) {
    const long n = std::min(chunk, rows - first + 1);
    for (Column& c : cols) fits_read_col(f, c.type, c.number, first, 1, n, nullptr, c.buffer.data(), nullptr, &status);
  }
  fits_close_file(f, &status);
  return status == 0 ? rows : -1;
}

long long neededColumnBytes(const QString& path, const std::vector<const char*>& names) {
  fitsfile* f = nullptr;
  int status = 0;
  fits_open_table(&f, (path + QStringLiteral("[EVENTS]")).toLocal8Bit().constData(), READONLY, &status);
  long rows = 0;
  fits_get_num_rows(f, &rows, &status);
  long long bytes = 0;
  for (const char* n : names) {
    int c = 0, type = 0;
    long repeat = 0, width = 0;
    fits_get_colnum(f, CASEINSEN, const_cast<char*>(n), &c, &status);
    fits_get_coltype(f, c, &type, &repeat, &width, &status);
    bytes += static_cast<long long>(rows) * repeat * width;
  }
  fits_close_file(f, &status);
  return bytes;
}

double runProcess(const QString& program, const QStringList& args) {
  return bench::medianSeconds(5, [&] {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(600000);
  });
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QTemporaryDir dir;
  QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
  if (path.isEmpty()) {
    const QString real = test::sharedData(QString::fromLatin1(kReal));
    if (real.isEmpty()) {
      std::fprintf(stderr, "../shared/data is absent: give an event list\n");
      return 1;
    }
    path = dir.filePath(QStringLiteral("ev10m.fits"));
    std::printf("building a 10^7-event list from %s ...\n", qPrintable(real));
    test::runPython(QStringLiteral("bench/make_event_list.py"), {real, QStringLiteral("1e7"), path}, 600000);
  }
  // A 1-arcmin source circle and a 2'-3' background annulus (physical pixels of 0.05").
  const QString src = dir.filePath(QStringLiteral("src.reg")), both = dir.filePath(QStringLiteral("sb.reg"));
  writeText(src, "physical\ncircle(26579,27568,1200)\n");
  writeText(both, "physical\ncircle(26579,27568,1200)\nannulus(26579,27568,2400,3600) # background\n");
  const std::vector<const char*> needed{"TIME", "X", "Y", "PI", "PATTERN", "FLAG", "CCDNR"};
  chunkedRead(path, needed);  // into the page cache

  // 1. From the file.
  products::ExtractionOptions options;
  options.spectrumPath = dir.filePath(QStringLiteral("s.pha"));
  options.lightCurvePath = dir.filePath(QStringLiteral("l.lc"));
  options.lightCurveBinS = 100;
  long long rows = 0, srcCounts = 0;
  double readS = 0;
  const double mine = bench::medianSeconds(5, [&] {
    QElapsedTimer t;
    t.start();
    const events::EventList list = events::readEventList(path);
    readS = t.nsecsElapsed() * 1e-9;
    rows = list.rows;
    srcCounts = products::extract(list, readSet(both, list), options).sourceCounts;
  });
  const double floor = bench::medianSeconds(5, [&] { chunkedRead(path, needed); });
  const QString fitscopy = QStringLiteral("fitscopy");
  const QString out = dir.filePath(QStringLiteral("fitscopy.fits"));
  const double row = runProcess(QStringLiteral("sh"),
                                {QStringLiteral("-c"), QStringLiteral("rm -f '%1'; %2 '%3[EVENTS][regfilter(\"%4\")][bin PI]' '%1'")
                                                           .arg(out, fitscopy, path, src)});
  std::printf("%lld events, %lld in the source circle\n", rows, srcCounts);
  std::printf("XSky read + source/background spectra + 100 s light curve: %7.3f s (read %.3f s)\n", mine, readS);
  std::printf("fitscopy regfilter, source spectrum only:                   %7.3f s\n", row);
  std::printf("fits_read_col of the needed columns in fits_get_rowsize chunks: %7.3f s\n", floor);
  std::printf("ratio fitscopy / XSky: %.2f (target >= 1.5)   XSky / chunked read: %.2f (target <= 1.3)\n", row / mine,
              mine / floor);

  // 2. Peak memory of the CLI doing the same.
  {
    QProcess p;
    p.start(QStringLiteral(XSKY_CLI), {QStringLiteral("extract"), QStringLiteral("--events"), path, QStringLiteral("--region"), both,
                                       QStringLiteral("--spectrum"), dir.filePath(QStringLiteral("cli.pha")),
                                       QStringLiteral("--lightcurve"), dir.filePath(QStringLiteral("cli.lc")),
                                       QStringLiteral("--bin"), QStringLiteral("100")});
    p.waitForFinished(600000);
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);  // the largest child so far (fitscopy is far smaller)
    const double peak = usage.ru_maxrss * 1024.0;
    const double columns = static_cast<double>(neededColumnBytes(path, needed));
    std::printf("xsky-cli extract peak memory %.0f MB; needed columns %.0f MB; ratio %.2f (target <= 1.5)\n", peak / 1e6,
                columns / 1e6, peak / columns);
  }

  // 3. Two observations on two cores.
  {
    const events::EventList a = events::readEventList(path);
    const regions::RegionSet set = readSet(both, a);
    auto one = [&](int k) {
      products::ExtractionOptions o = options;
      o.spectrumPath = dir.filePath(QStringLiteral("par%1.pha").arg(k));
      o.lightCurvePath = dir.filePath(QStringLiteral("par%1.lc").arg(k));
      products::extract(events::readEventList(path), set, o);
    };
    const double serial = bench::medianSeconds(5, [&] {
      one(0);
      one(1);
    });
    const double parallel = bench::medianSeconds(5, [&] {
      std::thread t([&] { one(2); });
      one(3);
      t.join();
    });
    std::printf("2 observations: 1 core %.3f s, 2 cores %.3f s, speed-up %.2f (target >= 1.7)\n", serial, parallel,
                serial / parallel);

    // 4. In memory, through the spatial index.
    QElapsedTimer t;
    t.start();
    const products::SpatialIndex index(a);
    const double build = t.nsecsElapsed() * 1e-9;
    products::QuickProductsOptions quick;
    quick.lightCurveBinS = 100;
    products::QuickProducts q;
    const double indexed = bench::medianSeconds(7, [&] { q = products::quickProducts(a, index, set, quick); });
    const double scanned = bench::medianSeconds(5, [&] { products::quickProducts(a, set, quick); });
    std::printf("in memory, 1' region on the cluster core, %lld events: spatial index %.2f ms (target <= 5), full scan "
                "%.1f ms, index built in %.2f s; %lld source + %lld background counts\n",
                a.rows, indexed * 1e3, scanned * 1e3, build, q.sourceCounts, q.backgroundCounts);
    // A point-source-like place 7.5' off the core: what a region usually holds.
    const QString off = dir.filePath(QStringLiteral("off.reg"));
    writeText(off, "physical\ncircle(35579,27568,1200)\nannulus(35579,27568,2400,3600) # background\n");
    const regions::RegionSet offSet = readSet(off, a);
    const double offIndexed = bench::medianSeconds(7, [&] { q = products::quickProducts(a, index, offSet, quick); });
    std::printf("in memory, 1' region 7.5' off the core: spatial index %.2f ms (target <= 5); %lld source + %lld "
                "background counts\n",
                offIndexed * 1e3, q.sourceCounts, q.backgroundCounts);
  }

  // 5. Growth with the number of events.
  for (const double n : {1e6, 3e6}) {
    const QString part = dir.filePath(QStringLiteral("ev%1.fits").arg(n, 0, 'g'));
    test::runPython(QStringLiteral("bench/make_event_list.py"), {test::sharedData(QString::fromLatin1(kReal)), QString::number(n, 'g'), part},
                    600000);
    const double s = bench::medianSeconds(5, [&] {
      const events::EventList list = events::readEventList(part);
      products::extract(list, readSet(both, list), options);
    });
    std::printf("%9.0f events: %.3f s (%.1f ns/event)\n", n, s, s / n * 1e9);
  }
  std::printf("%9lld events: %.3f s (%.1f ns/event)\n", rows, mine, mine / static_cast<double>(rows) * 1e9);
  return 0;
}
