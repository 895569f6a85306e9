#pragma once
// The part of the sky an event list's detector saw, and how much of a region lies on it: the
// region area behind BACKSCAL and the exposure behind EXPOSURE of a spectrum.
//
// How the exposed area is found: each CCD's footprint is the convex hull of the sky X/Y of its
// events that pass the PATTERN/FLAG cuts (out-of-field-of-view and bad-pixel flagged events are
// left out), computed from the extreme events of 1024 columns and 1024 rows of the list's extent
// (so the hull is exact to 1/1024 of the field). A region's exposed area is then the fraction of
// a fine grid of points (up to 512 x 512 over the region's bounds) that lies in the region and in
// a CCD footprint whose GTI is not empty, times the area of the grid cell. CCD gaps, CCDs that
// were off, and area outside the field of view are removed; bad columns inside a CCD are not.
// Lists without a CCD column get one footprint for all events.
//
// Units: sky pixels of the list's X/Y columns (areas in sky pixels^2); exposures s.
// Not thread-safe while building; immutable after.

#include <map>
#include <vector>

#include "events/EventFilter.h"
#include "regions/ProjectedRegion.h"
#include "util/Progress.h"

namespace xsky::products {

struct CcdFootprint {
  int ccd = -1;
  std::vector<double> x, y;  // convex hull, counter-clockwise
  double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
  bool contains(double px, double py) const;
};

class DetectorFootprint {
 public:
  /// Throws xsky::Error when the list has no sky X/Y columns; xsky::Cancelled on cancel.
  static DetectorFootprint fromEvents(const events::EventFilter& filter,
                                      const ProgressFn& progress = {});
  const std::vector<CcdFootprint>& ccds() const { return ccds_; }
  /// The CCD whose footprint holds (x, y), or nullopt.
  std::optional<int> ccdAt(double x, double y) const;

 private:
  std::vector<CcdFootprint> ccds_;
};

struct AreaOnDetector {
  double regionArea = 0;         // sky pixels^2 of the region (on the grid)
  double onCcdArea = 0;          // sky pixels^2 on a CCD footprint, good time or not
  double exposedArea = 0;        // sky pixels^2 on a CCD with good time: BACKSCAL
  std::map<int, double> perCcd;  // exposed area per CCD
  /// The CCD holding most of the exposed area (-1 when none).
  int mainCcd() const;
  double exposedFraction() const { return regionArea > 0 ? exposedArea / regionArea : 0.0; }
};

/// `resolution` grid points along the longer side of the area's bounds.
AreaOnDetector areaOnDetector(const regions::ProjectedArea& area,
                              const DetectorFootprint& footprint, const events::EventFilter& filter,
                              int resolution = 512);

/// Exposure of a region, s: the GTI totals of the CCDs it lies on weighted by its exposed area
/// on each (the filter's GTIs, so a time range counts). Without GTIs in the file: the list's
/// EXPOSURE/LIVETIME keyword, else TSTOP - TSTART.
double regionExposure(const AreaOnDetector& area, const events::EventFilter& filter);

/// The GTI of the region's main CCD (for light curves), or the list's whole span without GTIs.
events::GtiList regionGti(const AreaOnDetector& area, const events::EventFilter& filter);

}  // namespace xsky::products
