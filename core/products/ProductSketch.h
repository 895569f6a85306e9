#pragma once
// The small previews of the products table (widgets/products/ProductThumbnail draws them): a few
// dozen numbers per product, read from its file.
//   spectrum / background_spectrum: counts per channel in 48 equal channel groups, log10(1 + n);
//   lightcurve: the rate of the first band in up to 48 equal groups of bins (exposure-weighted);
//   image: the pixels summed into blocks, at most 40 x 40, asinh-scaled to 0..1.
//
// Threading: a plain function; the products table calls it on a worker.

#include <QString>

#include <optional>
#include <vector>

namespace xsky::products {

struct ProductSketch {
  enum class Kind { Series, Image } kind = Kind::Series;
  std::vector<double> values;  // Series: y in order; Image: row-major, row 0 at the bottom, 0..1
  int width = 0, height = 0;   // Image only
};

/// The sketch of a product file of that kind ("spectrum", "lightcurve", "image", ...); nullopt
/// when the kind has no sketch or the file cannot be read (the table then shows no preview).
std::optional<ProductSketch> sketchProduct(const QString& path, const QString& kind);

}  // namespace xsky::products
