#include "imaging/SkyImageLoader.h"

#include <algorithm>
#include <cmath>

#include "events/EventListReader.h"
#include "fits/FitsFile.h"
#include "imaging/EventBinning.h"

namespace xsky::imaging {

LoadedSkyImage loadSkyImage(const QString& path, const ProgressFn& progress) {
  LoadedSkyImage result;
  bool isEvents = false;
  {
    fits::FitsFile f = fits::FitsFile::open(path);
    isEvents = events::findEventsHdu(f) != 0;
  }
  if (!isEvents) {
    reportProgress(progress, 0.1, QStringLiteral("reading image"));
    result.image = readFitsImage(path);
    result.description = QStringLiteral("image %1x%2").arg(result.image.width).arg(result.image.height);
    return result;
  }
  const events::EventList list = events::readEventList(path, progress);
  if (!list.hasSky()) throw Error(path + QStringLiteral(": cannot show it on the sky: ") + list.noSkyReason);
  BinningSpec spec;
  if (!list.x.empty()) {
    const auto [xlo, xhi] = std::minmax_element(list.x.begin(), list.x.end());
    const auto [ylo, yhi] = std::minmax_element(list.y.begin(), list.y.end());
    const double extent = std::max<double>(*xhi - *xlo, *yhi - *ylo) + 1.0;
    spec.binFactor = std::max(1.0, std::ceil(extent / 1024.0));
    spec.centre = wcs::PixelPoint{0.5 * (*xlo + *xhi), 0.5 * (*ylo + *yhi)};
    spec.width = spec.height = static_cast<int>(std::ceil(extent / spec.binFactor));
  }
  result.image = binEvents(list, spec);
  result.fromEvents = true;
  result.eventCount = list.rows;
  result.description = QStringLiteral("%1 %2, %3 events, binned x%4")
                           .arg(list.telescope, list.instrument)
                           .arg(list.rows)
                           .arg(spec.binFactor);
  return result;
}

}  // namespace xsky::imaging
