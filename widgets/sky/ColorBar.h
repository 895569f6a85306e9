#pragma once
// The colourbar under the sky view: the colours of the current LUT from the low to the high
// limit, with tick labels in data values (through the inverse of the scale function).

#include <QWidget>

#include <memory>

#include "imaging/ColorLut.h"

namespace xsky::widgets {

class ColorBar : public QWidget {
  Q_OBJECT
 public:
  explicit ColorBar(QWidget* parent = nullptr);
  void setLut(std::shared_ptr<const imaging::ColorLut> lut, const imaging::DisplaySettings& settings);
  /// Data value at a fraction [0, 1] of the bar (what the tick labels show).
  double valueAt(double fraction) const;
  QSize sizeHint() const override { return {400, 42}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::shared_ptr<const imaging::ColorLut> lut_;
  imaging::DisplaySettings settings_;
};

}  // namespace xsky::widgets
