#include "gui/ExtractionLauncher.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <memory>

#include <QCoreApplication>
#include <QJsonObject>

#include "events/EventListReader.h"
#include "archive/DownloadCache.h"
#include "archive/ObservationKeywords.h"
#include "fits/FitsFile.h"
#include "products/ProductCache.h"
#include "fits/FitsError.h"
#include "tasks/TaskManager.h"

namespace xsky::app {

ExtractionLauncher::ExtractionLauncher(tasks::TaskManager* tasks, QObject* parent) : QObject(parent), tasks_(tasks) {
  qRegisterMetaType<xsky::products::ExtractionResult>();
}

QString ExtractionLauncher::productFolder(const QString& eventsPath, bool downloaded) {
  // <archive>/<obsid>/<camera>_events.fits -> <archive>/products; a lone file -> <its folder>/products.
  QDir dir = QFileInfo(eventsPath).absoluteDir();
  if (QFileInfo(dir.path()).fileName().contains(QRegularExpression(QStringLiteral("^\\d{6,}$")))) dir.cdUp();
  const QString folder = dir.filePath(QStringLiteral("xsky-products"));
  if (!downloaded && QDir().mkpath(folder) && QFileInfo(folder).isWritable()) return folder;
  const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/xsky-products");
  QDir().mkpath(data);
  return data;
}

std::vector<quint64> ExtractionLauncher::extract(const QStringList& eventLists, const std::vector<regions::Region>& regions,
                                                 const Settings& settings) {
  std::vector<ExtractionSource> sources;
  for (const QString& path : eventLists) sources.push_back({path, {}, -1});
  return extract(sources, regions, settings);
}

std::vector<quint64> ExtractionLauncher::extract(const std::vector<ExtractionSource>& eventLists,
                                                 const std::vector<regions::Region>& regions, const Settings& settings) {
  QStringList notes;
  const regions::RegionSet set = regions::RegionSet::fromRegions(regions, &notes);
  if (set.source.empty()) throw Error(tr("draw a source region first (Region tool bar)"));
  std::vector<quint64> ids;
  for (const ExtractionSource& source : eventLists) {
    const bool remote = archive::isRemoteLocation(source.location);
    const QString title = tr("Extract %1").arg(remote ? archive::fileNameOfUrl(source.location)
                                                      : QFileInfo(source.location).fileName());
    auto result = std::make_shared<products::ExtractionResult>();
    ids.push_back(tasks_->start(
        title,
        [source, remote, set, settings, result](tasks::TaskContext& ctx) -> QVariant {
          QString path = source.location;
          if (remote) {
            ctx.stage(QStringLiteral("downloading %1").arg(source.location));
            archive::DownloadRequest download{source.location, source.checksum, source.size};
            const archive::DownloadResult got = archive::DownloadCache().fetch(download, ctx.progressFn(0, 0.3));
            path = got.path;
            ctx.log(got.fromCache ? QStringLiteral("%1 is in the download cache").arg(source.location)
                                  : QStringLiteral("downloaded %1 (%2 bytes%3)")
                                        .arg(source.location)
                                        .arg(got.bytesTransferred)
                                        .arg(got.resumed ? QStringLiteral(", resumed") : QString()));
          }
          const QString folder = productFolder(path, remote);
          // Product names from the events header (OBS_ID, INSTRUME), without reading the events.
          archive::ObservationRecord header;
          {
            fits::FitsFile f = fits::FitsFile::open(path);
            archive::readObservationKeywords(f, events::findEventsHdu(f), &header);
          }
          const QString obs = header.obsId.isEmpty() ? QFileInfo(path).completeBaseName() : header.obsId;
          const QString instrument = header.instrument.isEmpty() ? QStringLiteral("camera") : header.instrument;
          const QString base = QDir(folder).filePath(QStringLiteral("%1_%2").arg(obs, instrument.toLower()));
          products::ExtractionOptions options;
          options.spectrumPath = base + QStringLiteral("_src.pha");
          options.lightCurvePath = base + QStringLiteral("_src.lc");
          options.lightCurveBinS = settings.lightCurveBinS;
          options.imagePath = base + QStringLiteral("_img.fits");
          // The same request as before (same file, regions, parameters, version): its products
          // are still there, so the recorded result is the answer.
          const QJsonObject request =
              products::describeRequest(path, set, options, QCoreApplication::applicationVersion());
          const QString key = products::requestKey(request);
          options.provenance = products::provenanceHistory(request, key);  // `xsky-cli reproduce` re-makes them
          if (const auto cached = products::cachedResult(folder, key)) {
            *result = *cached;
            ctx.log(QStringLiteral("unchanged since the last extraction: taken from the cache (%1)").arg(key.left(12)));
            return result->netRate;
          }
          ctx.stage(QStringLiteral("reading %1").arg(QFileInfo(path).fileName()));
          const double read0 = remote ? 0.3 : 0.0;
          const events::EventList list = events::readEventList(path, ctx.progressFn(read0, read0 + 0.3));
          ctx.stage(QStringLiteral("extracting"));
          *result = products::extract(list, set, options, ctx.progressFn(read0 + 0.3, 1.0));
          products::recordResult(folder, key, request, *result);
          for (const products::ProductRecord& p : result->products) {
            ctx.log(QStringLiteral("%1: %2 (%3 counts)").arg(p.kind, QFileInfo(p.path).fileName()).arg(p.counts));
          }
          for (const QString& w : result->warnings) ctx.log(QStringLiteral("warning: ") + w);
          return result->netRate;
        },
        [this, result](const tasks::TaskInfo& info) {
          if (info.state == tasks::TaskState::Failed) {
            Q_EMIT message(tr("%1: %2").arg(info.title, info.error));
            return;
          }
          if (info.state != tasks::TaskState::Succeeded) return;
          Q_EMIT message(tr("%1 %2: %3 source, %4 background counts, net rate %5 ± %6 /s; %7 products")
                             .arg(result->obsId, result->instrument)
                             .arg(result->sourceCounts)
                             .arg(result->backgroundCounts)
                             .arg(result->netRate, 0, 'g', 4)
                             .arg(result->netRateError, 0, 'g', 2)
                             .arg(result->products.size()));
          Q_EMIT extracted(*result);
        }));
  }
  return ids;
}

}  // namespace xsky::app
