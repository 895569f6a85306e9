#pragma once
// The View menu: scale, limits, colormap, invert, zoom, grid, compass and "centre on position",
// applied to the current frame; check marks follow the current frame.

#include <QObject>

#include <functional>

class QAction;
class QActionGroup;
class QMenu;

namespace xsky::widgets {
class SkyView;
}

namespace xsky::app {

class DisplayMenu : public QObject {
  Q_OBJECT
 public:
  DisplayMenu(QMenu* menu, std::function<widgets::SkyView*()> current, QWidget* dialogParent);
  /// Shows the settings of this frame in the menu's check marks.
  void syncFrom(widgets::SkyView* view);

 Q_SIGNALS:
  void message(const QString& text);

 private:
  void applyDisplay();
  QActionGroup* group(QMenu* menu, const QStringList& names, const QString& checked);

  std::function<widgets::SkyView*()> current_;
  QWidget* dialogParent_;
  QActionGroup* scale_ = nullptr;
  QActionGroup* limits_ = nullptr;
  QActionGroup* colormap_ = nullptr;
  QAction* invert_ = nullptr;
  QAction* grid_ = nullptr;
  QAction* galactic_ = nullptr;
  QAction* compass_ = nullptr;
  bool syncing_ = false;
};

}  // namespace xsky::app
