#include "wcs/CoordinateGrid.h"

#include <algorithm>
#include <cmath>

#include <QStringList>

#include "wcs/Angles.h"

namespace xsky::wcs {

namespace {

// Nice spacings in degrees: latitude-like (arcsec/arcmin/deg steps) and RA-like (time steps x15).
const std::vector<double>& degreeSteps() {
  static const std::vector<double> s = {
      1 / 3600.0,  2 / 3600.0,  5 / 3600.0,  10 / 3600.0, 15 / 3600.0, 30 / 3600.0,
      1 / 60.0,    2 / 60.0,    5 / 60.0,    10 / 60.0,   15 / 60.0,   30 / 60.0,
      1,           2,           5,           10,          15,          30,  45, 90};
  return s;
}

const std::vector<double>& hourSteps() {
  static const std::vector<double> s = {
      15 / 3600.0, 30 / 3600.0, 75 / 3600.0, 150 / 3600.0, 225 / 3600.0, 450 / 3600.0,
      15 / 60.0,   30 / 60.0,   75 / 60.0,   150 / 60.0,   225 / 60.0,   450 / 60.0,
      15,          30,          45,          90};
  return s;
}

double niceStep(double span, int target, const std::vector<double>& steps) {
  const double want = span / std::max(1, target);
  for (double s : steps) {
    if (s >= want) return s;
  }
  return steps.back();
}

// World of a pixel in the grid's frame.
std::optional<SkyPoint> worldAt(const SkyWcs& w, PixelPoint p, CelestialFrame frame) {
  const auto icrs = w.pixelToIcrs(p);
  if (!icrs) return std::nullopt;
  return fromIcrs(*icrs, frame);
}

std::optional<PixelPoint> pixelOf(const SkyWcs& w, SkyPoint s, CelestialFrame frame) {
  return w.icrsToPixel(toIcrs(s, frame));
}

QString label(bool lon, double value, double step, CelestialFrame frame) {
  if (frame == CelestialFrame::Icrs || frame == CelestialFrame::Fk5 || frame == CelestialFrame::Fk4) {
    const int decimals = 0;
    if (lon) {
      const QString hms = formatRaHms(value, decimals);  // hh:mm:ss
      const QStringList p = hms.split(QLatin1Char(':'));
      if (step >= 15.0) return p[0] + QStringLiteral("h");
      if (step >= 0.25) return p[0] + QStringLiteral("h") + p[1] + QStringLiteral("m");
      return p[0] + QStringLiteral("h") + p[1] + QStringLiteral("m") + p[2] + QStringLiteral("s");
    }
    const QString dms = formatDecDms(value, decimals);
    const QStringList p = dms.split(QLatin1Char(':'));
    if (step >= 1.0) return p[0] + QStringLiteral("°");
    if (step >= 1 / 60.0) return p[0] + QStringLiteral("°") + p[1] + QStringLiteral("'");
    return p[0] + QStringLiteral("°") + p[1] + QStringLiteral("'") + p[2] + QStringLiteral("\"");
  }
  const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step))));
  return QString::number(value, 'f', decimals) + QStringLiteral("°");
}

