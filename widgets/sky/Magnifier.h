#pragma once
// The magnifier: the sky view's pixels around the cursor, enlarged (x4 by default), with the
// cursor cross, as DS9's magnifier.

#include <QWidget>

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
  QPointF at_;
};

}  // namespace xsky::widgets
