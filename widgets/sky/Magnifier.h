#pragma once
// The magnifier: the sky view's pixels around the cursor, enlarged (x4 by default), with the
// cursor cross, as DS9's magnifier.

#include <QWidget>

#include <optional>

namespace xsky::widgets {

class SkyView;

class Magnifier : public QWidget {
  Q_OBJECT
 public:
  explicit Magnifier(QWidget* parent = nullptr);
  void setView(SkyView* view);
  void setFactor(int factor);
  void showAt(QPointF viewPos);
  QSize sizeHint() const override { return {160, 160}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  SkyView* view_ = nullptr;
  int factor_ = 4;
  std::optional<QPointF> at_;  // view position under the cursor; unset: the view centre
};

}  // namespace xsky::widgets
