#include "samp/UrlFetch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUrl>
#include <QUuid>

#include "samp/HttpClient.h"

namespace xsky::samp {

QString localPathForFileUrl(const QString& url) {
  if (!url.startsWith(QLatin1String("file:"), Qt::CaseInsensitive)) return {};
  QString rest = url.mid(5);
  if (rest.startsWith(QLatin1String("//"))) {
    rest = rest.mid(2);
    // authority: empty or localhost (DS9 writes file://localhost//tmp/x)
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QString host = slash < 0 ? rest : rest.left(slash);
    if (!host.isEmpty() && host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0 &&
        host != QLatin1String("127.0.0.1")) {
      return {};
    }
    rest = slash < 0 ? QString() : rest.mid(slash);
  }
  while (rest.startsWith(QLatin1String("//"))) rest.remove(0, 1);
  if (!rest.startsWith(QLatin1Char('/'))) return {};
  const qsizetype query = rest.indexOf(QLatin1Char('?'));
  if (query >= 0) rest.truncate(query);
  return QUrl::fromPercentEncoding(rest.toUtf8());
}

bool fetchUrl(const QString& url, QByteArray* data, QString* error, qint64 maxBytes,
              int timeoutMs) {
  if (url.startsWith(QLatin1String("file:"), Qt::CaseInsensitive)) {
    const QString path = localPathForFileUrl(url);
    if (path.isEmpty()) {
      if (error) *error = QStringLiteral("%1 is not a local file URL").arg(url);
      return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
      if (error) *error = QStringLiteral("cannot read %1: %2").arg(url, file.errorString());
      return false;
    }
    if (file.size() > maxBytes) {
      if (error) *error = QStringLiteral("%1 is larger than %2 bytes").arg(url).arg(maxBytes);
      return false;
    }
    *data = file.readAll();
    return true;
  }
  const QString scheme = QUrl(url).scheme().toLower();
  if (scheme != QLatin1String("http") && scheme != QLatin1String("https") &&
      scheme != QLatin1String("ftp")) {
    if (error) *error = QStringLiteral("cannot fetch %1: unsupported URL scheme").arg(url);
    return false;
  }
  HttpResult r = httpGet(url, timeoutMs, maxBytes);
  if (!r.ok) {
    if (error) *error = QStringLiteral("cannot fetch %1: %2").arg(url, r.error);
    return false;
  }
  *data = std::move(r.body);
  return true;
}

bool localFileForUrl(const QString& url, const QString& downloadDir, QString* path, QString* error,
                     int timeoutMs) {
  if (url.startsWith(QLatin1String("file:"), Qt::CaseInsensitive)) {
    const QString local = localPathForFileUrl(url);
    if (local.isEmpty() || !QFileInfo(local).isFile()) {
      if (error) *error = QStringLiteral("cannot read %1: no such file").arg(url);
      return false;
    }
    *path = local;
    return true;
  }
  QByteArray data;
  if (!fetchUrl(url, &data, error, 2LL << 30, timeoutMs)) return false;
  QString name = QUrl(url).fileName();
  if (name.isEmpty()) name = QStringLiteral("download");
  QDir().mkpath(downloadDir);
  const QString target =
      QDir(downloadDir)
          .filePath(QUuid::createUuid().toString(QUuid::Id128).left(8) + QLatin1Char('-') + name);
  QSaveFile out(target);
  if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
    if (error) *error = QStringLiteral("cannot save %1 to %2").arg(url, target);
    return false;
  }
  *path = target;
  return true;
}

}  // namespace xsky::samp
