#include "timing/Periodogram.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "fits/FitsError.h"
#include "timing/FastZ2.h"
#include "timing/IncompleteGamma.h"

namespace xsky::timing {

namespace {

constexpr int kHTestHarmonics = 20;  // de Jager et al. 1989

double hFromZ2(const double* z2, int* argmax) {
  double best = -HUGE_VAL;
  for (int m = 1; m <= kHTestHarmonics; ++m) {
    const double h = z2[m - 1] - 4.0 * m + 4.0;
    if (h > best) {
      best = h;
      *argmax = m;
    }
  }
  return best;
}

// Scargle 1982 eq. 10 on evenly sampled values y (mean removed; t_i = (i + 1/2) width),
// normalised by their variance. cos/sin of w t_i and 2 w t_i follow by rotation along the bins,
// recomputed exactly every 512 bins.
double lombScargle(const std::vector<double>& y, double width, double variance, double f) {
  const double w = 2.0 * std::numbers::pi * f;
  const size_t n = y.size();
  std::vector<double> cw(n), sw(n);
  const double rc = std::cos(w * width), rs = std::sin(w * width);
  for (size_t i = 0; i < n; ++i) {
    if (i % 512 == 0) {
      double cycles = f * (static_cast<double>(i) + 0.5) * width;
      cycles -= std::floor(cycles);
      cw[i] = std::cos(2.0 * std::numbers::pi * cycles);
      sw[i] = std::sin(2.0 * std::numbers::pi * cycles);
    } else {
      cw[i] = cw[i - 1] * rc - sw[i - 1] * rs;
      sw[i] = sw[i - 1] * rc + cw[i - 1] * rs;
    }
  }
  double s2 = 0, c2 = 0;
  for (size_t i = 0; i < n; ++i) {
    s2 += 2.0 * sw[i] * cw[i];            // sin 2wt
    c2 += cw[i] * cw[i] - sw[i] * sw[i];  // cos 2wt
  }
  const double wtau = 0.5 * std::atan2(s2, c2);
  const double ct = std::cos(wtau), st = std::sin(wtau);
  double yc = 0, ys = 0, cc = 0, ss = 0;
  for (size_t i = 0; i < n; ++i) {
    const double c = cw[i] * ct + sw[i] * st, s = sw[i] * ct - cw[i] * st;  // w (t - tau)
    yc += y[i] * c;
    ys += y[i] * s;
    cc += c * c;
    ss += s * s;
  }
  return 0.5 * (yc * yc / cc + ys * ys / ss) / variance;
}

}  // namespace

bool parsePeriodogramMethod(const QString& name, PeriodogramMethod* method) {
  const QString n = name.toLower();
  if (n == QLatin1String("z2"))
    *method = PeriodogramMethod::Z2;
  else if (n == QLatin1String("rayleigh"))
    *method = PeriodogramMethod::Rayleigh;
  else if (n == QLatin1String("h"))
    *method = PeriodogramMethod::HTest;
  else if (n == QLatin1String("ls"))
    *method = PeriodogramMethod::LombScargle;
  else
    return false;
  return true;
}

QString periodogramMethodName(PeriodogramMethod method) {
  switch (method) {
    case PeriodogramMethod::Z2:
      return QStringLiteral("z2");
    case PeriodogramMethod::Rayleigh:
      return QStringLiteral("rayleigh");
    case PeriodogramMethod::HTest:
      return QStringLiteral("h");
    case PeriodogramMethod::LombScargle:
      return QStringLiteral("ls");
  }
  return {};
}

FrequencyGrid makeFrequencyGrid(double fmin, double fmax, double span, double oversample,
                                long long maxFrequencies) {
  if (!(fmin >= 0) || !(fmax > fmin))
    throw Error(QStringLiteral("the frequency range needs 0 <= fmin < fmax (got %1 to %2 Hz)")
                    .arg(fmin)
                    .arg(fmax));
  if (!(span > 0)) throw Error(QStringLiteral("the events span no time"));
  if (!(oversample >= 1)) throw Error(QStringLiteral("oversampling must be >= 1"));
  FrequencyGrid g;
  g.fmin = fmin;
  g.fmax = fmax;
  g.step = 1.0 / (oversample * span);
  const double n = std::floor((fmax - fmin) / g.step) + 1.0;
  if (n > static_cast<double>(maxFrequencies)) {
    throw Error(QStringLiteral("the search would need %1 trial frequencies (%2 MB of results); "
                               "the limit is %3: narrow the range or lower the oversampling")
                    .arg(n, 0, 'g', 4)
                    .arg(n * 2 * sizeof(double) / 1e6, 0, 'f', 0)
                    .arg(maxFrequencies));
  }
  g.count = static_cast<long long>(n);
  return g;
}

long long independentTrials(double fmin, double fmax, double span) {
  return std::max(1LL, std::llround((fmax - fmin) * span));
}

double singleTrialFap(PeriodogramMethod method, double power, int harmonics) {
  switch (method) {
    case PeriodogramMethod::Z2:
      return chiSquareSurvival(power, 2.0 * harmonics);
    case PeriodogramMethod::Rayleigh:
      return chiSquareSurvival(power, 2.0);
    case PeriodogramMethod::HTest:
      return std::min(1.0, std::exp(-0.4 * power));
    case PeriodogramMethod::LombScargle:
      return std::exp(-power);
  }
  return 1.0;
}

double multiTrialFap(double p, long long trials) {
  if (p >= 1) return 1.0;
  return -std::expm1(static_cast<double>(trials) * std::log1p(-p));
}

double gaussianSigma(double p) {
  if (!(p < 0.5)) return 0.0;
  if (!(p > 0)) return 38.5;
  double lo = 0, hi = 40;  // 0.5 erfc(s / sqrt 2) decreases with s
  for (int i = 0; i < 200 && hi - lo > 1e-10; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (0.5 * std::erfc(mid / std::numbers::sqrt2) > p)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {

// Z^2_m for m = 1..m of events whose fundamental phase has cosine c[j] and sine s[j]: cos/sin of
// k phi by the angle-addition recurrence.
void harmonicsFromPhases(const std::vector<double>& c, const std::vector<double>& s, int m,
                         double* out) {
  constexpr int kMax = 64;
  double sc[kMax] = {}, ss[kMax] = {};
  m = std::min(m, kMax);
  for (size_t j = 0; j < c.size(); ++j) {
    const double c1 = c[j], s1 = s[j];
    double ck = c1, sk = s1;
    for (int k = 0; k < m; ++k) {
      sc[k] += ck;
      ss[k] += sk;
      const double cn = ck * c1 - sk * s1;
      sk = sk * c1 + ck * s1;
      ck = cn;
    }
  }
  const double scale = 2.0 / static_cast<double>(c.size());
  double acc = 0;
  for (int k = 0; k < m; ++k) {
    acc += sc[k] * sc[k] + ss[k] * ss[k];
    out[k] = scale * acc;
  }
}

// cos/sin of 2 pi (f dt + fdot dt^2 / 2) for every event, the cycle count reduced first.
void exactPhases(std::span<const double> times, double f, double fdot, double epoch,
                 std::vector<double>* c, std::vector<double>* s) {
  c->resize(times.size());
  s->resize(times.size());
  for (size_t j = 0; j < times.size(); ++j) {
    const double dt = times[j] - epoch;
    double cycles = dt * (f + 0.5 * fdot * dt);
    cycles -= std::floor(cycles);
    (*c)[j] = std::cos(2.0 * std::numbers::pi * cycles);
    (*s)[j] = std::sin(2.0 * std::numbers::pi * cycles);
  }
}

}  // namespace

void z2Harmonics(std::span<const double> times, double frequency, double fdot, double epoch,
                 int maxHarmonics, double* out) {
  std::vector<double> c, s;
  exactPhases(times, frequency, fdot, epoch, &c, &s);
  harmonicsFromPhases(c, s, maxHarmonics, out);
}

PeriodogramResult searchPeriodogram(std::span<const double> times, const FrequencyGrid& grid,
                                    const PeriodogramOptions& options, double span,
                                    const ProgressFn& progress) {
  if (times.size() < 2) throw Error(QStringLiteral("a periodogram needs at least two events"));
  if (grid.count <= 0) throw Error(QStringLiteral("empty frequency grid"));
  PeriodogramResult r;
  r.frequency.resize(static_cast<size_t>(grid.count));
  r.power.resize(static_cast<size_t>(grid.count));
  const PeriodogramMethod method = options.method;
  const int nharm = method == PeriodogramMethod::Rayleigh ? 1
                    : method == PeriodogramMethod::HTest  ? kHTestHarmonics
                                                          : std::clamp(options.harmonics, 1, 64);
  std::vector<int> hArg;
  if (method == PeriodogramMethod::HTest) hArg.resize(r.power.size());

  // Lomb-Scargle: counts in even bins from the first event, mean removed.
  std::vector<double> ly;
  double lvar = 0, lwidth = 0;
  if (method == PeriodogramMethod::LombScargle) {
    const double t0 = *std::min_element(times.begin(), times.end());
    const double width = options.lsBinWidth > 0 ? options.lsBinWidth : 1.0 / (4.0 * grid.fmax);
    const double nb = std::ceil(span / width);
    if (nb > 5e7) throw Error(QStringLiteral("Lomb-Scargle would need %1 bins").arg(nb));
    const size_t nbins = std::max<size_t>(2, static_cast<size_t>(nb));
    ly.assign(nbins, 0.0);
    for (double t : times) ly[std::min(nbins - 1, static_cast<size_t>((t - t0) / width))] += 1.0;
    double mean = 0;
    for (double v : ly) mean += v;
    mean /= static_cast<double>(nbins);
    lwidth = width;
    for (size_t i = 0; i < nbins; ++i) {
      ly[i] -= mean;
      lvar += ly[i] * ly[i];
    }
    lvar /= static_cast<double>(nbins - 1);
    if (!(lvar > 0)) throw Error(QStringLiteral("Lomb-Scargle: the binned counts do not vary"));
  }

  // Many frequencies without fdot: the non-uniform FFT (FastZ2.h) gives every Z^2_m at once.
  std::vector<double> fastZ;
  const bool fast = method != PeriodogramMethod::LombScargle && options.fdot == 0 &&
                    grid.count >= 256 && grid.count <= kFastZ2MaxFrequencies &&
                    static_cast<double>(times.size()) * static_cast<double>(grid.count) > 1e7;
  if (fast)
    fastZ = z2GridFast(times, grid.fmin, grid.step, grid.count, options.epoch, nharm, progress);

  // Along the grid each event's phase advances by 2 pi step dt: its cos/sin are rotated by a
  // fixed complex factor, recomputed exactly every kExactEvery frequencies (drift < 1e-13).
  constexpr long long kExactEvery = 64;
  std::vector<double> pc, ps, rc, rs;
  if (method != PeriodogramMethod::LombScargle && !fast)
    exactPhases(times, grid.step, 0.0, options.epoch, &rc, &rs);
  std::vector<double> z(static_cast<size_t>(nharm));
  for (long long i = 0; i < grid.count; ++i) {
    if (progress && !fast && (i & 255) == 0)
      reportProgress(progress, static_cast<double>(i) / static_cast<double>(grid.count),
                     QStringLiteral("periodogram"));
    const double f = grid.frequency(i);
    r.frequency[static_cast<size_t>(i)] = f;
    double p = 0;
    if (method == PeriodogramMethod::LombScargle) {
      p = f > 0 ? lombScargle(ly, lwidth, lvar, f) : 0.0;
    } else if (fast) {
      const double* zi = fastZ.data() + static_cast<size_t>(i) * static_cast<size_t>(nharm);
      p = method == PeriodogramMethod::HTest ? hFromZ2(zi, &hArg[static_cast<size_t>(i)])
                                             : zi[nharm - 1];
    } else {
      if (i % kExactEvery == 0) {
        exactPhases(times, f, options.fdot, options.epoch, &pc, &ps);
      } else {
        for (size_t j = 0; j < pc.size(); ++j) {
          const double c = pc[j] * rc[j] - ps[j] * rs[j];
          ps[j] = ps[j] * rc[j] + pc[j] * rs[j];
          pc[j] = c;
        }
      }
      harmonicsFromPhases(pc, ps, nharm, z.data());
      if (method == PeriodogramMethod::HTest) {
        p = hFromZ2(z.data(), &hArg[static_cast<size_t>(i)]);
      } else {
        p = z[static_cast<size_t>(nharm - 1)];
      }
    }
    r.power[static_cast<size_t>(i)] = p;
  }
  r.bestIndex = std::max_element(r.power.begin(), r.power.end()) - r.power.begin();
  r.bestFrequency = r.frequency[static_cast<size_t>(r.bestIndex)];
  r.bestPower = r.power[static_cast<size_t>(r.bestIndex)];
  r.harmonics = method == PeriodogramMethod::HTest ? hArg[static_cast<size_t>(r.bestIndex)] : nharm;
  r.singleTrialFap = singleTrialFap(method, r.bestPower, nharm);
  r.trials = independentTrials(grid.fmin, grid.fmax, span);
  r.multiTrialFap = multiTrialFap(r.singleTrialFap, r.trials);
  return r;
}

}  // namespace xsky::timing
