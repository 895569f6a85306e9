#include "spectral/FitPlotData.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace xsky::spectral {

namespace {

/// The parameter values of the whole model, then (when there are several additive components:
/// those with a norm parameter, in order of appearance) of each one alone, the other norms at 0.
std::vector<std::vector<double>> componentPoints(const Model& model, std::span<const double> values,
                                                 QStringList* names) {
  const std::vector<double> v(values.begin(), values.end());
  std::vector<QString> components;
  const auto& params = model.parameters();
  for (const Parameter& p : params) {
    if (p.name == QLatin1String("norm") &&
        std::find(components.begin(), components.end(), p.component) == components.end()) {
      components.push_back(p.component);
    }
  }
  std::vector<std::vector<double>> points{v};
  if (components.size() > 1) {
    for (const QString& keep : components) {
      std::vector<double> only = v;
      for (size_t i = 0; i < params.size(); ++i) {
        if (params[i].name == QLatin1String("norm") && params[i].component != keep) only[i] = 0.0;
      }
      points.push_back(std::move(only));
      *names << keep;
    }
  }
  return points;
}

}  // namespace

FoldedPlot foldedPlot(const SpectralData& data, const Model& model, std::span<const double> values,
                      bool subtractBackground) {
  FoldedPlot plot;
  const std::vector<std::vector<double>> points =
      componentPoints(model, values, &plot.componentNames);
  std::vector<std::vector<double>> folded;
  data.foldChannelsBatch(model, points, &folded);
  plot.components.resize(points.size() - 1);
  const auto& src = data.source().counts;
  const auto* bkg = data.background() ? &data.background()->counts : nullptr;
  const double exposure = data.source().exposure > 0 ? data.source().exposure : 1.0;
  const auto& groups = data.groups();
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    if (!data.noticed()[gi]) continue;
    const ChannelGroup& g = groups[gi];
    const double width = g.emax - g.emin;
    if (!(width > 0)) continue;
    double counts = 0, background = 0, model0 = 0;
    std::vector<double> parts(plot.components.size(), 0.0);
    for (int c : g.channels) {
      counts += src[size_t(c)];
      if (bkg) background += (*bkg)[size_t(c)];
      model0 += folded[0][size_t(c)];
      for (size_t k = 0; k < parts.size(); ++k) parts[k] += folded[k + 1][size_t(c)];
    }
    const double ratio = bkg ? data.backgroundRatio(g) : 0.0;
    const double net = subtractBackground ? counts - ratio * background : counts;
    const double variance = std::max(counts, 1.0) + (subtractBackground ? ratio * ratio * background : 0.0);
    const double scale = 1.0 / (exposure * width);
    plot.energy.push_back(0.5 * (g.emin + g.emax));
    plot.halfWidth.push_back(0.5 * width);
    plot.rate.push_back(net * scale);
    plot.rateError.push_back(std::sqrt(variance) * scale);
    plot.model.push_back(model0 * scale);
    plot.residual.push_back((net - model0) / std::sqrt(variance));
    plot.ratio.push_back(model0 > 0 ? net / model0 : 0.0);
    for (size_t k = 0; k < parts.size(); ++k) plot.components[k].push_back(parts[k] * scale);
  }
  return plot;
}

UnfoldedPlot unfoldedPlot(const FoldedPlot& folded, const Model& model,
                          std::span<const double> values) {
  UnfoldedPlot plot;
  plot.energy = folded.energy;
  plot.halfWidth = folded.halfWidth;
  const size_t n = folded.energy.size();
  std::vector<double> lo(n), hi(n);
  for (size_t k = 0; k < n; ++k) {
    lo[k] = folded.energy[k] - folded.halfWidth[k];
    hi[k] = folded.energy[k] + folded.halfWidth[k];
  }
  const std::vector<std::vector<double>> points =
      componentPoints(model, values, &plot.componentNames);
  std::vector<double> flux(n);
  for (size_t p = 0; p < points.size(); ++p) {
    model.evaluate(points[p], lo, hi, flux.data());
    std::vector<double> ee(n);
    // Mean photon flux over the group times E_lo E_hi.
    for (size_t k = 0; k < n; ++k) {
      ee[k] = hi[k] > lo[k] ? flux[k] / (hi[k] - lo[k]) * lo[k] * hi[k] : 0.0;
    }
    if (p == 0) {
      plot.model = std::move(ee);
    } else {
      plot.components.push_back(std::move(ee));
    }
  }
  plot.data.resize(n);
  plot.dataError.resize(n);
  for (size_t k = 0; k < n; ++k) {
    const bool usable = folded.model[k] > 0.0;
    const double unfold = usable ? plot.model[k] / folded.model[k] : std::nan("");
    plot.data[k] = folded.rate[k] * unfold;
    plot.dataError[k] = folded.rateError[k] * unfold;
  }
  return plot;
}

}  // namespace xsky::spectral
