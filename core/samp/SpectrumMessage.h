#pragma once
// spectrum.load.ssa-generic for a spectrum file (SAMP MTypes: url, spectrum-id, name and a meta map
// keyed by SSA utypes). The metadata come from the file's SPECTRUM header: Access.Format
// application/fits, Access.Reference, DataID.Title, Target.Name (OBJECT), Target.Pos (RA_OBJ,
// DEC_OBJ), DataID.Instrument (TELESCOP INSTRUME) and the exposure
// (Char.TimeAxis.Coverage.Support.Extent, EXPOSURE in s). Values travel as strings.

#include <QString>

#include "samp/SampMessage.h"

namespace xsky::samp {

/// The message for the OGIP spectrum at `path`. Throws xsky::Error when the file is not a FITS
/// file with a SPECTRUM extension.
SampMessage spectrumLoadMessage(const QString& path, const QString& name, const QString& spectrumId);

}  // namespace xsky::samp
