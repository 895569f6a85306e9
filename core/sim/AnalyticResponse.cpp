#include "sim/AnalyticResponse.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace xsky::sim {

namespace {

struct AreaModel {
  double peak, lowCut, lowPower, rollOff, rollPower, siEdge, auEdge;
};
constexpr AreaModel kPnArea{1300.0, 0.28, 2.0, 8.0, 4.3, 0.97, 0.88};
constexpr AreaModel kMosArea{505.0, 0.36, 1.9, 7.4, 5.7, 0.86, 0.90};
constexpr double kSiEdgeKeV = 1.839, kAuEdgeKeV = 2.206;

struct ResolutionModel {
  double a, b;  // FWHM^2 = a + b E, eV^2 with E in keV
};
constexpr ResolutionModel kPnResolution{7500.0, 2500.0};
constexpr ResolutionModel kMosResolution{2500.0, 2400.0};

constexpr double kRmfThreshold = 1e-7;
constexpr double kRmfHalfWidthSigmas = 6.0;

// Standard normal probability of [a, b), computed from the tail that keeps full relative
// precision (no cancellation between two values close to 1).
double normalMass(double a, double b) {
  const double k = 1.0 / std::sqrt(2.0);
  if (a >= 0) return 0.5 * (std::erfc(a * k) - std::erfc(b * k));
  if (b <= 0) return 0.5 * (std::erfc(-b * k) - std::erfc(-a * k));
  return 1.0 - 0.5 * std::erfc(-a * k) - 0.5 * std::erfc(b * k);
}

}  // namespace

double AnalyticResponse::effectiveArea(double e) const {
  const AreaModel& m = isMos(camera_) ? kMosArea : kPnArea;
  double a = m.peak * std::exp(-std::pow(m.lowCut / e, m.lowPower)) /
             (1.0 + std::pow(e / m.rollOff, m.rollPower));
  if (e >= kSiEdgeKeV) a *= m.siEdge;
  if (e >= kAuEdgeKeV) a *= m.auEdge;
  return a;
}

double AnalyticResponse::fwhm(double e) const {
  const ResolutionModel& r = isMos(camera_) ? kMosResolution : kPnResolution;
  return std::sqrt(r.a + r.b * e) * 1e-3;
}

products::EnergyGrid AnalyticResponse::energyGrid() const {
  products::EnergyGrid g;
  for (int i = 0; i < kGridBins; ++i) {
    g.lo.push_back(energyLo(i));
    g.hi.push_back(energyHi(i));
  }
  return g;
}

products::ChannelGrid AnalyticResponse::channelGrid() const {
  products::ChannelGrid c;
  c.firstChannel = 0;
  const int w = channelWidthEv();
  for (int ch = 0; ch < channelCount(); ++ch) {
    c.eMin.push_back(ch * w * 1e-3);
    c.eMax.push_back((ch + 1) * w * 1e-3);
  }
  return c;
}

products::RedistributionMatrix AnalyticResponse::matrix() const {
  products::RedistributionMatrix m;
  m.energies = energyGrid();
  m.channels = channelGrid();
  m.threshold = kRmfThreshold;
  const double w = channelWidthEv() * 1e-3;
  const int n = channelCount();
  for (int i = 0; i < kGridBins; ++i) {
    const double e = energyCentre(i), s = sigma(e);
    const double positive = 1.0 - 0.5 * std::erfc(e / s / std::sqrt(2.0));  // P(measured >= 0)
    const int lo = std::max(0, static_cast<int>(std::floor((e - kRmfHalfWidthSigmas * s) / w)));
    const int hi = std::min(n - 1, static_cast<int>(std::floor((e + kRmfHalfWidthSigmas * s) / w)));
    std::vector<double> p(static_cast<size_t>(std::max(0, hi - lo + 1)));
    for (int ch = lo; ch <= hi; ++ch) {
      p[static_cast<size_t>(ch - lo)] =
          normalMass((ch * w - e) / s, ((ch + 1) * w - e) / s) / positive;
    }
    m.rows.push_back(products::ResponseRow::fromDense(p, lo, kRmfThreshold));
  }
  return m;
}

std::vector<double> AnalyticResponse::arf() const {
  std::vector<double> a;
  a.reserve(kGridBins);
  for (int i = 0; i < kGridBins; ++i) a.push_back(effectiveArea(energyCentre(i)));
  return a;
}

QJsonObject AnalyticResponse::toJson() const {
  const AreaModel& m = isMos(camera_) ? kMosArea : kPnArea;
  const ResolutionModel& r = isMos(camera_) ? kMosResolution : kPnResolution;
  return QJsonObject{
      {QStringLiteral("effective_area_formula"),
       QStringLiteral("A(E) = peak exp(-(low_cut/E)^low_power) / (1 + (E/roll_off)^roll_power)"
                      " * (E>=1.839 ? si_edge : 1) * (E>=2.206 ? au_edge : 1), cm^2, E in keV")},
      {QStringLiteral("effective_area"), QJsonObject{{QStringLiteral("peak"), m.peak},
                                                     {QStringLiteral("low_cut"), m.lowCut},
                                                     {QStringLiteral("low_power"), m.lowPower},
                                                     {QStringLiteral("roll_off"), m.rollOff},
                                                     {QStringLiteral("roll_power"), m.rollPower},
                                                     {QStringLiteral("si_edge"), m.siEdge},
                                                     {QStringLiteral("au_edge"), m.auEdge}}},
      {QStringLiteral("resolution_formula"),
       QStringLiteral("Gaussian, FWHM(E) = sqrt(a + b E) eV, E in keV")},
      {QStringLiteral("resolution"),
       QJsonObject{{QStringLiteral("a_eV2"), r.a}, {QStringLiteral("b_eV2_per_keV"), r.b}}},
      {QStringLiteral("energy_grid_keV"), QJsonArray{kGridMinKeV, kGridMaxKeV, kGridStepEv * 1e-3}},
      {QStringLiteral("channel_width_eV"), channelWidthEv()},
      {QStringLiteral("channels"), channelCount()},
      {QStringLiteral("pi_to_channel"),
       QStringLiteral("channel = floor(PI / %1)").arg(channelWidthEv())},
      {QStringLiteral("rmf_threshold"), kRmfThreshold}};
}

}  // namespace xsky::sim
