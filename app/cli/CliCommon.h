#pragma once
// What every xsky-cli subcommand shares: the argument parser set-up, one-line errors on stderr
// with a non-zero exit, and printing one JSON document on stdout.

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>

namespace xsky::cli {

/// Exit codes: 0 success, 1 the operation failed (bad file, bad data), 2 bad usage.
enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2 };

/// Prints "xsky-cli <command>: error: <message>" on stderr; returns `code`.
int fail(const QString& command, const QString& message, int code = kFailed);

/// Parses args (args[0] is the subcommand) with --help; returns false after printing usage or
/// an error (then *exitCode says how to exit).
bool parseArgs(QCommandLineParser& parser, const QStringList& args, const QString& description,
               int* exitCode);

/// Prints the document, indented, on stdout.
void printJson(const QJsonObject& document);

using Command = int (*)(const QStringList& args);
int runInfo(const QStringList& args);
int runSimulate(const QStringList& args);
int runRegions(const QStringList& args);
int runRender(const QStringList& args);
int runSamp(const QStringList& args);
int runExtract(const QStringList& args);
/// `reproduce PRODUCT` (app/cli/ReproduceCommand.cpp): re-run an extraction from its provenance.
int runReproduce(const QStringList& args);
int runIndex(const QStringList& args);
/// `index import|export|fetch` (app/cli/IndexRemoteCommand.cpp): remote archives.
int runIndexImport(const QStringList& args);
int runIndexExport(const QStringList& args);
int runIndexFetch(const QStringList& args);
/// `moc info`, `moc build` (app/cli/MocCommand.cpp) and the dispatch of `moc query`.
int runMoc(const QStringList& args);
/// `moc query` (app/cli/MocQueryCommand.cpp); args as runMoc received them.
int runMocQuery(const QStringList& args);
int runFit(const QStringList& args);  // app/cli/FitCommand.cpp: spectral fitting
int runTiming(const QStringList& args);
int runLongTerm(const QStringList& args);  // app/cli/LongTermCommand.cpp: `timing longterm`  // app/cli/TimingCommand.cpp: light curves and timing
int runQuery(const QStringList& args);   // app/cli/QueryCommand.cpp: the catalogue query language
int runCrossMatch(const QStringList& args);  // app/cli/CrossMatchCommand.cpp: tables by position

}  // namespace xsky::cli
