// Region containment on 10 million events: XSky's projected regions vs NumPy doing the same tests
// on the same float32 arrays (anchor_region_contains.py), median of 7 runs each, one core.
// The events are the real XMM-Newton MOS1 list of ../shared/data (0201901401, 22,124 events)
// tiled 452 times with a +-2 pixel (0.1") dither, so the sky keeps its sources; the regions sit on
// its brightest source: a 1' circle, a 50-vertex polygon, and a 2'-4' background annulus with 5
// excluded 15" circles (a few per cent of the events fall inside each).
// usage: bench_region_contains [EVENTS.fits]

#include <QCoreApplication>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <map>
#include <cstdio>
#include <numbers>
#include <random>

#include "BenchSupport.h"
#include "TestSupport.h"
#include "events/EventListReader.h"
#include "regions/ProjectedRegion.h"

using namespace xsky;
using namespace xsky::regions;

namespace {

constexpr size_t kEvents = 10'000'000;

Region skyRegion(Shape s, bool include = true) {
  Region r;
  r.shape = std::move(s);
  r.frame = Frame::Sky;
  r.include = include;
  return r;
}

// The point `arcsec` away from `c` towards position angle `pa` (degrees east of north), small offsets.
Vec2 offset(Vec2 c, double paDeg, double arcsec) {
  const double d = arcsec / 3600.0, pa = paDeg * std::numbers::pi / 180.0;
  return {c.x + d * std::sin(pa) / std::cos(c.y * std::numbers::pi / 180.0), c.y + d * std::cos(pa)};
}

bool writeFloats(const QString& path, const std::vector<float>& v) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return false;
  return f.write(reinterpret_cast<const char*>(v.data()), static_cast<qint64>(v.size() * sizeof(float))) ==
         static_cast<qint64>(v.size() * sizeof(float));
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                : test::sharedData(QStringLiteral("events/XGA__0201901401_mos1_exp1_clean_evts.fits"));
  if (path.isEmpty() || !QFile::exists(path)) {
    std::fprintf(stderr, "bench_region_contains: the MOS event list is absent (../shared/data)\n");
    return 1;
  }
  const events::EventList ev = events::readEventList(path);
  const wcs::SkyWcs& sky = ev.sky();

  // Tile the real events to 10^7 with a small dither (deterministic).
  std::vector<float> x(kEvents), y(kEvents);
  std::mt19937 rng(20240611);
  std::uniform_real_distribution<float> dither(-2.0f, 2.0f);
  for (size_t i = 0; i < kEvents; ++i) {
    const size_t k = i % ev.x.size();
    x[i] = ev.x[k] + dither(rng);
    y[i] = ev.y[k] + dither(rng);
  }

  // The brightest source: the densest 80-pixel cell, refined by its mean.
  std::vector<std::pair<int, int>> cells;
  std::map<std::pair<int, int>, int> histogram;
  for (size_t k = 0; k < ev.x.size(); ++k) ++histogram[{static_cast<int>(ev.x[k] / 80), static_cast<int>(ev.y[k] / 80)}];
  auto best = std::max_element(histogram.begin(), histogram.end(), [](auto& a, auto& b) { return a.second < b.second; });
  double sx = 0, sy = 0, n = 0;
  for (size_t k = 0; k < ev.x.size(); ++k) {
    if (std::hypot(ev.x[k] - (best->first.first + 0.5) * 80, ev.y[k] - (best->first.second + 0.5) * 80) < 300) {
      sx += ev.x[k];
      sy += ev.y[k];
      ++n;
    }
  }
  const auto centreSky = sky.pixelToIcrs({sx / n, sy / n});
  const Vec2 c{centreSky->lon, centreSky->lat};

