#pragma once
// Good time intervals of one camera in one observation, per CCD (the STDGTInn extensions).
// Every CCD's GTIs are the camera's exposure span minus the observation's background-flare
// intervals; each CCD then differs a little: its readout starts (ccd - 1) x 0.3 s late (MOS),
// the flare cuts move by up to +-40 s, and 0-2 short telemetry drop-outs (20-90 s) are removed.
// These variations come from a fixed generator, not the simulation seed: the archive layout is
// the same for every seed. Times are mission times, s.

#include <map>
#include <vector>

#include "sim/Camera.h"
#include "sim/FieldModel.h"

namespace xsky::sim {

class CameraExposure {
 public:
  CameraExposure(const Observation& observation, Camera camera);

  Camera camera() const { return camera_; }
  double tstart() const { return tstart_; }
  double tstop() const { return tstop_; }
  /// GTIs of a CCD (CCDNR), sorted and disjoint.
  const std::vector<Interval>& gti(int ccd) const { return gtis_.at(ccd); }
  const std::map<int, std::vector<Interval>>& gtis() const { return gtis_; }
  /// True when t lies in [start, stop) of one of the CCD's GTIs.
  bool inGti(int ccd, double t) const;
  /// Sum of the CCD's GTIs (ONTIMEnn), s.
  double ontime(int ccd) const;
  /// ONTIMEnn x live fraction (LIVETInn), s.
  double livetime(int ccd) const;
  /// Union of every CCD's GTIs: outside it no event can be recorded.
  std::vector<Interval> unionOfGtis() const;

 private:
  Camera camera_;
  double tstart_ = 0, tstop_ = 0;
  std::map<int, std::vector<Interval>> gtis_;
};

/// [a, b) minus the given intervals (which may overlap or be unsorted); empty pieces dropped.
std::vector<Interval> subtractIntervals(Interval span, std::vector<Interval> cuts);

}  // namespace xsky::sim
