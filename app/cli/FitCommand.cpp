// xsky-cli fit --data SPEC[,bkg=FILE|none][,rmf=FILE][,arf=FILE] [--data ...] --model EXPR
//   [--stat chi2gehrels|chi2datavar|cstat|wstat] [--subtract-background] [--ungroup]
//   [--group min-counts=N|min-snr=X|optimal] [--notice LO:HI] [--ignore LO:HI]
//   [--channels LO:HI] [--set PAR=VALUE[,frozen][,min=X][,max=Y]] [--set PAR=link:OTHER]
//   [--untie PAR] [--errors covar|conf] [--delta-stat X] [--flux LO:HI]
//   [--contour PAR1,PAR2[,N]] [--goodness N] [--seed S] [--eval] [--json]
// Fits one model to the spectra and prints the best fit with errors: 1-sigma covariance errors
// (--errors covar, the default) or intervals from profiling the statistic at --delta-stat
// (--errors conf; default 2.706, 90 % for one parameter). With several --data every parameter is
// tied across data sets unless --untie names it (PAR as in the model: a number 1..N or
// component.Param); a `constant` is untied by default with data set 1's copy frozen at 1
// (cross-calibration). Parameters are numbered as XSPEC numbers them: data set d has
// (d-1)N+1 ... dN, so --set 5=2 sets data set 2's copy of parameter 1 of a 4-parameter model once
// untied. --set PAR=link:OTHER makes PAR follow OTHER (in every data set). --flux LO:HI (keV,
// repeatable) adds data set 1's absorbed and unabsorbed energy flux (erg/cm^2/s) and photon flux
// (photons/cm^2/s) in the band, with 90 % errors from 1000 draws of the covariance matrix
// (fixed seed); error_low/error_high are offsets of the energy flux's interval, like the
// parameters'. Energies keV; `:1` and `7:` are open ranges; filters apply in the order given.
// --group replaces the file's grouping: the filters then act on single channels, and the grouping
// is computed afterwards inside the noticed channels (Sherpa's `notice(0.3, 7);
// group_counts(20, tabStops=~mask)`).
// --contour PAR1,PAR2[,N] steps the two parameters over an N x N grid (default 20; ranges the
// best fit +- 3 covariance sigmas, clipped to the limits) and minimises the statistic over the
// other free parameters at every point (spectral/ConfidenceContour.h); JSON adds "contour":
// {"x", "y", "x_values", "y_values", "statistic": one row per y value (statistic[j][i] at
// x_values[i], y_values[j]), "levels": best + 2.30, 4.61, 9.21 (68, 90, 99 % for two
// parameters), "deltas", "best": [x, y], "new_minimum"}.
// --goodness N simulates N spectra from the best fit (Poisson, with the background as the
// statistic treats it), refits each and reports the fraction whose statistic is lower than the
// data's (XSPEC's `goodness`; spectral/GoodnessOfFit.h): JSON adds "goodness": {"simulations": N,
// "fraction_lower", "failed", "observed", "seed"}. --seed S (default 20261123) makes the
// simulations and the flux errors' draws reproducible.
// Not yet supported (exit 2): the chi2modvar/chi2xspecvar/
// cash statistics.
// Exit 0 on success (also a fit that did not converge: "converged": false), 1 when a file cannot
// be read or the fit fails, 2 on bad usage.

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>

#include "cli/CliCommon.h"
#include "cli/FitContour.h"
#include "spectral/ConfidenceIntervals.h"
#include "spectral/FluxCalculation.h"
#include "spectral/GoodnessOfFit.h"
#include "spectral/JointParameters.h"
#include "spectral/SpectralFit.h"

