#pragma once
// Reads one observation file into an ObservationRecord: recognises an event list (an events
// table, events/EventListReader.h) or a sky image (the first 2-D image HDU with a celestial WCS),
// reads its keywords (ObservationKeywords.h) and builds its footprint MOC at the chosen order
// (moc/MocBuilders.h: the area actually exposed, CCD gaps included).

#include <QString>

#include "archive/ObservationRecord.h"
#include "util/Progress.h"

namespace xsky::archive {

/// Default HEALPix order of footprints: 12.9 arcsec cells, finer than an XMM CCD gap's blur.
constexpr int kDefaultFootprintOrder = 14;

/// Everything but location, size, mtime and checksum. Throws xsky::Error with the reason when the
/// file is neither an event list with sky coordinates nor an image with a sky WCS, or unreadable.
ObservationRecord readObservationFile(const QString& path, int footprintOrder = kDefaultFootprintOrder,
                                      const ProgressFn& progress = {});

}  // namespace xsky::archive
