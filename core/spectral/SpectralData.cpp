#include "spectral/SpectralData.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

namespace xsky::spectral {

namespace {

/// A file named in a header, relative to the spectrum's folder; empty (with a warning) when the
/// file does not exist.
QString followKeyword(const QString& spectrumPath, const QString& named, const char* keyword,
                      QStringList* warnings) {
  if (named.isEmpty()) return {};
  const QString resolved =
      QFileInfo(named).isAbsolute() ? named : QFileInfo(spectrumPath).dir().filePath(named);
  if (QFileInfo::exists(resolved)) return resolved;
  if (warnings) {
    warnings->append(QStringLiteral("%1: %2 names %3, which does not exist; going on without it")
                         .arg(spectrumPath, QLatin1String(keyword), named));
  }
  return {};
}

}  // namespace

SpectralData SpectralData::load(const QString& path, const LoadOptions& options,
                                QStringList* warnings) {
  SpectralData d;
  d.source_ = readOgipSpectrum(path, warnings);
  const QString bkg = options.noBackground ? QString()
                      : !options.background.isEmpty()
                          ? options.background
                          : followKeyword(path, d.source_.backFile, "BACKFILE", warnings);
  if (!bkg.isEmpty()) {
    d.background_ = readOgipSpectrum(bkg, warnings);
    if (d.background_->channelCount() != d.source_.channelCount()) {
      throw Error(QStringLiteral("%1: the background has %2 channels, the spectrum %3")
                      .arg(bkg)
                      .arg(d.background_->channelCount())
                      .arg(d.source_.channelCount()));
    }
  }
  const QString rmf = !options.rmf.isEmpty()
                          ? options.rmf
                          : followKeyword(path, d.source_.respFile, "RESPFILE", warnings);
  if (!rmf.isEmpty()) d.rmf_ = readRmf(rmf, warnings);
  const QString arf = !options.arf.isEmpty()
                          ? options.arf
                          : followKeyword(path, d.source_.ancrFile, "ANCRFILE", warnings);
  if (!arf.isEmpty()) d.arf_ = readArf(arf, warnings);
  d.checkResponses();
  d.setGrouped(true);
  return d;
}

SpectralData SpectralData::fromParts(OgipSpectrum source, std::optional<OgipSpectrum> background, std::optional<Rmf> rmf,
                                     std::optional<Arf> arf) {
  SpectralData d;
  d.source_ = std::move(source);
  d.background_ = std::move(background);
  d.rmf_ = std::move(rmf);
  d.arf_ = std::move(arf);
  d.checkResponses();
  d.setGrouped(true);
  return d;
}

void SpectralData::checkResponses() const {
  if (rmf_ && rmf_->channelCount != source_.channelCount()) {
    throw Error(QStringLiteral("%1 has %2 channels but the spectrum %3 has %4")
                    .arg(rmf_->path)
                    .arg(rmf_->channelCount)
                    .arg(source_.path)
                    .arg(source_.channelCount()));
  }
  if (rmf_ && arf_) {
    bool same = arf_->area.size() == size_t(rmf_->energyCount());
    for (size_t i = 0; same && i < arf_->area.size(); ++i) {
      same = std::abs(arf_->energyLo[i] - rmf_->energyLo[i]) <= 1e-5 * rmf_->energyHi[i];
    }
    if (!same) {
      throw Error(
          QStringLiteral("%1 is on another energy grid than %2").arg(arf_->path, rmf_->path));
    }
  }
}

void SpectralData::setGrouped(bool grouped) { buildGroups(grouped ? &source_.grouping : nullptr); }

void SpectralData::buildGroups(const std::vector<int>* grouping) {
  groups_.clear();
  const int n = source_.channelCount();
  for (int i = 0; i < n; ++i) {
    const bool continues = grouping && i > 0 && (*grouping)[size_t(i)] == -1;
    if (!continues) {
      ChannelGroup g;
      g.firstIndex = i;
      groups_.push_back(g);
    }
    ChannelGroup& g = groups_.back();
    g.lastIndex = i;
    if (source_.quality[size_t(i)] == 0) g.channels.push_back(i);
  }
  std::erase_if(groups_, [](const ChannelGroup& g) { return g.channels.empty(); });
  if (rmf_) {
    for (auto& g : groups_) {
      g.emin = rmf_->channelEmin[size_t(g.firstIndex)];
      g.emax = rmf_->channelEmax[size_t(g.lastIndex)];
    }
  }
  noticed_.assign(groups_.size(), 1);
  filtered_ = false;
}

void SpectralData::group(const GroupingScheme& scheme) {
  const size_t n = size_t(source_.channelCount());
  std::vector<char> eligible(n, filtered_ ? 0 : 1);
  if (filtered_) {
    for (size_t g = 0; g < groups_.size(); ++g) {
      if (!noticed_[g]) continue;
      for (int i = groups_[g].firstIndex; i <= groups_[g].lastIndex; ++i) eligible[size_t(i)] = 1;
    }
  }
  std::vector<double> scaled, variance, fwhm;
  if (background_) {
    scaled.resize(n);
    variance.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const double denominator =
          background_->exposure * background_->backScale[i] * background_->areaScale[i];
      const double r = denominator > 0.0 ? source_.exposure * source_.backScale[i] *
                                               source_.areaScale[i] / denominator
                                         : 0.0;
      scaled[i] = r * background_->counts[i];
      variance[i] = r * r * background_->counts[i];
    }
  }
  if (scheme.kind == GroupingScheme::Kind::Optimal) {
    if (!rmf_) {
      throw Error(QStringLiteral("%1: optimal binning needs the response (RMF)").arg(source_.path));
    }
    fwhm = rmfFwhmChannels(*rmf_);
  }
  GroupingInput input;
  input.counts = source_.counts;
  input.quality = source_.quality;
  input.eligible = eligible;
  input.background = scaled;
  input.backgroundVariance = variance;
  input.fwhmChannels = fwhm;
  const GroupingResult result = groupChannels(scheme, input);
  std::vector<int> grouping = result.grouping;
  for (size_t i = 0; i < n; ++i) {
    if (result.dropped[i]) {
      eligible[i] = 0;
      grouping[i] = 1;
    }
  }
  const bool wasFiltered = filtered_;
  buildGroups(&grouping);
  for (size_t g = 0; g < groups_.size(); ++g) {
    noticed_[g] = eligible[size_t(groups_[g].firstIndex)];
  }
  filtered_ = wasFiltered || std::find(eligible.begin(), eligible.end(), 0) != eligible.end();
}

