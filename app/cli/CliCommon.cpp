#include "cli/CliCommon.h"

#include <QJsonDocument>

#include <cstdio>

namespace xsky::cli {

int fail(const QString& command, const QString& message, int code) {
  const QString line = QStringLiteral("xsky-cli %1: error: %2\n").arg(command, message.simplified());
  std::fputs(line.toLocal8Bit().constData(), stderr);
  return code;
}

bool parseArgs(QCommandLineParser& parser, const QStringList& args, const QString& description,
               int* exitCode) {
  parser.setApplicationDescription(description);
  parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                QStringLiteral("Show this help."));
  parser.addOption(help);
  QStringList full = args;
  full.prepend(QStringLiteral("xsky-cli"));
  if (!parser.parse(full)) {
    *exitCode = fail(args.value(0), parser.errorText(), kUsage);
    return false;
  }
  if (parser.isSet(help)) {
    std::fputs(parser.helpText().replace(QStringLiteral("xsky-cli [options]"),
                                         QStringLiteral("xsky-cli %1 [options]").arg(args.value(0)))
                   .toLocal8Bit()
                   .constData(),
               stdout);
    *exitCode = kOk;
    return false;
  }
  return true;
}

void printJson(const QJsonObject& document) {
  std::fputs(QJsonDocument(document).toJson(QJsonDocument::Indented).constData(), stdout);
}

}  // namespace xsky::cli
