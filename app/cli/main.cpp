// xsky-cli: XSky's core for scripts and batch runs. See `xsky-cli --help`.

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include "cli/CliCommon.h"

namespace {

const std::map<QString, std::pair<xsky::cli::Command, const char*>>& commands() {
  static const std::map<QString, std::pair<xsky::cli::Command, const char*>> table = {
      {QStringLiteral("info"), {&xsky::cli::runInfo, "describe a FITS file (HDUs, WCS, events)"}},
      {QStringLiteral("simulate"), {&xsky::cli::runSimulate, "write the deterministic demo sky"}},
      {QStringLiteral("regions"),
       {&xsky::cli::runRegions, "convert region files; region statistics on an event list"}},
      {QStringLiteral("samp"), {&xsky::cli::runSamp, "SAMP: hub status, send a message, run a hub"}},
      {QStringLiteral("render"), {&xsky::cli::runRender, "draw an image or event list as a PNG, as the viewer shows it"}},
      {QStringLiteral("extract"), {&xsky::cli::runExtract, "spectra, light curves and images of regions from event lists"}},
      {QStringLiteral("reproduce"), {&xsky::cli::runReproduce, "re-run the extraction of a product from its provenance record"}},
      {QStringLiteral("moc"), {&xsky::cli::runMoc, "MOC coverage: describe a MOC file, build one from a region or observations"}},
      {QStringLiteral("index"), {&xsky::cli::runIndex, "the observation index: add files, import/export archive listings, fetch remote files"}},
      {QStringLiteral("fit"), {&xsky::cli::runFit, "fit a model to OGIP spectra (XSPEC/Sherpa statistics)"}},
      {QStringLiteral("timing"), {&xsky::cli::runTiming, "light curves and timing: variability, Bayesian Blocks, periodograms, folding"}},
      {QStringLiteral("query"), {&xsky::cli::runQuery, "select the rows of a source table (VOTable, FITS) with a query"}},
      {QStringLiteral("crossmatch"), {&xsky::cli::runCrossMatch, "match two source tables by position within a radius"}},
  };
  return table;
}

void usage(std::FILE* to) {
  std::fputs("usage: xsky-cli COMMAND [options]   (xsky-cli COMMAND --help for each)\n\ncommands:\n", to);
  for (const auto& [name, entry] : commands()) {
    std::fprintf(to, "  %-10s %s\n", qPrintable(name), entry.second);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Drawing (render) needs QtGui; it runs headless on the offscreen platform unless told otherwise.
  const bool drawing = argc > 1 && std::strcmp(argv[1], "render") == 0;
  if (drawing && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  std::unique_ptr<QCoreApplication> application;
  if (drawing) {
    application = std::make_unique<QGuiApplication>(argc, argv);
  } else {
    application = std::make_unique<QCoreApplication>(argc, argv);
  }
  QCoreApplication::setApplicationName(QStringLiteral("xsky-cli"));
  QCoreApplication::setApplicationVersion(QStringLiteral(XSKY_VERSION));
  QStringList args = QCoreApplication::arguments().mid(1);
  if (args.isEmpty()) {
    usage(stderr);
    return xsky::cli::kUsage;
  }
  if (args.front() == QLatin1String("--help") || args.front() == QLatin1String("-h")) {
    usage(stdout);
    return xsky::cli::kOk;
  }
  if (args.front() == QLatin1String("--version")) {
    std::printf("xsky-cli %s\n", XSKY_VERSION);
    return xsky::cli::kOk;
  }
  const auto it = commands().find(args.front());
  if (it == commands().end()) {
    usage(stderr);
    return xsky::cli::fail(args.front(), QStringLiteral("unknown command"), xsky::cli::kUsage);
  }
  return it->second.first(args);
}
