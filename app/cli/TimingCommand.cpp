// xsky-cli timing stats LC.fits [--json]
//   Per band: chi-square against a constant (dof, probability), Fvar and its error, max/min ratio.
// xsky-cli timing blocks EVENTS_OR_LC.fits [--region R.reg] [--p0 0.05] [--json]
//   Bayesian Blocks (Scargle et al. 2013): each block's start, stop, counts and rate.
// xsky-cli timing search EVENTS.fits [--region R.reg] --fmin HZ --fmax HZ
//                        [--method z2|h|rayleigh|ls] [--nharm N] [--oversample K] [--json]
//   Best frequency, its power, single- and multi-trial false-alarm probability, trials. The grid
//   steps by 1 / (K T), T the GTI extent (K = 5 by default); the trials are the independent
//   frequencies (fmax - fmin) T.
// xsky-cli timing fold EVENTS.fits --freq HZ [--fdot X] [--epoch T] [--nbins N] [--region R.reg]
//                      [--json]
//   Folded profile and its epoch-folding chi-square. The epoch defaults to the first GTI start.
// xsky-cli timing longterm SPECTRUM.pha... [--energy LO:HI] [--json]   (app/cli/LongTermCommand.cpp)
//   One net rate or upper limit per observation and the max/min ratio with its significance.
// Times are used as the files give them (no barycentring); the time system is printed.

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

#include "cli/CliCommon.h"
#include "fits/FitsError.h"
#include "timing/BayesianBlocks.h"
#include "timing/EpochFolding.h"
#include "timing/EventTimes.h"
#include "timing/LightCurveReader.h"
#include "timing/Periodogram.h"
#include "timing/Variability.h"

