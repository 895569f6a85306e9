#include "imaging/SkyImageLoader.h"

#include "events/EventListReader.h"
#include "fits/FitsFile.h"

namespace xsky::imaging {

namespace {

QString describe(const events::EventList& list, const BinningSpec& spec) {
  QString text = QStringLiteral("%1 %2, %3 events, binned x%4")
                     .arg(list.telescope, list.instrument)
                     .arg(list.rows)
                     .arg(spec.binFactor);
  if (spec.energyMin || spec.energyMax) {
    text += QStringLiteral(", %1 %2..%3")
                .arg(list.energyAxisName())
                .arg(spec.energyMin.value_or(0))
                .arg(spec.energyMax ? QString::number(*spec.energyMax) : QStringLiteral("max"));
  }
  return text;
}

}  // namespace

LoadedSkyImage loadSkyImage(const QString& path, const LoadOptions& options, const ProgressFn& progress) {
  LoadedSkyImage result;
  bool isEvents = false;
  if (options.hdu < 0) {
    fits::FitsFile f = fits::FitsFile::open(path);
    isEvents = events::findEventsHdu(f) != 0;
  }
  if (!isEvents) {
    reportProgress(progress, 0.1, QStringLiteral("reading image"));
    auto image = std::make_shared<Image2D>(readFitsImage(path, options.hdu, options.plane));
    result.description = QStringLiteral("image %1x%2%3")
                             .arg(image->width)
                             .arg(image->height)
                             .arg(image->wcs ? QString() : QStringLiteral(", no valid WCS"));
    result.image = std::move(image);
    return result;
  }
  auto list = std::make_shared<events::EventList>(events::readEventList(path, progress));
  if (!list->hasSky()) throw Error(path + QStringLiteral(": cannot show it on the sky: ") + list->noSkyReason);
  if (list->rows == 0) throw Error(path + QStringLiteral(": the event list has no events"));
  result.events = list;
  return rebinSkyImage(result, wholeListBinning(*list));
}

LoadedSkyImage rebinSkyImage(const LoadedSkyImage& loaded, const BinningSpec& spec) {
  if (!loaded.events) throw Error(QStringLiteral("only event lists can be re-binned"));
  LoadedSkyImage result;
  result.events = loaded.events;
  result.binning = spec;
  result.image = std::make_shared<Image2D>(binEvents(*loaded.events, spec));
  result.description = describe(*loaded.events, spec);
  return result;
}

}  // namespace xsky::imaging
