#include "imaging/Colormaps.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace xsky::imaging {

namespace {

struct Stop {
  double at;
  double r, g, b;  // 0..1
};

// Piecewise-linear table through control points.
ColorTable build(const std::vector<Stop>& stops) {
  ColorTable t{};
  for (int i = 0; i < 256; ++i) {
    const double x = i / 255.0;
    size_t k = 1;
    while (k + 1 < stops.size() && stops[k].at < x) ++k;
    const Stop& a = stops[k - 1];
    const Stop& b = stops[k];
    const double f = b.at > a.at ? std::clamp((x - a.at) / (b.at - a.at), 0.0, 1.0) : 0.0;
    auto mix = [f](double u, double v) { return static_cast<uint8_t>(std::lround(255.0 * (u + (v - u) * f))); };
    t[i] = {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
  }
  return t;
}

const std::map<QString, ColorTable>& tables() {
  static const std::map<QString, ColorTable> kTables = {
      {QStringLiteral("gray"), build({{0, 0, 0, 0}, {1, 1, 1, 1}})},
      {QStringLiteral("heat"), build({{0, 0, 0, 0}, {0.34, 1, 0, 0}, {0.67, 1, 1, 0}, {1, 1, 1, 1}})},
      {QStringLiteral("cool"), build({{0, 0, 0, 0}, {0.3, 0, 0, 1}, {0.7, 0, 1, 1}, {1, 1, 1, 1}})},
      {QStringLiteral("rainbow"), build({{0, 1, 0, 1}, {0.2, 0, 0, 1}, {0.4, 0, 1, 1}, {0.6, 0, 1, 0}, {0.8, 1, 1, 0}, {1, 1, 0, 0}})},
      {QStringLiteral("viridis"), build({{0, 0.267, 0.005, 0.329}, {0.25, 0.229, 0.322, 0.546}, {0.5, 0.128, 0.567, 0.551}, {0.75, 0.369, 0.789, 0.383}, {1, 0.993, 0.906, 0.144}})},
      {QStringLiteral("magma"), build({{0, 0.001, 0.0, 0.014}, {0.25, 0.316, 0.072, 0.485}, {0.5, 0.716, 0.215, 0.475}, {0.75, 0.987, 0.535, 0.382}, {1, 0.987, 0.991, 0.750}})},
  };
  return kTables;
}

}  // namespace

QStringList colormapNames() {
  QStringList names;
  for (const auto& [name, table] : tables()) names << name;
  return names;
}

const ColorTable& colormap(const QString& name) {
  const auto& t = tables();
  const auto it = t.find(name.toLower());
  return it != t.end() ? it->second : t.at(QStringLiteral("gray"));
}

}  // namespace xsky::imaging
