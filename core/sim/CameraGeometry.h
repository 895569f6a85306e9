#pragma once
// A simplified but realistic description of each EPIC camera's focal plane: CCD layout in detector
// coordinates, circular field of view, readout (frame time, live fraction, PHA gain) and the one
// bad column per camera. All positions are detector offsets in arcsec from the optical axis, which
// is also the centre of the field of view; DETX/DETY columns are those offsets in 0.05" units.
//
// pn: 12 CCDs of 64 x 200 pixels of 4.1" (262.4" x 820"), in two halves of 6 separated by a 20"
// gap, 10" gaps between neighbours. Upper half (DETY > 0) holds CCDs 1-6 from left to right, lower
// half CCDs 7-12 from right to left. The array is shifted by (-70", -70") so that the optical axis
// lies on CCD 4, 65" from its left edge and 60" from the central gap. RAWY runs from 1 at the outer
// (readout) edge to 200 next to the central gap; RAWX grows with DETX in the upper half and with
// -DETX in the lower half (the lower half is the upper one rotated by 180 degrees).
//
// MOS: 7 CCDs of 600 x 600 pixels of 1.1" (660" x 660"), 10" gaps. CCD 1 is centred on the optical
// axis, 2 above and 5 below it; 3 (upper) and 4 (lower) on the left, 7 (upper) and 6 (lower) on the
// right, the side columns shifted by half a CCD. RAWX grows with DETX, RAWY with DETY.
//
// Field of view: radius 15' (900") about the optical axis for every camera. X-rays outside it are
// blocked; particle background events land on the whole CCD area and are flagged OUT_OF_FOV there.

#include <optional>
#include <vector>

#include "sim/Camera.h"
#include "sim/TangentPlane.h"

namespace xsky::sim {

/// FLAG bits the simulator sets (names as in SAS event lists).
inline constexpr int kFlagCloseToCcdBorder = 0x2;
inline constexpr int kFlagCloseToBadColumn = 0x200;
inline constexpr int kFlagOutOfFov = 0x10000;

struct CcdLayout {
  int ccd = 0;            // CCDNR
  double x0 = 0, y0 = 0;  // lower-left corner in detector coordinates, arcsec
  int columns = 0;        // RAWX runs 1..columns
  int rows = 0;           // RAWY runs 1..rows
  bool rawxAlongMinusX = false;
  bool rawyAlongMinusY = false;
};

struct CcdHit {
  int ccd = 0;
  int rawx = 0;         // 1-based
  int rawy = 0;         // 1-based
  bool border = false;  // in the outermost row or column of the CCD
};

class CameraGeometry {
 public:
  static const CameraGeometry& of(Camera camera);

  Camera camera() const { return camera_; }
  double pixelArcsec() const { return pixelArcsec_; }
  double fovRadiusArcsec() const { return 900.0; }
  /// Position angle of the DETY axis is PA_PNT + this offset, degrees (pn -90, MOS1 0, MOS2 90).
  double angleOffsetDeg() const { return angleOffsetDeg_; }
  const std::vector<CcdLayout>& ccds() const { return ccds_; }
  int ccdCount() const { return static_cast<int>(ccds_.size()); }
  /// The CCD holding the optical axis (pn 4, MOS 1): its GTI is the camera's reference GTI.
  int referenceCcd() const { return camera_ == Camera::Pn ? 4 : 1; }
  /// Frame integration time, s (pn full frame 0.0734, MOS full frame 2.6).
  double frameTime() const { return isMos(camera_) ? 2.6 : 0.0734; }
  /// LIVETIME / ONTIME (pn 0.993, MOS 0.985): count rates are scaled by it.
  double liveFraction() const { return isMos(camera_) ? 0.985 : 0.993; }
  /// PHA gain of a CCD, eV per ADU (pn about 5.0, MOS about 3.28, +-1% between CCDs).
  double gainEvPerAdu(int ccd) const;
  /// The camera's bad column: events on it or next to it get CLOSE_TO_BADCOL.
  int badColumnCcd() const { return badCcd_; }
  int badColumnRawx() const { return badRawx_; }

  /// Smallest rectangle holding every CCD, arcsec.
  double minX() const { return minX_; }
  double maxX() const { return maxX_; }
  double minY() const { return minY_; }
  double maxY() const { return maxY_; }
  /// Total CCD area, arcmin^2.
  double ccdAreaArcmin2() const;

  /// The CCD pixel under a detector position, or nothing in a gap or off the array.
  std::optional<CcdHit> locate(const Plane& det) const;
  bool inFieldOfView(const Plane& det) const {
    return det.x * det.x + det.y * det.y <= fovRadiusArcsec() * fovRadiusArcsec();
  }
  /// FLAG value for an event on this pixel (border, bad column, out of field of view).
  int flagFor(const CcdHit& hit, bool inFov) const;

 private:
  explicit CameraGeometry(Camera camera);

  Camera camera_;
  double pixelArcsec_ = 0;
  double angleOffsetDeg_ = 0;
  int badCcd_ = 0, badRawx_ = 0;
  std::vector<CcdLayout> ccds_;
  double minX_ = 0, maxX_ = 0, minY_ = 0, maxY_ = 0;
};

}  // namespace xsky::sim
