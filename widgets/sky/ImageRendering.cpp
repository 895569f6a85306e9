#include "sky/ImageRendering.h"

#include <cstring>

#include "imaging/Colormaps.h"

namespace xsky::widgets {

QImage renderImage(const imaging::Image2D& image, const imaging::DisplaySettings& settings,
                   const QString& colormapName) {
  if (image.empty()) return {};
  const std::vector<uint8_t> levels = imaging::toLevels(image.pixels, settings);
  QImage out(image.width, image.height, QImage::Format_Indexed8);
  const imaging::ColorTable& table = imaging::colormap(colormapName);
  QList<QRgb> colours;
  colours.reserve(256);
  for (const imaging::Rgb& c : table) colours.append(qRgb(c.r, c.g, c.b));
  out.setColorTable(colours);
  for (int j = 0; j < image.height; ++j) {
    // FITS rows go up; screen rows go down.
    std::memcpy(out.scanLine(image.height - 1 - j), levels.data() + static_cast<size_t>(j) * image.width,
                static_cast<size_t>(image.width));
  }
  return out;
}

}  // namespace xsky::widgets
