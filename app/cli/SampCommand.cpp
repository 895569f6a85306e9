// xsky-cli samp status|send|hub: talk to the SAMP hub from scripts.
//   samp status [--json]                          the hub, its clients, their
//   metadata/subscriptions samp send --mtype M [--param k=v]... [--to NAME] [--wait SECONDS]
//   [--json]
//        notify (notifyAll without --to); with --wait, call-and-wait and print the replies
//   samp hub [--seconds N]                        run XSky's embedded hub in the foreground

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <csignal>
#include <cstdio>

#include "cli/CliCommon.h"
#include "samp/SampClient.h"
#include "samp/SampHub.h"

namespace xsky::cli {
namespace {

const QString kCommand = QStringLiteral("samp");

void print(const QString& text) { std::fputs(text.toLocal8Bit().constData(), stdout); }

QJsonObject clientJson(const samp::ClientInfo& c) {
  QStringList subs = c.subscriptions.keys();
  subs.sort();
  return QJsonObject{{QStringLiteral("id"), c.id},
                     {QStringLiteral("name"), c.name()},
                     {QStringLiteral("metadata"), QJsonObject::fromVariantMap(c.metadata)},
                     {QStringLiteral("subscriptions"), QJsonArray::fromStringList(subs)}};
}

bool connectClient(samp::SampClient* client, const QString& name, QString* error) {
  samp::ClientMetadata meta;
  meta.name = name;
  meta.description = QStringLiteral("XSky command-line tool");
  client->setMetadata(meta);
  client->setHubPollInterval(0);
  return client->connectBlocking({}, error);
}

int runStatus(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOption(json);
  parser.addPositionalArgument(QStringLiteral("status"),
                               QStringLiteral("Show the hub and its clients."));
  int code = kOk;
  if (!parseArgs(
          parser, args,
          QStringLiteral("Show the SAMP hub, its clients, their metadata and subscriptions."),
          &code)) {
    return code;
  }
  samp::SampClient client;
  QString error;
  if (!connectClient(&client, QStringLiteral("xsky-cli"), &error)) return fail(kCommand, error);
  QJsonArray clients;
  QList<samp::ClientInfo> list = client.clients().all();
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const samp::ClientInfo& c : list) {
    if (c.id != client.selfId()) clients.append(clientJson(c));
  }
  const QJsonObject hub{{QStringLiteral("url"), client.hub().xmlrpcUrl},
                        {QStringLiteral("lockfile"), client.hub().source},
                        {QStringLiteral("id"), client.hubId()},
                        {QStringLiteral("profile_version"), client.hub().profileVersion}};
  client.disconnectBlocking();
  if (parser.isSet(json)) {
    printJson(QJsonObject{{QStringLiteral("hub"), hub}, {QStringLiteral("clients"), clients}});
    return kOk;
  }
  print(QStringLiteral("hub      %1 (lock file %2)\nclients  %3\n")
            .arg(hub[QStringLiteral("url")].toString(), hub[QStringLiteral("lockfile")].toString())
            .arg(clients.size()));
  for (const QJsonValue& v : clients) {
    const QJsonObject c = v.toObject();
    print(QStringLiteral("\n%1  %2\n")
              .arg(c[QStringLiteral("id")].toString(), c[QStringLiteral("name")].toString()));
    const QJsonObject meta = c[QStringLiteral("metadata")].toObject();
    for (auto it = meta.begin(); it != meta.end(); ++it) {
      if (it.key() == QLatin1String("samp.name")) continue;
      print(QStringLiteral("  %1: %2\n")
                .arg(it.key(), it.value().isString()
                                   ? it.value().toString()
                                   : QString::fromUtf8(QJsonDocument(QJsonArray{it.value()})
                                                           .toJson(QJsonDocument::Compact))));
    }
    QStringList subs;
    for (const QJsonValue& s : c[QStringLiteral("subscriptions")].toArray()) subs << s.toString();
    print(QStringLiteral("  subscriptions: %1\n").arg(subs.join(QStringLiteral(", "))));
  }
  return kOk;
}

// k=v; a value "json:..." is parsed as JSON (for lists and maps, e.g. row-list=json:["1","4"]).
bool parseParam(const QString& text, QVariantMap* params, QString* error) {
  const qsizetype eq = text.indexOf(QLatin1Char('='));
  if (eq <= 0) {
    *error = QStringLiteral("--param %1: expected KEY=VALUE").arg(text);
    return false;
  }
  const QString key = text.left(eq);
  const QString value = text.mid(eq + 1);
  if (value.startsWith(QLatin1String("json:"))) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(("[" + value.mid(5) + "]").toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError) {
      *error = QStringLiteral("--param %1: bad JSON: %2").arg(key, pe.errorString());
      return false;
    }
    params->insert(key, doc.array().first().toVariant());
  } else {
    params->insert(key, value);
  }
  return true;
}

