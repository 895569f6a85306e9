// The observation index benchmark (issue 5, "Speed and memory"): a synthetic archive of 14,000
// pointings x 3 cameras (pn, MOS1, MOS2) = 42,000 footprints of 30-arcmin fields with CCD gaps at
// order 14, spread over 1,200 deg², written to an SQLite index; then
//   - the in-memory index built from the database (target <= 5 s) and its memory (<= 500 MB),
//   - the median query time for a 1-arcmin circle and a 10-vertex polygon (target <= 1 ms),
//   - the anchor: every footprint checked with HEALPix C++'s own Moc<int64>::op_and in the same
//     run (target: XSky >= 100x faster), and that both give the same observations,
//   - query time at 4,200 / 42,000 / 420,000 footprints over the same 1,200 deg².
//
// Synthetic footprints: each field is drawn directly on the HEALPix grid of base face 4 (around
// RA 0, Dec 0 where the order-14 cells are near-square, 12.9 arcsec): a disc of radius 15 arcmin
// minus CCD gaps 20 arcsec wide (pn: 2 rows of 6 CCDs; MOS: a central CCD and six around it),
// rotated by a random position angle (MOS2 at +90 deg from MOS1). A cell belongs to the field when
// its centre does. The quadtree descent emits the NESTED ranges in order.
//
// Usage: bench_moc_index [--quick]   (--quick skips the 420,000 case)

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <healpix_cxx/healpix_base.h>
#include <healpix_cxx/moc.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "BenchSupport.h"
#include "archive/FootprintBlob.h"
#include "archive/FootprintIndex.h"
#include "archive/ObservationIndex.h"

