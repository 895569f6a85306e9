#pragma once
// Reads a shape's arguments (positions, lengths, angles, counts, text) in the coordinate system in
// force and converts them into the region's frame. The first position fixes the frame: a sky
// position gives Frame::Sky (ICRS), image pixels Frame::Image, physical pixels Frame::Image when
// there is a reference image (else Frame::Physical).
//
// Units: a bare length is in the system's unit (degrees in a sky system, its pixels otherwise);
// suffixes " '' ' d r (arc on the sky) and i p (image or physical pixels) override it. Sexagesimal
// or "d" coordinates inside a pixel system are FK5 sky positions (as DS9 and CIAO read them).

#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "regions/CoordinateMapper.h"
#include "regions/RegionTypes.h"

namespace xsky::regions {

class RegionArguments {
 public:
  struct Context {
    CoordSystem system = CoordSystem::Physical;  // system in force
    /// System angles are written in; nullopt: the system of the shape's position (DS9).
    std::optional<CoordSystem> angleSystem;
    const CoordinateMapper* mapper = nullptr;
    bool keepPhysicalFrame = false;  // physical positions stay Frame::Physical
  };

  RegionArguments(QStringList tokens, const Context& context);

  qsizetype remaining() const { return tokens_.size() - next_; }
  QString peek() const { return next_ < tokens_.size() ? tokens_[next_] : QString(); }
  void skip() { ++next_; }

  bool position(Vec2* out);
  bool length(double* out, int axis = 0);
  bool angle(double* out);
  bool count(int* out);
  bool text(QString* out);

  /// Lengths/angles from other token lists (DS9's panda=(...) property), same conversions.
  bool lengthFrom(const QString& token, double* out, int axis = 0);
  bool angleFrom(const QString& token, double* out);
  /// An angle already read as a number (degrees in the file's convention).
  bool angleValue(double degrees, double* out);
  /// Converts a list of angles (ascending in the file) and returns them ascending again in the
  /// region's frame, the first in [0, 360) and each next one above the previous (a mirrored
  /// reference image reverses their order).
  bool angleList(const std::vector<double>& degrees, std::vector<double>* out);

  bool hasFrame() const { return frameSet_; }
  Frame frame() const { return frame_; }
  /// Why the last call failed.
  const QString& error() const { return error_; }

 private:
  bool fail(const QString& message);
  CoordSystem regionSystem() const { return systemOf(frame_); }

  QStringList tokens_;
  qsizetype next_ = 0;
  Context context_;
  bool frameSet_ = false;
  Frame frame_ = Frame::Sky;
  CoordSystem positionSystem_ = CoordSystem::Physical;  // of the first position
  std::optional<wcs::SkyPoint> anchorIcrs_;
  QString error_;
};

}  // namespace xsky::regions
