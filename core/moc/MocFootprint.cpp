#include "moc/MocFootprint.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include <healpix_base.h>
#include <pointing.h>

#include "events/EventListReader.h"
#include "fits/FitsFile.h"
#include "moc/MocBuilders.h"
#include "moc/RangeAlgebra.h"

namespace xsky::moc {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr int kFlagOutOfFov = 0x10000;

struct P {
  double x, y;
};

double cross(P o, P a, P b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

/// Andrew's monotone chain; counter-clockwise, no collinear points.
std::vector<P> convexHull(std::vector<P> pts) {
  std::sort(pts.begin(), pts.end(), [](P a, P b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  pts.erase(std::unique(pts.begin(), pts.end(), [](P a, P b) { return a.x == b.x && a.y == b.y; }),
            pts.end());
  if (pts.size() < 3) return {};
  std::vector<P> hull(2 * pts.size());
  size_t k = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
    hull[k++] = pts[i];
  }
  for (size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i - 1]) <= 0) --k;
    hull[k++] = pts[i - 1];
  }
  hull.resize(k - 1);
  return hull;
}

/// Drops hull vertices closer than `tolerance` to the chord of their neighbours (cuts corners by
/// at most that much), so that nearly collinear runs do not reach HEALPix's convexity test.
std::vector<P> simplifyHull(std::vector<P> hull, double tolerance) {
  bool changed = true;
  while (changed && hull.size() > 3) {
    changed = false;
    for (size_t i = 0; i < hull.size() && hull.size() > 3;) {
      const P& a = hull[(i + hull.size() - 1) % hull.size()];
      const P& b = hull[(i + 1) % hull.size()];
      const double chord = std::hypot(b.x - a.x, b.y - a.y);
      if (chord > 0 && cross(a, hull[i], b) / chord < tolerance) {
        hull.erase(hull.begin() + long(i));
        changed = true;
      } else {
        ++i;
      }
    }
  }
  return hull;
}

double cellSteradians(int order) { return 4.0 * std::numbers::pi / (12.0 * std::pow(4.0, order)); }

uint64_t cellOf(const Healpix_Base2& base, wcs::SkyPoint p) {
  return uint64_t(base.ang2pix(pointing((90.0 - p.lat) * kDeg, p.lon * kDeg)));
}

}  // namespace

