#include "archive/DownloadCache.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include "archive/FileChecksum.h"
#include "fits/FitsError.h"
#include "samp/UrlFetch.h"

namespace xsky::archive {
namespace {

QString megabytes(long long bytes) { return QString::number(double(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB"); }

// One transfer attempt: the state libcurl's callbacks share.
struct Transfer {
  const DownloadRequest* request = nullptr;
  const ProgressFn* progress = nullptr;
  QString name;
  int fd = -1;
  long long startOffset = 0;   // bytes already in the part when the attempt began
  long long written = 0;       // bytes written by this attempt
  long long expectedTotal = -1;
  bool sawFirstByte = false;
  QString abortReason;         // why a callback stopped the transfer
  bool cancelled = false;
  QElapsedTimer clock;
  CURL* curl = nullptr;
};

bool beginBody(Transfer& t) {
  curl_off_t length = -1;
  curl_easy_getinfo(t.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  if (length >= 0) t.expectedTotal = t.startOffset + length;
  const long long limit = t.request->maxBytes;
  if (t.expectedTotal > limit) {
    t.abortReason = QStringLiteral("the file is %1, more than the download limit of %2")
                        .arg(megabytes(t.expectedTotal), megabytes(limit));
    return false;
  }
  if (t.request->expectedSize >= 0 && t.expectedTotal >= 0 && t.expectedTotal != t.request->expectedSize) {
    t.abortReason = QStringLiteral("the server offers %1 bytes where the archive listing says %2")
                        .arg(t.expectedTotal).arg(t.request->expectedSize);
    return false;
  }
  return true;
}

size_t writeBody(char* data, size_t size, size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (!t.sawFirstByte) {
    t.sawFirstByte = true;
    if (!beginBody(t)) return 0;
  }
  if (t.startOffset + t.written + static_cast<long long>(n) > t.request->maxBytes) {
    t.abortReason = QStringLiteral("the download exceeds the limit of %1").arg(megabytes(t.request->maxBytes));
    return 0;
  }
  size_t done = 0;
  while (done < n) {
    const ssize_t w = ::write(t.fd, data + done, n - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      t.abortReason = QStringLiteral("cannot write the download to disk: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
      return 0;
    }
    done += static_cast<size_t>(w);
  }
  t.written += static_cast<long long>(n);
  return n;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& t = *static_cast<Transfer*>(user);
  if (!*t.progress) return 0;
  const long long have = t.startOffset + t.written;
  const double seconds = std::max(1e-3, t.clock.elapsed() / 1000.0);
  QString stage = QStringLiteral("Downloading %1: %2").arg(t.name, megabytes(have));
  double fraction = 0;
  if (t.expectedTotal > 0) {
    fraction = std::min(1.0, double(have) / double(t.expectedTotal));
    stage += QStringLiteral(" of %1").arg(megabytes(t.expectedTotal));
  }
  stage += QStringLiteral(" at %1/s").arg(megabytes(static_cast<long long>(double(t.written) / seconds)));
  if (!(*t.progress)(fraction, stage)) {
    t.cancelled = true;
    return 1;  // aborts the transfer
  }
  return 0;
}

void ensureDir(const QString& path) {
  if (!QDir().mkpath(path)) throw Error(QStringLiteral("cannot create the download cache folder %1").arg(path));
}

void syncAndRename(const QString& from, const QString& to) {
  const QByteArray f = QFile::encodeName(from);
  const int fd = ::open(f.constData(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced || std::rename(f.constData(), QFile::encodeName(to).constData()) != 0) {
    throw Error(QStringLiteral("cannot store the download as %1 (disk full or no permission?)").arg(to));
  }
}

// Curl's codes for a transfer that broke off after it began: worth resuming.
bool resumable(CURLcode code) {
  return code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_OPERATION_TIMEDOUT ||
         code == CURLE_GOT_NOTHING || code == CURLE_SEND_ERROR;
}

}  // namespace

QString fileNameOfUrl(const QString& url) {
  QString name = QUrl(url).path().section(QLatin1Char('/'), -1);
  name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._+-]")), QStringLiteral("_"));
  if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..")) name = QStringLiteral("download");
  return name;
}

bool isRemoteLocation(const QString& location) {
  const QString scheme = QUrl(location).scheme().toLower();
  return scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("ftp");
}

QString DownloadCache::defaultRoot() {
  const QString env = qEnvironmentVariable("XSKY_CACHE_DIR");
  if (!env.isEmpty()) return env;
  const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME");
  const QString base = xdg.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache") : xdg;
  return base + QStringLiteral("/xsky/downloads");
}

DownloadCache::DownloadCache(QString root) : root_(QDir::cleanPath(QDir(root).absolutePath())) {}

QString DownloadCache::key(const QString& url) const {
  return QString::fromLatin1(QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

QString DownloadCache::pathFor(const QString& url) const {
  const QString local = samp::localPathForFileUrl(url);
  if (!local.isEmpty()) return local;
  return root_ + QStringLiteral("/files/") + key(url) + QLatin1Char('/') + fileNameOfUrl(url);
}

QString DownloadCache::partPath(const QString& url) const {
  return root_ + QStringLiteral("/partial/") + key(url) + QStringLiteral(".part");
}

std::optional<QString> DownloadCache::lookup(const QString& url, const QString& checksum) const {
  const QString path = pathFor(url);
  if (!QFileInfo(path).isFile()) return std::nullopt;
  if (!checksum.isEmpty() && fileChecksum(path).compare(checksum, Qt::CaseInsensitive) != 0) {
    if (samp::localPathForFileUrl(url).isEmpty()) QFile::remove(path);  // never delete the user's own file
    return std::nullopt;
  }
  return path;
}

long long DownloadCache::partialBytes(const QString& url) const {
  const QFileInfo info(partPath(url));
  return info.isFile() ? info.size() : 0;
}

DownloadResult DownloadCache::fetch(const DownloadRequest& request, const ProgressFn& progress) const {
  const QString& url = request.url;
  if (!samp::localPathForFileUrl(url).isEmpty() || !url.contains(QLatin1String("://"))) {
    const QString path = url.contains(QLatin1String("://")) ? samp::localPathForFileUrl(url) : url;
    if (!QFileInfo(path).isFile()) throw Error(QStringLiteral("%1: no such file").arg(path));
    if (!request.expectedChecksum.isEmpty() &&
        fileChecksum(path).compare(request.expectedChecksum, Qt::CaseInsensitive) != 0) {
      throw Error(QStringLiteral("%1: checksum mismatch (the file differs from the archive listing)").arg(path));
    }
    return {path, true, false, 0};
  }
  if (!isRemoteLocation(url)) throw Error(QStringLiteral("%1: unsupported URL scheme").arg(url));
  if (auto cached = lookup(url, request.expectedChecksum)) return {*cached, true, false, 0};

  ensureDir(root_ + QStringLiteral("/partial"));
  const QString part = partPath(url);
  {
    // The .url note says which URL a part belongs to; a part without it (or of another URL) is
    // not trusted for resume.
    QFile note(part.chopped(5) + QStringLiteral(".url"));
    bool same = false;
    if (note.open(QIODevice::ReadOnly)) same = QString::fromUtf8(note.readAll()) == url;
    if (!same) {
      QFile::remove(part);
      if (note.open(QIODevice::WriteOnly | QIODevice::Truncate)) note.write(url.toUtf8());
    }
  }
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  DownloadResult result;
  const QString name = fileNameOfUrl(url);
  const QByteArray u = url.toUtf8();
  constexpr int kAttempts = 4;
  for (int attempt = 1;; ++attempt) {
    const QByteArray p = QFile::encodeName(part);
    Transfer t;
    t.request = &request;
    t.progress = &progress;
    t.name = name;
    t.fd = ::open(p.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (t.fd < 0) {
      throw Error(QStringLiteral("cannot write to the download cache %1: %2").arg(root_, QString::fromLocal8Bit(std::strerror(errno))));
    }
    t.startOffset = ::lseek(t.fd, 0, SEEK_END);
    if (t.startOffset > 0) result.resumed = true;
    t.clock.start();
    CURL* curl = curl_easy_init();
    if (!curl) {
      ::close(t.fd);
      throw Error(QStringLiteral("libcurl initialisation failed"));
    }
    t.curl = curl;
    char errbuf[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, u.constData());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, long(std::max(1, request.stallTimeoutMs / 1000)));
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "XSky/1.0");
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &writeBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    if (t.startOffset > 0) curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, curl_off_t(t.startOffset));
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    ::close(t.fd);
    result.bytesTransferred += t.written;
    const long long have = t.startOffset + t.written;

    if (code == CURLE_OK && t.expectedTotal >= 0 && have != t.expectedTotal) {
      // Connection closed early without curl noticing (no Content-Length check): treat as broken.
      if (attempt < kAttempts && t.written > 0) continue;
      throw Error(QStringLiteral("%1: the transfer broke off after %2 of %3 bytes; %4 kept to resume the next time")
                      .arg(url).arg(have).arg(t.expectedTotal).arg(megabytes(have)));
    }
    if (code == CURLE_OK) break;
    if (t.cancelled) throw Cancelled();
    const QString curlText = errbuf[0] ? QString::fromUtf8(errbuf).trimmed() : QString::fromUtf8(curl_easy_strerror(code));
    if (!t.abortReason.isEmpty()) {
      QFile::remove(part);
      throw Error(QStringLiteral("%1: %2").arg(url, t.abortReason));
    }
    if (code == CURLE_RANGE_ERROR && t.startOffset > 0 && attempt < kAttempts) {
      QFile::remove(part);  // the server cannot resume (no Range support): start from the first byte
      result.resumed = false;
      continue;
    }
    if (code == CURLE_HTTP_RETURNED_ERROR) {
      if (status == 416 && t.startOffset > 0 && attempt < kAttempts) {
        QFile::remove(part);  // the part no longer fits the file on the server: start again
        result.resumed = false;
        continue;
      }
      QFile::remove(part);
      const QString what = status == 404 ? QStringLiteral("not found on the server (HTTP 404)")
                                         : QStringLiteral("the server answered HTTP %1").arg(status);
      throw Error(QStringLiteral("%1: %2").arg(url, what));
    }
    if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST) {
      throw Error(QStringLiteral("%1: the archive cannot be reached (%2)").arg(url, curlText));
    }
    if (resumable(code)) {
      if (attempt < kAttempts && t.written > 0) continue;  // progress was made: resume at once
      throw Error(QStringLiteral("%1: the transfer broke off after %2 (%3); it resumes from there the next time")
                      .arg(url, megabytes(have), curlText));
    }
    throw Error(QStringLiteral("%1: download failed: %2").arg(url, curlText));
  }

  const long long size = QFileInfo(part).size();
  if (request.expectedSize >= 0 && size != request.expectedSize) {
    QFile::remove(part);
    throw Error(QStringLiteral("%1: received %2 bytes where the archive listing says %3").arg(url).arg(size).arg(request.expectedSize));
  }
  if (!request.expectedChecksum.isEmpty()) {
    const QString got = fileChecksum(part);
    if (got.compare(request.expectedChecksum, Qt::CaseInsensitive) != 0) {
      QFile::remove(part);
      throw Error(QStringLiteral("%1: checksum mismatch: the download has %2 where the archive listing says %3; "
                                 "the file was discarded")
                      .arg(url, got, request.expectedChecksum));
    }
  }
  const QString target = pathFor(url);
  ensureDir(QFileInfo(target).absolutePath());
  syncAndRename(part, target);
  QFile::remove(part.chopped(5) + QStringLiteral(".url"));
  result.path = target;
  return result;
}

}  // namespace xsky::archive
