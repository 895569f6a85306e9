#pragma once
// The world transform of an image HDU or of an event list's sky columns, over WCSLIB.
// Pixels are FITS 1-based (the centre of the first pixel is 1.0). World coordinates are degrees
// in the WCS's own celestial frame (frame()); toIcrs()/fromIcrs() convert to ICRS.
// A SkyWcs is a value: copies are deep and independent. One object must not be used from two
// threads at once (WCSLIB keeps scratch state in the struct); copy it per thread.

#include <memory>
#include <optional>

#include <QString>

#include "wcs/SkyFrames.h"

struct wcsprm;

namespace xsky::fits {
class FitsFile;
}

namespace xsky::wcs {

/// A pixel position, FITS convention (1-based).
struct PixelPoint {
  double x = 0;
  double y = 0;
};

class SkyWcs {
 public:
  /// From an image HDU's header (any projection WCSLIB knows; CD or PC+CDELT). Throws xsky::Error
  /// when the header has no celestial WCS or WCSLIB rejects it.
  static SkyWcs fromImageHeader(const fits::FitsFile& file);
  /// From 80-character header cards (as fits_hdr2str gives them).
  static SkyWcs fromHeaderCards(const QByteArray& cards, int nCards, const QString& context);
  /// From an event list's X/Y columns (TCTYPn/TCRVLn/TCDLTn/TCRPXn, read with wcsbth), falling
  /// back to the REFXCTYP/REFXCRVL/... keywords. xColumn/yColumn are 1-based column numbers.
  /// Throws xsky::Error when the columns carry no sky WCS.
  static SkyWcs fromEventColumns(const fits::FitsFile& file, int xColumn, int yColumn);

  SkyWcs(const SkyWcs& other);
  SkyWcs& operator=(const SkyWcs& other);
  SkyWcs(SkyWcs&&) noexcept;
  SkyWcs& operator=(SkyWcs&&) noexcept;
  ~SkyWcs();

  /// Pixel -> world (degrees, native frame). nullopt where the projection is undefined.
  std::optional<SkyPoint> pixelToWorld(PixelPoint p) const;
  /// World (degrees, native frame) -> pixel. nullopt where the point cannot be projected.
  std::optional<PixelPoint> worldToPixel(SkyPoint w) const;
  /// Pixel -> ICRS degrees.
  std::optional<SkyPoint> pixelToIcrs(PixelPoint p) const;
  /// ICRS degrees -> pixel.
  std::optional<PixelPoint> icrsToPixel(SkyPoint icrs) const;

  CelestialFrame frame() const { return frame_; }
  /// Three-letter projection code ("TAN", "SIN", "AIT", "CAR", ...).
  QString projection() const;
  /// Reference pixel and reference world value (native frame).
  PixelPoint referencePixel() const;
  SkyPoint referenceWorld() const;
  /// Mean pixel size in degrees at the reference pixel (sqrt |det CD|).
  double pixelScaleDeg() const;
  /// The same projection on a grid `factor` times coarser whose reference pixel is `newReference`
  /// (used for images binned from event lists).
  SkyWcs rebinned(PixelPoint newReference, double factor) const;

 private:
  SkyWcs() = default;
  void finish(const QString& context);

  struct Deleter {
    void operator()(wcsprm* w) const;
  };
  std::unique_ptr<wcsprm, Deleter> wcs_;
  int lonAxis_ = 0;
  int latAxis_ = 1;
  CelestialFrame frame_ = CelestialFrame::Icrs;
};

/// IRAF physical <-> image pixel mapping (LTM1_1, LTM2_2, LTV1, LTV2):
/// image = LTM * physical + LTV. Identity when the keywords are absent.
struct PhysicalTransform {
  double ltm1 = 1, ltm2 = 1, ltv1 = 0, ltv2 = 0;
  static PhysicalTransform fromHeader(const fits::FitsFile& file);
  PixelPoint toImage(PixelPoint physical) const {
    return {ltm1 * physical.x + ltv1, ltm2 * physical.y + ltv2};
  }
  PixelPoint toPhysical(PixelPoint image) const {
    return {(image.x - ltv1) / ltm1, (image.y - ltv2) / ltm2};
  }
  bool isIdentity() const { return ltm1 == 1 && ltm2 == 1 && ltv1 == 0 && ltv2 == 0; }
};

}  // namespace xsky::wcs
