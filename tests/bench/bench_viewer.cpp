// The viewer beside SAOImage DS9 8.4.1 on the same files (../shared/peers/ds9-timing/make_data.py:
// 4096^2 and 8192^2 float32 images, a 10^7-event list). DS9's figures come from
// run_ds9_timing.sh (SAMP round trips, from which the measured no-op round trip is subtracted);
// XSky's are in-process medians of 5 runs: the same work the SkyView's render worker does (read,
// limits, colour table, render of a 1600x1000 view; the GUI thread then only blits), and the
// whole widget path (request -> frame on screen) for pan steps. Peak memory is each phase's own
// process's maximum resident set, against the size of the data it opened.
// usage: bench_viewer DATA_DIR DS9_TIMING.json       (tests/bench/bench_viewer.sh runs both sides)
//        bench_viewer --phase image|events FILE     (one phase; prints JSON; used by the above)

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>

#include <sys/resource.h>

#include <cstdio>

#include "BenchSupport.h"
#include "events/EventListReader.h"
#include "imaging/ColorLut.h"
#include "imaging/EventBinning.h"
#include "imaging/SkyImageLoader.h"
#include "imaging/ViewRenderer.h"
#include "sky/SkyView.h"

using namespace xsky;

namespace {

constexpr int kViewW = 1600, kViewH = 1000;

double maxRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

imaging::ViewGeometry fitView(const imaging::Image2D& img) {
  imaging::ViewGeometry v;
  v.width = kViewW;
  v.height = kViewH;
  v.zoom = std::min(kViewW / double(img.width), kViewH / double(img.height));
  v.centreX = 0.5 + img.width / 2.0;
  v.centreY = 0.5 + img.height / 2.0;
  return v;
}

/// Limits + colour table + render of one view: what the render worker does on a display change.
void drawView(const imaging::Image2D& img, const imaging::DisplaySettings& s, const imaging::ViewGeometry& v,
              std::vector<uint32_t>& out) {
  const imaging::ColorLut lut(s, imaging::computeLimits(img, s), img);
  imaging::renderView(img, lut, v, 0xff202020u, out.data());
}

QJsonObject imagePhase(const QString& path) {
  QJsonObject r;
  std::vector<uint32_t> out(static_cast<size_t>(kViewW) * kViewH);
  imaging::DisplaySettings linear;
  r[QStringLiteral("load_render")] = bench::medianSeconds(5, [&] {
    const imaging::LoadedSkyImage loaded = imaging::loadSkyImage(path);
    drawView(*loaded.image, linear, fitView(*loaded.image), out);
  });
  const imaging::LoadedSkyImage loaded = imaging::loadSkyImage(path);
  const imaging::Image2D& img = *loaded.image;
  const imaging::ViewGeometry fit = fitView(img);
  struct Case {
    const char* key;
    imaging::ScaleFunction scale;
    imaging::LimitMode limits;
    QString cmap;
  };
  const Case cases[] = {
      {"scale_minmax_linear", imaging::ScaleFunction::Linear, imaging::LimitMode::MinMax, QStringLiteral("gray")},
      {"scale_zscale", imaging::ScaleFunction::Linear, imaging::LimitMode::ZScale, QStringLiteral("gray")},
      {"scale_995_log", imaging::ScaleFunction::Log, imaging::LimitMode::Percentile, QStringLiteral("gray")},
      {"scale_histequ", imaging::ScaleFunction::HistEqu, imaging::LimitMode::MinMax, QStringLiteral("gray")},
      {"scale_asinh", imaging::ScaleFunction::Asinh, imaging::LimitMode::MinMax, QStringLiteral("gray")},
      {"cmap_change", imaging::ScaleFunction::Linear, imaging::LimitMode::MinMax, QStringLiteral("heat")},
  };
  for (const Case& c : cases) {
    imaging::DisplaySettings s;
    s.scale = c.scale;
    s.limits = c.limits;
    s.percentile = 99.5;
    s.colormap = c.cmap;
    r[QString::fromLatin1(c.key)] = bench::medianSeconds(5, [&] { drawView(img, s, fit, out); });
  }
  // Zoom and pan re-render with the same colour table (limits unchanged).
  const imaging::ColorLut lut(linear, imaging::computeLimits(img, linear), img);
  imaging::ViewGeometry one = fit;
  one.zoom = 1;
  r[QStringLiteral("zoom_to_1")] = bench::medianSeconds(5, [&] { imaging::renderView(img, lut, one, 0, out.data()); });
  r[QStringLiteral("zoom_to_fit")] = bench::medianSeconds(5, [&] { imaging::renderView(img, lut, fit, 0, out.data()); });
  int step = 0;
  imaging::ViewGeometry pan = one;
  r[QStringLiteral("pan_zoom1")] = bench::medianSeconds(20, [&] {
    pan.centreX = img.width / 2.0 + (step - 10) * 37;
    pan.centreY = img.height / 2.0 + (step++ - 10) * 23;
    imaging::renderView(img, lut, pan, 0, out.data());
  });
  pan.zoom = 4;
  step = 0;
  r[QStringLiteral("pan_zoom4")] = bench::medianSeconds(20, [&] {
    pan.centreX = img.width / 2.0 + (step - 10) * 7;
    pan.centreY = img.height / 2.0 + (step++ - 10) * 5;
    imaging::renderView(img, lut, pan, 0, out.data());
  });

  // The widget path: a pan step requested on the GUI thread until its frame is on screen.
  widgets::SkyView view;
  view.resize(kViewW, kViewH);
  view.show();
  auto shared = std::make_shared<const imaging::Image2D>(img);
  QSignalSpy rendered(&view, &widgets::SkyView::frameRendered);
  view.setImage(shared);
  while (!view.isFrameCurrent()) rendered.wait(10000);
  view.setView(view.centre(), 1.0);
  while (!view.isFrameCurrent()) rendered.wait(10000);
  std::vector<double> frameTimes;
  for (int i = 0; i < 21; ++i) {
    QElapsedTimer t;
    t.start();
    view.panByScreen(37, 23);
    while (!view.isFrameCurrent()) rendered.wait(10000);
    view.repaint();
    frameTimes.push_back(t.nsecsElapsed() * 1e-9);
  }
  std::sort(frameTimes.begin(), frameTimes.end());
  r[QStringLiteral("widget_pan_step")] = frameTimes[frameTimes.size() / 2];
  return r;
}

QJsonObject eventsPhase(const QString& path) {
  QJsonObject r;
  // As DS9 was driven: bin buffer 1024, factor 1, about the centre of the X/Y range (TLMIN/TLMAX).
  imaging::BinningSpec spec;
  spec.binFactor = 1;
  spec.width = spec.height = 1024;
  spec.centre = wcs::PixelPoint{4096.5, 4096.5};
  double counted = 0;
  r[QStringLiteral("load_bin_1024")] = bench::medianSeconds(5, [&] {
    const events::EventList ev = events::readEventList(path);
    const imaging::Image2D img = imaging::binEvents(ev, spec);
    counted = 0;
    for (float p : img.pixels) counted += p;
  });
  r[QStringLiteral("counts_in_1024")] = counted;
  const events::EventList ev = events::readEventList(path);
  r[QStringLiteral("events")] = static_cast<double>(ev.rows);
  r[QStringLiteral("rebin_1024")] = bench::medianSeconds(5, [&] { imaging::binEvents(ev, spec); });
  imaging::BinningSpec eight = spec;
  eight.binFactor = 8;
  r[QStringLiteral("rebin_factor8")] = bench::medianSeconds(5, [&] { imaging::binEvents(ev, eight); });
  imaging::BinningSpec filtered = spec;
  filtered.energyMin = 501;  // PI > 500 (integer PI)
  r[QStringLiteral("filter_pi_gt_500")] = bench::medianSeconds(5, [&] { imaging::binEvents(ev, filtered); });
  return r;
}

// Memory as the application uses it: open the file once and show it in a SkyView (1600x1000).
QJsonObject openPhase(const QString& path) {
  QJsonObject r;
  widgets::SkyView view;
  view.resize(kViewW, kViewH);
  view.show();
  QSignalSpy rendered(&view, &widgets::SkyView::frameRendered);
  view.setImage(std::make_shared<const imaging::Image2D>(*std::make_shared<imaging::Image2D>()));
  QCoreApplication::processEvents();
  const double baseline = maxRssMiB();
  const imaging::LoadedSkyImage loaded = imaging::loadSkyImage(path);
  view.setImage(loaded.image);
  while (!view.isFrameCurrent()) rendered.wait(10000);
  view.repaint();
  r[QStringLiteral("baseline_rss_mib")] = baseline;
  return r;
}

int runPhase(const QString& phase, const QString& path) {
  QJsonObject r = phase == QLatin1String("image") ? imagePhase(path)
                  : phase == QLatin1String("open") ? openPhase(path)
                                                   : eventsPhase(path);
  r[QStringLiteral("max_rss_mib")] = maxRssMiB();
  r[QStringLiteral("file_mib")] = QFileInfo(path).size() / 1048576.0;
  std::printf("%s\n", QJsonDocument(r).toJson(QJsonDocument::Compact).constData());
  return 0;
}

QJsonObject childPhase(const QString& phase, const QString& path) {
  QProcess p;
  p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
  p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--phase"), phase, path});
  if (!p.waitForFinished(900000) || p.exitCode() != 0) {
    std::fprintf(stderr, "phase %s %s failed\n", qPrintable(phase), qPrintable(path));
    return {};
  }
  return QJsonDocument::fromJson(p.readAllStandardOutput().trimmed().split('\n').last()).object();
}

/// DS9's median for an operation label (SAMP no-op round trip subtracted), or -1.
double ds9Figure(const QJsonArray& ds9, const QString& op, double noop, const QString& key = QStringLiteral("median_s")) {
  for (const QJsonValue& v : ds9) {
    const QJsonObject o = v.toObject();
    if (o[QStringLiteral("op")].toString() == op && o.contains(key)) {
      return std::max(0.0, o[key].toDouble() - noop);
    }
  }
  return -1;
}

void row(const char* what, double xsky, double ds9, const char* target) {
  if (ds9 > 0) {
    std::printf("%-44s %9.1f ms %9.1f ms %7.1fx   %s\n", what, xsky * 1e3, ds9 * 1e3, ds9 / xsky, target);
  } else {
    std::printf("%-44s %9.1f ms %12s %8s   %s\n", what, xsky * 1e3, "-", "-", target);
  }
}

/// Peak resident memory above the process's own before the file was opened, against the file.
void memoryRow(const char* what, const QJsonObject& m) {
  const double peak = m[QStringLiteral("max_rss_mib")].toDouble(), base = m[QStringLiteral("baseline_rss_mib")].toDouble();
  const double file = m[QStringLiteral("file_mib")].toDouble();
  std::printf("%-44s %6.0f MiB above the %.0f MiB process before it, for %.0f MiB of data: %.2fx (target <= 1.5x)\n", what,
              peak - base, base, file, file > 0 ? (peak - base) / file : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const QStringList args = QCoreApplication::arguments();
  if (args.size() == 4 && args[1] == QLatin1String("--phase")) return runPhase(args[2], args[3]);
  if (args.size() != 3) {
    std::fprintf(stderr, "usage: bench_viewer DATA_DIR DS9_TIMING.json\n");
    return 2;
  }
  const QString data = args[1];
  QFile f(args[2]);
  QJsonArray ds9;
  if (f.open(QIODevice::ReadOnly)) ds9 = QJsonDocument::fromJson(f.readAll()).array();
  if (ds9.isEmpty()) std::fprintf(stderr, "no DS9 figures in %s: XSky's alone\n", qPrintable(args[2]));
  const double noop = std::max(0.0, ds9Figure(ds9, QStringLiteral("noop update now"), 0));
  std::printf("DS9 8.4.1 over SAMP, no-op round trip %.1f ms subtracted from its figures; XSky view %dx%d.\n",
              noop * 1e3, kViewW, kViewH);
  std::printf("%-44s %12s %12s %8s   %s\n", "operation", "XSky", "DS9", "DS9/XSky", "target");
  bool ok = true;
  for (const int n : {4096, 8192}) {
    const QString file = QStringLiteral("%1/img%2.fits").arg(data).arg(n);
    const QJsonObject x = childPhase(QStringLiteral("image"), file);
    if (x.isEmpty()) {
      ok = false;
      continue;
    }
    const QString pre = QStringLiteral("%1: ").arg(n);
    auto d = [&](const char* op) { return ds9Figure(ds9, pre + QString::fromLatin1(op), noop); };
    const double load = ds9Figure(ds9, QStringLiteral("load %1x%1 float32 (%2 MiB) + render").arg(n).arg(n * n * 4 / 1048576), noop);
    row(qPrintable(QStringLiteral("%1^2 load + first render").arg(n)), x[QStringLiteral("load_render")].toDouble(), load, ">= 2x");
    const std::pair<const char*, const char*> ops[] = {
        {"scale_minmax_linear", "scale minmax linear"}, {"scale_zscale", "scale zscale"},
        {"scale_995_log", "scale 99.5 + log"},          {"scale_histequ", "scale histequ"},
        {"scale_asinh", "scale asinh"},                 {"cmap_change", "cmap change"},
        {"zoom_to_fit", "zoom to fit"},                 {"zoom_to_1", "zoom 1"}};
    for (const auto& [key, op] : ops) {
      row(qPrintable(QStringLiteral("%1^2 %2").arg(n).arg(QString::fromLatin1(op))), x[QString::fromLatin1(key)].toDouble(),
          d(op), "<= 10 ms");
    }
    const double panDs9 = ds9Figure(ds9, pre + QStringLiteral("20 pans at zoom 1 (1024x1024 frame)"), noop, QStringLiteral("per_pan_s"));
    row(qPrintable(QStringLiteral("%1^2 pan step, zoom 1 (render)").arg(n)), x[QStringLiteral("pan_zoom1")].toDouble(), panDs9, "<= 10 ms");
    row(qPrintable(QStringLiteral("%1^2 pan step, zoom 1 (widget, on screen)").arg(n)),
        x[QStringLiteral("widget_pan_step")].toDouble(), panDs9, "60 fps: <= 16.7 ms");
    row(qPrintable(QStringLiteral("%1^2 pan step, zoom 4 (render)").arg(n)), x[QStringLiteral("pan_zoom4")].toDouble(),
        ds9Figure(ds9, pre + QStringLiteral("20 pans at zoom 4"), noop, QStringLiteral("per_pan_s")), "<= 10 ms");
    memoryRow(qPrintable(QStringLiteral("%1^2 opened and shown: peak memory").arg(n)), childPhase(QStringLiteral("open"), file));
  }
  const QJsonObject e = childPhase(QStringLiteral("events"), data + QStringLiteral("/evt10M.fits"));
  if (e.isEmpty()) {
    ok = false;
  } else {
    row("10M events: load + bin 1024^2 (factor 1)", e[QStringLiteral("load_bin_1024")].toDouble(),
        ds9Figure(ds9, QStringLiteral("events: load 10M-event table, bin 1024 buffer, factor 1"), noop), ">= 2x");
    row("10M events: re-bin factor 8 (1024^2)", e[QStringLiteral("rebin_factor8")].toDouble(),
        ds9Figure(ds9, QStringLiteral("events: rebin factor 8 (bin to 1024 of 8192 sky)"), noop), "");
    row("10M events: filter PI > 500 (1024^2)", e[QStringLiteral("filter_pi_gt_500")].toDouble(),
        ds9Figure(ds9, QStringLiteral("events: filter 'PI > 500' (1024 buffer)"), noop), ">= 3x");
    memoryRow("10M events opened and shown: peak memory", childPhase(QStringLiteral("open"), data + QStringLiteral("/evt10M.fits")));
    std::printf("(counts in the 1024^2 buffer: %.0f of %.0f events)\n", e[QStringLiteral("counts_in_1024")].toDouble(),
                e[QStringLiteral("events")].toDouble());
  }
  return ok ? 0 : 1;
}
