// xsky-cli fit --data SPEC[,bkg=FILE|none][,rmf=FILE][,arf=FILE] [--data ...] --model EXPR
//   [--stat chi2gehrels|chi2datavar|cstat|wstat] [--subtract-background] [--ungroup]
//   [--group min-counts=N|min-snr=X|optimal] [--notice LO:HI] [--ignore LO:HI]
//   [--channels LO:HI] [--set PAR=VALUE[,frozen][,min=X][,max=Y]] [--errors covar] [--eval]
//   [--json]
// Fits one model to the spectra (several --data: every parameter tied) and prints the best fit
// with 1-sigma covariance errors. Energies keV; `:1` and `7:` are open ranges; filters apply in
// the order given. --group replaces the file's grouping: the filters then act on single
// channels, and the grouping is computed afterwards inside the noticed channels (Sherpa's
// `notice(0.3, 7); group_counts(20, tabStops=~mask)`). Not yet supported (exit 2): --untie,
// --errors conf, --delta-stat, --flux and the chi2modvar/chi2xspecvar/cash statistics.
// Exit 0 on success (also a fit that did not converge: "converged": false), 1 when a file cannot
// be read or the fit fails, 2 on bad usage.

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

#include "cli/CliCommon.h"
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

/// --set PAR=VALUE[,frozen][,min=X][,max=Y]; returns the parameter index.
int applySet(Model* model, const QString& text) {
  const QStringList parts = text.split(QLatin1Char(','));
  const QString key = parts.front().section(QLatin1Char('='), 0, 0).trimmed();
  const int index = model->findParameter(key);
  if (index < 0) {
    throw UsageError(QStringLiteral("--set: no parameter '%1' in the model").arg(key));
  }
  Parameter& p = model->parameters()[size_t(index)];
  auto number = [&](const QString& s) {
    bool ok = false;
    const double v = s.toDouble(&ok);
    if (!ok) throw UsageError(QStringLiteral("--set: '%1' is not a number").arg(s));
    return v;
  };
  const QString value = parts.front().section(QLatin1Char('='), 1).trimmed();
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

}  // namespace

