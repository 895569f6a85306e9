#pragma once
// The sky as one camera sees it during one observation: where each source falls (sky pixel and
// detector offsets, off-axis angle, vignetting, CCD), the count spectra of the sources and
// backgrounds through that camera's analytic response, its GTIs, and the expected counts. The
// event simulator draws from it and truth.json reports it, so both use the same numbers.
//
// Rates here include vignetting, the live fraction and the list's rate scale (1 unless
// SimulationOptions::eventsOverride rescales the list).

#include <vector>

#include "sim/AnalyticResponse.h"
#include "sim/CameraGeometry.h"
#include "sim/EnergySampler.h"
#include "sim/Exposure.h"
#include "sim/FieldModel.h"
#include "sim/TangentPlane.h"

namespace xsky::sim {

struct SourceView {
  const Source* source = nullptr;
  Plane sky;  // sky pixel offset of the centre from the pointing, arcsec (+x west)
  Plane det;  // detector offset of the centre, arcsec
  double offAxisArcmin = 0;
  double vignetting = 1;
  int ccd = 0;             // CCD under the centre, 0 in a gap, off the CCDs or out of the FOV
  EnergySampler energies;  // on-axis counts/s per energy bin (no vignetting or live fraction)
  double rate = 0;         // mean counts/s: on-axis rate x vignetting x live fraction x scale
};

class EventListModel {
 public:
  EventListModel(const FieldModel& field, const Observation& observation, Camera camera,
                 double rateScale = 1.0);

  const FieldModel& field() const { return *field_; }
  const Observation& observation() const { return *observation_; }
  Camera camera() const { return camera_; }
  const CameraGeometry& geometry() const { return CameraGeometry::of(camera_); }
  const AnalyticResponse& response() const { return response_; }
  const CameraExposure& exposure() const { return exposure_; }
  const Rotation& rotation() const { return rotation_; }
  double rateScale() const { return scale_; }
  /// PA of the DETY axis: PA_PNT + the camera's offset, deg.
  double detectorAngleDeg() const;

  const std::vector<SourceView>& sources() const { return sources_; }
  /// Cosmic X-ray background: on-axis counts/s per energy bin per arcmin^2.
  const EnergySampler& cxb() const { return cxb_; }
  /// Particle background: counts/s per energy bin per arcmin^2 of CCD (not vignetted).
  const EnergySampler& particles() const { return particles_; }
  /// Factor applied to every rate: live fraction x rate scale.
  double rateFactor() const;

  /// The GTIs that count for a source: those of the CCD under it, or of the reference CCD.
  int gtiCcdOf(const SourceView& s) const;
  /// Mean number of photons of a source (whole PSF, before CCD gaps and the FOV edge) recorded
  /// during the GTIs of `ccd`.
  double expectedCounts(const SourceView& s, int ccd) const;
  /// Surface rate of the sky pixel offset `sky`: on a CCD (and in the FOV for X-rays)?
  bool detectsXrays(const Plane& sky) const;
  bool detectsParticles(const Plane& sky) const;

 private:
  const FieldModel* field_;
  const Observation* observation_;
  Camera camera_;
  double scale_;
  AnalyticResponse response_;
  CameraExposure exposure_;
  Rotation rotation_;
  std::vector<SourceView> sources_;
  EnergySampler cxb_;
  EnergySampler particles_;
};

}  // namespace xsky::sim