QJsonObject responseJson(const QString& id, const QString& name, const samp::SampResponse& r) {
  QJsonObject o{{QStringLiteral("id"), id},
                {QStringLiteral("name"), name},
                {QStringLiteral("status"), r.status},
                {QStringLiteral("result"), QJsonObject::fromVariantMap(r.result)}};
  if (r.isError() || !r.errorText.isEmpty()) o.insert(QStringLiteral("error"), r.errorText);
  return o;
}

int runSend(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption mtypeOpt(QStringLiteral("mtype"), QStringLiteral("The message type."),
                                    QStringLiteral("MTYPE"));
  const QCommandLineOption paramOpt(
      QStringLiteral("param"),
      QStringLiteral("A parameter KEY=VALUE (repeatable; VALUE json:... for lists/maps)."),
      QStringLiteral("KEY=VALUE"));
  const QCommandLineOption toOpt(
      QStringLiteral("to"),
      QStringLiteral("Recipient name (samp.name) or client id; default: all subscribers."),
      QStringLiteral("NAME"));
  const QCommandLineOption waitOpt(
      QStringLiteral("wait"),
      QStringLiteral("Call and wait up to SECONDS for each reply (default: notify)."),
      QStringLiteral("SECONDS"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON document."));
  parser.addOptions({mtypeOpt, paramOpt, toOpt, waitOpt, json});
  parser.addPositionalArgument(QStringLiteral("send"), QStringLiteral("Send a message."));
  int code = kOk;
  if (!parseArgs(parser, args,
                 QStringLiteral("Send a SAMP message (notify, or call and wait with --wait)."),
                 &code)) {
    return code;
  }
  const QString mtype = parser.value(mtypeOpt);
  if (mtype.isEmpty()) return fail(kCommand, QStringLiteral("--mtype is required"), kUsage);
  QVariantMap params;
  QString error;
  for (const QString& p : parser.values(paramOpt)) {
    if (!parseParam(p, &params, &error)) return fail(kCommand, error, kUsage);
  }
  int waitSeconds = 0;
  if (parser.isSet(waitOpt)) {
    bool ok = false;
    waitSeconds = parser.value(waitOpt).toInt(&ok);
    if (!ok || waitSeconds <= 0)
      return fail(kCommand, QStringLiteral("--wait needs a positive number of seconds"), kUsage);
  }
  samp::SampClient client;
  if (!connectClient(&client, QStringLiteral("xsky-cli"), &error)) return fail(kCommand, error);
  const samp::SampMessage message{mtype, params, {}};
  QList<samp::ClientInfo> recipients;
  if (parser.isSet(toOpt)) {
    const QString to = parser.value(toOpt);
    const samp::ClientInfo* c = client.clients().find(to);
    if (!c) c = client.clients().findByName(to);
    if (!c || c->id == client.selfId()) {
      client.disconnectBlocking();
      return fail(kCommand, QStringLiteral("no SAMP client named %1").arg(to));
    }
    recipients << *c;
  } else {
    recipients = client.clients().subscribedTo(mtype, client.selfId());
  }
  QJsonArray sent, responses;
  bool failed = false;
  QStringList lines;
  if (waitSeconds == 0 && !parser.isSet(toOpt)) {
    const samp::SampResult r =
        client.hubCallBlocking(QStringLiteral("notifyAll"), {message.toMap()});
    if (!r.ok) {
      client.disconnectBlocking();
      return fail(kCommand, r.error);
    }
    for (const QVariant& id : r.value.toList()) {
      const samp::ClientInfo* c = client.clients().find(id.toString());
      sent.append(id.toString());
      lines << QStringLiteral("notified %1 (%2)").arg(id.toString(), c ? c->name() : QString());
    }
  } else {
    for (const samp::ClientInfo& c : recipients) {
      sent.append(c.id);
      if (waitSeconds == 0) {
        const samp::SampResult r =
            client.hubCallBlocking(QStringLiteral("notify"), {c.id, message.toMap()});
        if (!r.ok) failed = true;
        lines << (r.ok ? QStringLiteral("notified %1 (%2)").arg(c.id, c.name())
                       : QStringLiteral("%1 (%2): %3").arg(c.id, c.name(), r.error));
        continue;
      }
      const samp::SampResponse r = client.callAndWaitBlocking(c.id, message, waitSeconds);
      if (r.isError()) failed = true;
      responses.append(responseJson(c.id, c.name(), r));
      lines << QStringLiteral("%1 (%2): %3%4 %5")
                   .arg(c.id, c.name(), r.status,
                        r.errorText.isEmpty() ? QString() : QStringLiteral(": ") + r.errorText,
                        r.result.isEmpty()
                            ? QString()
                            : QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(r.result))
                                                    .toJson(QJsonDocument::Compact)));
    }
  }
  client.disconnectBlocking();
  if (sent.isEmpty() && parser.isSet(toOpt)) failed = true;
  if (parser.isSet(json)) {
    QJsonObject doc{{QStringLiteral("mtype"), mtype},
                    {QStringLiteral("params"), QJsonObject::fromVariantMap(params)},
                    {QStringLiteral("mode"),
                     waitSeconds > 0 ? QStringLiteral("call") : QStringLiteral("notify")},
                    {QStringLiteral("recipients"), sent}};
    if (waitSeconds > 0) doc.insert(QStringLiteral("responses"), responses);
    printJson(doc);
  } else {
    if (lines.isEmpty()) lines << QStringLiteral("no client subscribes to %1").arg(mtype);
    print(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
  }
  return failed ? kFailed : kOk;
}

int runHub(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption seconds(
      QStringLiteral("seconds"), QStringLiteral("Stop after SECONDS (default: run until killed)."),
      QStringLiteral("SECONDS"));
  const QCommandLineOption lockOpt(
      QStringLiteral("lockfile"),
      QStringLiteral("Write the lock file here (default: SAMP_HUB's file or ~/.samp)."),
      QStringLiteral("PATH"));
  parser.addOptions({seconds, lockOpt});
  parser.addPositionalArgument(QStringLiteral("hub"), QStringLiteral("Run XSky's SAMP hub."));
  int code = kOk;
  if (!parseArgs(parser, args,
                 QStringLiteral("Run XSky's embedded SAMP hub in the foreground until killed."),
                 &code)) {
    return code;
  }
  samp::SampHub hub;
  QString error;
  if (!hub.start(parser.value(lockOpt), &error)) return fail(kCommand, error);
  print(QStringLiteral("SAMP hub running at %1, lock file %2\n").arg(hub.url(), hub.lockFile()));
  std::fflush(stdout);
  static std::atomic<bool> stop{false};
  std::signal(SIGTERM, [](int) { stop = true; });
  std::signal(SIGINT, [](int) { stop = true; });
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, [&] {
    if (stop) QCoreApplication::quit();
  });
  poll.start(100);
  if (parser.isSet(seconds))
    QTimer::singleShot(int(parser.value(seconds).toDouble() * 1000),
                       [] { QCoreApplication::quit(); });
  QCoreApplication::exec();
  hub.stop();
  print(QStringLiteral("SAMP hub stopped\n"));
  return kOk;
}

}  // namespace

int runSamp(const QStringList& args) {
  const QString sub = args.value(1);
  if (sub == QLatin1String("status")) return runStatus(args);
  if (sub == QLatin1String("send")) return runSend(args);
  if (sub == QLatin1String("hub")) return runHub(args);
  if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
    print(
        QStringLiteral("usage: xsky-cli samp status [--json]\n"
                       "       xsky-cli samp send --mtype MTYPE [--param KEY=VALUE]... [--to NAME] "
                       "[--wait SECONDS] [--json]\n"
                       "       xsky-cli samp hub [--seconds N] [--lockfile PATH]\n"));
    return kOk;
  }
  return fail(kCommand,
              sub.isEmpty() ? QStringLiteral("expected status, send or hub")
                            : QStringLiteral("unknown subcommand %1 (status, send, hub)").arg(sub),
              kUsage);
}

}  // namespace xsky::cli
