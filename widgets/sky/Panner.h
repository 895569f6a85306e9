#pragma once
// The panner: the whole image small, with the sky view's visible rectangle; clicking or dragging
// in it moves the view there.

#include <QImage>
#include <QWidget>

#include <memory>

#include "imaging/ColorLut.h"

namespace xsky::widgets {

class SkyView;

class Panner : public QWidget {
  Q_OBJECT
 public:
  explicit Panner(QWidget* parent = nullptr);
  void setView(SkyView* view);
  QSize sizeHint() const override { return {180, 180}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  void rebuild();
  void moveViewTo(QPointF pos);
  QRectF imageRect() const;  // where the thumbnail sits in the widget

  SkyView* view_ = nullptr;
  QMetaObject::Connection viewChanged_, frameRendered_;
  QImage thumbnail_;
  std::shared_ptr<const imaging::ColorLut> thumbLut_;
};

}  // namespace xsky::widgets