  // The three region sets, and their pixel geometry for the NumPy anchor.
  struct Case {
    const char* name;
    RegionSet set;
    QJsonObject anchor;
  };
  std::vector<Case> cases;
  auto pix = [&](Vec2 p) {
    const auto q = sky.icrsToPixel({p.x, p.y});
    return QJsonArray{q->x, q->y};
  };
  const double pxPerArcsec = 1.0 / (sky.pixelScaleDeg() * 3600.0);
  {
    Case k{"1' circle", {}, {}};
    k.set.source.push_back(skyRegion(Circle{c, 1.0 / 60}));
    k.anchor = {{QStringLiteral("kind"), QStringLiteral("circle")}, {QStringLiteral("centre"), pix(c)},
                {QStringLiteral("radius"), 60 * pxPerArcsec}};
    cases.push_back(std::move(k));
  }
  {
    Case k{"50-vertex polygon", {}, {}};
    Polygon poly;
    QJsonArray vertices;
    for (int i = 0; i < 50; ++i) {
      const double r = 70 + 25 * std::sin(3 * 2 * std::numbers::pi * i / 50);  // arcsec, a rounded star
      poly.vertices.push_back(offset(c, 360.0 * i / 50, r));
      vertices.append(pix(poly.vertices.back()));
    }
    k.set.source.push_back(skyRegion(poly));
    k.anchor = {{QStringLiteral("kind"), QStringLiteral("polygon")}, {QStringLiteral("vertices"), vertices}};
    cases.push_back(std::move(k));
  }
  {
    Case k{"annulus + 5 exclusions", {}, {}};
    k.set.source.push_back(skyRegion(Annulus{c, {2.0 / 60, 4.0 / 60}}));
    QJsonArray holes;
    for (int i = 0; i < 5; ++i) {
      const Vec2 h = offset(c, 20 + 72.0 * i, 150 + 12 * i);
      k.set.sourceExclusions.push_back(skyRegion(Circle{h, 15.0 / 3600}, false));
      holes.append(QJsonObject{{QStringLiteral("centre"), pix(h)}, {QStringLiteral("radius"), 15 * pxPerArcsec}});
    }
    k.anchor = {{QStringLiteral("kind"), QStringLiteral("annulus")}, {QStringLiteral("centre"), pix(c)},
                {QStringLiteral("radii"), QJsonArray{120 * pxPerArcsec, 240 * pxPerArcsec}},
                {QStringLiteral("exclude"), holes}};
    cases.push_back(std::move(k));
  }

  QTemporaryDir dir;
  const QString xPath = dir.filePath(QStringLiteral("x.f32")), yPath = dir.filePath(QStringLiteral("y.f32"));
  QJsonArray anchorCases;
  for (const Case& k : cases) anchorCases.append(k.anchor);
  const QString casesPath = dir.filePath(QStringLiteral("cases.json"));
  QFile cf(casesPath);
  if (!writeFloats(xPath, x) || !writeFloats(yPath, y) || !cf.open(QIODevice::WriteOnly)) {
    std::fprintf(stderr, "bench_region_contains: cannot write the arrays to %s\n", qPrintable(dir.path()));
    return 1;
  }
  cf.write(QJsonDocument(anchorCases).toJson());
  cf.close();

  std::vector<uint8_t> mask(kEvents);
  std::vector<double> mine;
  std::vector<size_t> inside;
  for (const Case& k : cases) {
    const ProjectedRegionSet p = project(k.set, {&sky, Frame::Physical});
    mine.push_back(bench::medianSeconds(7, [&] { p.source.mask(x, y, mask); }));
    size_t count = 0;
    for (uint8_t m : mask) count += m;
    inside.push_back(count);
  }
  const QByteArray anchor = test::runPython(QStringLiteral("bench/anchor_region_contains.py"),
                                            {xPath, yPath, casesPath}, 600000);
  const QJsonArray theirs = QJsonDocument::fromJson(anchor).array();

  std::printf("containment of %zu events (%s tiled), mask output, median of 7 runs, one core\n", kEvents,
              qPrintable(QFileInfo(path).fileName()));
  std::printf("%-24s %10s %10s %8s %12s %12s\n", "regions", "XSky ms", "NumPy ms", "ratio", "inside", "NumPy inside");
  for (size_t i = 0; i < cases.size(); ++i) {
    const QJsonObject t = theirs.at(static_cast<qsizetype>(i)).toObject();
    const double np = t.value(QStringLiteral("seconds")).toDouble();
    std::printf("%-24s %10.2f %10.2f %8.1f %12zu %12lld\n", cases[i].name, mine[i] * 1e3, np * 1e3,
                mine[i] > 0 ? np / mine[i] : 0.0, inside[i],
                static_cast<long long>(t.value(QStringLiteral("inside")).toDouble()));
  }
  return 0;
}
