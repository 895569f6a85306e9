#include "spectral/Grouping.h"

#include <algorithm>
#include <cmath>

namespace xsky::spectral {

namespace {

/// Groups the channels [begin, end) of one eligible run until `satisfied` holds for a group.
template <typename Add, typename Satisfied>
void groupRun(const GroupingInput& in, bool dropIncomplete, size_t begin, size_t end,
              GroupingResult* out, Add add, Satisfied satisfied) {
  bool open = false;
  size_t start = begin;
  for (size_t k = begin; k < end; ++k) {
    if (in.quality[k] != 0) {
      out->grouping[k] = open ? -1 : 1;
      continue;
    }
    if (!open) {
      out->grouping[k] = 1;
      start = k;
      open = true;
      add(k, true);
    } else {
      out->grouping[k] = -1;
      add(k, false);
    }
    if (satisfied()) open = false;
  }
  if (open && dropIncomplete) {
    for (size_t k = start; k < end; ++k) out->dropped[k] = 1;
  }
}

}  // namespace

std::optional<GroupingScheme> parseGroupingScheme(const QString& text, QString* error) {
  const QString t = text.trimmed();
  GroupingScheme scheme;
  if (t.compare(QLatin1String("optimal"), Qt::CaseInsensitive) == 0) {
    scheme.kind = GroupingScheme::Kind::Optimal;
    return scheme;
  }
  const QString key = t.section(QLatin1Char('='), 0, 0).trimmed().toLower();
  bool ok = false;
  const double value = t.section(QLatin1Char('='), 1).trimmed().toDouble(&ok);
  if (key == QLatin1String("min-counts") || key == QLatin1String("min-snr")) {
    if (!ok || !(value > 0.0) || !std::isfinite(value)) {
      if (error) *error = QStringLiteral("'%1': the minimum must be a positive number").arg(text);
      return std::nullopt;
    }
    scheme.kind = key == QLatin1String("min-counts") ? GroupingScheme::Kind::MinCounts
                                                     : GroupingScheme::Kind::MinSnr;
    scheme.minimum = value;
    return scheme;
  }
  if (error) {
    *error = QStringLiteral("unknown grouping '%1' (min-counts=N, min-snr=X, optimal)").arg(text);
  }
  return std::nullopt;
}

double optimalBinWidthInFwhm(double countsPerResolutionElement, double resolutionElements) {
  const double r = std::max(resolutionElements, 1.0);
  const double product = countsPerResolutionElement * (1.0 + 0.2 * std::log(r));
  if (!(product > 0.0)) return 1.0;
  const double x = std::log(product);
  if (x <= 2.119) return 1.0;
  return (0.08 + 7.0 / x + 1.8 / (x * x)) / (1.0 + 5.9 / x);
}

GroupingResult groupChannels(const GroupingScheme& scheme, const GroupingInput& in) {
  const size_t n = in.counts.size();
  GroupingResult out;
  out.grouping.assign(n, 1);
  out.dropped.assign(n, 0);
  auto eligible = [&](size_t i) { return in.eligible.empty() || in.eligible[i] != 0; };
  auto good = [&](size_t i) { return eligible(i) && in.quality[i] == 0; };

  // Optimal binning: each good channel's optimal width in channels.
  std::vector<double> inverseWidth;
  if (scheme.kind == GroupingScheme::Kind::Optimal) {
    double resolutionElements = 0.0;
    for (size_t i = 0; i < n; ++i) {
      if (good(i)) resolutionElements += 1.0 / std::max(1.0, in.fwhmChannels[i]);
    }
    inverseWidth.assign(n, 1.0);
    for (size_t i = 0; i < n; ++i) {
      if (!good(i)) continue;
      const double fwhm = std::max(1.0, in.fwhmChannels[i]);
      const auto half = ptrdiff_t(std::floor(0.5 * fwhm));
      double perElement = 0.0;
      const auto lo = std::max<ptrdiff_t>(0, ptrdiff_t(i) - half);
      const auto hi = std::min<ptrdiff_t>(ptrdiff_t(n) - 1, ptrdiff_t(i) + half);
      for (ptrdiff_t k = lo; k <= hi; ++k) {
        if (good(size_t(k))) perElement += in.counts[size_t(k)];
      }
      const double width = optimalBinWidthInFwhm(perElement, resolutionElements) * fwhm;
      inverseWidth[i] = 1.0 / std::max(1.0, width);
    }
  }

  for (size_t begin = 0; begin < n;) {
    if (!eligible(begin)) {
      ++begin;
      continue;
    }
    size_t end = begin;
    while (end < n && eligible(end)) ++end;
    double s = 0.0, b = 0.0, vb = 0.0, filled = 0.0;
    switch (scheme.kind) {
      case GroupingScheme::Kind::MinCounts:
        groupRun(
            in, scheme.dropIncomplete, begin, end, &out,
            [&](size_t k, bool first) { s = (first ? 0.0 : s) + in.counts[k]; },
            [&] { return s >= scheme.minimum; });
        break;
      case GroupingScheme::Kind::MinSnr: {
        const bool withBackground = !in.background.empty();
        groupRun(
            in, scheme.dropIncomplete, begin, end, &out,
            [&](size_t k, bool first) {
              if (first) s = b = vb = 0.0;
              s += in.counts[k];
              if (withBackground) {
                b += in.background[k];
                vb += in.backgroundVariance.empty() ? 0.0 : in.backgroundVariance[k];
              }
            },
            [&] {
              const double signal = s - b, noise = std::sqrt(s + vb);
              return signal > 0.0 && noise > 0.0 && signal / noise >= scheme.minimum;
            });
        break;
      }
      case GroupingScheme::Kind::Optimal: {
        // A group takes channels while the sum of (1 / optimal width) over them stays <= 1:
        // it is never wider than the optimal width anywhere inside it.
        bool open = false;
        for (size_t k = begin; k < end; ++k) {
          if (in.quality[k] != 0) {
            out.grouping[k] = open ? -1 : 1;
            continue;
          }
          if (open && filled + inverseWidth[k] <= 1.0 + 1e-12) {
            out.grouping[k] = -1;
            filled += inverseWidth[k];
          } else {
            out.grouping[k] = 1;
            filled = inverseWidth[k];
            open = true;
          }
        }
        break;
      }
    }
    begin = end;
  }
  return out;
}

std::vector<double> rmfFwhmChannels(const Rmf& rmf) {
  const int nc = rmf.channelCount;
  std::vector<double> fwhm(size_t(nc), 1.0);
  if (rmf.energyCount() == 0 || rmf.channelEmin.size() != size_t(nc)) return fwhm;
  std::vector<double> cache(size_t(rmf.energyCount()), -1.0);
  std::vector<double> row(size_t(nc), 0.0);
  auto rowFwhm = [&](int r) {
    int first = nc, last = -1;
    for (int k = rmf.runStart[size_t(r)]; k < rmf.runStart[size_t(r) + 1]; ++k) {
      const Rmf::Run& run = rmf.runs[size_t(k)];
      for (int c = 0; c < run.count; ++c) {
        const int ch = run.firstChannel + c;
        if (ch < 0 || ch >= nc) continue;
        row[size_t(ch)] += rmf.values[size_t(run.valueOffset + c)];
        first = std::min(first, ch);
        last = std::max(last, ch);
      }
    }
    double width = 1.0;
    if (last >= first) {
      int peak = first;
      for (int ch = first; ch <= last; ++ch) {
        if (row[size_t(ch)] > row[size_t(peak)]) peak = ch;
      }
      const double half = 0.5 * row[size_t(peak)];
      if (half > 0.0) {
        double left = first - 0.5, right = last + 0.5;
        for (int ch = peak; ch > first; --ch) {
          const double a = row[size_t(ch - 1)], b = row[size_t(ch)];
          if (a < half) {
            left = (ch - 1) + (half - a) / (b - a);
            break;
          }
        }
        for (int ch = peak; ch < last; ++ch) {
          const double a = row[size_t(ch)], b = row[size_t(ch + 1)];
          if (b < half) {
            right = ch + (a - half) / (a - b);
            break;
          }
        }
        width = std::max(1.0, right - left);
      }
      std::fill(row.begin() + first, row.begin() + last + 1, 0.0);
    }
    return width;
  };
  for (int c = 0; c < nc; ++c) {
    const double mid = 0.5 * (rmf.channelEmin[size_t(c)] + rmf.channelEmax[size_t(c)]);
    const auto upper = std::upper_bound(rmf.energyLo.begin(), rmf.energyLo.end(), mid);
    const int r = std::clamp(int(upper - rmf.energyLo.begin()) - 1, 0, rmf.energyCount() - 1);
    if (cache[size_t(r)] < 0.0) cache[size_t(r)] = rowFwhm(r);
    fwhm[size_t(c)] = cache[size_t(r)];
  }
  return fwhm;
}

}  // namespace xsky::spectral
