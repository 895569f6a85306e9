#include "products/DetectorArea.h"

#include <map>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace xsky::products {

namespace {

constexpr int kBins = 1024;

double cross(double ox, double oy, double ax, double ay, double bx, double by) {
  return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
}

// Andrew's monotone chain over the points; returns the counter-clockwise hull.
CcdFootprint hullOf(int ccd, std::vector<std::pair<double, double>> p) {
  CcdFootprint f;
  f.ccd = ccd;
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  if (p.size() < 3) return f;
  std::vector<std::pair<double, double>> h(2 * p.size());
  size_t k = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross(h[k - 2].first, h[k - 2].second, h[k - 1].first, h[k - 1].second,
                           p[i].first, p[i].second) <= 0) {
      --k;
    }
    h[k++] = p[i];
  }
  for (size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(h[k - 2].first, h[k - 2].second, h[k - 1].first, h[k - 1].second,
                           p[i - 1].first, p[i - 1].second) <= 0) {
      --k;
    }
    h[k++] = p[i - 1];
  }
  h.resize(k - 1);
  f.xMin = f.yMin = std::numeric_limits<double>::max();
  f.xMax = f.yMax = std::numeric_limits<double>::lowest();
  for (const auto& [x, y] : h) {
    f.x.push_back(x);
    f.y.push_back(y);
    f.xMin = std::min(f.xMin, x);
    f.xMax = std::max(f.xMax, x);
    f.yMin = std::min(f.yMin, y);
    f.yMax = std::max(f.yMax, y);
  }
  return f;
}

}  // namespace

bool CcdFootprint::contains(double px, double py) const {
  if (x.size() < 3 || px < xMin || px > xMax || py < yMin || py > yMax) return false;
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) {
    const size_t j = i + 1 == n ? 0 : i + 1;
    if (cross(x[i], y[i], x[j], y[j], px, py) < 0) return false;
  }
  return true;
}

DetectorFootprint DetectorFootprint::fromEvents(const events::EventFilter& filter,
                                                const ProgressFn& progress) {
  const events::EventList& list = filter.list();
  if (list.x.empty() && list.rows > 0) list.sky();  // throws with the reason
  DetectorFootprint d;
  const size_t n = list.x.size();
  if (n == 0) return d;
  const auto [xlo, xhi] = std::minmax_element(list.x.begin(), list.x.end());
  const auto [ylo, yhi] = std::minmax_element(list.y.begin(), list.y.end());
  const double x0 = *xlo, y0 = *ylo;
  const double sx = kBins / std::max(1.0, static_cast<double>(*xhi) - x0 + 1.0);
  const double sy = kBins / std::max(1.0, static_cast<double>(*yhi) - y0 + 1.0);
  // Per CCD: per column the lowest/highest y, per row the lowest/highest x (and the point's
  // other coordinate).
  struct Extremes {
    std::vector<float> colLoY, colHiY, colLoX, colHiX, rowLoX, rowHiX, rowLoY, rowHiY;
    Extremes()
        : colLoY(kBins, std::numeric_limits<float>::max()),
          colHiY(kBins, std::numeric_limits<float>::lowest()),
          colLoX(kBins),
          colHiX(kBins),
          rowLoX(kBins, std::numeric_limits<float>::max()),
          rowHiX(kBins, std::numeric_limits<float>::lowest()),
          rowLoY(kBins),
          rowHiY(kBins) {}
  };
  std::map<int, Extremes> perCcd;
  Extremes* last = nullptr;
  int lastCcd = std::numeric_limits<int>::min();
  const bool haveCcd = !list.ccd.empty();
  for (size_t i = 0; i < n; ++i) {
    if ((i & 0xfffff) == 0xfffff) {
      reportProgress(progress, static_cast<double>(i) / static_cast<double>(n),
                     QStringLiteral("detector footprint"));
    }
    if (!filter.passesQuality(i)) continue;
    const int ccd = haveCcd ? list.ccd[i] : -1;
    if (ccd != lastCcd) {
      last = &perCcd[ccd];
      lastCcd = ccd;
    }
    const float x = list.x[i], y = list.y[i];
    const int c = std::clamp(static_cast<int>((x - x0) * sx), 0, kBins - 1);
    const int r = std::clamp(static_cast<int>((y - y0) * sy), 0, kBins - 1);
    if (y < last->colLoY[c]) last->colLoY[c] = y, last->colLoX[c] = x;
    if (y > last->colHiY[c]) last->colHiY[c] = y, last->colHiX[c] = x;
    if (x < last->rowLoX[r]) last->rowLoX[r] = x, last->rowLoY[r] = y;
    if (x > last->rowHiX[r]) last->rowHiX[r] = x, last->rowHiY[r] = y;
  }
  for (const auto& [ccd, e] : perCcd) {
    std::vector<std::pair<double, double>> pts;
    for (int b = 0; b < kBins; ++b) {
      if (e.colLoY[b] <= e.colHiY[b]) {
        pts.emplace_back(e.colLoX[b], e.colLoY[b]);
        pts.emplace_back(e.colHiX[b], e.colHiY[b]);
      }
      if (e.rowLoX[b] <= e.rowHiX[b]) {
        pts.emplace_back(e.rowLoX[b], e.rowLoY[b]);
        pts.emplace_back(e.rowHiX[b], e.rowHiY[b]);
      }
    }
    CcdFootprint f = hullOf(ccd, std::move(pts));
    if (f.x.size() >= 3) d.ccds_.push_back(std::move(f));
  }
  reportProgress(progress, 1.0, QStringLiteral("detector footprint"));
  return d;
}

