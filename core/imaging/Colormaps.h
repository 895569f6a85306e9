#pragma once
// Colormaps as 256-entry RGB tables (plain bytes; the widgets turn them into colours).

#include <array>
#include <cstdint>

#include <QString>
#include <QStringList>

namespace xsky::imaging {

struct Rgb {
  uint8_t r, g, b;
};
using ColorTable = std::array<Rgb, 256>;

/// Names of the available colormaps ("gray", "heat", "cool", "viridis", ...).
QStringList colormapNames();
/// The table for a name (case-insensitive); gray for an unknown name.
const ColorTable& colormap(const QString& name);

}  // namespace xsky::imaging
