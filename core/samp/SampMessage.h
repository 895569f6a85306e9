#pragma once
// SAMP messages and responses as plain values, and the SAMP parameter conventions: every value
// travels as a string, list or map; numbers are strings ("202.48"), booleans "0"/"1".

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace xsky::samp {

struct SampMessage {
  QString mtype;
  QVariantMap params;
  QVariantMap extra;  // other keys of the message map

  QVariantMap toMap() const;
  static SampMessage fromMap(const QVariantMap& map);
};

/// A response to a call: samp.ok with a result, samp.warning, or samp.error with an errortxt.
struct SampResponse {
  QString status = QStringLiteral("samp.ok");  // samp.ok | samp.warning | samp.error
  QVariantMap result;
  QString errorText;
  QVariantMap errorExtra;  // other samp.error keys (samp.code, samp.debugtxt, ...)

  bool isOk() const { return status == QLatin1String("samp.ok"); }
  bool isError() const { return status == QLatin1String("samp.error"); }
  QVariantMap toMap() const;
  static SampResponse fromMap(const QVariantMap& map);
  static SampResponse ok(const QVariantMap& result = {});
  static SampResponse error(const QString& text);
};

/// An incoming notification (msgId empty) or call.
struct IncomingMessage {
  QString senderId;
  QString msgId;
  SampMessage message;
  bool isCall() const { return !msgId.isEmpty(); }
};

/// Whether an mtype pattern ("*", "table.*", "table.load.votable") covers `mtype`.
bool mtypeMatches(const QString& pattern, const QString& mtype);

/// Parameter helpers that produce the errortxt a sender can act on.
/// The names of `required` absent (or empty) from params, e.g. "missing parameter(s): url".
std::optional<QString> missingParams(const QVariantMap& params, const QStringList& required);
/// A SAMP float parameter ("202.48"); nullopt with *error naming the parameter when it is not one.
std::optional<double> floatParam(const QVariantMap& params, const QString& name, QString* error);
/// A SAMP int parameter ("2").
std::optional<qlonglong> intParam(const QVariantMap& params, const QString& name, QString* error);
/// Formats a double the way SAMP carries it (shortest exact text).
QString sampFloat(double value);

}  // namespace xsky::samp
