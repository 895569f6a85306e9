#include "archive/ObservationFileReader.h"

#include "archive/ObservationKeywords.h"
#include "events/EventListReader.h"
#include "fits/FitsFile.h"
#include "imaging/Image2D.h"
#include "moc/MocFootprint.h"

namespace xsky::archive {

namespace {

// The first HDU holding a 2-D (or deeper) image, or 0.
int firstImageHdu(fits::FitsFile& file) {
  const int count = file.hduCount();
  for (int h = 1; h <= count; ++h) {
    file.moveTo(h);
    if (file.hduType() == fits::HduType::Image && file.imageShape().size() >= 2) return h;
  }
  return 0;
}

}  // namespace

ObservationRecord readObservationFile(const QString& path, int order, const ProgressFn& progress) {
  if (order < 0 || order > moc::kMaxSpaceOrder) {
    throw Error(QStringLiteral("footprint order %1 is outside 0..29").arg(order));
  }
  ObservationRecord record;
  record.footprintOrder = order;
  fits::FitsFile file = fits::FitsFile::open(path);
  if (const int eventsHdu = events::findEventsHdu(file); eventsHdu > 0) {
    readObservationKeywords(file, eventsHdu, &record);
    record.kind = ObservationFileKind::EventList;
    const events::EventList list = events::readEventList(path, progress);
    if (!list.hasSky()) {
      throw Error(list.noSkyReason.isEmpty() ? QStringLiteral("the event list has no sky coordinates") : list.noSkyReason);
    }
    if (list.rows == 0) throw Error(QStringLiteral("the event list has no events"));
    moc::FootprintOptions footprint;
    footprint.order = order;
    record.footprint = moc::eventListFootprint(list, footprint, progress);
  } else if (const int imageHdu = firstImageHdu(file); imageHdu > 0) {
    readObservationKeywords(file, imageHdu, &record);
    record.kind = ObservationFileKind::Image;
    const imaging::Image2D image = imaging::readFitsImage(path, imageHdu - 1);
    if (!image.wcs) throw Error(QStringLiteral("image without a sky WCS"));
    record.footprint = moc::imageFootprint(image, 0.0, order);
  } else {
    throw Error(QStringLiteral("neither an event list nor an image"));
  }
  if (record.footprint.empty()) throw Error(QStringLiteral("empty footprint (no exposed sky area)"));
  record.footprintOrder = record.footprint.order();
  return record;
}

}  // namespace xsky::archive
