#include "sim/ApertureStats.h"

#include <cmath>
#include <numbers>
#include <vector>

#include "sim/Optics.h"

namespace xsky::sim {

namespace {

struct GridPoint {
  Plane sky;  // sky pixel offset, arcsec
  bool xrays = false;
  bool particles = false;
};

// True when the whole disc lies on a single CCD inside the FOV. CCDs and the FOV are convex, so
// it is enough that the rim does.
bool wholeOnOneCcd(const EventListModel& m, const Plane& centre, double radius) {
  int ccd = 0;
  for (int k = 0; k < 720; ++k) {
    const double phi = 2.0 * std::numbers::pi * k / 720.0;
    const Plane det = m.rotation().toDetector(
        {centre.x + radius * std::cos(phi), centre.y + radius * std::sin(phi)});
    if (!m.geometry().inFieldOfView(det)) return false;
    const auto hit = m.geometry().locate(det);
    if (!hit || (ccd != 0 && hit->ccd != ccd)) return false;
    ccd = hit->ccd;
  }
  return true;
}

}  // namespace

ApertureStats apertureStats(const EventListModel& m, std::size_t sourceIndex, double radiusArcsec) {
  const SourceView& self = m.sources()[sourceIndex];
  const Plane c = self.sky;
  constexpr double step = 1.0;  // arcsec; each grid point stands for step^2 arcsec^2
  std::vector<GridPoint> grid;
  const int n = static_cast<int>(std::ceil(radiusArcsec / step));
  for (int i = -n; i <= n; ++i) {
    for (int j = -n; j <= n; ++j) {
      const double dx = i * step, dy = j * step;
      if (dx * dx + dy * dy > radiusArcsec * radiusArcsec) continue;
      GridPoint p;
      p.sky = {c.x + dx, c.y + dy};
      p.xrays = m.detectsXrays(p.sky);
      p.particles = m.detectsParticles(p.sky);
      grid.push_back(p);
    }
  }
  ApertureStats s;
  s.radiusArcsec = radiusArcsec;
  s.wholeOnOneCcd = wholeOnOneCcd(m, c, radiusArcsec);
  double xrayPoints = 0, particlePoints = 0;
  for (const GridPoint& p : grid) {
    xrayPoints += p.xrays ? 1 : 0;
    particlePoints += p.particles ? 1 : 0;
  }
  const double area = std::numbers::pi * radiusArcsec * radiusArcsec;  // arcsec^2
  s.onCcdFraction = s.wholeOnOneCcd ? 1.0 : xrayPoints / static_cast<double>(grid.size());
  const double particleFraction =
      s.wholeOnOneCcd ? 1.0 : particlePoints / static_cast<double>(grid.size());

  const int ccd = m.gtiCcdOf(self);
  const double livetime = m.exposure().ontime(ccd) * m.rateFactor();
  s.particleCounts = m.particles().rate() * livetime * area * particleFraction / 3600.0;
  s.cxbCounts = m.cxb().rate() * self.vignetting * livetime * area * s.onCcdFraction / 3600.0;

  for (std::size_t k = 0; k < m.sources().size(); ++k) {
    if (k == sourceIndex) continue;
    const SourceView& other = m.sources()[k];
    const KingProfile profile = other.source->extended ? other.source->shape() : psfOf(m.camera());
    double fraction = 0;
    for (const GridPoint& p : grid) {
      if (!p.xrays) continue;
      fraction += profile.density(std::hypot(p.sky.x - other.sky.x, p.sky.y - other.sky.y));
    }
    fraction *= step * step;
    if (fraction > 0) s.otherSourceCounts += m.expectedCounts(other, ccd) * fraction;
  }
  return s;
}

}  // namespace xsky::sim