namespace {

using xsky::moc::Range;
namespace archive = xsky::archive;

constexpr int kOrder = 14;
constexpr int kFace = 4;
constexpr double kCellArcsec = 12.8838;  // sqrt(4 pi / (12 4^14)) rad
constexpr double kFieldRadius = 15.0 * 60.0 / kCellArcsec;  // cells
constexpr double kGapHalfWidth = 10.0 / kCellArcsec;
constexpr double kAreaSideCells = 34.641 * 3600.0 / kCellArcsec;  // sqrt(1200 deg²)

uint64_t spread(uint64_t v) {
  v &= 0xffffffff;
  v = (v | (v << 16)) & 0x0000ffff0000ffffULL;
  v = (v | (v << 8)) & 0x00ff00ff00ff00ffULL;
  v = (v | (v << 4)) & 0x0f0f0f0f0f0f0f0fULL;
  v = (v | (v << 2)) & 0x3333333333333333ULL;
  v = (v | (v << 1)) & 0x5555555555555555ULL;
  return v;
}

// A CCD gap: the band |u - offset| <= w (u along `angle`), limited to lo <= v <= hi across it.
struct Gap {
  double nx, ny;  // unit normal (u direction)
  double offset, lo, hi;
};

struct Field {
  double cx, cy;
  std::vector<Gap> gaps;
};

Field makeField(double cx, double cy, double paDeg, bool pn) {
  Field f{cx, cy, {}};
  const double a = paDeg * M_PI / 180.0;
  const double c = std::cos(a), s = std::sin(a);
  const auto gap = [&](bool vertical, double offsetArcmin, double loArcmin, double hiArcmin) {
    const double scale = 60.0 / kCellArcsec;
    // vertical: u = x' (normal along the rotated x axis); else u = y'.
    Gap g{vertical ? c : -s, vertical ? s : c, offsetArcmin * scale, loArcmin * scale, hiArcmin * scale};
    f.gaps.push_back(g);
  };
  if (pn) {  // 2 rows of 6 CCDs, 4.4' x 13.6'
    gap(false, 0.0, -20, 20);
    for (int k = -2; k <= 2; ++k) gap(true, 4.4 * k, -20, 20);
  } else {  // a central 10.9' CCD, three columns, outer ones split in three
    gap(true, -5.45, -20, 20);
    gap(true, 5.45, -20, 20);
    gap(false, -5.45, -20, -5.45);
    gap(false, 5.45, -20, -5.45);
    gap(false, -5.45, 5.45, 20);
    gap(false, 5.45, 5.45, 20);
    gap(false, 0.0, 5.45, 20);
    gap(false, 0.0, -20, -5.45);
  }
  return f;
}

// -1: the node is outside the field; +1: wholly inside; 0: partly.
int classify(const Field& f, double x0, double y0, double size) {
  const double dx = std::max({x0 - f.cx, 0.0, f.cx - (x0 + size)});
  const double dy = std::max({y0 - f.cy, 0.0, f.cy - (y0 + size)});
  const double r2 = kFieldRadius * kFieldRadius;
  if (dx * dx + dy * dy > r2) return -1;
  bool inside = true;
  for (double cx : {x0, x0 + size})
    for (double cy : {y0, y0 + size})
      if ((cx - f.cx) * (cx - f.cx) + (cy - f.cy) * (cy - f.cy) > r2) inside = false;
  for (const Gap& g : f.gaps) {
    double umin = 1e300, umax = -1e300, vmin = 1e300, vmax = -1e300;
    for (double cx : {x0, x0 + size}) {
      for (double cy : {y0, y0 + size}) {
        const double px = cx - f.cx, py = cy - f.cy;
        const double u = g.nx * px + g.ny * py, v = -g.ny * px + g.nx * py;
        umin = std::min(umin, u);
        umax = std::max(umax, u);
        vmin = std::min(vmin, v);
        vmax = std::max(vmax, v);
      }
    }
    const bool misses = umax < g.offset - kGapHalfWidth || umin > g.offset + kGapHalfWidth ||
                        vmax < g.lo || vmin > g.hi;
    if (misses) continue;
    const bool within = umin >= g.offset - kGapHalfWidth && umax <= g.offset + kGapHalfWidth &&
                        vmin >= g.lo && vmax <= g.hi;
    if (within) return -1;
    inside = false;
  }
  return inside ? 1 : 0;
}

bool centreInside(const Field& f, double x, double y) {
  const double px = x - f.cx, py = y - f.cy;
  if (px * px + py * py > kFieldRadius * kFieldRadius) return false;
  for (const Gap& g : f.gaps) {
    const double u = g.nx * px + g.ny * py, v = -g.ny * px + g.nx * py;
    if (std::abs(u - g.offset) <= kGapHalfWidth && v >= g.lo && v <= g.hi) return false;
  }
  return true;
}

void addRange(std::vector<Range>* out, uint64_t first, uint64_t last) {
  if (!out->empty() && out->back().last == first) {
    out->back().last = last;
  } else {
    out->push_back({first, last});
  }
}

// Ranges at order 14 in face-local cell units (face offset added by the caller).
void descend(const Field& f, int order, uint64_t x, uint64_t y, std::vector<Range>* out) {
  const uint64_t size = uint64_t(1) << (kOrder - order);
  const int c = classify(f, double(x), double(y), double(size));
  if (c < 0) return;
  const uint64_t first = spread(x) | (spread(y) << 1);
  if (c > 0) {
    addRange(out, first, first + size * size);
    return;
  }
  if (order == kOrder) {
    if (centreInside(f, double(x) + 0.5, double(y) + 0.5)) addRange(out, first, first + 1);
    return;
  }
  const uint64_t half = size / 2;
  descend(f, order + 1, x, y, out);
  descend(f, order + 1, x + half, y, out);
  descend(f, order + 1, x, y + half, out);
  descend(f, order + 1, x + half, y + half, out);
}

std::vector<Range> footprint(const Field& f) {
  std::vector<Range> local;
  descend(f, 0, 0, 0, &local);
  const int shift = 2 * (29 - kOrder);
  const uint64_t face = uint64_t(kFace) << (2 * kOrder);
  for (Range& r : local) r = {(face + r.first) << shift, (face + r.last) << shift};
  return local;
}

struct Archive {
  std::vector<archive::ObservationRecord> records;
  std::vector<QByteArray> blobs;
  size_t ranges = 0;
};

Archive makeArchive(int pointings, unsigned seed) {
  Archive a;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> pos(0.5 * ((1 << kOrder) - kAreaSideCells),
                                             0.5 * ((1 << kOrder) + kAreaSideCells));
  std::uniform_real_distribution<double> angle(0, 360), mjd(51600, 60000), expo(5e3, 1.2e5);
  const char* cameras[] = {"EPN", "EMOS1", "EMOS2"};
  for (int p = 0; p < pointings; ++p) {
    const double cx = pos(rng), cy = pos(rng), pa = angle(rng), start = mjd(rng), exposure = expo(rng);
    for (int cam = 0; cam < 3; ++cam) {
      const Field f = makeField(cx, cy, pa + (cam == 2 ? 90.0 : 0.0), cam == 0);
      const std::vector<Range> ranges = footprint(f);
      a.ranges += ranges.size();
      archive::ObservationRecord r;
      r.obsId = QStringLiteral("%1").arg(100000000 + p, 10, 10, QLatin1Char('0'));
      r.mission = QStringLiteral("XMM");
      r.instrument = QString::fromLatin1(cameras[cam]);
      r.target = QStringLiteral("SYNTH-%1").arg(p);
      r.mjdStart = start;
      r.mjdEnd = start + exposure / 86400.0;
      r.exposure = exposure;
      r.location = QStringLiteral("synthetic://%1/%2").arg(r.obsId, r.instrument);
      r.footprintOrder = kOrder;
      a.blobs.push_back(archive::encodeFootprint(ranges, kOrder));
      a.records.push_back(std::move(r));
    }
  }
  return a;
}

std::vector<Range> rangesOf(const rangeset<int64>& rs, int order) {
  std::vector<Range> out;
  const int shift = 2 * (29 - order);
  for (tsize i = 0; i < rs.nranges(); ++i) {
    out.push_back({uint64_t(rs.ivbegin(i)) << shift, uint64_t(rs.ivend(i)) << shift});
  }
  return out;
}

// Query regions at order 16 (3.2 arcsec), centred on random cells of the area.
struct Regions {
  std::vector<std::vector<Range>> circles, polygons;
};

Regions makeRegions(int count, unsigned seed) {
  Regions q;
  T_Healpix_Base<int64> grid(kOrder, NEST);
  T_Healpix_Base<int64> fine(16, NEST);
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> cell(int(0.5 * ((1 << kOrder) - kAreaSideCells)),
                                          int(0.5 * ((1 << kOrder) + kAreaSideCells)));
  const double arcmin = M_PI / (180.0 * 60.0);
  for (int i = 0; i < count; ++i) {
    const uint64_t x = uint64_t(cell(rng)), y = uint64_t(cell(rng));
    const auto ipix = int64((uint64_t(kFace) << (2 * kOrder)) + (spread(x) | (spread(y) << 1)));
    const pointing centre = grid.pix2ang(ipix);
    rangeset<int64> rs;
    fine.query_disc(centre, 0.5 * arcmin, rs);  // 1-arcmin circle
    q.circles.push_back(rangesOf(rs, 16));
    std::vector<pointing> vertices;
    for (int k = 0; k < 10; ++k) {  // a convex 10-gon of radius 3 arcmin
      const double t = 2 * M_PI * k / 10.0;
      vertices.emplace_back(centre.theta + 3 * arcmin * std::sin(t),
                            centre.phi + 3 * arcmin * std::cos(t) / std::sin(centre.theta));
    }
    fine.query_polygon(vertices, rs);
    q.polygons.push_back(rangesOf(rs, 16));
  }
  return q;
}

long residentBytes() {
  QFile f(QStringLiteral("/proc/self/statm"));
  if (!f.open(QIODevice::ReadOnly)) return 0;
  const QList<QByteArray> parts = f.readAll().split(' ');
  return parts.size() > 1 ? parts[1].toLong() * 4096 : 0;
}

double medianQuery(const archive::FootprintIndex& index, const std::vector<std::vector<Range>>& regions,
                   double* meanHits) {
  size_t next = 0, hits = 0;
  const double t = xsky::bench::medianSeconds(static_cast<int>(regions.size()), [&] {
    hits += index.query(regions[next++ % regions.size()]).size();
  });
  *meanHits = static_cast<double>(hits) / static_cast<double>(regions.size());
  return t;
}

void storeArchive(archive::ObservationIndex& db, Archive& a) {
  constexpr size_t kBatch = 2000;
  for (size_t i = 0; i < a.records.size(); i += kBatch) {
    const size_t n = std::min(kBatch, a.records.size() - i);
    std::vector<archive::ObservationRecord> records(a.records.begin() + long(i), a.records.begin() + long(i + n));
    std::vector<QByteArray> blobs(a.blobs.begin() + long(i), a.blobs.begin() + long(i + n));
    db.storeEncoded(records, blobs);
  }
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const bool quick = app.arguments().contains(QStringLiteral("--quick"));
  QTemporaryDir dir;
  const Regions regions = makeRegions(1001, 7);
  std::printf("synthetic archive: 3 cameras per pointing, 30' fields with 20\" CCD gaps at order %d, "
              "over 1,200 deg² of HEALPix face %d\n", kOrder, kFace);
  std::printf("queries: 1001 1-arcmin circles and 1001 10-vertex polygons (r = 3'), order 16, random centres\n\n");

  // --- the 42,000-footprint archive through the database, and the anchor ---
  QElapsedTimer t;
  t.start();
  Archive a = makeArchive(14000, 1);
  std::printf("42,000 footprints generated in %.1f s: %.0f ranges per footprint, blobs %.1f MB\n",
              t.nsecsElapsed() * 1e-9, double(a.ranges) / double(a.records.size()),
              [&] { double b = 0; for (auto& x : a.blobs) b += x.size(); return b / 1e6; }());
  const QString dbPath = dir.filePath(QStringLiteral("index42k.sqlite"));
  {
    archive::ObservationIndex db(dbPath);
    t.restart();
    storeArchive(db, a);
    std::printf("written to SQLite in %.1f s (%.1f MB with its WAL)\n", t.nsecsElapsed() * 1e-9,
                double(QFileInfo(dbPath).size() + QFileInfo(dbPath + QStringLiteral("-wal")).size()) / 1e6);
  }
  const long rssBefore = residentBytes();
  archive::ObservationIndex db(dbPath, {.readOnly = true});
  t.restart();
  const archive::FootprintIndex index = archive::FootprintIndex::fromDatabase(db);
  const double buildSeconds = t.nsecsElapsed() * 1e-9;
  const long rssAfter = residentBytes();
  std::printf("index build from the database: %.2f s (target <= 5 s)\n", buildSeconds);
  std::printf("index memory: %.1f MB counted, %.1f MB resident growth (target <= 500 MB)\n\n",
              double(index.memoryBytes()) / 1e6, double(rssAfter - rssBefore) / 1e6);

  // Anchor: HEALPix C++ Moc<int64> for every footprint, op_and with the query.
  std::vector<Moc<int64>> anchorMocs;
  anchorMocs.reserve(a.blobs.size());
  for (const QByteArray& blob : a.blobs) {
    Moc<int64> moc;
    for (const Range& r : archive::decodeFootprintRanges(blob.constData(), size_t(blob.size()), nullptr)) {
      moc.appendPixelRange(29, int64(r.first), int64(r.last));
    }
    anchorMocs.push_back(std::move(moc));
  }
  const auto anchorQuery = [&](const std::vector<Range>& region) {
    Moc<int64> q;
    for (const Range& r : region) q.appendPixelRange(29, int64(r.first), int64(r.last));
    std::vector<uint32_t> hits;
    for (size_t i = 0; i < anchorMocs.size(); ++i) {
      if (anchorMocs[i].op_and(q).Rs().nranges() > 0) hits.push_back(uint32_t(i));
    }
    return hits;
  };
  int agree = 0, checked = 0;
  for (const auto* set : {&regions.circles, &regions.polygons}) {
    for (size_t i = 0; i < 20; ++i) {
      std::vector<uint32_t> ours;
      for (const auto& h : index.query((*set)[i])) ours.push_back(h.entry);
      agree += ours == anchorQuery((*set)[i]) ? 1 : 0;
      ++checked;
    }
  }
  std::printf("same observations as the anchor: %d of %d queries\n", agree, checked);
  for (int kind = 0; kind < 2; ++kind) {
    const auto& set = kind == 0 ? regions.circles : regions.polygons;
    double hits = 0;
    const double ours = medianQuery(index, set, &hits);
    size_t next = 0;
    const double anchor = xsky::bench::medianSeconds(15, [&] { anchorQuery(set[next++]); });
    std::printf("%-20s XSky median %8.1f us (mean %.1f hits)   HEALPix C++ Moc op_and over all: "
                "%8.1f ms   ratio %.0fx (targets <= 1 ms, >= 100x)\n",
                kind == 0 ? "1' circle:" : "10-vertex polygon:", ours * 1e6, hits, anchor * 1e3,
                anchor / ours);
  }
  anchorMocs.clear();
  anchorMocs.shrink_to_fit();

  // --- scaling ---
  std::printf("\nquery time vs archive size (same 1,200 deg²: density grows with size):\n");
  for (int pointings : {1400, 14000, 140000}) {
    if (pointings == 140000 && quick) break;
    const archive::FootprintIndex* use = &index;
    archive::FootprintIndex other;
    QString how = QStringLiteral("from the database");
    if (pointings == 1400) {
      Archive small = makeArchive(pointings, 2);
      const QString path = dir.filePath(QStringLiteral("index4k.sqlite"));
      {
        archive::ObservationIndex smallDb(path);
        storeArchive(smallDb, small);
      }
      archive::ObservationIndex smallDb(path, {.readOnly = true});
      other = archive::FootprintIndex::fromDatabase(smallDb);
      use = &other;
    } else if (pointings == 140000) {
      a = Archive();  // free the 42k blobs first
      t.restart();
      archive::FootprintIndex::Builder builder;
      std::mt19937_64 seeds(3);
      for (int part = 0; part < 10; ++part) {  // generated in parts to bound memory
        Archive chunk = makeArchive(pointings / 10, unsigned(seeds()));
        for (size_t i = 0; i < chunk.records.size(); ++i) builder.add(std::move(chunk.records[i]), chunk.blobs[i]);
      }
      other = std::move(builder).build();
      use = &other;
      how = QStringLiteral("built in memory, not through the database (%1 s to generate and build)")
                .arg(t.nsecsElapsed() * 1e-9, 0, 'f', 0);
    }
    double hc = 0, hp = 0;
    const double c = medianQuery(*use, regions.circles, &hc);
    const double p = medianQuery(*use, regions.polygons, &hp);
    std::printf("  %7zu footprints: circle %7.1f us (%.1f hits), polygon %7.1f us (%.1f hits), "
                "memory %.0f MB  [%s]\n",
                use->size(), c * 1e6, hc, p * 1e6, hp, double(use->memoryBytes()) / 1e6, qPrintable(how));
  }
  return 0;
}
