#include "spectral/ContourLines.h"

#include <cmath>
#include <unordered_map>

namespace xsky::spectral {

namespace {

struct Segment {
  long long a, b;  // edge keys of its two ends
  bool used = false;
};

}  // namespace

std::vector<ContourLine> contourLines(const std::vector<double>& xs, const std::vector<double>& ys,
                                      const std::vector<double>& values, double level) {
  const long long nx = static_cast<long long>(xs.size()), ny = static_cast<long long>(ys.size());
  std::vector<ContourLine> lines;
  if (nx < 2 || ny < 2 || values.size() != size_t(nx * ny)) return lines;
  auto v = [&](long long i, long long j) { return values[size_t(j * nx + i)]; };
  // Edge keys: the horizontal edge from (i, j) to (i+1, j) is j (nx-1) + i; the vertical edge
  // from (i, j) to (i, j+1) comes after all horizontal ones.
  const long long vertical = ny * (nx - 1);
  auto hKey = [&](long long i, long long j) { return j * (nx - 1) + i; };
  auto vKey = [&](long long i, long long j) { return vertical + j * nx + i; };
  std::unordered_map<long long, std::pair<double, double>> crossing;
  auto hPoint = [&](long long i, long long j) {
    const long long key = hKey(i, j);
    const double t = (level - v(i, j)) / (v(i + 1, j) - v(i, j));
    crossing.try_emplace(key, xs[size_t(i)] + t * (xs[size_t(i + 1)] - xs[size_t(i)]),
                         ys[size_t(j)]);
    return key;
  };
  auto vPoint = [&](long long i, long long j) {
    const long long key = vKey(i, j);
    const double t = (level - v(i, j)) / (v(i, j + 1) - v(i, j));
    crossing.try_emplace(key, xs[size_t(i)],
                         ys[size_t(j)] + t * (ys[size_t(j + 1)] - ys[size_t(j)]));
    return key;
  };

  std::vector<Segment> segments;
  for (long long j = 0; j + 1 < ny; ++j) {
    for (long long i = 0; i + 1 < nx; ++i) {
      const double a = v(i, j), b = v(i + 1, j), c = v(i + 1, j + 1), d = v(i, j + 1);
      if (!(std::isfinite(a) && std::isfinite(b) && std::isfinite(c) && std::isfinite(d))) continue;
      const int kind =
          (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
      if (kind == 0 || kind == 15) continue;
      auto B = [&] { return hPoint(i, j); };
      auto T = [&] { return hPoint(i, j + 1); };
      auto L = [&] { return vPoint(i, j); };
      auto R = [&] { return vPoint(i + 1, j); };
      auto add = [&](long long p, long long q) { segments.push_back({p, q}); };
      const bool centreAbove = 0.25 * (a + b + c + d) >= level;
      switch (kind) {
        case 1:
        case 14:
          add(L(), B());
          break;
        case 2:
        case 13:
          add(B(), R());
          break;
        case 3:
        case 12:
          add(L(), R());
          break;
        case 4:
        case 11:
          add(R(), T());
          break;
        case 6:
        case 9:
          add(B(), T());
          break;
        case 7:
        case 8:
          add(L(), T());
          break;
        case 5:  // a and c above
          if (centreAbove) {
            add(L(), T());
            add(B(), R());
          } else {
            add(L(), B());
            add(R(), T());
          }
          break;
        case 10:  // b and d above
          if (centreAbove) {
            add(L(), B());
            add(R(), T());
          } else {
            add(B(), R());
            add(L(), T());
          }
          break;
        default:
          break;
      }
    }
  }

  std::unordered_multimap<long long, size_t> byEdge;
  for (size_t s = 0; s < segments.size(); ++s) {
    byEdge.emplace(segments[s].a, s);
    byEdge.emplace(segments[s].b, s);
  }
  // The unused segment at `key`, marked used, and its other end; -1 when none.
  auto next = [&](long long key, long long* other) {
    const auto [first, last] = byEdge.equal_range(key);
    for (auto it = first; it != last; ++it) {
      Segment& s = segments[it->second];
      if (s.used) continue;
      s.used = true;
      *other = s.a == key ? s.b : s.a;
      return true;
    }
    return false;
  };
  for (Segment& start : segments) {
    if (start.used) continue;
    start.used = true;
    std::vector<long long> keys{start.a, start.b};
    long long other = 0;
    while (keys.back() != keys.front() && next(keys.back(), &other)) keys.push_back(other);
    const bool closed = keys.size() > 2 && keys.back() == keys.front();
    if (!closed) {
      std::vector<long long> head;
      long long at = keys.front();
      while (next(at, &other)) {
        head.push_back(other);
        at = other;
      }
      keys.insert(keys.begin(), head.rbegin(), head.rend());
    }
    ContourLine line;
    line.closed = closed;
    for (long long k : keys) {
      const auto& [px, py] = crossing.at(k);
      line.x.push_back(px);
      line.y.push_back(py);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace xsky::spectral
