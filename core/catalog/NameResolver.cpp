#include "catalog/NameResolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>
#include <QUrl>
#include <QXmlStreamReader>

#include <cmath>

#include "fits/FitsError.h"
#include "samp/HttpClient.h"
#include "util/AtomicFile.h"

namespace xsky::catalog {

namespace {

QString cacheKey(const QString& name) {
  static const QRegularExpression blanks(QStringLiteral("\\s+"));
  return name.trimmed().toLower().replace(blanks, QStringLiteral(" "));
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

std::optional<SesameAnswer> parseSesameXml(const QByteArray& xml) {
  QXmlStreamReader reader(xml);
  SesameAnswer current;
  bool haveRa = false, haveDec = false, inResolver = false;
  while (!reader.atEnd()) {
    reader.readNext();
    if (reader.isStartElement()) {
      const auto tag = reader.name();
      if (tag == u"Resolver") {
        inResolver = true;
        haveRa = haveDec = false;
        current = {};
        current.resolver = reader.attributes().value(QLatin1StringView("name")).toString();
      } else if (inResolver && (tag == u"jradeg" || tag == u"jdedeg" || tag == u"oname")) {
        const bool ra = tag == u"jradeg", oname = tag == u"oname";
        const QString text = reader.readElementText().trimmed();
        if (oname) {
          current.objectName = text;
          continue;
        }
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (!ok || !std::isfinite(v)) continue;
        (ra ? current.position.lon : current.position.lat) = v;
        (ra ? haveRa : haveDec) = true;
      }
    } else if (reader.isEndElement() && reader.name() == u"Resolver") {
      inResolver = false;
      if (haveRa && haveDec && current.position.lat >= -90 && current.position.lat <= 90) return current;
    }
  }
  return std::nullopt;
}

struct SesameResolver::Cache {
  QMutex mutex;
};

SesameOptions SesameResolver::defaultOptions() {
  SesameOptions o;
  o.baseUrl = qEnvironmentVariable("XSKY_SESAME_URL",
                                   QStringLiteral("https://cds.unistra.fr/cgi-bin/nph-sesame/-oxp/SNV"));
  QString dir = qEnvironmentVariable("XSKY_CACHE_DIR");
  if (dir.isEmpty()) dir = QDir::homePath() + QStringLiteral("/.cache/xsky");
  o.cachePath = QDir(dir).filePath(QStringLiteral("names.json"));
  return o;
}

SesameResolver::SesameResolver(SesameOptions options)
    : options_(std::move(options)), cache_(std::make_unique<Cache>()) {}

SesameResolver::~SesameResolver() = default;

NameResolver SesameResolver::function() {
  return [this](const QString& name, QString* error) { return resolve(name, error); };
}

std::optional<wcs::SkyPoint> SesameResolver::resolve(const QString& name, QString* error) {
  const QString key = cacheKey(name);
  auto fail = [&](const QString& why) -> std::optional<wcs::SkyPoint> {
    if (error != nullptr) *error = QStringLiteral("cannot resolve \"%1\": %2").arg(name.trimmed(), why);
    return std::nullopt;
  };
  if (key.isEmpty()) return fail(QStringLiteral("the name is empty"));
  if (!options_.cachePath.isEmpty()) {
    QMutexLocker lock(&cache_->mutex);
    const QJsonObject entry = readJson(options_.cachePath).value(u"names").toObject().value(key).toObject();
    if (entry.contains(u"ra") && entry.contains(u"dec")) {
      return wcs::SkyPoint{entry.value(u"ra").toDouble(), entry.value(u"dec").toDouble()};
    }
  }
  if (!options_.useNetwork) return fail(QStringLiteral("the name is not in the local cache"));
  const QString url = options_.baseUrl + QLatin1Char('?') + QString::fromLatin1(QUrl::toPercentEncoding(name.trimmed()));
  const samp::HttpResult r = samp::httpGet(url, options_.timeoutMs, 4 * 1024 * 1024);
  if (!r.ok) {
    if (r.status == 0) {
      return fail(QStringLiteral("the name service is unreachable (offline?) and the name is not in the local "
                                 "cache (%1)").arg(r.error));
    }
    return fail(QStringLiteral("the name service answered HTTP %1").arg(r.status));
  }
  const auto answer = parseSesameXml(r.body);
  if (!answer) return fail(QStringLiteral("Sesame (SIMBAD, NED, VizieR) does not know this name"));
  if (!options_.cachePath.isEmpty()) {
    QMutexLocker lock(&cache_->mutex);
    try {
      QDir().mkpath(QFileInfo(options_.cachePath).absolutePath());
      QJsonObject document = readJson(options_.cachePath);
      QJsonObject names = document.value(u"names").toObject();
      names.insert(key, QJsonObject{{QStringLiteral("name"), name.trimmed()},
                                    {QStringLiteral("ra"), answer->position.lon},
                                    {QStringLiteral("dec"), answer->position.lat},
                                    {QStringLiteral("resolver"), answer->resolver},
                                    {QStringLiteral("oname"), answer->objectName}});
      document.insert(QStringLiteral("version"), 1);
      document.insert(QStringLiteral("names"), names);
      AtomicFile file(options_.cachePath);
      QFile out(file.temporaryPath());
      if (out.open(QIODevice::WriteOnly)) {
        out.write(QJsonDocument(document).toJson(QJsonDocument::Indented));
        out.close();
        file.commit();
      }
    } catch (const Error&) {
      // The cache is an optimisation: a read-only home must not stop the query.
    }
  }
  return answer->position;
}

}  // namespace xsky::catalog
