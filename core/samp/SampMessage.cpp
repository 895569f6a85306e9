#include "samp/SampMessage.h"

#include <QLocale>

namespace xsky::samp {

QVariantMap SampMessage::toMap() const {
  QVariantMap map = extra;
  map.insert(QStringLiteral("samp.mtype"), mtype);
  map.insert(QStringLiteral("samp.params"), params);
  return map;
}

SampMessage SampMessage::fromMap(const QVariantMap& map) {
  SampMessage m;
  m.extra = map;
  m.mtype = m.extra.take(QStringLiteral("samp.mtype")).toString();
  m.params = m.extra.take(QStringLiteral("samp.params")).toMap();
  return m;
}

QVariantMap SampResponse::toMap() const {
  QVariantMap map{{QStringLiteral("samp.status"), status}};
  if (!isError() || !result.isEmpty()) map.insert(QStringLiteral("samp.result"), result);
  if (!errorText.isEmpty() || isError()) {
    QVariantMap error = errorExtra;
    error.insert(QStringLiteral("samp.errortxt"), errorText);
    map.insert(QStringLiteral("samp.error"), error);
  }
  return map;
}

SampResponse SampResponse::fromMap(const QVariantMap& map) {
  SampResponse r;
  r.status = map.value(QStringLiteral("samp.status")).toString();
  r.result = map.value(QStringLiteral("samp.result")).toMap();
  r.errorExtra = map.value(QStringLiteral("samp.error")).toMap();
  r.errorText = r.errorExtra.take(QStringLiteral("samp.errortxt")).toString();
  return r;
}

SampResponse SampResponse::ok(const QVariantMap& result) {
  SampResponse r;
  r.result = result;
  return r;
}

SampResponse SampResponse::error(const QString& text) {
  SampResponse r;
  r.status = QStringLiteral("samp.error");
  r.errorText = text;
  return r;
}

bool mtypeMatches(const QString& pattern, const QString& mtype) {
  if (pattern == mtype || pattern == QLatin1String("*")) return true;
  if (!pattern.endsWith(QLatin1String(".*"))) return false;
  const QStringView prefix = QStringView(pattern).chopped(1);  // keeps the dot
  return mtype.startsWith(prefix) || mtype == prefix.chopped(1);
}

std::optional<QString> missingParams(const QVariantMap& params, const QStringList& required) {
  QStringList missing;
  for (const QString& name : required) {
    const QVariant v = params.value(name);
    if (!v.isValid() || (v.typeId() == QMetaType::QString && v.toString().isEmpty()))
      missing << name;
  }
  if (missing.isEmpty()) return std::nullopt;
  return QStringLiteral("missing parameter%1: %2")
      .arg(missing.size() > 1 ? QStringLiteral("s") : QString(),
           missing.join(QStringLiteral(", ")));
}

std::optional<double> floatParam(const QVariantMap& params, const QString& name, QString* error) {
  const QVariant v = params.value(name);
  if (!v.isValid()) {
    if (error) *error = QStringLiteral("missing parameter: %1").arg(name);
    return std::nullopt;
  }
  bool ok = false;
  const double d = v.toString().trimmed().toDouble(&ok);
  if (!ok) {
    if (error)
      *error = QStringLiteral("parameter %1 is not a number: '%2'").arg(name, v.toString());
    return std::nullopt;
  }
  return d;
}

std::optional<qlonglong> intParam(const QVariantMap& params, const QString& name, QString* error) {
  const QVariant v = params.value(name);
  if (!v.isValid()) {
    if (error) *error = QStringLiteral("missing parameter: %1").arg(name);
    return std::nullopt;
  }
  bool ok = false;
  const qlonglong n = v.toString().trimmed().toLongLong(&ok);
  if (!ok) {
    if (error)
      *error = QStringLiteral("parameter %1 is not an integer: '%2'").arg(name, v.toString());
    return std::nullopt;
  }
  return n;
}

QString sampFloat(double value) {
  return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

}  // namespace xsky::samp