// Where a polyline first crosses the rectangle edge `edge` (0 bottom, 1 left), interpolated.
std::optional<PixelPoint> edgeCrossing(const std::vector<PixelPoint>& line, const PixelRect& r, int edge) {
  for (size_t k = 1; k < line.size(); ++k) {
    const PixelPoint a = line[k - 1], b = line[k];
    if (edge == 0 && (a.y - r.y0) * (b.y - r.y0) <= 0 && a.y != b.y) {
      const double t = (r.y0 - a.y) / (b.y - a.y);
      const double x = a.x + t * (b.x - a.x);
      if (x >= r.x0 && x <= r.x1) return PixelPoint{x, r.y0};
    }
    if (edge == 1 && (a.x - r.x0) * (b.x - r.x0) <= 0 && a.x != b.x) {
      const double t = (r.x0 - a.x) / (b.x - a.x);
      const double y = a.y + t * (b.y - a.y);
      if (y >= r.y0 && y <= r.y1) return PixelPoint{r.x0, y};
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<GridLine> computeGrid(const SkyWcs& wcs, const PixelRect& r, const GridOptions& o) {
  // World extent of the view from a sample of pixels, longitudes unwrapped around the centre.
  const PixelPoint mid{(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2};
  auto centre = worldAt(wcs, mid, o.frame);
  double latMin = 90, latMax = -90, lonMin = 1e9, lonMax = -1e9;
  const int n = 24;
  for (int i = 0; i <= n; ++i) {
    for (int j = 0; j <= n; ++j) {
      const auto s = worldAt(wcs, {r.x0 + (r.x1 - r.x0) * i / n, r.y0 + (r.y1 - r.y0) * j / n}, o.frame);
      if (!s) continue;
      if (!centre) centre = s;
      const double lon = centre->lon + std::remainder(s->lon - centre->lon, 360.0);
      latMin = std::min(latMin, s->lat);
      latMax = std::max(latMax, s->lat);
      lonMin = std::min(lonMin, lon);
      lonMax = std::max(lonMax, lon);
    }
  }
  if (!centre) return {};
  // A pole inside the view: every meridian passes through it.
  for (double pole : {90.0, -90.0}) {
    const auto p = pixelOf(wcs, {0, pole}, o.frame);
    if (p && r.contains(*p)) {
      (pole > 0 ? latMax : latMin) = pole;
      lonMin = 0;
      lonMax = 360;
    }
  }
  const bool hours = o.frame == CelestialFrame::Icrs || o.frame == CelestialFrame::Fk5 || o.frame == CelestialFrame::Fk4;
  const double cosLat = std::max(0.05, std::cos(std::clamp(centre->lat, -89.0, 89.0) * M_PI / 180));
  const double lonStep = niceStep((lonMax - lonMin) * cosLat, o.targetLines, hours ? hourSteps() : degreeSteps()) / cosLat;
  const double latStep = niceStep(latMax - latMin, o.targetLines, degreeSteps());
  // Snap the RA step back onto the nice list after the cos(lat) stretch.
  const double lonNice = niceStep(lonStep, 1, hours ? hourSteps() : degreeSteps());

  std::vector<GridLine> lines;
  auto trace = [&](bool constLon, double value, double from, double to) {
    GridLine line;
    line.constantLongitude = constLon;
    line.value = constLon ? std::fmod(std::fmod(value, 360.0) + 360.0, 360.0) : value;
    std::vector<PixelPoint> current;
    const double margin = std::max(r.x1 - r.x0, r.y1 - r.y0);
    for (int k = 0; k <= o.samplesPerLine; ++k) {
      const double t = from + (to - from) * k / o.samplesPerLine;
      const SkyPoint s = constLon ? SkyPoint{line.value, t} : SkyPoint{t, value};
      const auto p = pixelOf(wcs, s, o.frame);
      const bool usable = p && p->x > r.x0 - margin && p->x < r.x1 + margin && p->y > r.y0 - margin && p->y < r.y1 + margin;
      // Break at undefined points and at jumps (wrap-around on all-sky projections).
      const bool jump = usable && !current.empty() && std::hypot(p->x - current.back().x, p->y - current.back().y) > margin / 4;
      if (!usable || jump) {
        if (current.size() > 1) line.segments.push_back(current);
        current.clear();
      }
      if (usable) current.push_back(*p);
    }
    if (current.size() > 1) line.segments.push_back(current);
    if (line.segments.empty()) return;
    line.label = label(constLon, line.value, constLon ? lonNice : latStep, o.frame);
    for (const auto& seg : line.segments) {
      if (!line.labelAt) line.labelAt = edgeCrossing(seg, r, constLon ? 0 : 1);
    }
    lines.push_back(std::move(line));
  };
  const double latLo = std::max(-90.0, latMin), latHi = std::min(90.0, latMax);
  for (double lon = std::ceil(lonMin / lonNice) * lonNice; lon <= lonMax + 1e-9; lon += lonNice) {
    if (lonMax - lonMin >= 360 && lon >= 360 - 1e-9) break;
    trace(true, lon, latLo, latHi);
  }
  for (double lat = std::ceil(latMin / latStep) * latStep; lat <= latMax + 1e-9; lat += latStep) {
    if (std::abs(lat) >= 90 - 1e-9) continue;
    trace(false, lat, lonMin, lonMax);
  }
  return lines;
}

std::optional<Compass> compassAt(const SkyWcs& wcs, PixelPoint at) {
  const auto sky = wcs.pixelToIcrs(at);
  if (!sky) return std::nullopt;
  const double d = std::max(wcs.pixelScaleDeg(), 1e-9) * 10;  // ten pixels
  const double lat = std::clamp(sky->lat, -89.9, 89.9);
  const auto n = wcs.icrsToPixel({sky->lon, std::min(90.0, sky->lat + d)});
  const auto e = wcs.icrsToPixel({sky->lon + d / std::cos(lat * M_PI / 180), sky->lat});
  if (!n || !e) return std::nullopt;
  auto unit = [&at](PixelPoint p) {
    const double len = std::hypot(p.x - at.x, p.y - at.y);
    return len > 0 ? PixelPoint{(p.x - at.x) / len, (p.y - at.y) / len} : PixelPoint{0, 0};
  };
  return Compass{unit(*n), unit(*e)};
}

}  // namespace xsky::wcs
