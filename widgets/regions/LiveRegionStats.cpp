#include "regions/LiveRegionStats.h"

#include <QThread>
#include <QtConcurrent>

#include "fits/FitsError.h"
#include "regions/ImageRegionStats.h"
#include "regions/RegionDocument.h"

namespace xsky::widgets {

LiveRegionStats::LiveRegionStats(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<LiveStatsResult>::finished, this, &LiveRegionStats::onFinished);
}

LiveRegionStats::~LiveRegionStats() { watcher_.waitForFinished(); }

void LiveRegionStats::setEvents(std::shared_ptr<const events::EventList> events) {
  events_ = std::move(events);
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
