#include "sky/RenderWorker.h"

namespace xsky::widgets {

namespace {

bool sameSettings(const imaging::DisplaySettings& a, const imaging::DisplaySettings& b) {
  return a.scale == b.scale && a.limits == b.limits && a.percentile == b.percentile &&
         a.userLow == b.userLow && a.userHigh == b.userHigh && a.logExponent == b.logExponent &&
         a.colormap == b.colormap && a.invert == b.invert && a.contrast == b.contrast && a.bias == b.bias;
}

}  // namespace

RenderWorker::RenderWorker(QObject* parent) : QThread(parent) {
  qRegisterMetaType<xsky::imaging::ViewGeometry>();
  qRegisterMetaType<std::shared_ptr<const xsky::imaging::ColorLut>>();
}

RenderWorker::~RenderWorker() {
  {
    const std::lock_guard lock(mutex_);
    quit_ = true;
    abort_ = true;
    wake_.notify_one();
  }
  wait();
}

void RenderWorker::render(const RenderJob& job) {
  const std::lock_guard lock(mutex_);
  pending_ = job;
  hasPending_ = true;
  abort_ = true;  // stop the frame in progress: it is already out of date
  if (!isRunning()) {
    start(QThread::HighPriority);
  } else {
    wake_.notify_one();
  }
}

void RenderWorker::run() {
  for (;;) {
    RenderJob job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return hasPending_ || quit_; });
      if (quit_) return;
      job = pending_;
      hasPending_ = false;
      abort_ = false;
    }
    if (!job.image || job.image->empty() || job.view.width <= 0 || job.view.height <= 0) continue;
    if (job.image != lutImage_ || !lut_ || !sameSettings(job.settings, lutSettings_)) {
      const imaging::Limits limits = imaging::computeLimits(*job.image, job.settings);
      lut_ = std::make_shared<const imaging::ColorLut>(job.settings, limits, *job.image);
      lutImage_ = job.image;
      lutSettings_ = job.settings;
    }
    QImage frame(job.view.width, job.view.height, QImage::Format_RGB32);
    auto* bits = reinterpret_cast<uint32_t*>(frame.bits());
    if (!imaging::renderView(*job.image, *lut_, job.view, 0xff202020u, bits, &abort_)) continue;
    Q_EMIT frameReady(frame, job.view, job.serial, lut_);
  }
}

}  // namespace xsky::widgets
