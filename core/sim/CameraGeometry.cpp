#include "sim/CameraGeometry.h"

#include <algorithm>
#include <cmath>

namespace xsky::sim {

namespace {

std::vector<CcdLayout> pnLayout() {
  constexpr double pixel = 4.1, width = 64 * pixel, height = 200 * pixel;
  constexpr double gap = 10.0, halfGap = 20.0, shift = -70.0;
  const double left = shift - (6 * width + 5 * gap) / 2;
  std::vector<CcdLayout> ccds;
  for (int i = 0; i < 6; ++i) {  // upper half, left to right: RAWY grows towards the central gap
    ccds.push_back({i + 1, left + i * (width + gap), shift + halfGap / 2, 64, 200, false, true});
  }
  for (int i = 0; i < 6; ++i) {  // lower half, right to left: rotated by 180 degrees
    ccds.push_back({i + 7, left + (5 - i) * (width + gap), shift - halfGap / 2 - height, 64, 200,
                    true, false});
  }
  return ccds;
}

std::vector<CcdLayout> mosLayout() {
  constexpr double size = 600 * 1.1, gap = 10.0;
  const double c = -size / 2;                                 // lower-left of the centred CCD
  const double step = size + gap;                             // to the neighbouring column or row
  const double sideUp = gap / 2, sideDown = -gap / 2 - size;  // side columns, shifted by half
  return {{1, c, c, 600, 600, false, false},
          {2, c, c + step, 600, 600, false, false},
          {3, c - step, sideUp, 600, 600, false, false},
          {4, c - step, sideDown, 600, 600, false, false},
          {5, c, c - step, 600, 600, false, false},
          {6, c + step, sideDown, 600, 600, false, false},
          {7, c + step, sideUp, 600, 600, false, false}};
}

}  // namespace

const CameraGeometry& CameraGeometry::of(Camera camera) {
  static const CameraGeometry pn(Camera::Pn), mos1(Camera::Mos1), mos2(Camera::Mos2);
  switch (camera) {
    case Camera::Pn:
      return pn;
    case Camera::Mos1:
      return mos1;
    case Camera::Mos2:
      break;
  }
  return mos2;
}

CameraGeometry::CameraGeometry(Camera camera) : camera_(camera) {
  if (camera == Camera::Pn) {
    pixelArcsec_ = 4.1;
    angleOffsetDeg_ = -90.0;
    ccds_ = pnLayout();
    badCcd_ = 2;
    badRawx_ = 27;
  } else {
    pixelArcsec_ = 1.1;
    angleOffsetDeg_ = camera == Camera::Mos1 ? 0.0 : 90.0;
    ccds_ = mosLayout();
    badCcd_ = camera == Camera::Mos1 ? 3 : 6;
    badRawx_ = camera == Camera::Mos1 ? 311 : 142;
  }
  minX_ = minY_ = 1e300;
  maxX_ = maxY_ = -1e300;
  for (const CcdLayout& c : ccds_) {
    minX_ = std::min(minX_, c.x0);
    minY_ = std::min(minY_, c.y0);
    maxX_ = std::max(maxX_, c.x0 + c.columns * pixelArcsec_);
    maxY_ = std::max(maxY_, c.y0 + c.rows * pixelArcsec_);
  }
}

double CameraGeometry::gainEvPerAdu(int ccd) const {
  const double base = isMos(camera_) ? 3.28 : 5.0;
  return base * (1.0 + 0.004 * ((ccd * 5) % 7 - 3));  // a fixed +-1.2% spread between CCDs
}

double CameraGeometry::ccdAreaArcmin2() const {
  double area = 0;
  for (const CcdLayout& c : ccds_) area += c.columns * c.rows * pixelArcsec_ * pixelArcsec_;
  return area / 3600.0;
}

std::optional<CcdHit> CameraGeometry::locate(const Plane& det) const {
  for (const CcdLayout& c : ccds_) {
    const double u = (det.x - c.x0) / pixelArcsec_, v = (det.y - c.y0) / pixelArcsec_;
    if (u < 0 || v < 0 || u >= c.columns || v >= c.rows) continue;
    const int col = static_cast<int>(u), row = static_cast<int>(v);
    CcdHit hit;
    hit.ccd = c.ccd;
    hit.rawx = c.rawxAlongMinusX ? c.columns - col : col + 1;
    hit.rawy = c.rawyAlongMinusY ? c.rows - row : row + 1;
    hit.border = col == 0 || row == 0 || col == c.columns - 1 || row == c.rows - 1;
    return hit;
  }
  return std::nullopt;
}

int CameraGeometry::flagFor(const CcdHit& hit, bool inFov) const {
  int flag = 0;
  if (hit.border) flag |= kFlagCloseToCcdBorder;
  if (hit.ccd == badCcd_ && std::abs(hit.rawx - badRawx_) <= 1) flag |= kFlagCloseToBadColumn;
  if (!inFov) flag |= kFlagOutOfFov;
  return flag;
}

}  // namespace xsky::sim
