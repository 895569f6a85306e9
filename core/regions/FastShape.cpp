#include "regions/FastShape.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "fits/FitsError.h"
#include "regions/Homography.h"
#include "regions/PlaneModel.h"
#include "regions/RegionValidation.h"
#include "regions/SkyGeometry.h"

namespace xsky::regions {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
using Mat3 = std::array<double, 9>;

// Quadratic form a x^2 + b xy + c y^2 + d x + e y + f from a symmetric 3x3 matrix.
std::array<double, 6> quadratic(const Mat3& m) {
  return {m[0], 2 * m[1], m[4], 2 * m[2], 2 * m[5], m[8]};
}

Mat3 congruence(const Mat3& h, const Mat3& c) {  // h^T c h
  Mat3 t{}, r{};
  for (int i = 0; i < 3; ++i) {
    for (int k = 0; k < 3; ++k) {
      for (int l = 0; l < 3; ++l) t[i * 3 + k] += c[i * 3 + l] * h[l * 3 + k];
    }
  }
  for (int j = 0; j < 3; ++j) {
    for (int k = 0; k < 3; ++k) {
      for (int i = 0; i < 3; ++i) r[j * 3 + k] += h[i * 3 + j] * t[i * 3 + k];
    }
  }
  return r;
}

Line3 pullBack(const Mat3& h, const Line3& l) {  // h^T l
  return {h[0] * l[0] + h[3] * l[1] + h[6] * l[2], h[1] * l[0] + h[4] * l[1] + h[7] * l[2],
          h[2] * l[0] + h[5] * l[1] + h[8] * l[2]};
}

[[noreturn]] void refuse(const Region& r, const QString& why) {
  throw Error(QStringLiteral("%1 cannot be used here: %2").arg(describe(r), why));
}

// Maps a region-frame point (ICRS degrees or pixels) to the target pixels.
Vec2 toPixels(const Region& r, Vec2 p, const PixelFrame& frame) {
  if (r.frame != Frame::Sky) return p;
  const auto q = frame.sky->icrsToPixel({p.x, p.y});
  if (!q) refuse(r, QStringLiteral("a point cannot be projected on the pixel frame"));
  return {q->x, q->y};
}

void boundsOf(const std::vector<Vec2>& pts, Bounds* b, double marginFraction) {
  b->xMin = b->yMin = std::numeric_limits<double>::max();
  b->xMax = b->yMax = std::numeric_limits<double>::lowest();
  for (const Vec2& p : pts) {
    b->xMin = std::min(b->xMin, p.x);
    b->xMax = std::max(b->xMax, p.x);
    b->yMin = std::min(b->yMin, p.y);
    b->yMax = std::max(b->yMax, p.y);
  }
  const double m = marginFraction * std::max(b->xMax - b->xMin, b->yMax - b->yMin) + 1e-9;
  b->xMin -= m;
  b->xMax += m;
  b->yMin -= m;
  b->yMax += m;
}

// The ring's forms moved to a float origin and scaled to order one across it (see FastKernels.h).
std::optional<kernels::FloatRing> makeFloatRing(const FastShape& s) {
  kernels::FloatRing f;
  f.ox = static_cast<float>(s.ox);
  f.oy = static_cast<float>(s.oy);
  const double dx = static_cast<double>(f.ox) - s.ox, dy = static_cast<double>(f.oy) - s.oy;
  const double size = 0.5 * std::max(s.box.xMax - s.box.xMin, s.box.yMax - s.box.yMin);
  if (!(size > 0)) return std::nullopt;
  auto conic = [&](const std::array<double, 6>& c, std::array<float, 6>* out) {
    const double scale = std::abs(c[5]);  // |value at the centre|
    if (!(c[5] < 0)) return false;
    const std::array<double, 6> t{c[0], c[1], c[2], 2 * c[0] * dx + c[1] * dy + c[3],
                                  c[1] * dx + 2 * c[2] * dy + c[4], FastShape::q(c, dx, dy)};
    for (int k = 0; k < 6; ++k) (*out)[k] = static_cast<float>(t[k] / scale);
    return true;
  };
  auto line = [&](const Line3& l, std::array<float, 3>* out) {
    const double g = std::hypot(l[0], l[1]) * size;
    if (!(g > 0)) return false;
    (*out)[0] = static_cast<float>(l[0] / g);
    (*out)[1] = static_cast<float>(l[1] / g);
    (*out)[2] = static_cast<float>((l[2] + l[0] * dx + l[1] * dy) / g);
    return true;
  };
  bool ok = true;
  f.outerConic = s.outerConic;
  if (s.outerConic) {
    ok = conic(s.qo, &f.qo);
  } else {
    for (int k = 0; k < 4; ++k) ok = ok && line(s.lo[k], &f.lo[k]);
  }
  if (s.hasInner) {
    f.inner = s.innerConic ? 1 : 2;
    if (s.innerConic) {
      ok = ok && conic(s.qi, &f.qi);
    } else {
      for (int k = 0; k < 4; ++k) ok = ok && line(s.li[k], &f.li[k]);
    }
  }
  f.sector = s.sector;
  if (s.sector != 0) ok = ok && line(s.s0, &f.s0) && line(s.s1, &f.s1);
  if (!ok) return std::nullopt;
  return f;
}

std::unique_ptr<FastShape> buildPolygon(const Region& r, const PlaneModel& m, const PixelFrame& frame) {
  auto s = std::make_unique<FastShape>();
  s->kind = FastShape::Kind::Polygon;
  std::vector<Vec2> px;
  for (const Vec2& v : m.vertices) px.push_back(toPixels(r, v, frame));
  s->ox = px.front().x;
  s->oy = px.front().y;
  boundsOf(px, &s->box, 1e-12);
  const size_t n = px.size();
  double ymin = HUGE_VAL, ymax = -HUGE_VAL;
  for (size_t i = 0; i < n; ++i) {
    const Vec2 a{px[i].x - s->ox, px[i].y - s->oy};
    const Vec2 b{px[(i + 1) % n].x - s->ox, px[(i + 1) % n].y - s->oy};
    if (a.y == b.y) continue;  // horizontal edges never cross a scan line
    s->edges.push_back(PolygonEdge{a.x, a.y, b.x, b.y, (b.x - a.x) / (b.y - a.y)});
    ymin = std::min({ymin, a.y, b.y});
    ymax = std::max({ymax, a.y, b.y});
  }
  s->slabs = std::max(1, static_cast<int>(std::min<size_t>(s->edges.size(), 1u << 16)));
  s->slabY0 = ymin;
  s->slabH = std::max((ymax - ymin) / s->slabs, 1e-300);
  std::vector<std::vector<uint32_t>> buckets(static_cast<size_t>(s->slabs));
  for (size_t k = 0; k < s->edges.size(); ++k) {
    const PolygonEdge& e = s->edges[k];
    const int a = std::clamp(static_cast<int>((std::min(e.y0, e.y1) - ymin) / s->slabH), 0, s->slabs - 1);
    const int b = std::clamp(static_cast<int>((std::max(e.y0, e.y1) - ymin) / s->slabH), 0, s->slabs - 1);
    for (int j = a; j <= b; ++j) buckets[j].push_back(static_cast<uint32_t>(k));
  }
  s->slabStart.push_back(0);
  for (const auto& bucket : buckets) {
    s->slabEdges.insert(s->slabEdges.end(), bucket.begin(), bucket.end());
    s->slabStart.push_back(static_cast<uint32_t>(s->slabEdges.size()));
  }
  return s;
}

Mat3 ellipseMatrix(Vec2 axes, double rotationDeg) {
  const double c = std::cos(rotationDeg * kDeg), s = std::sin(rotationDeg * kDeg);
  const double ia = 1.0 / (axes.x * axes.x), ib = 1.0 / (axes.y * axes.y);
  return {c * c * ia + s * s * ib, c * s * (ia - ib), 0, c * s * (ia - ib), s * s * ia + c * c * ib, 0, 0, 0, -1};
}

std::array<Line3, 4> boxLines(Vec2 half, double rotationDeg) {
  const double c = std::cos(rotationDeg * kDeg), s = std::sin(rotationDeg * kDeg);
  return {Line3{c, s, -half.x}, Line3{-c, -s, -half.x}, Line3{-s, c, -half.y}, Line3{s, -c, -half.y}};
}

std::unique_ptr<FastShape> buildRing(const Region& r, const PlaneModel& m, const PixelFrame& frame) {
  auto s = std::make_unique<FastShape>();
  Mat3 h{1, 0, 0, 0, 1, 0, 0, 0, 1};
  std::vector<Vec2> boundaryPixels;
  const double R = std::max(m.outer.x, m.outer.y);
  const int n = 96;
  std::vector<Vec2> boundaryPlane;
  for (int i = 0; i < n; ++i) {
    const double phi = 360.0 * i / n;
    const double rho = m.outerRadius(phi);
    boundaryPlane.push_back({rho * std::cos(phi * kDeg), rho * std::sin(phi * kDeg)});
  }
  for (double phi : m.cornerAngles()) {
    const double rho = m.outerRadius(phi);
    boundaryPlane.push_back({rho * std::cos(phi * kDeg), rho * std::sin(phi * kDeg)});
  }
  if (r.frame == Frame::Sky) {
    const TangentPlane tp({m.centre.x, m.centre.y});
    const Vec2 origin = toPixels(r, m.centre, frame);
    s->ox = origin.x;
    s->oy = origin.y;
    std::vector<Vec2> from, to;
    for (int i = -3; i <= 3; ++i) {
      for (int j = -3; j <= 3; ++j) {
        const Vec2 uv{R * 1.2 * i / 3.0, R * 1.2 * j / 3.0};
        const wcs::SkyPoint p = tp.unproject(uv);
        const Vec2 q = toPixels(r, {p.lon, p.lat}, frame);
        from.push_back({q.x - s->ox, q.y - s->oy});
        to.push_back(uv);
      }
    }
    // Put the centre first so that the fit is normalised to w > 0 there.
    std::swap(from[0], from[24]);
    std::swap(to[0], to[24]);
    const auto fitted = Homography::fit(from, to);
    if (!fitted) refuse(r, QStringLiteral("the pixel frame is singular around it"));
    h = fitted->m;
    for (const Vec2& uv : boundaryPlane) {
      const wcs::SkyPoint p = tp.unproject(uv);
      boundaryPixels.push_back(toPixels(r, {p.lon, p.lat}, frame));
    }
  } else {
    s->ox = m.centre.x;
    s->oy = m.centre.y;
    for (const Vec2& uv : boundaryPlane) boundaryPixels.push_back({uv.x + m.centre.x, uv.y + m.centre.y});
  }
  boundsOf(boundaryPixels, &s->box, 0.01);

  const bool ellipse = m.boundary == PlaneModel::Boundary::Ellipse;
  s->outerConic = s->innerConic = ellipse;
  if (ellipse) {
    s->qo = quadratic(congruence(h, ellipseMatrix(m.outer, m.rotation)));
  } else {
    const auto lines = boxLines(m.outer, m.rotation);
    for (int k = 0; k < 4; ++k) s->lo[k] = pullBack(h, lines[k]);
  }
  if (m.inner.x > 0 && m.inner.y > 0) {
    s->hasInner = true;
    if (ellipse) {
      s->qi = quadratic(congruence(h, ellipseMatrix(m.inner, m.rotation)));
    } else {
      const auto lines = boxLines(m.inner, m.rotation);
      for (int k = 0; k < 4; ++k) s->li[k] = pullBack(h, lines[k]);
    }
  }
  if (m.hasSector) {
    const double a0 = m.sectorStart * kDeg, a1 = m.sectorEnd * kDeg;
    s->sector = (m.sectorEnd - m.sectorStart) <= 180.0 ? 1 : 2;
    s->s0 = pullBack(h, {-std::sin(a0), std::cos(a0), 0});
    s->s1 = pullBack(h, {std::sin(a1), -std::cos(a1), 0});
  }
  s->floatRing = makeFloatRing(*s);
  return s;
}

}  // namespace

std::unique_ptr<FastShape> buildFastShape(const Region& r, const PixelFrame& frame) {
  const Validation v = validate(r);
  if (!v) refuse(r, v.reason);
  if (r.frame == Frame::Sky && frame.sky == nullptr) refuse(r, QStringLiteral("the pixel frame has no sky coordinates"));
  if (r.frame != Frame::Sky && r.frame != frame.pixels) {
    refuse(r, QStringLiteral("it is in %1 pixels, the points in %2 pixels").arg(frameName(r.frame), frameName(frame.pixels)));
  }
  const auto m = planeModel(r);
  if (!m) refuse(r, QStringLiteral("it encloses no area"));
  return m->kind == PlaneModel::Kind::Polygon ? buildPolygon(r, *m, frame) : buildRing(r, *m, frame);
}

}  // namespace xsky::regions
