#pragma once
// A source list of the demo field in the 4XMM-DR catalogue's form (the columns the catalogue
// query language's examples use), written by the simulator as catalogue/xsky_demo_4xmm.fits
// (FITS binary table, EXTNAME SRCLIST):
//   SRCID (K), IAUNAME ("4XMM Jhhmmss.s+ddmmss"), SC_RA, SC_DEC (deg, ICRS), SC_POSERR (arcsec),
//   SC_DET_ML, SC_EXT_ML, SC_EP_8_FLUX (erg/cm^2/s, 0.2-12 keV observed), N_DETECTIONS (J),
//   IS_ULX (L), IN_EVENTS (L).
// Rows: the field's simulated sources first (IN_EVENTS true; positions and fluxes from the model,
// N_DETECTIONS the observations whose field of view holds them), then 60 fainter sources below
// the event lists' reach (IN_EVENTS false; positions and fluxes drawn with the seed, about one in
// eight flagged IS_ULX) so that queries have a realistic table to work on. SC_DET_ML grows with
// flux and detections and SC_POSERR shrinks with it: stand-ins for a detection run, not one.

#include <QString>

#include <cstdint>

#include "sim/FieldModel.h"

namespace xsky::sim {

/// Throws xsky::Error when the file cannot be written.
void writeDemoCatalogue(const QString& path, const FieldModel& field, std::uint64_t seed);

}  // namespace xsky::sim
