#include "regions/Homography.h"

#include <cmath>

namespace xsky::regions {

namespace {

// Solves A x = b (n x n, row-major) by Gaussian elimination with partial pivoting.
bool solve(std::vector<double>& a, std::vector<double>& b, int n) {
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int r = col + 1; r < n; ++r) {
      if (std::abs(a[r * n + col]) > std::abs(a[pivot * n + col])) pivot = r;
    }
    if (std::abs(a[pivot * n + col]) < 1e-300) return false;
    if (pivot != col) {
      for (int k = 0; k < n; ++k) std::swap(a[col * n + k], a[pivot * n + k]);
      std::swap(b[col], b[pivot]);
    }
    for (int r = col + 1; r < n; ++r) {
      const double f = a[r * n + col] / a[col * n + col];
      for (int k = col; k < n; ++k) a[r * n + k] -= f * a[col * n + k];
      b[r] -= f * b[col];
    }
  }
  for (int r = n - 1; r >= 0; --r) {
    double s = b[r];
    for (int k = r + 1; k < n; ++k) s -= a[r * n + k] * b[k];
    b[r] = s / a[r * n + r];
  }
  return true;
}

// Translation + isotropic scale taking the points to mean 0, mean distance sqrt(2).
std::array<double, 3> normaliser(const std::vector<Vec2>& p) {
  double mx = 0, my = 0;
  for (const Vec2& v : p) {
    mx += v.x;
    my += v.y;
  }
  mx /= static_cast<double>(p.size());
  my /= static_cast<double>(p.size());
  double d = 0;
  for (const Vec2& v : p) d += std::hypot(v.x - mx, v.y - my);
  d /= static_cast<double>(p.size());
  const double s = d > 0 ? std::sqrt(2.0) / d : 1.0;
  return {s, mx, my};
}

std::array<double, 9> multiply(const std::array<double, 9>& a, const std::array<double, 9>& b) {
  std::array<double, 9> c{};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      for (int k = 0; k < 3; ++k) c[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
    }
  }
  return c;
}

}  // namespace

Vec2 Homography::apply(Vec2 p) const {
  const double w = m[6] * p.x + m[7] * p.y + m[8];
  return {(m[0] * p.x + m[1] * p.y + m[2]) / w, (m[3] * p.x + m[4] * p.y + m[5]) / w};
}

std::optional<Homography> Homography::fit(const std::vector<Vec2>& from, const std::vector<Vec2>& to) {
  if (from.size() < 4 || from.size() != to.size()) return std::nullopt;
  const auto nf = normaliser(from), nt = normaliser(to);
  std::vector<double> ata(64, 0.0), atb(8, 0.0);
  for (size_t i = 0; i < from.size(); ++i) {
    const double x = (from[i].x - nf[1]) * nf[0], y = (from[i].y - nf[2]) * nf[0];
    const double u = (to[i].x - nt[1]) * nt[0], v = (to[i].y - nt[2]) * nt[0];
    const double r1[8] = {x, y, 1, 0, 0, 0, -u * x, -u * y};
    const double r2[8] = {0, 0, 0, x, y, 1, -v * x, -v * y};
    for (int a = 0; a < 8; ++a) {
      for (int b = 0; b < 8; ++b) ata[a * 8 + b] += r1[a] * r1[b] + r2[a] * r2[b];
      atb[a] += r1[a] * u + r2[a] * v;
    }
  }
  if (!solve(ata, atb, 8)) return std::nullopt;
  const std::array<double, 9> hn{atb[0], atb[1], atb[2], atb[3], atb[4], atb[5], atb[6], atb[7], 1.0};
  // H = Tto^-1 * Hn * Tfrom.
  const std::array<double, 9> tFrom{nf[0], 0, -nf[0] * nf[1], 0, nf[0], -nf[0] * nf[2], 0, 0, 1};
  const std::array<double, 9> tToInv{1 / nt[0], 0, nt[1], 0, 1 / nt[0], nt[2], 0, 0, 1};
  Homography h;
  h.m = multiply(tToInv, multiply(hn, tFrom));
  if (h.w(from.front()) < 0) {
    for (double& v : h.m) v = -v;
  }
  return h;
}

}  // namespace xsky::regions