namespace xsky::cli {

namespace {

using namespace xsky::timing;

// Events above this make the O(N^2) event blocks too slow for an interactive tool.
constexpr size_t kMaxBlockEvents = 200000;

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

void printNotes(const QStringList& notes) {
  for (const QString& n : notes) std::fprintf(stderr, "note: %s\n", qPrintable(n));
}

QString timeSystemText(const QString& ts) {
  return ts.isEmpty() ? QStringLiteral("(TIMESYS not given)") : ts;
}

const QCommandLineOption& jsonOption() {
  static const QCommandLineOption o(QStringLiteral("json"),
                                    QStringLiteral("Print one JSON document."));
  return o;
}

const QCommandLineOption& regionOption() {
  static const QCommandLineOption o(
      QStringLiteral("region"),
      QStringLiteral("Use only events inside the source regions of this file."),
      QStringLiteral("R.reg"));
  return o;
}

bool readNumber(const QCommandLineParser& p, const QCommandLineOption& o, double* out,
                const QString& cmd, int* code) {
  if (!p.isSet(o)) return true;
  bool ok = false;
  *out = p.value(o).toDouble(&ok);
  if (!ok || !std::isfinite(*out)) {
    *code = fail(cmd, QStringLiteral("--%1 expects a number").arg(o.names().constFirst()), kUsage);
    return false;
  }
  return true;
}

int runStats(const QStringList& args) {
  const QString cmd = args.value(0);
  QCommandLineParser parser;
  parser.addOption(jsonOption());
  parser.addPositionalArgument(QStringLiteral("LC.fits"), QStringLiteral("OGIP-like light curve."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Variability statistics of a light curve."), &code))
    return code;
  const QStringList files = parser.positionalArguments().mid(1);
  if (files.size() != 1) return fail(cmd, QStringLiteral("expected one light curve"), kUsage);
  const LightCurveFile lc = readLightCurve(files[0]);
  QJsonArray bands;
  for (const LightCurveBand& b : lc.bands) {
    if (b.rate.size() < 2) continue;
    const VariabilityStats s = variability(b.rate, b.error);
    const bool variable = s.probability < kVariableProbability;
    bands.append(QJsonObject{{QStringLiteral("band"), b.name},
                             {QStringLiteral("bins"), s.bins},
                             {QStringLiteral("poisson_errors"), b.poissonErrors},
                             {QStringLiteral("mean_rate"), s.mean},
                             {QStringLiteral("weighted_mean_rate"), s.weightedMean},
                             {QStringLiteral("chi2"), s.chiSquare},
                             {QStringLiteral("dof"), s.dof},
                             {QStringLiteral("probability"), s.probability},
                             {QStringLiteral("variable"), variable},
                             {QStringLiteral("fvar"), number(s.fvar)},
                             {QStringLiteral("fvar_error"), number(s.fvarError)},
                             {QStringLiteral("max_rate"), s.maxRate},
                             {QStringLiteral("max_rate_error"), s.maxError},
                             {QStringLiteral("min_rate"), s.minRate},
                             {QStringLiteral("min_rate_error"), s.minError},
                             {QStringLiteral("max_min_ratio"), number(s.maxMinRatio)},
                             {QStringLiteral("max_min_significance"), s.maxMinSignificance},
                             {QStringLiteral("note"), s.note}});
  }
  if (bands.isEmpty()) return fail(cmd, files[0] + QStringLiteral(": no band has two usable bins"));
  if (parser.isSet(jsonOption())) {
    printJson(QJsonObject{{QStringLiteral("file"), files[0]},
                          {QStringLiteral("time_system"), lc.timeSystem},
                          {QStringLiteral("variable_if_probability_below"), kVariableProbability},
                          {QStringLiteral("bands"), bands},
                          {QStringLiteral("notes"), QJsonArray::fromStringList(lc.notes)}});
  } else {
    printNotes(lc.notes);
    std::printf("%s  time system %s\n", qPrintable(files[0]),
                qPrintable(timeSystemText(lc.timeSystem)));
    for (const QJsonValue& v : bands) {
      const QJsonObject o = v.toObject();
      std::printf(
          "%s: %d bins, chi2 %.3f / %d dof, P(constant) %.3g%s; Fvar %.4g +- %.2g; "
          "max/min %.3g (%.2f sigma)\n",
          qPrintable(o[QStringLiteral("band")].toString()), o[QStringLiteral("bins")].toInt(),
          o[QStringLiteral("chi2")].toDouble(), o[QStringLiteral("dof")].toInt(),
          o[QStringLiteral("probability")].toDouble(),
          o[QStringLiteral("variable")].toBool() ? " VARIABLE" : "",
          o[QStringLiteral("fvar")].toDouble(NAN), o[QStringLiteral("fvar_error")].toDouble(NAN),
          o[QStringLiteral("max_min_ratio")].toDouble(INFINITY),
          o[QStringLiteral("max_min_significance")].toDouble());
    }
  }
  return kOk;
}

QJsonArray blocksJson(const std::vector<Block>& blocks) {
  QJsonArray a;
  for (const Block& b : blocks) {
    a.append(QJsonObject{{QStringLiteral("start"), b.start},
                         {QStringLiteral("stop"), b.stop},
                         {QStringLiteral("counts"), b.counts},
                         {QStringLiteral("exposure"), b.exposure},
                         {QStringLiteral("rate"), b.rate()}});
  }
  return a;
}

int runBlocks(const QStringList& args) {
  const QString cmd = args.value(0);
  QCommandLineParser parser;
  const QCommandLineOption p0(
      QStringLiteral("p0"),
      QStringLiteral("False-positive probability of a change point (default 0.05)."),
      QStringLiteral("P"), QStringLiteral("0.05"));
  parser.addOptions({jsonOption(), regionOption(), p0});
  parser.addPositionalArgument(QStringLiteral("EVENTS_OR_LC.fits"),
                               QStringLiteral("Event list or binned light curve."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Bayesian Blocks of an event list or light curve."),
                 &code))
    return code;
  const QStringList files = parser.positionalArguments().mid(1);
  if (files.size() != 1) return fail(cmd, QStringLiteral("expected one file"), kUsage);
  double prob = 0.05;
  if (!readNumber(parser, p0, &prob, cmd, &code)) return code;
  if (!(prob > 0 && prob < 1)) return fail(cmd, QStringLiteral("--p0 must lie in (0, 1)"), kUsage);

  QJsonObject doc{{QStringLiteral("file"), files[0]}, {QStringLiteral("p0"), prob}};
  QStringList notes;
  QJsonArray series;
  if (isLightCurveFile(files[0])) {
    if (parser.isSet(regionOption()))
      return fail(cmd, QStringLiteral("--region applies to event lists, not light curves"), kUsage);
    const LightCurveFile lc = readLightCurve(files[0]);
    notes = lc.notes;
    doc.insert(QStringLiteral("kind"), QStringLiteral("light curve"));
    doc.insert(QStringLiteral("time_system"), lc.timeSystem);
    for (const LightCurveBand& b : lc.bands) {
      if (b.rate.empty()) continue;
      series.append(
          QJsonObject{{QStringLiteral("band"), b.name},
                      {QStringLiteral("blocks"),
                       blocksJson(binnedBlocks(b.start, b.width, b.counts, b.fracExp, prob))}});
    }
  } else {
    const EventTimes ev = readEventTimes(files[0], parser.value(regionOption()));
    notes = ev.notes;
    if (ev.times.size() > kMaxBlockEvents) {
      return fail(cmd, QStringLiteral("%1 events: Bayesian Blocks on events cost N^2 (%2 steps); "
                                      "select a source with --region or use a binned light curve "
                                      "(limit %3 events)")
                           .arg(ev.times.size())
                           .arg(static_cast<double>(ev.times.size()) * ev.times.size(), 0, 'g', 3)
                           .arg(kMaxBlockEvents));
    }
    doc.insert(QStringLiteral("kind"), QStringLiteral("events"));
    doc.insert(QStringLiteral("time_system"), ev.timeSystem);
    doc.insert(QStringLiteral("events"), static_cast<double>(ev.times.size()));
    series.append(
        QJsonObject{{QStringLiteral("band"), QStringLiteral("events")},
                    {QStringLiteral("blocks"), blocksJson(eventBlocks(ev.times, prob, ev.gti))}});
  }
  doc.insert(QStringLiteral("series"), series);
  doc.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
  if (parser.isSet(jsonOption())) {
    printJson(doc);
    return kOk;
  }
  printNotes(notes);
  std::printf("%s  time system %s  p0 %g\n", qPrintable(files[0]),
              qPrintable(timeSystemText(doc[QStringLiteral("time_system")].toString())), prob);
  for (const QJsonValue& s : series) {
    const QJsonArray blocks = s.toObject()[QStringLiteral("blocks")].toArray();
    std::printf("%s: %lld block(s)\n  %-18s %-18s %10s %12s\n",
                qPrintable(s.toObject()[QStringLiteral("band")].toString()),
                static_cast<long long>(blocks.size()), "start (s)", "stop (s)", "counts",
                "rate (/s)");
    for (const QJsonValue& b : blocks) {
      const QJsonObject o = b.toObject();
      std::printf("  %-18.3f %-18.3f %10.0f %12.5g\n", o[QStringLiteral("start")].toDouble(),
                  o[QStringLiteral("stop")].toDouble(), o[QStringLiteral("counts")].toDouble(),
                  o[QStringLiteral("rate")].toDouble());
    }
  }
  return kOk;
}

int runSearch(const QStringList& args) {
  const QString cmd = args.value(0);
  QCommandLineParser parser;
  const QCommandLineOption fmin(QStringLiteral("fmin"), QStringLiteral("Lowest frequency, Hz."),
                                QStringLiteral("HZ"));
  const QCommandLineOption fmax(QStringLiteral("fmax"), QStringLiteral("Highest frequency, Hz."),
                                QStringLiteral("HZ"));
  const QCommandLineOption method(QStringLiteral("method"),
                                  QStringLiteral("z2 (default), h, rayleigh or ls."),
                                  QStringLiteral("METHOD"), QStringLiteral("z2"));
  const QCommandLineOption nharm(QStringLiteral("nharm"),
                                 QStringLiteral("Harmonics of Z^2_n (default 2)."),
                                 QStringLiteral("N"), QStringLiteral("2"));
  const QCommandLineOption over(
      QStringLiteral("oversample"),
      QStringLiteral("Grid points per Fourier resolution 1/T (default 5)."), QStringLiteral("K"),
      QStringLiteral("5"));
  parser.addOptions({jsonOption(), regionOption(), fmin, fmax, method, nharm, over});
  parser.addPositionalArgument(QStringLiteral("EVENTS.fits"), QStringLiteral("Event list."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Periodogram search of event arrival times."), &code))
    return code;
  const QStringList files = parser.positionalArguments().mid(1);
  if (files.size() != 1) return fail(cmd, QStringLiteral("expected one event list"), kUsage);
  if (!parser.isSet(fmin) || !parser.isSet(fmax))
    return fail(cmd, QStringLiteral("--fmin and --fmax are required"), kUsage);
  double lo = 0, hi = 0, k = 5, nh = 2;
  if (!readNumber(parser, fmin, &lo, cmd, &code) || !readNumber(parser, fmax, &hi, cmd, &code) ||
      !readNumber(parser, over, &k, cmd, &code) || !readNumber(parser, nharm, &nh, cmd, &code))
    return code;
  PeriodogramOptions opt;
  if (!parsePeriodogramMethod(parser.value(method), &opt.method))
    return fail(cmd, QStringLiteral("--method expects z2, h, rayleigh or ls"), kUsage);
  if (!(nh >= 1 && nh <= 64 && nh == std::floor(nh)))
    return fail(cmd, QStringLiteral("--nharm expects an integer from 1 to 64"), kUsage);
  opt.harmonics = static_cast<int>(nh);

  const EventTimes ev = readEventTimes(files[0], parser.value(regionOption()));
  QStringList notes = ev.notes;
  if (ev.times.size() < 2) return fail(cmd, QStringLiteral("fewer than two events selected"));
  const double span = ev.span();
  if (k > 20) {
    notes << QStringLiteral(
                 "the grid samples the Fourier resolution 1/T = %1 Hz %2 times: finer "
                 "than the data resolve (the multi-trial probability counts independent "
                 "frequencies only)")
                 .arg(1.0 / span, 0, 'g', 4)
                 .arg(k);
  }
  opt.epoch = ev.gti.empty() ? ev.times.front() : ev.gti.start();
  const FrequencyGrid grid = makeFrequencyGrid(lo, hi, span, k);
  const PeriodogramResult r = searchPeriodogram(ev.times, grid, opt, span);
  const QJsonObject doc{{QStringLiteral("file"), files[0]},
                        {QStringLiteral("time_system"), ev.timeSystem},
                        {QStringLiteral("events"), static_cast<double>(ev.times.size())},
                        {QStringLiteral("span_s"), span},
                        {QStringLiteral("method"), periodogramMethodName(opt.method)},
                        {QStringLiteral("harmonics"), r.harmonics},
                        {QStringLiteral("fmin"), lo},
                        {QStringLiteral("fmax"), hi},
                        {QStringLiteral("step_hz"), grid.step},
                        {QStringLiteral("oversample"), k},
                        {QStringLiteral("frequencies"), static_cast<double>(grid.count)},
                        {QStringLiteral("trials"), static_cast<double>(r.trials)},
                        {QStringLiteral("best_frequency"), r.bestFrequency},
                        {QStringLiteral("best_period"),
                         r.bestFrequency > 0 ? QJsonValue(1.0 / r.bestFrequency) : QJsonValue()},
                        {QStringLiteral("power"), r.bestPower},
                        {QStringLiteral("single_trial_fap"), r.singleTrialFap},
                        {QStringLiteral("multi_trial_fap"), r.multiTrialFap},
                        {QStringLiteral("significance_sigma"), gaussianSigma(r.multiTrialFap)},
                        {QStringLiteral("notes"), QJsonArray::fromStringList(notes)}};
  if (parser.isSet(jsonOption())) {
    printJson(doc);
    return kOk;
  }
  printNotes(notes);
  std::printf("%s  time system %s  %zu events over %.1f s\n", qPrintable(files[0]),
              qPrintable(timeSystemText(ev.timeSystem)), ev.times.size(), span);
  std::printf("%s (n=%d): best frequency %.9g Hz (period %.9g s), power %.4g\n",
              qPrintable(periodogramMethodName(opt.method)), r.harmonics, r.bestFrequency,
              r.bestFrequency > 0 ? 1.0 / r.bestFrequency : 0.0, r.bestPower);
  std::printf(
      "false-alarm probability: single trial %.3g, %lld trials %.3g (%.2f sigma); "
      "%lld frequencies, step %.3g Hz\n",
      r.singleTrialFap, r.trials, r.multiTrialFap, gaussianSigma(r.multiTrialFap), grid.count,
      grid.step);
  return kOk;
}

int runFold(const QStringList& args) {
  const QString cmd = args.value(0);
  QCommandLineParser parser;
  const QCommandLineOption freq(QStringLiteral("freq"), QStringLiteral("Frequency, Hz."),
                                QStringLiteral("HZ"));
  const QCommandLineOption fdot(QStringLiteral("fdot"),
                                QStringLiteral("Frequency derivative, Hz/s."), QStringLiteral("X"),
                                QStringLiteral("0"));
  const QCommandLineOption epoch(
      QStringLiteral("epoch"),
      QStringLiteral("Phase zero, s in the file's time (default: GTI start)."),
      QStringLiteral("T"));
  const QCommandLineOption nbins(QStringLiteral("nbins"),
                                 QStringLiteral("Phase bins (default 16)."), QStringLiteral("N"),
                                 QStringLiteral("16"));
  parser.addOptions({jsonOption(), regionOption(), freq, fdot, epoch, nbins});
  parser.addPositionalArgument(QStringLiteral("EVENTS.fits"), QStringLiteral("Event list."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Fold event times at a frequency."), &code))
    return code;
  const QStringList files = parser.positionalArguments().mid(1);
  if (files.size() != 1) return fail(cmd, QStringLiteral("expected one event list"), kUsage);
  if (!parser.isSet(freq)) return fail(cmd, QStringLiteral("--freq is required"), kUsage);
  double f = 0, fd = 0, t0 = 0, nb = 16;
  if (!readNumber(parser, freq, &f, cmd, &code) || !readNumber(parser, fdot, &fd, cmd, &code) ||
      !readNumber(parser, epoch, &t0, cmd, &code) || !readNumber(parser, nbins, &nb, cmd, &code))
    return code;
  if (!(f > 0)) return fail(cmd, QStringLiteral("--freq must be > 0"), kUsage);
  if (!(nb >= 2 && nb <= 10000 && nb == std::floor(nb)))
    return fail(cmd, QStringLiteral("--nbins expects an integer from 2 to 10000"), kUsage);
  const EventTimes ev = readEventTimes(files[0], parser.value(regionOption()));
  if (ev.times.empty()) return fail(cmd, QStringLiteral("no events selected"));
  if (!parser.isSet(epoch)) t0 = ev.gti.empty() ? ev.times.front() : ev.gti.start();
  const FoldedProfile p = foldEvents(ev.times, f, fd, t0, static_cast<int>(nb));
  QJsonArray profile;
  for (double c : p.counts) profile.append(c);
  const QJsonObject doc{{QStringLiteral("file"), files[0]},
                        {QStringLiteral("time_system"), ev.timeSystem},
                        {QStringLiteral("events"), static_cast<double>(ev.times.size())},
                        {QStringLiteral("frequency"), f},
                        {QStringLiteral("fdot"), fd},
                        {QStringLiteral("epoch"), t0},
                        {QStringLiteral("nbins"), static_cast<int>(nb)},
                        {QStringLiteral("counts"), profile},
                        {QStringLiteral("chi2"), p.chiSquare},
                        {QStringLiteral("dof"), p.dof},
                        {QStringLiteral("probability"), p.probability},
                        {QStringLiteral("pulsed_fraction"), p.pulsedFraction},
                        {QStringLiteral("notes"), QJsonArray::fromStringList(ev.notes)}};
  if (parser.isSet(jsonOption())) {
    printJson(doc);
    return kOk;
  }
  printNotes(ev.notes);
  std::printf("%s  time system %s  %zu events; f %.9g Hz, fdot %g Hz/s, epoch %.6f s\n",
              qPrintable(files[0]), qPrintable(timeSystemText(ev.timeSystem)), ev.times.size(), f,
              fd, t0);
  std::printf("chi2 %.3f / %d dof, P(constant) %.3g, pulsed fraction %.3f\nphase  counts\n",
              p.chiSquare, p.dof, p.probability, p.pulsedFraction);
  for (size_t i = 0; i < p.counts.size(); ++i)
    std::printf("%.4f %8.0f\n", (static_cast<double>(i) + 0.5) / nb, p.counts[i]);
  return kOk;
}

void timingUsage(std::FILE* to) {
  std::fputs(
      "usage: xsky-cli timing stats LC.fits [--json]\n"
      "       xsky-cli timing blocks EVENTS_OR_LC.fits [--region R.reg] [--p0 0.05] [--json]\n"
      "       xsky-cli timing search EVENTS.fits [--region R.reg] --fmin HZ --fmax HZ\n"
      "                              [--method z2|h|rayleigh|ls] [--nharm N] [--oversample K] "
      "[--json]\n"
      "       xsky-cli timing fold EVENTS.fits --freq HZ [--fdot X] [--epoch T] [--nbins N]\n"
      "                            [--region R.reg] [--json]\n"
      "       xsky-cli timing longterm SPECTRUM.pha... [--energy LO:HI] [--json]\n",
      to);
}

}  // namespace

int runTiming(const QStringList& args) {
  const QString sub = args.value(1);
  if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
    timingUsage(stdout);
    return kOk;
  }
  const QStringList rest = QStringList{QStringLiteral("timing ") + sub} + args.mid(2);
  try {
    if (sub == QLatin1String("stats")) return runStats(rest);
    if (sub == QLatin1String("blocks")) return runBlocks(rest);
    if (sub == QLatin1String("search")) return runSearch(rest);
    if (sub == QLatin1String("fold")) return runFold(rest);
    if (sub == QLatin1String("longterm")) return runLongTerm(rest);
  } catch (const Error& e) {
    return fail(rest.value(0), e.message());
  }
  timingUsage(stderr);
  return fail(QStringLiteral("timing"),
              sub.isEmpty()
                  ? QStringLiteral("expected a subcommand (stats, blocks, search, fold or longterm)")
                  : QStringLiteral("unknown subcommand \"%1\"").arg(sub),
              kUsage);
}

}  // namespace xsky::cli
