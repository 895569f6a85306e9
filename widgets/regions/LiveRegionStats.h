#pragma once
// Live statistics of the selected source region and the background regions (counts, area in
// square arcseconds, surface brightness, background-subtracted net counts with error and S/N; see
// regions/RegionStats.h) on the current event list or, without one, the current image.
//
// Threading: request() runs on the GUI thread; it snapshots the regions into a RegionSet and
// copies the SkyWcs (not thread-safe) for the job, while events and image pixels are shared
// read-only through shared_ptr. One job runs at a time on the global thread pool (QtConcurrent);
// a request made while one runs replaces any waiting request and starts as soon as the running
// one ends. Newest request wins: a finished job whose request is no longer the newest is dropped,
// so resultReady() always describes the regions as they are now (during a drag, the job restarts
// with the moved region). Exceptions in the job become LiveStatsResult::error. Results are
// delivered on the GUI thread. The destructor waits for the running job.
//
// On events, the result also carries the preview products (products/RegionQuery.h: source and
// background spectra and light curves) through a spatial index built by the first job after
// setEvents() and shared by the later ones.

#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <optional>

#include "events/EventList.h"
#include "products/RegionQuery.h"
#include "imaging/Image2D.h"
#include "regions/RegionSet.h"
#include "regions/RegionStats.h"

namespace xsky::widgets {

class RegionDocument;

struct LiveStatsResult {
  quint64 serial = 0;       ///< the request it answers
  bool ok = false;          ///< false: see error
  QString error;
  bool onEvents = false;    ///< computed on events (else on image pixels, values taken as counts)
  int sourceIndex = -1;     ///< index of the source region in the document
  regions::RegionStatistics stats;
  std::optional<products::QuickProducts> preview;  ///< on events: spectra and light curves
};

class LiveRegionStats : public QObject {
  Q_OBJECT
 public:
  explicit LiveRegionStats(QObject* parent = nullptr);
  ~LiveRegionStats() override;

  /// The data statistics are computed on; events win over the image when both are set.
  void setEvents(std::shared_ptr<const events::EventList> events);
  void setImage(std::shared_ptr<const imaging::Image2D> image);
  /// Follows a document: recomputes when its regions or selection change (null: stop).
  void setDocument(RegionDocument* document);

  /// Statistics of source region `sourceIndex` of `regions` with every background region and
  /// exclusion among `regions`. Returns the request's serial number.
  quint64 request(const std::vector<regions::Region>& regions, int sourceIndex);
  /// Recomputes for the document's first selected source region; emits cleared() when none.
  void recompute();

  bool busy() const { return watcher_.isRunning(); }
  /// The spatial index of the current events is built (the preview is then a few ms).
  bool previewReady() const;
  quint64 latestSerial() const { return serial_; }

 Q_SIGNALS:
  void resultReady(const xsky::widgets::LiveStatsResult& result);
  /// No source region is selected (or there is no data): nothing to show.
  void cleared();

 private:
  struct Job {
    quint64 serial = 0;
    int sourceIndex = -1;
    regions::RegionSet set;
    std::shared_ptr<const events::EventList> events;
    std::shared_ptr<const imaging::Image2D> image;
    std::optional<wcs::SkyWcs> sky;
    std::shared_ptr<struct IndexSlot> index;
  };
  static LiveStatsResult run(const Job& job);
  void start(Job job);
  void onFinished();

  std::shared_ptr<const events::EventList> events_;
  std::shared_ptr<struct IndexSlot> index_;  // the spatial index of events_, built by a job
  std::shared_ptr<const imaging::Image2D> image_;
  RegionDocument* document_ = nullptr;
  QFutureWatcher<LiveStatsResult> watcher_;
  QFuture<void> indexing_;
  std::optional<Job> waiting_;
  quint64 serial_ = 0;
};

}  // namespace xsky::widgets
