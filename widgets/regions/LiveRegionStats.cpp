#include "regions/LiveRegionStats.h"

#include <QThread>

#include <cmath>
#include <mutex>
#include <QtConcurrent>

#include "fits/FitsError.h"
#include "regions/ImageRegionStats.h"
#include "regions/RegionDocument.h"

namespace xsky::widgets {

/// The spatial index of one event list, built by the first job that needs it (one job runs at a
/// time; the mutex keeps it right if that ever changes).
struct IndexSlot {
  std::mutex mutex;
  std::shared_ptr<const products::SpatialIndex> index;
};

namespace {
// Light-curve bins of the preview: about 100 over the list's span, rounded to a whole second.
double previewBin(const events::EventList& list) {
  const double span = list.tstop - list.tstart;
  return span > 0 ? std::max(1.0, std::round(span / 100)) : 0.0;
}
}  // namespace

LiveRegionStats::LiveRegionStats(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<LiveStatsResult>::finished, this, &LiveRegionStats::onFinished);
}

LiveRegionStats::~LiveRegionStats() {
  watcher_.waitForFinished();
  indexing_.waitForFinished();
}

bool LiveRegionStats::previewReady() const {
  if (!index_) return false;
  std::lock_guard lock(index_->mutex);
  return index_->index != nullptr;
}

void LiveRegionStats::setEvents(std::shared_ptr<const events::EventList> events) {
  events_ = std::move(events);
  index_ = events_ ? std::make_shared<IndexSlot>() : nullptr;
  if (events_ && !events_->pi.empty() && !events_->x.empty()) {
    // Built now, off the GUI thread, so that the first drag does not wait for it.
    indexing_ = QtConcurrent::run([slot = index_, list = events_] {
      std::lock_guard lock(slot->mutex);
      try {
        if (!slot->index) slot->index = std::make_shared<const products::SpatialIndex>(*list);
      } catch (const Error&) {
        // The job reports the same error when it tries again.
      }
    });
  }
  recompute();
}

void LiveRegionStats::setImage(std::shared_ptr<const imaging::Image2D> image) {
  image_ = std::move(image);
  recompute();
}

void LiveRegionStats::setDocument(RegionDocument* document) {
  if (document_ != nullptr) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (document_ != nullptr) {
    connect(document_, &RegionDocument::changed, this, &LiveRegionStats::recompute);
    connect(document_, &RegionDocument::selectionChanged, this, &LiveRegionStats::recompute);
  }
  recompute();
}

void LiveRegionStats::recompute() {
  if (document_ == nullptr) return;
  for (int i : document_->selection()) {
    const regions::Region& r = document_->at(i);
    if (r.role == regions::Role::Source && r.include && regions::hasArea(r.shape)) {
      request(document_->regions(), i);
      return;
    }
  }
  ++serial_;  // whatever is running is stale now
  Q_EMIT cleared();
}

quint64 LiveRegionStats::request(const std::vector<regions::Region>& regions, int sourceIndex) {
  Job job;
  job.serial = ++serial_;
  job.sourceIndex = sourceIndex;
  std::vector<regions::Region> used;
  for (int i = 0; i < static_cast<int>(regions.size()); ++i) {
    const regions::Region& r = regions[static_cast<size_t>(i)];
    const bool other = r.role == regions::Role::Background || !r.include;
    if (i == sourceIndex || (other && i != sourceIndex)) used.push_back(r);
  }
  if (sourceIndex >= 0 && sourceIndex < static_cast<int>(regions.size()) &&
      regions[static_cast<size_t>(sourceIndex)].role != regions::Role::Source) {
    used.front().role = regions::Role::Source;
  }
  job.set = regions::RegionSet::fromRegions(used);
  if (events_) {
    job.events = events_;
    job.index = index_;
    if (events_->skyWcs) job.sky = *events_->skyWcs;  // a copy for the worker
  } else if (image_) {
    job.image = image_;
    if (image_->wcs) job.sky = *image_->wcs;
  } else {
    Q_EMIT cleared();
    return job.serial;
  }
  if (watcher_.isRunning()) {
    waiting_ = std::move(job);
  } else {
    start(std::move(job));
  }
  return serial_;
}

void LiveRegionStats::start(Job job) {
  watcher_.setFuture(QtConcurrent::run([job = std::move(job)] { return run(job); }));
}

LiveStatsResult LiveRegionStats::run(const Job& job) {
  LiveStatsResult out;
  out.serial = job.serial;
  out.sourceIndex = job.sourceIndex;
  try {
    const wcs::SkyWcs* sky = job.sky ? &*job.sky : nullptr;
    if (job.events) {
      regions::PixelFrame frame;
      frame.sky = sky;
      frame.pixels = regions::Frame::Physical;
      out.stats = regions::computeRegionStatistics(job.set, frame, job.events->x, job.events->y);
      out.onEvents = true;
      if (job.index && !job.events->pi.empty()) {
        std::shared_ptr<const products::SpatialIndex> index;
        {
          std::lock_guard lock(job.index->mutex);
          if (!job.index->index) job.index->index = std::make_shared<const products::SpatialIndex>(*job.events);
          index = job.index->index;
        }
        products::QuickProductsOptions options;
        options.lightCurveBinS = previewBin(*job.events);
        out.preview = products::quickProducts(*job.events, *index, job.set, options);
      }
    } else {
      out.stats = regions::computeImageRegionStatistics(job.set, *job.image, sky).stats;
    }
    out.ok = true;
  } catch (const Error& e) {
    out.error = e.message();
  } catch (const std::exception& e) {
    out.error = QString::fromUtf8(e.what());
  }
  return out;
}

void LiveRegionStats::onFinished() {
  Q_ASSERT(QThread::currentThread() == thread());
  const LiveStatsResult result = watcher_.result();
  if (waiting_) {
    Job next = std::move(*waiting_);
    waiting_.reset();
    start(std::move(next));
  }
  if (result.serial == serial_) Q_EMIT resultReady(result);
}

}  // namespace xsky::widgets
