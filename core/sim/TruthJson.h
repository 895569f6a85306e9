#pragma once
// truth.json: every parameter the demo sky injected, so that tests and users can compare what
// XSky measures with what was put in. Top-level keys:
//   format, version, seed, events_override, field, time_system, sky_pixels, absorption,
//   vignetting, cameras (per camera: instrume, geometry, readout, psf, response, particle
//   background, response files), cosmic_background, observations (per observation: obs_id,
//   pointing, removed flare intervals, and per camera: file, events, tstart/tstop, dates, GTIs,
//   ONTIME/LIVETIME per CCD, exposure, rate scale), sources (per source: id, name, kind, ra/dec,
//   spectrum with fluxes, time behaviour, shape, and per observation and camera: position,
//   off-axis angle, vignetting, CCD, expected_counts, and a 30" aperture's on-CCD fraction and
//   background expectation), files.
// Rates are counts/s, times s (mission time), angles deg unless the key says arcsec/arcmin.

#include <vector>

#include <QByteArray>
#include <QString>

#include "sim/EventListModel.h"

namespace xsky::sim {

/// One written event list.
struct ListRecord {
  const EventListModel* model = nullptr;
  QString file;          // path relative to the archive directory
  long long events = 0;  // rows written
};

/// Radius of the aperture whose statistics truth.json reports, arcsec.
inline constexpr double kTruthApertureArcsec = 30.0;

/// The truth document (indented JSON, keys sorted, no date: the same inputs give the same bytes).
QByteArray truthJson(const FieldModel& field, unsigned long long seed, long long eventsOverride,
                     const std::vector<ListRecord>& lists);

}  // namespace xsky::sim