SpaceMoc eventListFootprint(const events::EventList& ev, const FootprintOptions& options,
                            const ProgressFn& progress) {
  const wcs::SkyWcs sky = ev.sky();  // a copy: WCSLIB keeps scratch state
  const bool xmm = ev.telescope.contains(QLatin1String("XMM"), Qt::CaseInsensitive);
  const bool useFlag = options.dropOutOfFov && xmm && ev.flag.size() == ev.x.size();
  const bool haveCcd = ev.ccd.size() == ev.x.size();

  std::map<int, std::vector<P>> perCcd;
  std::vector<uint32_t> selected;
  for (size_t i = 0; i < ev.x.size() && i < ev.y.size(); ++i) {
    if (!std::isfinite(ev.x[i]) || !std::isfinite(ev.y[i])) continue;
    if (useFlag && (ev.flag[i] & kFlagOutOfFov) != 0) continue;
    perCcd[haveCcd ? ev.ccd[i] : 0].push_back({ev.x[i], ev.y[i]});
    selected.push_back(uint32_t(i));
  }
  reportProgress(progress, 0.1, QStringLiteral("CCD outlines"));

  // A twentieth of a cell, in sky pixels.
  const double tolerancePixels =
      std::sqrt(cellSteradians(options.order)) / kDeg / 20.0 / std::max(sky.pixelScaleDeg(), 1e-12);
  SpaceMoc hulls = SpaceMoc::fromRanges({}, options.order);
  for (auto& [ccd, pts] : perCcd) {
    if (static_cast<long long>(pts.size()) < options.minEventsPerCcd) continue;
    const std::vector<P> hull = simplifyHull(convexHull(std::move(pts)), tolerancePixels);
    if (hull.size() < 3) continue;
    std::vector<wcs::SkyPoint> vertices;
    for (const P& p : hull) {
      const auto s = sky.pixelToIcrs({p.x, p.y});
      if (!s) throw Error(QStringLiteral("%1: CCD %2 outline is off the sky projection").arg(ev.path).arg(ccd));
      vertices.push_back(*s);
    }
    hulls = hulls.unionWith(polygonMoc(vertices, options.order));
  }
  if (hulls.empty())
    throw Error(QStringLiteral("%1: no CCD has enough events on the sky for a footprint").arg(ev.path));
  reportProgress(progress, 0.3, QStringLiteral("holes"));

  // Holes: the coarsest useful order where a cell expects minExpectedPerCell events.
  const double density = double(selected.size()) / hulls.areaSteradians();
  int coarse = -1;
  for (int o = options.order; o >= 0; --o) {
    if (density * cellSteradians(o) >= options.minExpectedPerCell) {
      coarse = o;
      break;
    }
  }
  if (coarse < 0) return hulls;
  // Coarse cells wholly inside the hulls.
  const int shift = 2 * (kMaxSpaceOrder - coarse);
  const uint64_t size = uint64_t(1) << shift;
  std::vector<Range> interior;
  for (const Range& r : hulls.ranges()) {
    const uint64_t first = (r.first + size - 1) >> shift, last = r.last >> shift;
    if (first < last) interior.push_back({first, last});
  }
  if (interior.empty()) return hulls;
  const Healpix_Base2 base(coarse, NEST);
  std::vector<uint64_t> occupied;
  occupied.reserve(selected.size() / 8 + 16);
  for (size_t k = 0; k < selected.size(); ++k) {
    if ((k & 0xFFFFF) == 0)
      reportProgress(progress, 0.3 + 0.65 * double(k) / double(selected.size()), QStringLiteral("holes"));
    const uint32_t i = selected[k];
    const auto s = sky.pixelToIcrs({ev.x[i], ev.y[i]});
    if (s) occupied.push_back(cellOf(base, *s));
  }
  std::sort(occupied.begin(), occupied.end());
  occupied.erase(std::unique(occupied.begin(), occupied.end()), occupied.end());
  std::vector<uint64_t> holes;
  for (const Range& r : interior)
    for (uint64_t c = r.first; c < r.last; ++c)
      if (!std::binary_search(occupied.begin(), occupied.end(), c)) holes.push_back(c);
  reportProgress(progress, 1.0, QStringLiteral("footprint"));
  if (holes.empty()) return hulls;
  return hulls.difference(SpaceMoc::fromCells(coarse, holes).degraded(options.order));
}

SpaceMoc imageFootprint(const imaging::Image2D& image, double threshold, int order) {
  if (!image.wcs) throw Error(QStringLiteral("image %1 has no sky WCS: no footprint").arg(image.title));
  if (order < 0 || order > kMaxSpaceOrder)
    throw Error(QStringLiteral("MOC order %1 is outside 0..29").arg(order));
  const wcs::SkyWcs w = *image.wcs;
  const double cellDeg = std::sqrt(cellSteradians(order)) / kDeg;
  const int k = std::clamp(int(std::ceil(2.0 * w.pixelScaleDeg() / cellDeg)), 1, 64);
  const Healpix_Base2 base(order, NEST);
  std::vector<uint64_t> cells;
  for (int j = 0; j < image.height; ++j) {
    for (int i = 0; i < image.width; ++i) {
      const float v = image.at(i, j);
      if (!(v > threshold)) continue;
      for (int a = 0; a < k; ++a) {
        for (int b = 0; b < k; ++b) {
          // FITS pixel (i+1, j+1) spans [i+0.5, i+1.5); sample centres of a k x k grid.
          const double x = i + 0.5 + (a + 0.5) / k, y = j + 0.5 + (b + 0.5) / k;
          if (const auto s = w.pixelToIcrs({x, y})) cells.push_back(cellOf(base, *s));
        }
      }
    }
    if (cells.size() > (size_t(1) << 24)) {
      std::sort(cells.begin(), cells.end());
      cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    }
  }
  return SpaceMoc::fromCells(order, cells);
}

SpaceMoc fileFootprint(const QString& path, int order, const ProgressFn& progress) {
  bool isEvents = false;
  {
    fits::FitsFile file = fits::FitsFile::open(path);
    isEvents = events::findEventsHdu(file) > 0;
  }
  if (isEvents) {
    FootprintOptions options;
    options.order = order;
    return eventListFootprint(events::readEventList(path), options, progress);
  }
  return imageFootprint(imaging::readFitsImage(path), 0.0, order);
}

}  // namespace xsky::moc