namespace xsky::cli {

namespace {

using namespace xsky::spectral;

const QString kCommand = QStringLiteral("fit");

class UsageError : public Error {
 public:
  using Error::Error;
};

/// "LO:HI" with either side open.
std::pair<double, double> parseRange(const QString& text) {
  const QStringList parts = text.split(QLatin1Char(':'));
  bool okLo = true, okHi = true;
  if (parts.size() != 2) throw UsageError(QStringLiteral("'%1' is not a LO:HI range").arg(text));
  const double lo = parts[0].trimmed().isEmpty() ? -std::numeric_limits<double>::infinity()
                                                 : parts[0].toDouble(&okLo);
  const double hi = parts[1].trimmed().isEmpty() ? std::numeric_limits<double>::infinity()
                                                 : parts[1].toDouble(&okHi);
  if (!okLo || !okHi || !(lo < hi)) {
    throw UsageError(QStringLiteral("'%1' is not a LO:HI range").arg(text));
  }
  return {lo, hi};
}

struct DataArg {
  QString path;
  LoadOptions options;
};

DataArg parseData(const QString& text) {
  const QStringList parts = text.split(QLatin1Char(','));
  DataArg d;
  d.path = parts.front();
  for (qsizetype i = 1; i < parts.size(); ++i) {
    const QString key = parts[i].section(QLatin1Char('='), 0, 0).trimmed();
    const QString value = parts[i].section(QLatin1Char('='), 1);
    if (key == QLatin1String("bkg")) {
      if (value.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        d.options.noBackground = true;
      } else {
        d.options.background = value;
      }
    } else if (key == QLatin1String("rmf")) {
      d.options.rmf = value;
    } else if (key == QLatin1String("arf")) {
      d.options.arf = value;
    } else {
      throw UsageError(
          QStringLiteral("unknown --data option '%1' (bkg=, rmf=, arf=)").arg(parts[i]));
    }
  }
  return d;
}

/// The filter options in the order they were given (their order matters).
struct Filter {
  enum { Notice, Ignore, Channels } kind;
  QString value;
};

std::vector<Filter> filtersInOrder(const QStringList& args) {
  std::vector<Filter> filters;
  const std::pair<const char*, decltype(Filter::Notice)> names[] = {
      {"notice", Filter::Notice}, {"ignore", Filter::Ignore}, {"channels", Filter::Channels}};
  for (qsizetype i = 0; i < args.size(); ++i) {
    for (const auto& [name, kind] : names) {
      const QString option = QStringLiteral("--") + QLatin1String(name);
      if (args[i] == option && i + 1 < args.size()) {
        filters.push_back({kind, args[i + 1]});
      } else if (args[i].startsWith(option + QLatin1Char('='))) {
        filters.push_back({kind, args[i].mid(option.size() + 1)});
      }
    }
  }
  return filters;
}

/// A model parameter named as in the model (1..N or component.Param), for --untie and links.
int modelParameter(const JointParameters& joint, const QString& key, const char* option) {
  const auto [d, i] = joint.find(key);
  if (i < 0 || d != 0) {
    throw UsageError(QStringLiteral("%1: no parameter '%2' in the model (1..%3 or component.Param)")
                         .arg(QLatin1String(option), key)
                         .arg(joint.modelParameterCount()));
  }
  return i;
}

/// --set PAR=VALUE[,frozen][,free][,min=X][,max=Y] or PAR=link:OTHER; returns the model index.
int applySet(JointParameters* joint, const QString& text) {
  const QStringList parts = text.split(QLatin1Char(','));
  const QString key = parts.front().section(QLatin1Char('='), 0, 0).trimmed();
  const auto [d, index] = joint->find(key);
  if (index < 0) {
    throw UsageError(QStringLiteral("--set: no parameter '%1' in the model").arg(key));
  }
  if (d > 0 && !joint->isUntied(index)) {
    throw UsageError(QStringLiteral("--set: parameter %1 is data set %2's copy of %3, tied to data "
                                    "set 1's: --untie %3 first")
                         .arg(key)
                         .arg(d + 1)
                         .arg(joint->at(0, index).fullName()));
  }
  Parameter& p = joint->at(d, index);
  auto number = [&](const QString& s) {
    bool ok = false;
    const double v = s.toDouble(&ok);
    if (!ok) throw UsageError(QStringLiteral("--set: '%1' is not a number").arg(s));
    return v;
  };
  const QString value = parts.front().section(QLatin1Char('='), 1).trimmed();
  if (value.startsWith(QLatin1String("link:"))) {
    if (parts.size() > 1) throw UsageError(QStringLiteral("--set: a link takes no flags"));
    try {
      joint->link(index, modelParameter(*joint, value.mid(5), "--set link"));
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      throw UsageError(QStringLiteral("--set: ") + e.message());
    }
    return index;
  }
  if (!value.isEmpty()) p.value = number(value);
  for (qsizetype i = 1; i < parts.size(); ++i) {
    const QString item = parts[i].trimmed();
    if (item == QLatin1String("frozen")) {
      p.frozen = true;
    } else if (item == QLatin1String("free")) {
      p.frozen = false;
    } else if (item.startsWith(QLatin1String("min="))) {
      p.min = number(item.mid(4));
    } else if (item.startsWith(QLatin1String("max="))) {
      p.max = number(item.mid(4));
    } else {
      throw UsageError(
          QStringLiteral("--set: unknown flag '%1' (frozen, free, min=, max=)").arg(item));
    }
  }
  if (p.value < p.min || p.value > p.max) {
    throw UsageError(QStringLiteral("--set: %1 = %2 is outside [%3, %4]")
                         .arg(p.fullName())
                         .arg(p.value)
                         .arg(p.min)
                         .arg(p.max));
  }
  return index;
}

QJsonValue finite(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

/// One row of the output: a model parameter of one data set.
struct Row {
  int dataSet = 0, modelIndex = 0;
  int fitted = -1;  // index in the fitted vector; -1 for a linked parameter
};

/// Data set 1's parameters, then each further data set's untied ones (XSPEC's numbering).
std::vector<Row> outputRows(const JointParameters& joint) {
  const auto fitted = joint.independentSlots();
  std::vector<Row> rows;
  for (int d = 0; d < joint.dataSetCount(); ++d) {
    for (int i = 0; i < joint.modelParameterCount(); ++i) {
      if (d > 0 && !joint.isUntied(i)) continue;
      Row row{d, i, -1};
      for (size_t k = 0; k < fitted.size(); ++k) {
        if (fitted[k].first == d && fitted[k].second == i) row.fitted = int(k);
      }
      rows.push_back(row);
    }
  }
  return rows;
}

/// The fitted index of a parameter named as --set names it (a linked one has none).
int fittedIndex(const JointParameters& joint, const QString& key, const char* option) {
  const auto [d, i] = joint.find(key);
  if (i < 0) {
    throw UsageError(
        QStringLiteral("%1: no parameter '%2' in the model").arg(QLatin1String(option), key));
  }
  const std::pair<int, int> slot{joint.isUntied(i) ? d : 0, i};
  const auto fittedSlots = joint.independentSlots();
  for (size_t k = 0; k < fittedSlots.size(); ++k) {
    if (fittedSlots[k] == slot) return int(k);
  }
  throw UsageError(QStringLiteral("%1: parameter '%2' is linked to another, not fitted")
                       .arg(QLatin1String(option), key));
}

/// A seed as a JSON integer, or as a string beyond 2^53 (where doubles lose integers).
QJsonValue seedJson(std::uint64_t seed) {
  if (seed <= (std::uint64_t(1) << 53)) return QJsonValue(static_cast<qint64>(seed));
  return QJsonValue(QString::number(seed));
}

std::vector<std::pair<double, double>> parseBands(const QStringList& values) {
  std::vector<std::pair<double, double>> bands;
  for (const QString& v : values) {
    const auto [lo, hi] = parseRange(v);
    if (!(lo > 0.0) || !std::isfinite(hi)) {
      throw UsageError(QStringLiteral("--flux '%1': give a closed band LO:HI keV, LO > 0").arg(v));
    }
    bands.emplace_back(lo, hi);
  }
  return bands;
}

}  // namespace

int runFit(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption data(
      QStringLiteral("data"),
      QStringLiteral(
          "A spectrum: SPEC[,bkg=FILE|none][,rmf=FILE][,arf=FILE]; repeat for a joint fit."),
      QStringLiteral("SPEC"));
  const QCommandLineOption model(QStringLiteral("model"),
                                 QStringLiteral("Model expression, e.g. wabs*powerlaw."),
                                 QStringLiteral("EXPR"));
  const QCommandLineOption stat(QStringLiteral("stat"),
                                QStringLiteral("chi2gehrels (default), chi2datavar, cstat, wstat."),
                                QStringLiteral("NAME"), QStringLiteral("chi2gehrels"));
  const QCommandLineOption subtract(QStringLiteral("subtract-background"),
                                    QStringLiteral("Subtract the background (chi-square only)."));
  const QCommandLineOption ungroup(QStringLiteral("ungroup"),
                                   QStringLiteral("Ignore the GROUPING column."));
  const QCommandLineOption notice(QStringLiteral("notice"), QStringLiteral("Notice LO:HI keV."),
                                  QStringLiteral("LO:HI"));
  const QCommandLineOption ignore(QStringLiteral("ignore"), QStringLiteral("Ignore LO:HI keV."),
                                  QStringLiteral("LO:HI"));
  const QCommandLineOption channels(QStringLiteral("channels"),
                                    QStringLiteral("Notice channels LO:HI (inclusive)."),
                                    QStringLiteral("LO:HI"));
  const QCommandLineOption set(
      QStringLiteral("set"),
      QStringLiteral("PAR=VALUE[,frozen][,free][,min=X][,max=Y] or PAR=link:OTHER; PAR is a "
                     "number (XSPEC's, across data sets) or component.Param."),
      QStringLiteral("SPEC"));
  const QCommandLineOption errors(QStringLiteral("errors"),
                                  QStringLiteral("covar (default) or conf."),
                                  QStringLiteral("KIND"), QStringLiteral("covar"));
  const QCommandLineOption eval(QStringLiteral("eval"),
                                QStringLiteral("Evaluate the statistic without fitting."));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  const QCommandLineOption group(
      QStringLiteral("group"),
      QStringLiteral("Regroup inside the noticed channels: min-counts=N, min-snr=X or optimal."),
      QStringLiteral("HOW"));
  const QCommandLineOption untie(
      QStringLiteral("untie"),
      QStringLiteral("Give each data set its own copy of this parameter (number or name)."),
      QStringLiteral("PAR"));
  const QCommandLineOption deltaStat(
      QStringLiteral("delta-stat"),
      QStringLiteral("Rise of the statistic for --errors conf (default 2.706: 90 %)."),
      QStringLiteral("X"));
  const QCommandLineOption flux(
      QStringLiteral("flux"),
      QStringLiteral("Absorbed and unabsorbed fluxes in LO:HI keV with 90 % errors (repeatable)."),
      QStringLiteral("LO:HI"));
  const QCommandLineOption contour(
      QStringLiteral("contour"),
      QStringLiteral("Statistic on an N x N grid of two parameters (default N 20), the others "
                     "refitted at each point; 68/90/99 % levels."),
      QStringLiteral("PAR1,PAR2[,N]"));
  const QCommandLineOption goodness(
      QStringLiteral("goodness"),
      QStringLiteral("Simulate N spectra from the best fit, refit them, report the fraction with "
                     "a lower statistic."),
      QStringLiteral("N"));
  const QCommandLineOption seed(
      QStringLiteral("seed"),
      QStringLiteral("Random seed of --goodness and of the flux errors (default 20261123)."),
      QStringLiteral("S"));
  parser.addOptions({data, model, stat, subtract, ungroup, notice, ignore, channels, set, errors,
                     eval, json, group, untie, deltaStat, flux, contour, goodness, seed});
  int exitCode = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Fit a model to OGIP spectra."), &exitCode))
    return exitCode;

  const QString errorKind = parser.value(errors);
  if (errorKind != QLatin1String("covar") && errorKind != QLatin1String("conf")) {
    return fail(kCommand, QStringLiteral("--errors %1: covar or conf").arg(errorKind), kUsage);
  }
  const bool conf = errorKind == QLatin1String("conf");
  ConfidenceOptions confOptions;
  if (parser.isSet(deltaStat)) {
    bool ok = false;
    confOptions.deltaStat = parser.value(deltaStat).toDouble(&ok);
    if (!ok || !(confOptions.deltaStat > 0.0)) {
      return fail(kCommand, QStringLiteral("--delta-stat must be a positive number"), kUsage);
    }
    if (!conf) return fail(kCommand, QStringLiteral("--delta-stat needs --errors conf"), kUsage);
  }
  const auto statistic = statisticFromName(parser.value(stat));
  if (!statistic) {
    const QString name = parser.value(stat);
    const bool known = name == QLatin1String("chi2modvar") ||
                       name == QLatin1String("chi2xspecvar") || name == QLatin1String("cash");
    return fail(kCommand,
                known ? QStringLiteral("--stat %1 is not yet supported").arg(name)
                      : QStringLiteral("unknown statistic '%1'").arg(name),
                kUsage);
  }
  std::optional<GroupingScheme> grouping;
  if (parser.isSet(group)) {
    QString why;
    grouping = parseGroupingScheme(parser.value(group), &why);
    if (!grouping) return fail(kCommand, QStringLiteral("--group: ") + why, kUsage);
  }
  std::optional<ContourRequest> contourRequest;
  if (parser.isSet(contour)) {
    QString why;
    contourRequest = parseContourRequest(parser.value(contour), &why);
    if (!contourRequest) return fail(kCommand, QStringLiteral("--contour ") + why, kUsage);
    if (parser.isSet(eval)) {
      return fail(kCommand, QStringLiteral("--contour needs a fit (not --eval)"), kUsage);
    }
  }
  GoodnessOptions goodnessOptions;
  if (parser.isSet(goodness)) {
    bool ok = false;
    goodnessOptions.simulations = parser.value(goodness).toInt(&ok);
    if (!ok || goodnessOptions.simulations < 1 || goodnessOptions.simulations > 1000000) {
      return fail(kCommand, QStringLiteral("--goodness needs a number of simulations, 1 or more"),
                  kUsage);
    }
    if (parser.isSet(eval)) {
      return fail(kCommand, QStringLiteral("--goodness needs a fit (not --eval)"), kUsage);
    }
  }
  FluxErrorOptions fluxOptions;
  if (parser.isSet(seed)) {
    bool ok = false;
    const qulonglong value = parser.value(seed).toULongLong(&ok);
    if (!ok) return fail(kCommand, QStringLiteral("--seed needs a non-negative integer"), kUsage);
    goodnessOptions.seed = fluxOptions.seed = value;
  }
  if (!parser.isSet(data)) return fail(kCommand, QStringLiteral("--data is required"), kUsage);
  if (!parser.isSet(model)) return fail(kCommand, QStringLiteral("--model is required"), kUsage);

  try {
    const auto bands = parseBands(parser.values(flux));
    std::optional<Model> parsed;
    try {
      parsed = Model::parse(parser.value(model));
    } catch (const ModelSyntaxError& e) {
      // Not through fail(): the message's second and third lines point at the column.
      std::fprintf(stderr, "xsky-cli fit: error: %s\n", e.what());
      return kUsage;
    }
    Model& m = *parsed;
    const QStringList dataArgs = parser.values(data);
    JointParameters joint(m.parameters(), int(dataArgs.size()));
    joint.untieCalibrationConstants();
    for (const QString& u : parser.values(untie)) joint.untie(modelParameter(joint, u, "--untie"));
    bool scaleNorms = true;
    for (const QString& s : parser.values(set)) {
      const int i = applySet(&joint, s);
      scaleNorms = scaleNorms && m.parameters()[size_t(i)].name != QLatin1String("norm");
    }
    std::pair<int, int> contourAxes{-1, -1};  // fitted indices
    if (contourRequest) {
      contourAxes = {fittedIndex(joint, contourRequest->x, "--contour"),
                     fittedIndex(joint, contourRequest->y, "--contour")};
      if (contourAxes.first == contourAxes.second) {
        throw UsageError(QStringLiteral("--contour: give two different parameters"));
      }
      const std::vector<Parameter> start = joint.independent();
      for (int k : {contourAxes.first, contourAxes.second}) {
        if (start[size_t(k)].frozen) {
          throw UsageError(
              QStringLiteral("--contour: %1 is frozen").arg(start[size_t(k)].fullName()));
        }
      }
    }

    QStringList warnings;
    std::vector<std::unique_ptr<SpectralData>> spectra;
    for (const QString& d : dataArgs) {
      const DataArg arg = parseData(d);
      spectra.push_back(
          std::make_unique<SpectralData>(SpectralData::load(arg.path, arg.options, &warnings)));
      if (parser.isSet(ungroup) || grouping) spectra.back()->setGrouped(false);
    }
    for (const Filter& f : filtersInOrder(args)) {
      const auto [lo, hi] = parseRange(f.value);
      for (auto& s : spectra) {
        if (f.kind == Filter::Notice) s->noticeEnergy(lo, hi);
        if (f.kind == Filter::Ignore) s->ignoreEnergy(lo, hi);
        if (f.kind == Filter::Channels) {
          s->noticeChannels(int(std::max(lo, -1e9)), int(std::min(hi, 1e9)));
        }
      }
    }
    if (grouping) {
      for (auto& s : spectra) s->group(*grouping);
    }
    for (const QString& w : warnings) {
      std::fprintf(stderr, "xsky-cli fit: warning: %s\n", qPrintable(w));
    }
    std::vector<const SpectralData*> pointers;
    for (const auto& s : spectra) pointers.push_back(s.get());
    FitConfig config;
    config.statistic = *statistic;
    config.subtractBackground = parser.isSet(subtract);
    const FitProblem problem(pointers, &m, config, joint.map());
    if (problem.pointCount() == 0) throw Error(QStringLiteral("no data points are noticed"));

    std::vector<Parameter> fitted = joint.independent();
    const bool evaluateOnly = parser.isSet(eval);
    FitOptions fitOptions;
    fitOptions.scaleNorms = scaleNorms;
    const FitResult result = evaluateOnly ? evaluateParameters(problem, fitted)
                                          : fitParameters(problem, &fitted, fitOptions);
    joint.assign(fitted);
    // Errors per fitted parameter: offsets below and above the value.
    std::vector<double> low(fitted.size(), std::nan("")), high(fitted.size(), std::nan(""));
    std::vector<ConfidenceInterval> intervals(fitted.size());
    if (!evaluateOnly) {
      const std::vector<int> free = freeIndices(fitted);
      std::vector<double> sigma;
      for (int k : free) sigma.push_back(result.errors[size_t(k)]);
      if (conf) {
        for (const ConfidenceInterval& ci :
             confidenceIntervals(problem, fitted, sigma, confOptions)) {
          intervals[size_t(ci.parameter)] = ci;
          low[size_t(ci.parameter)] = ci.lower - ci.value;
          high[size_t(ci.parameter)] = ci.upper - ci.value;
        }
      } else {
        for (int k : free) {
          low[size_t(k)] = -result.errors[size_t(k)];
          high[size_t(k)] = result.errors[size_t(k)];
        }
      }
    }
    if (evaluateOnly) fluxOptions.draws = 0;
    const std::vector<BandFlux> fluxes =
        bands.empty() ? std::vector<BandFlux>{}
                      : fluxesWithErrors(problem, fitted, bands, 0, fluxOptions);
    std::optional<ContourGrid> grid;
    if (contourRequest) {
      ContourOptions contourOptions;
      contourOptions.xPoints = contourOptions.yPoints = contourRequest->points;
      grid = confidenceContour(problem, fitted, contourAxes.first, contourAxes.second,
                               result.errors, contourOptions);
    }
    auto axisName = [&](int k) { return fitted[size_t(k)].fullName(); };
    std::optional<GoodnessResult> goodnessResult;
    if (parser.isSet(goodness)) goodnessResult = goodnessOfFit(problem, fitted, goodnessOptions);
    const std::vector<Row> rows = outputRows(joint);
    const int n = joint.modelParameterCount();

    if (parser.isSet(json)) {
      QJsonArray params;
      for (const Row& row : rows) {
        const Parameter& p = joint.at(row.dataSet, row.modelIndex);
        const int k = row.fitted;
        const bool hasError = k >= 0 && !p.frozen && !evaluateOnly;
        QJsonObject o{
            {QStringLiteral("index"), row.dataSet * n + row.modelIndex + 1},
            {QStringLiteral("name"), p.fullName()},
            {QStringLiteral("value"), p.value},
            {QStringLiteral("unit"), p.unit},
            {QStringLiteral("frozen"), p.frozen || k < 0},
            {QStringLiteral("error_low"), hasError ? finite(low[size_t(k)]) : QJsonValue()},
            {QStringLiteral("error_high"), hasError ? finite(high[size_t(k)]) : QJsonValue()},
            {QStringLiteral("at_bound"), k >= 0 && bool(result.atBound[size_t(k)])},
            {QStringLiteral("data_set"), row.dataSet + 1}};
        if (k < 0) {
          o.insert(QStringLiteral("linked_to"), row.dataSet * n + joint.linkOf(row.modelIndex) + 1);
        }
        if (hasError && conf) {
          const ConfidenceInterval& ci = intervals[size_t(k)];
          o.insert(QStringLiteral("lower_at_bound"), ci.lowerAtBound);
          o.insert(QStringLiteral("upper_at_bound"), ci.upperAtBound);
          if (ci.newMinimum) o.insert(QStringLiteral("new_minimum"), true);
        }
        params.append(o);
      }
      QJsonArray fluxArray;
      for (const BandFlux& f : fluxes) {
        fluxArray.append(QJsonObject{
            {QStringLiteral("band"), QJsonArray{f.lo, f.hi}},
            {QStringLiteral("energy_flux"), f.energyFlux},
            {QStringLiteral("photon_flux"), f.photonFlux},
            {QStringLiteral("unabsorbed_energy_flux"), f.unabsorbedEnergyFlux},
            {QStringLiteral("unabsorbed_photon_flux"), f.unabsorbedPhotonFlux},
            {QStringLiteral("error_low"), finite(f.energyFluxLow - f.energyFlux)},
            {QStringLiteral("error_high"), finite(f.energyFluxHigh - f.energyFlux)},
            {QStringLiteral("photon_flux_error_low"), finite(f.photonFluxLow - f.photonFlux)},
            {QStringLiteral("photon_flux_error_high"), finite(f.photonFluxHigh - f.photonFlux)},
            {QStringLiteral("unabsorbed_energy_flux_error_low"),
             finite(f.unabsorbedEnergyFluxLow - f.unabsorbedEnergyFlux)},
            {QStringLiteral("unabsorbed_energy_flux_error_high"),
             finite(f.unabsorbedEnergyFluxHigh - f.unabsorbedEnergyFlux)}});
      }
      QJsonObject document{{QStringLiteral("statistic"),
                            QJsonObject{{QStringLiteral("name"), statisticName(*statistic)},
                                        {QStringLiteral("value"), result.statistic},
                                        {QStringLiteral("dof"), result.dof},
                                        {QStringLiteral("npoints"), result.points}}},
                           {QStringLiteral("parameters"), params},
                           {QStringLiteral("converged"), result.converged},
                           {QStringLiteral("errors"), errorKind},
                           {QStringLiteral("fluxes"), fluxArray},
                           {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}};
      if (conf) document.insert(QStringLiteral("delta_stat"), confOptions.deltaStat);
      if (grid) {
        document.insert(QStringLiteral("contour"),
                        contourJson(*grid, axisName(grid->xParameter), axisName(grid->yParameter)));
      }
      if (goodnessResult) {
        const GoodnessResult& g = *goodnessResult;
        document.insert(QStringLiteral("goodness"),
                        QJsonObject{{QStringLiteral("simulations"), goodnessOptions.simulations},
                                    {QStringLiteral("fraction_lower"), finite(g.fractionLower)},
                                    {QStringLiteral("failed"), g.failed},
                                    {QStringLiteral("observed"), g.observed},
                                    {QStringLiteral("seed"), seedJson(goodnessOptions.seed)}});
      }
      printJson(document);
    } else {
      std::printf("model %s, statistic %s = %.10g, %d points, %d dof%s\n",
                  qPrintable(m.expression()), qPrintable(statisticName(*statistic)),
                  result.statistic, result.points, result.dof,
                  evaluateOnly       ? " (evaluated, no fit)"
                  : result.converged ? ""
                                     : "  FIT DID NOT CONVERGE");
      for (const Row& row : rows) {
        const Parameter& p = joint.at(row.dataSet, row.modelIndex);
        const int k = row.fitted;
        std::printf("%3d  %-22s %-14.7g", row.dataSet * n + row.modelIndex + 1,
                    qPrintable(p.fullName()), p.value);
        if (k < 0) {
          std::printf("  = p%d", row.dataSet * n + joint.linkOf(row.modelIndex) + 1);
        } else if (p.frozen) {
          std::printf("  frozen");
        } else if (!evaluateOnly) {
          if (conf) {
            const ConfidenceInterval& ci = intervals[size_t(k)];
            std::printf("  %-12.6g %+-12.6g%s%s", low[size_t(k)], high[size_t(k)],
                        ci.lowerAtBound ? "  LOWER AT BOUND" : "",
                        ci.upperAtBound ? "  UPPER AT BOUND" : "");
          } else {
            std::printf("  +/- %-12.6g", high[size_t(k)]);
          }
          if (result.atBound[size_t(k)]) std::printf("  AT BOUND");
        }
        if (joint.dataSetCount() > 1) std::printf("  [data set %d]", row.dataSet + 1);
        std::printf("  %s\n", qPrintable(p.unit));
      }
      for (const BandFlux& f : fluxes) {
        std::printf(
            "flux %g-%g keV: %.5g erg/cm^2/s (90%%: %.5g - %.5g), %.5g photons/cm^2/s; "
            "unabsorbed %.5g erg/cm^2/s (90%%: %.5g - %.5g)\n",
            f.lo, f.hi, f.energyFlux, f.energyFluxLow, f.energyFluxHigh, f.photonFlux,
            f.unabsorbedEnergyFlux, f.unabsorbedEnergyFluxLow, f.unabsorbedEnergyFluxHigh);
      }
      if (grid) printContour(*grid, axisName(grid->xParameter), axisName(grid->yParameter));
      if (goodnessResult) {
        std::printf("goodness: %.1f %% of %d simulations (seed %llu) have a lower statistic than "
                    "the data's %.10g%s\n",
                    100.0 * goodnessResult->fractionLower, goodnessResult->simulations,
                    static_cast<unsigned long long>(goodnessOptions.seed), goodnessResult->observed,
                    goodnessResult->failed > 0
                        ? qPrintable(QStringLiteral(" (%1 failed)").arg(goodnessResult->failed))
                        : "");
      }
    }
    return kOk;
  } catch (const UsageError& e) {
    return fail(kCommand, e.message(), kUsage);
  } catch (const Error& e) {
    return fail(kCommand, e.message());
  }
}

}  // namespace xsky::cli
