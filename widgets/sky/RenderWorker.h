#pragma once
// The render worker of a sky view: one long-lived thread that turns (image, display settings,
// view geometry) into a frame. Threading model:
//  - render() is called on the GUI thread; it stores the newest job and wakes the worker, setting
//    an abort flag so that a frame in progress for an older job stops at its next row check
//    (restart/abort, as in Qt's Mandelbrot example). Only the newest job is ever finished.
//  - The worker computes limits and the colour LUT when the image or the settings change (they
//    are cached between jobs), renders into a new QImage and emits frameReady(); the queued
//    connection delivers the frame on the GUI thread, which only blits it.
//  - The destructor sets the abort flag, wakes the thread and joins it.

#include <QImage>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "imaging/ColorLut.h"
#include "imaging/ViewRenderer.h"

namespace xsky::widgets {

struct RenderJob {
  std::shared_ptr<const imaging::Image2D> image;
  imaging::DisplaySettings settings;
  imaging::ViewGeometry view;
  quint64 serial = 0;
};

class RenderWorker : public QThread {
  Q_OBJECT
 public:
  explicit RenderWorker(QObject* parent = nullptr);
  ~RenderWorker() override;

  /// Queues a job (GUI thread); an older unfinished job is abandoned.
  void render(const RenderJob& job);

 Q_SIGNALS:
  /// A finished frame with the geometry and serial of its job, the limits and the LUT used.
  void frameReady(const QImage& frame, const xsky::imaging::ViewGeometry& view, quint64 serial,
                  const std::shared_ptr<const xsky::imaging::ColorLut>& lut);

 protected:
  void run() override;

 private:
  // std:: rather than QMutex/QWaitCondition: the wait's unlock and relock happen inside Debian's
  // uninstrumented Qt, which hides this hand-off from ThreadSanitizer (scripts/test-tsan.sh).
  std::mutex mutex_;
  std::condition_variable wake_;
  RenderJob pending_;
  bool hasPending_ = false;
  bool quit_ = false;
  std::atomic<bool> abort_{false};
  // Worker-side cache of the LUT for (image, settings).
  std::shared_ptr<const imaging::Image2D> lutImage_;
  imaging::DisplaySettings lutSettings_;
  std::shared_ptr<const imaging::ColorLut> lut_;
};

}  // namespace xsky::widgets

Q_DECLARE_METATYPE(xsky::imaging::ViewGeometry)
Q_DECLARE_METATYPE(std::shared_ptr<const xsky::imaging::ColorLut>)
