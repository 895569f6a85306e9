// xsky-cli info FILE [--json]: HDUs, dimensions, WCS summary, event-list summary.

#include <cstdio>

#include "cli/CliCommon.h"
#include "fits/FitsError.h"
#include "info/FileInfo.h"

namespace xsky::cli {

int runInfo(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOption(json);
  parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A FITS file (plain or gzip)."));
  int code = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Describe a FITS file: HDUs, WCS, event list."), &code)) {
    return code;
  }
  const QStringList files = parser.positionalArguments().mid(1);
  if (files.size() != 1) return fail(QStringLiteral("info"), QStringLiteral("expected one FILE"), kUsage);
  try {
    const QJsonObject d = info::describeFile(files.front());
    if (parser.isSet(json)) {
      printJson(d);
    } else {
      std::fputs(info::formatText(d).toLocal8Bit().constData(), stdout);
    }
  } catch (const Error& e) {
    return fail(QStringLiteral("info"), e.message());
  }
  return kOk;
}

}  // namespace xsky::cli
