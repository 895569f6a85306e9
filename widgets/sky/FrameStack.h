#pragma once
// Several sky views ("frames", as DS9 calls them), shown as tabs or tiled, with lock by WCS
// (pan/zoom one and the others show the same sky at the same angular scale) and blink.

#include <QWidget>

#include <vector>

class QTabWidget;
class QTimer;

namespace xsky::widgets {

class SkyView;

class FrameStack : public QWidget {
  Q_OBJECT
 public:
  enum class Mode { Tabs, Tile };

  explicit FrameStack(QWidget* parent = nullptr);

  SkyView* addFrame(const QString& title);
  void removeFrame(SkyView* view);
  void setTitle(SkyView* view, const QString& title);
  SkyView* current() const { return current_; }
  void setCurrent(SkyView* view);
  const std::vector<SkyView*>& frames() const { return frames_; }

  void setMode(Mode mode);
  Mode mode() const { return mode_; }
  /// Lock frames by WCS: a view change in one is applied, through the sky, to all others.
  void setLocked(bool locked);
  bool locked() const { return locked_; }
  /// Blink: show each frame in turn (tab mode) every intervalMs.
  void setBlinking(bool on, int intervalMs = 500);
  bool blinking() const;

 Q_SIGNALS:
  void currentChanged(xsky::widgets::SkyView* view);

 private:
  void relayout();
  void follow(SkyView* leader);

  std::vector<SkyView*> frames_;
  std::vector<QString> titles_;
  SkyView* current_ = nullptr;
  Mode mode_ = Mode::Tabs;
  bool locked_ = false;
  bool following_ = false;
  QTabWidget* tabs_ = nullptr;
  QWidget* tiles_ = nullptr;
  QTimer* blink_ = nullptr;
};

}  // namespace xsky::widgets
