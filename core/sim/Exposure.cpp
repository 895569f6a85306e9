#include "sim/Exposure.h"

#include <QCryptographicHash>

#include <algorithm>

#include "sim/CameraGeometry.h"
#include "sim/Random.h"

namespace xsky::sim {

namespace {

// A seed-independent generator per (observation, camera, CCD): stable across seeds and runs.
std::uint64_t layoutSeed(const QString& obsId, Camera camera, int ccd) {
  const QByteArray key =
      (obsId + QLatin1Char('/') + cameraKey(camera) + QLatin1Char('/') + QString::number(ccd))
          .toLatin1();
  const QByteArray h = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
  std::uint64_t seed = 0;
  for (int i = 0; i < 8; ++i) seed = (seed << 8) | static_cast<unsigned char>(h[i]);
  return seed;
}

}  // namespace

std::vector<Interval> subtractIntervals(Interval span, std::vector<Interval> cuts) {
  std::sort(cuts.begin(), cuts.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::vector<Interval> out;
  double cursor = span.start;
  for (const Interval& c : cuts) {
    if (c.stop <= cursor) continue;
    if (c.start >= span.stop) break;
    if (c.start > cursor) out.push_back({cursor, c.start});
    cursor = std::max(cursor, c.stop);
  }
  if (cursor < span.stop) out.push_back({cursor, span.stop});
  return out;
}

CameraExposure::CameraExposure(const Observation& observation, Camera camera)
    : camera_(camera),
      tstart_(observation.cameraStart(camera)),
      tstop_(observation.cameraStop(camera)) {
  for (const CcdLayout& ccd : CameraGeometry::of(camera).ccds()) {
    Rng rng(layoutSeed(observation.obsId, camera, ccd.ccd));
    const double delay = isMos(camera) ? 0.3 * (ccd.ccd - 1) : 0.0;
    std::vector<Interval> cuts;
    for (const Interval& f : observation.flaresRemoved) {
      cuts.push_back({f.start + rng.uniform(-40.0, 40.0), f.stop + rng.uniform(-40.0, 40.0)});
    }
    const int dropouts = static_cast<int>(rng.below(3));
    for (int i = 0; i < dropouts; ++i) {
      const double at = rng.uniform(tstart_ + 500.0, tstop_ - 500.0);
      cuts.push_back({at, at + rng.uniform(20.0, 90.0)});
    }
    gtis_[ccd.ccd] = subtractIntervals({tstart_ + delay, tstop_}, cuts);
  }
}

bool CameraExposure::inGti(int ccd, double t) const {
  const std::vector<Interval>& g = gtis_.at(ccd);
  auto it = std::upper_bound(g.begin(), g.end(), t,
                             [](double v, const Interval& i) { return v < i.start; });
  return it != g.begin() && t < std::prev(it)->stop;
}

double CameraExposure::ontime(int ccd) const {
  double sum = 0;
  for (const Interval& i : gtis_.at(ccd)) sum += i.stop - i.start;
  return sum;
}

double CameraExposure::livetime(int ccd) const {
  return ontime(ccd) * CameraGeometry::of(camera_).liveFraction();
}

std::vector<Interval> CameraExposure::unionOfGtis() const {
  std::vector<Interval> all;
  for (const auto& [ccd, g] : gtis_) all.insert(all.end(), g.begin(), g.end());
  std::sort(all.begin(), all.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::vector<Interval> out;
  for (const Interval& i : all) {
    if (!out.empty() && i.start <= out.back().stop) {
      out.back().stop = std::max(out.back().stop, i.stop);
    } else {
      out.push_back(i);
    }
  }
  return out;
}

}  // namespace xsky::sim
