#include "sim/EventSimulator.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "sim/Optics.h"

namespace xsky::sim {

struct EventSimulator::Component {
  enum class Type { Source, Cxb, Particle };
  Type type = Type::Source;
  const SourceView* view = nullptr;
  double peakFactor = 1;  // largest time-profile factor during the exposure
  double peakRate = 0;    // candidates/s
};

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Cumulative PATTERN class probabilities: single, double, triple, quadruple, invalid.
struct PatternTable {
  double cumulative[5];
};
constexpr PatternTable kPnPatterns{{0.700, 0.955, 0.980, 0.992, 1.0}};
constexpr PatternTable kMosPatterns{{0.760, 0.965, 0.977, 0.987, 1.0}};

std::uint8_t samplePattern(const PatternTable& table, Rng& rng) {
  const double u = rng.uniform();
  const double v = rng.uniform();  // picks the pattern within its class
  if (u < table.cumulative[0]) return 0;
  if (u < table.cumulative[1]) return static_cast<std::uint8_t>(1 + static_cast<int>(v * 4));
  if (u < table.cumulative[2]) return static_cast<std::uint8_t>(5 + static_cast<int>(v * 4));
  if (u < table.cumulative[3]) return static_cast<std::uint8_t>(9 + static_cast<int>(v * 4));
  return static_cast<std::uint8_t>(13 + static_cast<int>(v * 19));
}

Plane randomOffset(double radius, Rng& rng) {
  const double phi = kTwoPi * rng.uniform();
  return {radius * std::cos(phi), radius * std::sin(phi)};
}

}  // namespace

EventSimulator::EventSimulator(const EventListModel& model)
    : model_(model), sigmas_(sigmaTable(model.response())) {
  const CameraGeometry& geo = model.geometry();
  const CameraExposure& exposure = model.exposure();
  for (const SourceView& v : model.sources()) {
    if (!(v.rate > 0)) continue;
    Component c;
    c.view = &v;
    c.peakFactor = v.source->time.maxFactor(exposure.tstart(), exposure.tstop());
    c.peakRate = v.rate * c.peakFactor;
    components_.push_back(c);
  }
  const double fov = geo.fovRadiusArcsec();
  Component cxb;
  cxb.type = Component::Type::Cxb;
  cxb.peakRate = model.cxb().rate() * model.rateFactor() * std::numbers::pi * fov * fov / 3600.0;
  components_.push_back(cxb);
  Component particles;
  particles.type = Component::Type::Particle;
  particles.peakRate = model.particles().rate() * model.rateFactor() * (geo.maxX() - geo.minX()) *
                       (geo.maxY() - geo.minY()) / 3600.0;
  components_.push_back(particles);
  double total = 0;
  for (const Component& c : components_) cumulative_.push_back(total += c.peakRate);
}

EventSimulator::~EventSimulator() = default;

const EventSimulator::Component& EventSimulator::pick(Rng& rng) const {
  const auto it =
      std::upper_bound(cumulative_.begin(), cumulative_.end(), rng.uniform() * cumulative_.back());
  const auto k = std::min<std::ptrdiff_t>(it - cumulative_.begin(), std::ssize(components_) - 1);
  return components_[static_cast<std::size_t>(k)];
}

void EventSimulator::follow(double t, Rng& rng, EventChunk& chunk) const {
  const CameraGeometry& geo = model_.geometry();
  const CameraExposure& exposure = model_.exposure();
  const Component& c = pick(rng);
  Plane det;
  bool xray = true;
  const EnergySampler* energies = nullptr;
  switch (c.type) {
    case Component::Type::Source: {
      const Source& src = *c.view->source;
      if (c.peakFactor > 1.0 && rng.uniform() * c.peakFactor >= src.time.factor(t)) return;
      Plane sky = c.view->sky;
      if (src.extended) {
        const Plane o = randomOffset(src.shape().sampleRadius(rng), rng);
        sky = {sky.x + o.x, sky.y + o.y};
      }
      const Plane p = randomOffset(psfOf(model_.camera()).sampleRadius(rng), rng);
      det = model_.rotation().toDetector({sky.x + p.x, sky.y + p.y});
      energies = &c.view->energies;
      break;
    }
    case Component::Type::Cxb:
      det = randomOffset(geo.fovRadiusArcsec() * std::sqrt(rng.uniform()), rng);
      if (rng.uniform() >= vignetting(std::hypot(det.x, det.y) / 60.0)) return;
      energies = &model_.cxb();
      break;
    case Component::Type::Particle:
      det = {rng.uniform(geo.minX(), geo.maxX()), rng.uniform(geo.minY(), geo.maxY())};
      xray = false;
      energies = &model_.particles();
      break;
  }
  const bool inFov = geo.inFieldOfView(det);
  if (xray && !inFov) return;
  const std::optional<CcdHit> hit = geo.locate(det);
  if (!hit) return;
  const double frame = geo.frameTime();
  const double time =
      exposure.tstart() + (std::floor((t - exposure.tstart()) / frame) + 0.5) * frame;
  if (!exposure.inGti(hit->ccd, time)) return;

  int bin = 0;
  const double energy = energies->sampleEnergy(rng, &bin);
  const int pi = measuredPi(energy, sigmas_[static_cast<std::size_t>(bin)], rng);
  const Plane sky = model_.rotation().toSky(det);
  chunk.time.push_back(time);
  chunk.rawx.push_back(static_cast<std::int16_t>(hit->rawx));
  chunk.rawy.push_back(static_cast<std::int16_t>(hit->rawy));
  chunk.detx.push_back(static_cast<std::int16_t>(std::lround(det.x / kSkyPixelArcsec)));
  chunk.dety.push_back(static_cast<std::int16_t>(std::lround(det.y / kSkyPixelArcsec)));
  chunk.x.push_back(static_cast<std::int32_t>(std::lround(kSkyRefPixel + sky.x / kSkyPixelArcsec)));
  chunk.y.push_back(static_cast<std::int32_t>(std::lround(kSkyRefPixel + sky.y / kSkyPixelArcsec)));
  chunk.pha.push_back(
      static_cast<std::int16_t>(std::min(4095.0, std::floor(pi / geo.gainEvPerAdu(hit->ccd)))));
  chunk.pi.push_back(static_cast<std::int16_t>(pi));
  chunk.flag.push_back(geo.flagFor(*hit, inFov));
  chunk.pattern.push_back(samplePattern(isMos(model_.camera()) ? kMosPatterns : kPnPatterns, rng));
  chunk.ccdnr.push_back(static_cast<std::uint8_t>(hit->ccd));
}

long long EventSimulator::run(Rng& rng, std::size_t chunkRows, const Sink& sink,
                              const Progress& progress) {
  const CameraExposure& exposure = model_.exposure();
  const double total = cumulative_.back();
  const double span = exposure.tstop() - exposure.tstart();
  EventChunk chunk;
  long long written = 0, candidates = 0;
  const auto flush = [&] {
    written += static_cast<long long>(chunk.size());
    sink(chunk);
    chunk.clear();
  };
  for (const Interval& interval : exposure.unionOfGtis()) {
    for (double t = interval.start + rng.exponential(total); t < interval.stop;
         t += rng.exponential(total)) {
      if (progress && (++candidates & 0xffff) == 0) progress((t - exposure.tstart()) / span);
      follow(t, rng, chunk);
      if (chunk.size() >= chunkRows) flush();
    }
  }
  if (chunk.size() > 0) flush();
  if (progress) progress(1.0);
  return written;
}

}  // namespace xsky::sim
