#pragma once
// Opens any file the viewer shows as one sky image: a FITS image HDU as it is, or an event list
// binned on its sky columns so that the whole list fits in about 1024 image pixels.
// Runs on a worker thread (it only reads); throws xsky::Error with one clear line.

#include <QString>

#include "imaging/Image2D.h"
#include "util/Progress.h"

namespace xsky::imaging {

struct LoadedSkyImage {
  Image2D image;
  bool fromEvents = false;
  long long eventCount = 0;
  QString description;  // "EPN 48210 events, binned x40" / "image 512x512"
};

LoadedSkyImage loadSkyImage(const QString& path, const ProgressFn& progress = {});

}  // namespace xsky::imaging
