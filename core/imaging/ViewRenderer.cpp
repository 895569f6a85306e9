#include "imaging/ViewRenderer.h"

#include <cmath>

namespace xsky::imaging {

bool renderView(const Image2D& image, const ColorLut& lut, const ViewGeometry& view,
                uint32_t background, uint32_t* out, const std::atomic<bool>* cancelled) {
  const int w = view.width, h = view.height;
  // Source column of every screen column (-1 outside), computed once per frame.
  std::vector<int> column(static_cast<size_t>(w));
  for (int sx = 0; sx < w; ++sx) {
    const double ix = view.imageX(sx + 0.5);  // FITS: pixel i covers [i - 0.5, i + 0.5)
    const long i = static_cast<long>(std::floor(ix - 0.5));
    column[sx] = (i >= 0 && i < image.width) ? static_cast<int>(i) : -1;
  }
  for (int sy = 0; sy < h; ++sy) {
    if (cancelled != nullptr && (sy & 31) == 0 && cancelled->load(std::memory_order_relaxed)) return false;
    uint32_t* row = out + static_cast<size_t>(sy) * w;
    const long j = static_cast<long>(std::floor(view.imageY(sy + 0.5) - 0.5));
    if (j < 0 || j >= image.height) {
      std::fill(row, row + w, background);
      continue;
    }
    const float* src = image.pixels.data() + static_cast<size_t>(j) * image.width;
    for (int sx = 0; sx < w; ++sx) {
      const int i = column[sx];
      row[sx] = i < 0 ? background : lut.colourOf(src[i]);
    }
  }
  return true;
}

}  // namespace xsky::imaging
