#include "sim/EventListModel.h"

#include <cmath>

#include "sim/Optics.h"

namespace xsky::sim {

namespace {

EnergySampler particleSampler(const BackgroundModel& b, Camera camera) {
  const double rate = isMos(camera) ? b.particleRateMos : b.particleRatePn;
  const std::vector<BackgroundLine> lines = particleLines(camera);
  double lineShare = 0;
  for (const BackgroundLine& l : lines) lineShare += l.share;
  std::vector<double> bins =
      EnergySampler::binRates([&](double e) { return std::pow(e, -b.particleSlope); });
  double continuum = 0;
  for (double v : bins) continuum += v;
  for (double& v : bins) v *= rate * (1.0 - lineShare) / continuum;
  for (const BackgroundLine& l : lines) {
    const int bin = static_cast<int>((l.energyKeV - AnalyticResponse::kGridMinKeV) * 1000.0 /
                                     AnalyticResponse::kGridStepEv);
    bins[static_cast<size_t>(bin)] += rate * l.share;
  }
  return EnergySampler(bins);
}

}  // namespace

EventListModel::EventListModel(const FieldModel& field, const Observation& observation,
                               Camera camera, double rateScale)
    : field_(&field),
      observation_(&observation),
      camera_(camera),
      scale_(rateScale),
      response_(camera),
      exposure_(observation, camera),
      rotation_(observation.paPnt + CameraGeometry::of(camera).angleOffsetDeg()),
      cxb_(EnergySampler::forSpectrum(field.background.cxb, response_)),
      particles_(particleSampler(field.background, camera)) {
  for (const Source& src : field.sources) {
    SourceView v;
    v.source = &src;
    v.sky =
        skyOffsetFromStandard(toStandard(observation.raPnt, observation.decPnt, src.ra, src.dec));
    v.det = rotation_.toDetector(v.sky);
    v.offAxisArcmin = std::hypot(v.det.x, v.det.y) / 60.0;
    v.vignetting = vignetting(v.offAxisArcmin);
    if (geometry().inFieldOfView(v.det)) {
      if (auto hit = geometry().locate(v.det)) v.ccd = hit->ccd;
    }
    v.energies = EnergySampler::forSpectrum(src.spectrum, response_);
    v.rate = v.energies.rate() * v.vignetting * rateFactor();
    sources_.push_back(std::move(v));
  }
}

double EventListModel::detectorAngleDeg() const {
  return observation_->paPnt + geometry().angleOffsetDeg();
}

double EventListModel::rateFactor() const { return geometry().liveFraction() * scale_; }

int EventListModel::gtiCcdOf(const SourceView& s) const {
  return s.ccd != 0 ? s.ccd : geometry().referenceCcd();
}

double EventListModel::expectedCounts(const SourceView& s, int ccd) const {
  double seconds = 0;
  for (const Interval& i : exposure_.gti(ccd)) seconds += s.source->time.integral(i.start, i.stop);
  return s.rate * seconds;
}

bool EventListModel::detectsXrays(const Plane& sky) const {
  const Plane det = rotation_.toDetector(sky);
  return geometry().inFieldOfView(det) && geometry().locate(det).has_value();
}

bool EventListModel::detectsParticles(const Plane& sky) const {
  return geometry().locate(rotation_.toDetector(sky)).has_value();
}

}  // namespace xsky::sim