int SpectralData::noticedCount() const {
  int n = 0;
  for (char c : noticed_) n += c ? 1 : 0;
  return n;
}

template <typename Overlaps>
void SpectralData::applyFilter(bool notice, Overlaps overlaps) {
  if (notice && !filtered_) noticed_.assign(groups_.size(), 0);
  filtered_ = true;
  for (size_t i = 0; i < groups_.size(); ++i) {
    if (overlaps(groups_[i])) noticed_[i] = notice ? 1 : 0;
  }
}

void SpectralData::noticeEnergy(double lo, double hi) {
  if (!rmf_) throw Error(QStringLiteral("%1: an energy filter needs a response").arg(source_.path));
  applyFilter(true, [&](const ChannelGroup& g) { return g.emax > lo && g.emin < hi; });
}

void SpectralData::ignoreEnergy(double lo, double hi) {
  if (!rmf_) throw Error(QStringLiteral("%1: an energy filter needs a response").arg(source_.path));
  applyFilter(false, [&](const ChannelGroup& g) { return g.emax > lo && g.emin < hi; });
}

void SpectralData::noticeChannels(int lo, int hi) {
  applyFilter(true, [&](const ChannelGroup& g) {
    return source_.channels[size_t(g.lastIndex)] >= lo &&
           source_.channels[size_t(g.firstIndex)] <= hi;
  });
}

void SpectralData::ignoreChannels(int lo, int hi) {
  applyFilter(false, [&](const ChannelGroup& g) {
    return source_.channels[size_t(g.lastIndex)] >= lo &&
           source_.channels[size_t(g.firstIndex)] <= hi;
  });
}

void SpectralData::noticeAll() {
  noticed_.assign(groups_.size(), 1);
  filtered_ = false;
}