int runFit(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption data(
      QStringLiteral("data"),
      QStringLiteral("A spectrum: SPEC[,bkg=FILE|none][,rmf=FILE][,arf=FILE]."),
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
      QStringLiteral("PAR=VALUE[,frozen][,min=X][,max=Y]; PAR is a number or component.Param."),
      QStringLiteral("SPEC"));
  const QCommandLineOption errors(QStringLiteral("errors"), QStringLiteral("covar (default)."),
                                  QStringLiteral("KIND"), QStringLiteral("covar"));
  const QCommandLineOption eval(QStringLiteral("eval"),
                                QStringLiteral("Evaluate the statistic without fitting."));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  const QCommandLineOption group(
      QStringLiteral("group"),
      QStringLiteral("Regroup inside the noticed channels: min-counts=N, min-snr=X or optimal."),
      QStringLiteral("HOW"));
  const QCommandLineOption untie(QStringLiteral("untie"), QStringLiteral("Not yet supported."),
                                 QStringLiteral("PAR"));
  const QCommandLineOption deltaStat(QStringLiteral("delta-stat"),
                                     QStringLiteral("Not yet supported."), QStringLiteral("X"));
  const QCommandLineOption flux(QStringLiteral("flux"), QStringLiteral("Not yet supported."),
                                QStringLiteral("LO:HI"));
  parser.addOptions({data, model, stat, subtract, ungroup, notice, ignore, channels, set, errors,
                     eval, json, group, untie, deltaStat, flux});
  int exitCode = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Fit a model to OGIP spectra."), &exitCode))
    return exitCode;

  for (const auto* option : {&untie, &deltaStat, &flux}) {
    if (parser.isSet(*option)) {
      return fail(kCommand,
                  QStringLiteral("--%1 is not yet supported").arg(option->names().front()), kUsage);
    }
  }
  if (parser.value(errors) != QLatin1String("covar")) {
    return fail(
        kCommand,
        QStringLiteral("--errors %1 is not yet supported (covar is)").arg(parser.value(errors)),
        kUsage);
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
  if (!parser.isSet(data)) return fail(kCommand, QStringLiteral("--data is required"), kUsage);
  if (!parser.isSet(model)) return fail(kCommand, QStringLiteral("--model is required"), kUsage);

  try {
    std::optional<Model> parsed;
    try {
      parsed = Model::parse(parser.value(model));
    } catch (const ModelSyntaxError& e) {
      // Not through fail(): the message's second and third lines point at the column.
      std::fprintf(stderr, "xsky-cli fit: error: %s\n", e.what());
      return kUsage;
    }
    Model& m = *parsed;
    std::vector<int> userSet;
    for (const QString& s : parser.values(set)) userSet.push_back(applySet(&m, s));

    QStringList warnings;
    std::vector<std::unique_ptr<SpectralData>> spectra;
    for (const QString& d : parser.values(data)) {
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
    const FitProblem problem(pointers, &m, config);
    if (problem.pointCount() == 0) throw Error(QStringLiteral("no data points are noticed"));

    bool scaleNorms = true;
    for (int i : userSet)
      scaleNorms = scaleNorms && m.parameters()[size_t(i)].name != QLatin1String("norm");
    const FitResult result =
        parser.isSet(eval) ? evaluateModel(problem, m) : fitModel(problem, &m, scaleNorms);

    if (parser.isSet(json)) {
      QJsonArray params;
      for (size_t i = 0; i < m.parameters().size(); ++i) {
        const Parameter& p = m.parameters()[i];
        const double e = result.errors[i];
        params.append(QJsonObject{{QStringLiteral("index"), int(i) + 1},
                                  {QStringLiteral("name"), p.fullName()},
                                  {QStringLiteral("value"), p.value},
                                  {QStringLiteral("unit"), p.unit},
                                  {QStringLiteral("frozen"), p.frozen},
                                  {QStringLiteral("error_low"),
                                   p.frozen || parser.isSet(eval) ? QJsonValue() : finite(-e)},
                                  {QStringLiteral("error_high"),
                                   p.frozen || parser.isSet(eval) ? QJsonValue() : finite(e)},
                                  {QStringLiteral("at_bound"), bool(result.atBound[i])},
                                  {QStringLiteral("data_set"), 1}});
      }
      QJsonObject document{{QStringLiteral("statistic"),
                            QJsonObject{{QStringLiteral("name"), statisticName(*statistic)},
                                        {QStringLiteral("value"), result.statistic},
                                        {QStringLiteral("dof"), result.dof},
                                        {QStringLiteral("npoints"), result.points}}},
                           {QStringLiteral("parameters"), params},
                           {QStringLiteral("converged"), result.converged},
                           {QStringLiteral("fluxes"), QJsonArray()},
                           {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}};
      printJson(document);
    } else {
      std::printf("model %s, statistic %s = %.10g, %d points, %d dof%s\n",
                  qPrintable(m.expression()), qPrintable(statisticName(*statistic)),
                  result.statistic, result.points, result.dof,
                  parser.isSet(eval) ? " (evaluated, no fit)"
                  : result.converged ? ""
                                     : "  FIT DID NOT CONVERGE");
      for (size_t i = 0; i < m.parameters().size(); ++i) {
        const Parameter& p = m.parameters()[i];
        std::printf("%3zu  %-22s %-14.7g", i + 1, qPrintable(p.fullName()), p.value);
        if (p.frozen) {
          std::printf("  frozen");
        } else if (!parser.isSet(eval)) {
          std::printf("  +/- %-12.6g", result.errors[i]);
          if (result.atBound[i]) std::printf("  AT BOUND");
        }
        std::printf("  %s\n", qPrintable(p.unit));
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