std::optional<int> DetectorFootprint::ccdAt(double x, double y) const {
  for (const CcdFootprint& f : ccds_) {
    if (f.contains(x, y)) return f.ccd;
  }
  return std::nullopt;
}

int AreaOnDetector::mainCcd() const {
  int best = -1;
  double most = 0;
  for (const auto& [ccd, a] : perCcd) {
    if (a > most) most = a, best = ccd;
  }
  return best;
}

AreaOnDetector areaOnDetector(const regions::ProjectedArea& area,
                              const DetectorFootprint& footprint, const events::EventFilter& filter,
                              int resolution) {
  AreaOnDetector out;
  if (area.empty()) return out;
  const regions::Bounds b = area.bounds();
  const double w = b.xMax - b.xMin, h = b.yMax - b.yMin;
  const double step = std::max(w, h) / std::max(resolution, 1);
  if (!(step > 0)) return out;
  const int nx = std::max(1, static_cast<int>(std::ceil(w / step)));
  const int ny = std::max(1, static_cast<int>(std::ceil(h / step)));
  std::vector<float> xs(static_cast<size_t>(nx)), ys(static_cast<size_t>(nx));
  std::vector<uint8_t> inside(static_cast<size_t>(nx));
  const double cell = step * step;
  std::map<int, bool> goodTime;
  for (int j = 0; j < ny; ++j) {
    const double y = b.yMin + (j + 0.5) * step;
    for (int i = 0; i < nx; ++i) {
      xs[static_cast<size_t>(i)] = static_cast<float>(b.xMin + (i + 0.5) * step);
      ys[static_cast<size_t>(i)] = static_cast<float>(y);
    }
    area.mask(xs, ys, inside);
    for (int i = 0; i < nx; ++i) {
      if (!inside[static_cast<size_t>(i)]) continue;
      out.regionArea += cell;
      const auto ccd = footprint.ccdAt(xs[static_cast<size_t>(i)], y);
      if (!ccd) continue;
      out.onCcdArea += cell;
      // A CCD without good time saw nothing (decided once per CCD: GTI lists can be long).
      auto known = goodTime.find(*ccd);
      if (known == goodTime.end()) {
        const events::GtiList* gti = filter.gtiFor(*ccd);
        known = goodTime.emplace(*ccd, !(gti && gti->total() <= 0)).first;
      }
      if (!known->second) continue;
      out.exposedArea += cell;
      out.perCcd[*ccd] += cell;
    }
  }
  return out;
}

double regionExposure(const AreaOnDetector& area, const events::EventFilter& filter) {
  const events::EventList& list = filter.list();
  if (!filter.filtersTime()) {
    return list.exposure.value_or(std::max(0.0, list.tstop - list.tstart));
  }
  if (area.exposedArea <= 0) return 0;
  double sum = 0;
  for (const auto& [ccd, a] : area.perCcd) sum += a * filter.gtiFor(ccd)->total();
  return sum / area.exposedArea;
}

events::GtiList regionGti(const AreaOnDetector& area, const events::EventFilter& filter) {
  if (!filter.filtersTime()) {
    const events::EventList& list = filter.list();
    return events::GtiList({{list.tstart, list.tstop}});
  }
  return *filter.gtiFor(area.mainCcd());
}

}  // namespace xsky::products
