#pragma once
// Opens any file the viewer shows as one sky image: a FITS image HDU as it is (a chosen HDU and
// plane for cubes), or an event list binned on its sky columns (by default the whole list in about
// 1024 image pixels). The event list is kept so that the viewer can re-bin (band, bin factor,
// PATTERN/FLAG filters) without reopening. Runs on a worker thread (it only reads); throws
// xsky::Error with one clear line.

#include <QString>

#include <memory>

#include "events/EventList.h"
#include "imaging/EventBinning.h"
#include "imaging/Image2D.h"
#include "util/Progress.h"

namespace xsky::imaging {

struct LoadedSkyImage {
  std::shared_ptr<const Image2D> image;
  std::shared_ptr<const events::EventList> events;  // null for FITS images
  BinningSpec binning;                               // how image was binned from events
  QString description;  // "XMM EPN, 48210 events, binned x40" / "image 512x512"
};

struct LoadOptions {
  int hdu = -1;     // image HDU (0-based); -1: the first 2-D image
  long plane = 0;   // cube plane
};

LoadedSkyImage loadSkyImage(const QString& path, const LoadOptions& options = {},
                            const ProgressFn& progress = {});

/// Re-bins a loaded event list with another spec (same thread rules as loadSkyImage).
LoadedSkyImage rebinSkyImage(const LoadedSkyImage& loaded, const BinningSpec& spec);

}  // namespace xsky::imaging
