#include "imaging/Colormaps.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace xsky::imaging {

namespace {

// A channel as a piecewise-linear curve through (position, intensity) points, both in [0, 1].
using Curve = std::vector<std::pair<double, double>>;

double evaluate(const Curve& c, double x) {
  if (x <= c.front().first) return c.front().second;
  for (size_t k = 1; k < c.size(); ++k) {
    if (x <= c[k].first) {
      const auto& [x0, y0] = c[k - 1];
      const auto& [x1, y1] = c[k];
      return x1 > x0 ? y0 + (y1 - y0) * (x - x0) / (x1 - x0) : y1;
    }
  }
  return c.back().second;
}

uint8_t byte(double v) { return static_cast<uint8_t>(std::lround(255.0 * std::clamp(v, 0.0, 1.0))); }

ColorTable channels(const Curve& r, const Curve& g, const Curve& b) {
  ColorTable t{};
  for (int i = 0; i < 256; ++i) {
    const double x = i / 255.0;
    t[i] = {byte(evaluate(r, x)), byte(evaluate(g, x)), byte(evaluate(b, x))};
  }
  return t;
}

// Colours at evenly spaced positions, interpolated (perceptual maps given by samples).
ColorTable samples(const std::vector<std::array<double, 3>>& s) {
  Curve r, g, b;
  for (size_t k = 0; k < s.size(); ++k) {
    const double x = k / double(s.size() - 1);
    r.emplace_back(x, s[k][0]);
    g.emplace_back(x, s[k][1]);
    b.emplace_back(x, s[k][2]);
  }
  return channels(r, g, b);
}

// Hue sweep at full saturation and value, from hue h0 to h1 (degrees).
ColorTable hueSweep(double h0, double h1) {
  ColorTable t{};
  for (int i = 0; i < 256; ++i) {
    const double h = std::fmod(h0 + (h1 - h0) * i / 255.0 + 360.0, 360.0) / 60.0;
    const double x = 1.0 - std::abs(std::fmod(h, 2.0) - 1.0);
    double r = 0, g = 0, b = 0;
    switch (static_cast<int>(h)) {
      case 0: r = 1; g = x; break;
      case 1: r = x; g = 1; break;
      case 2: g = 1; b = x; break;
      case 3: g = x; b = 1; break;
      case 4: r = x; b = 1; break;
      default: r = 1; b = x; break;
    }
    t[i] = {byte(r), byte(g), byte(b)};
  }
  return t;
}

// Discrete steps of a colour list (DS9's i8 and aips0 style).
ColorTable steps(const std::vector<std::array<double, 3>>& colours) {
  ColorTable t{};
  for (int i = 0; i < 256; ++i) {
    const auto& c = colours[std::min(colours.size() - 1, static_cast<size_t>(i * colours.size() / 256))];
    t[i] = {byte(c[0]), byte(c[1]), byte(c[2])};
  }
  return t;
}

const std::map<QString, ColorTable>& tables() {
  static const std::map<QString, ColorTable> kTables = {
      {QStringLiteral("gray"), channels({{0, 0}, {1, 1}}, {{0, 0}, {1, 1}}, {{0, 0}, {1, 1}})},
      {QStringLiteral("red"), channels({{0, 0}, {1, 1}}, {{0, 0}, {1, 0}}, {{0, 0}, {1, 0}})},
      {QStringLiteral("green"), channels({{0, 0}, {1, 0}}, {{0, 0}, {1, 1}}, {{0, 0}, {1, 0}})},
      {QStringLiteral("blue"), channels({{0, 0}, {1, 0}}, {{0, 0}, {1, 0}}, {{0, 0}, {1, 1}})},
      // Black through blue, red and yellow to white, in DS9's manner for a, b and bb.
      {QStringLiteral("a"), channels({{0, 0}, {0.25, 0}, {0.5, 1}, {1, 1}},
                                     {{0, 0}, {0.25, 1}, {0.5, 0}, {0.77, 0}, {1, 1}},
                                     {{0, 0}, {0.125, 0}, {0.5, 1}, {0.64, 0.5}, {0.77, 0}, {1, 0}})},
      {QStringLiteral("b"), channels({{0, 0}, {0.25, 0}, {0.5, 1}, {1, 1}},
                                     {{0, 0}, {0.5, 0}, {0.75, 1}, {1, 1}},
                                     {{0, 0}, {0.25, 1}, {0.5, 0}, {0.75, 0}, {1, 1}})},
      {QStringLiteral("bb"), channels({{0, 0}, {0.5, 1}, {1, 1}}, {{0, 0}, {0.25, 0}, {0.75, 1}, {1, 1}},
                                      {{0, 0}, {0.5, 0}, {1, 1}})},
      {QStringLiteral("he"), channels({{0, 0}, {0.015, 0.5}, {0.25, 0.5}, {0.5, 0.75}, {1, 1}},
                                      {{0, 0}, {0.065, 0}, {0.125, 0.5}, {0.25, 0.75}, {0.5, 0.81}, {1, 1}},
                                      {{0, 0}, {0.015, 0.125}, {0.03, 0.375}, {0.065, 0.625}, {0.25, 0.25}, {1, 1}})},
      {QStringLiteral("heat"), channels({{0, 0}, {0.34, 1}, {1, 1}}, {{0, 0}, {1, 1}},
                                        {{0, 0}, {0.65, 0}, {0.98, 1}, {1, 1}})},
      {QStringLiteral("cool"), channels({{0, 0}, {0.29, 0}, {0.76, 0.1}, {1, 1}},
                                        {{0, 0}, {0.22, 0}, {0.96, 1}, {1, 1}}, {{0, 0}, {0.53, 1}, {1, 1}})},
      {QStringLiteral("sls"), samples({{0, 0, 0}, {0, 0, 0.5}, {0, 0, 1}, {0, 0.6, 1}, {0, 0.8, 0.4},
                                       {0, 0.7, 0}, {0.6, 0.9, 0}, {1, 1, 0}, {1, 0.6, 0}, {1, 0, 0},
                                       {1, 0.5, 0.5}, {1, 1, 1}})},
      {QStringLiteral("i8"), steps({{0, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 1}, {1, 0, 0}, {1, 1, 0},
                                    {1, 0, 1}, {1, 1, 1}})},
      {QStringLiteral("aips0"), steps({{0.196, 0.196, 0.196}, {0.475, 0, 0.608}, {0, 0, 0.784},
                                       {0.373, 0.655, 0.925}, {0, 0.592, 0}, {0, 0.941, 0}, {1, 1, 0},
                                       {1, 0.69, 0}, {1, 0, 0}})},
      {QStringLiteral("rainbow"), hueSweep(300, 0)},
      {QStringLiteral("hsv"), hueSweep(0, 360)},
      {QStringLiteral("viridis"), samples({{0.267, 0.005, 0.329}, {0.283, 0.141, 0.458}, {0.254, 0.265, 0.530},
                                           {0.207, 0.372, 0.553}, {0.164, 0.471, 0.558}, {0.128, 0.567, 0.551},
                                           {0.135, 0.659, 0.518}, {0.267, 0.749, 0.441}, {0.478, 0.821, 0.318},
                                           {0.741, 0.873, 0.150}, {0.993, 0.906, 0.144}})},
      {QStringLiteral("magma"), samples({{0.001, 0.000, 0.014}, {0.080, 0.065, 0.250}, {0.232, 0.060, 0.437},
                                         {0.390, 0.100, 0.502}, {0.550, 0.161, 0.506}, {0.716, 0.215, 0.475},
                                         {0.868, 0.288, 0.409}, {0.967, 0.439, 0.360}, {0.994, 0.624, 0.427},
                                         {0.997, 0.812, 0.575}, {0.987, 0.991, 0.750}})},
      {QStringLiteral("inferno"), samples({{0.001, 0.000, 0.014}, {0.087, 0.045, 0.225}, {0.258, 0.039, 0.406},
                                           {0.416, 0.090, 0.433}, {0.578, 0.148, 0.404}, {0.735, 0.216, 0.330},
                                           {0.866, 0.317, 0.226}, {0.954, 0.469, 0.099}, {0.988, 0.645, 0.040},
                                           {0.964, 0.837, 0.269}, {0.988, 0.998, 0.645}})},
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