double SpectralData::backgroundRatio(const ChannelGroup& group) const {
  if (!background_) return 0.0;
  double src = 0.0, bkg = 0.0;
  for (int i : group.channels) {
    src += source_.backScale[size_t(i)] * source_.areaScale[size_t(i)];
    bkg += background_->backScale[size_t(i)] * background_->areaScale[size_t(i)];
  }
  if (!(bkg > 0.0)) return 0.0;
  return (source_.exposure * src) / (background_->exposure * bkg);
}

void SpectralData::foldChannels(const Model& model, std::span<const double> values,
                                std::vector<double>* channelCounts) const {
  if (!rmf_) {
    throw Error(QStringLiteral("%1: no response (RMF); give one with rmf=FILE").arg(source_.path));
  }
  const Rmf& r = *rmf_;
  const size_t ne = size_t(r.energyCount());
  std::vector<double> flux(ne);
  model.evaluate(values, r.energyLo, r.energyHi, flux.data());
  channelCounts->assign(size_t(r.channelCount), 0.0);
  double* out = channelCounts->data();
  for (size_t e = 0; e < ne; ++e) {
    const double f = arf_ ? flux[e] * arf_->area[e] : flux[e];
    if (f == 0.0) continue;
    for (int k = r.runStart[e]; k < r.runStart[e + 1]; ++k) {
      const Rmf::Run& run = r.runs[size_t(k)];
      const float* v = r.values.data() + run.valueOffset;
      double* o = out + run.firstChannel;
      for (int c = 0; c < run.count; ++c) o[c] += f * v[c];
    }
  }
  for (size_t c = 0; c < channelCounts->size(); ++c) {
    out[c] *= source_.exposure * source_.areaScale[c];
  }
}

namespace {

// out[k][c] += f[k][e] * M[e][c] for K flux vectors at once (K fixed for the compiler).
template <int K>
void foldRows(const Rmf& r, const double* const* f, double* const* out) {
  const size_t ne = size_t(r.energyCount());
  for (size_t e = 0; e < ne; ++e) {
    double fe[K];
    bool any = false;
    for (int k = 0; k < K; ++k) {
      fe[k] = f[k][e];
      any = any || fe[k] != 0.0;
    }
    if (!any) continue;
    for (int q = r.runStart[e]; q < r.runStart[e + 1]; ++q) {
      const Rmf::Run& run = r.runs[size_t(q)];
      const float* v = r.values.data() + run.valueOffset;
      for (int k = 0; k < K; ++k) {
        double* o = out[k] + run.firstChannel;
        const double w = fe[k];
        for (int c = 0; c < run.count; ++c) o[c] += w * v[c];
      }
    }
  }
}

}  // namespace

void SpectralData::foldChannelsBatch(const Model& model, const std::vector<std::vector<double>>& values,
                                     std::vector<std::vector<double>>* channelCounts) const {
  if (!rmf_) {
    throw Error(QStringLiteral("%1: no response (RMF); give one with rmf=FILE").arg(source_.path));
  }
  const Rmf& r = *rmf_;
  const size_t ne = size_t(r.energyCount()), nk = values.size();
  std::vector<std::vector<double>> flux(nk, std::vector<double>(ne));
  for (size_t k = 0; k < nk; ++k) {
    model.evaluate(values[k], r.energyLo, r.energyHi, flux[k].data());
    if (arf_) {
      for (size_t e = 0; e < ne; ++e) flux[k][e] *= arf_->area[e];
    }
  }
  channelCounts->assign(nk, std::vector<double>(size_t(r.channelCount), 0.0));
  for (size_t k0 = 0; k0 < nk; k0 += 4) {
    const double* f[4];
    double* o[4];
    const size_t group = std::min<size_t>(4, nk - k0);
    for (size_t k = 0; k < group; ++k) {
      f[k] = flux[k0 + k].data();
      o[k] = (*channelCounts)[k0 + k].data();
    }
    switch (group) {
      case 4: foldRows<4>(r, f, o); break;
      case 3: foldRows<3>(r, f, o); break;
      case 2: foldRows<2>(r, f, o); break;
      default: foldRows<1>(r, f, o); break;
    }
  }
  for (auto& counts : *channelCounts) {
    for (size_t c = 0; c < counts.size(); ++c) counts[c] *= source_.exposure * source_.areaScale[c];
  }
}

}  // namespace xsky::spectral
