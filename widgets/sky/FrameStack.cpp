#include "sky/FrameStack.h"

#include <QGridLayout>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

#include "sky/SkyView.h"

namespace xsky::widgets {

FrameStack::FrameStack(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("frameStack"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  tiles_ = new QWidget(this);
  new QGridLayout(tiles_);
  tiles_->layout()->setContentsMargins(0, 0, 0, 0);
  tiles_->layout()->setSpacing(2);
  layout->addWidget(tabs_);
  layout->addWidget(tiles_);
  tiles_->hide();
  connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
    if (mode_ == Mode::Tabs && index >= 0) setCurrent(static_cast<SkyView*>(tabs_->widget(index)));
  });
  blink_ = new QTimer(this);
  connect(blink_, &QTimer::timeout, this, [this] {
    if (frames_.size() < 2) return;
    tabs_->setCurrentIndex((tabs_->currentIndex() + 1) % tabs_->count());
  });
}

SkyView* FrameStack::addFrame(const QString& title) {
  auto* view = new SkyView(this);
  frames_.push_back(view);
  titles_.push_back(title);
  connect(view, &SkyView::viewChanged, this, [this, view] {
    if (locked_ && !following_) follow(view);
  });
  relayout();
  setCurrent(view);
  return view;
}

void FrameStack::removeFrame(SkyView* view) {
  for (size_t k = 0; k < frames_.size(); ++k) {
    if (frames_[k] != view) continue;
    frames_.erase(frames_.begin() + static_cast<long>(k));
    titles_.erase(titles_.begin() + static_cast<long>(k));
    view->deleteLater();
    if (current_ == view) current_ = frames_.empty() ? nullptr : frames_.front();
    relayout();
    Q_EMIT currentChanged(current_);
    return;
  }
}

void FrameStack::setTitle(SkyView* view, const QString& title) {
  for (size_t k = 0; k < frames_.size(); ++k) {
    if (frames_[k] == view) titles_[k] = title;
  }
  const int index = tabs_->indexOf(view);
  if (index >= 0) tabs_->setTabText(index, title);
  view->setToolTip(title);
}

void FrameStack::setCurrent(SkyView* view) {
  if (view == nullptr) return;
  if (mode_ == Mode::Tabs && tabs_->currentWidget() != view) tabs_->setCurrentWidget(view);
  if (current_ == view) return;
  current_ = view;
  Q_EMIT currentChanged(view);
}

void FrameStack::setMode(Mode mode) {
  mode_ = mode;
  if (mode == Mode::Tile) setBlinking(false);
  relayout();
}

void FrameStack::relayout() {
  SkyView* keep = current_;
  while (tabs_->count() > 0) tabs_->removeTab(0);
  auto* grid = static_cast<QGridLayout*>(tiles_->layout());
  while (grid->count() > 0) delete grid->takeAt(0);
  if (mode_ == Mode::Tabs) {
    for (size_t k = 0; k < frames_.size(); ++k) tabs_->addTab(frames_[k], titles_[k]);
    tiles_->hide();
    tabs_->show();
    if (keep != nullptr) tabs_->setCurrentWidget(keep);
  } else {
    const int n = static_cast<int>(frames_.size());
    const int columns = std::max(1, static_cast<int>(std::ceil(std::sqrt(double(n)))));
    for (int k = 0; k < n; ++k) {
      frames_[k]->setParent(tiles_);
      grid->addWidget(frames_[k], k / columns, k % columns);
      frames_[k]->show();
    }
    tabs_->hide();
    tiles_->show();
  }
  current_ = keep;
}

void FrameStack::setLocked(bool locked) {
  locked_ = locked;
  if (locked && current_ != nullptr) follow(current_);
}

void FrameStack::setBlinking(bool on, int intervalMs) {
  if (on) {
    if (mode_ != Mode::Tabs) setMode(Mode::Tabs);
    blink_->start(intervalMs);
  } else {
    blink_->stop();
  }
}

bool FrameStack::blinking() const { return blink_->isActive(); }

void FrameStack::follow(SkyView* leader) {
  if (!leader->hasImage() || !leader->image().wcs) return;
  const auto sky = leader->image().wcs->pixelToIcrs(leader->centre());
  if (!sky) return;
  const double leaderScale = leader->image().wcs->pixelScaleDeg();  // deg per image pixel
  following_ = true;
  for (SkyView* v : frames_) {
    if (v == leader || !v->hasImage() || !v->image().wcs) continue;
    const auto p = v->image().wcs->icrsToPixel(*sky);
    if (!p) continue;
    // Same angular scale on screen: degrees per screen pixel equal in both views.
    const double zoom = leader->zoom() * v->image().wcs->pixelScaleDeg() / leaderScale;
    v->setView(*p, zoom);
  }
  following_ = false;
}

}  // namespace xsky::widgets
