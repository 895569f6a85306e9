#pragma once
// Event files of remote archives, downloaded on demand over HTTP(S) (libcurl) into a local cache.
//
// Layout under the cache root:
//   files/<key>/<name>     complete downloads only, each verified against its checksum when one
//                          is known (<key> = first 16 hex digits of SHA-256(URL), <name> = the
//                          URL's last path segment), so a path in files/ is always a whole file;
//   partial/<key>.part     the bytes of a broken transfer, kept to resume it with an HTTP Range
//                          request (a server that ignores Range sends the whole file again and
//                          the part is restarted); partial/<key>.url names the URL it belongs to.
// A finished download is fsynced and renamed from partial/ into files/, so a crash or a cancel
// never leaves a half file among the finished ones. A checksum mismatch, a file over the size
// limit or an HTTP error deletes the part (it cannot be resumed into a good file); a broken or
// cancelled transfer keeps it for the next attempt.
//
// Threading: blocking; run it on a worker thread (a TaskManager task). Different URLs may be
// fetched at once from several threads; one URL should be fetched by one thread at a time.

#include <optional>

#include <QString>

#include "util/Progress.h"

namespace xsky::archive {

struct DownloadRequest {
  QString url;                    ///< http://, https:// (or file:// for a local archive)
  QString expectedChecksum;       ///< "sha256:<hex>" to verify, or empty
  long long expectedSize = -1;    ///< bytes, when the listing gives it (checked), else -1
  long long maxBytes = 8LL << 30; ///< refuse anything larger (default 8 GiB)
  int connectTimeoutMs = 10000;   ///< to establish the connection
  int stallTimeoutMs = 30000;     ///< abort when less than 1 byte/s arrives for this long
};

struct DownloadResult {
  QString path;            ///< the complete local file
  bool fromCache = false;  ///< already in the cache: nothing was transferred
  bool resumed = false;    ///< continued a broken transfer
  long long bytesTransferred = 0;
};

class DownloadCache {
 public:
  /// The default root: $XSKY_CACHE_DIR, else $XDG_CACHE_HOME/xsky/downloads, else
  /// ~/.cache/xsky/downloads.
  static QString defaultRoot();

  explicit DownloadCache(QString root = defaultRoot());
  const QString& root() const { return root_; }

  /// Where the finished file of `url` lives (whether or not it is there yet).
  QString pathFor(const QString& url) const;
  /// The finished file of `url` when it is in the cache (and matches `checksum` when one is
  /// given: a file that does not is removed).
  std::optional<QString> lookup(const QString& url, const QString& checksum = {}) const;
  /// Bytes of a broken transfer of `url` waiting to be resumed (0 when none).
  long long partialBytes(const QString& url) const;

  /// The complete local file of the request: from the cache, or downloaded (resuming a broken
  /// transfer). progress gets the fraction done and a stage text with bytes and rate; returning
  /// false cancels (xsky::Cancelled). Throws xsky::Error with a message that names the URL and the
  /// reason: unreachable host, HTTP status (404 ...), timeout, truncated transfer, size limit,
  /// checksum mismatch, disk full.
  DownloadResult fetch(const DownloadRequest& request, const ProgressFn& progress = {}) const;

 private:
  QString key(const QString& url) const;
  QString partPath(const QString& url) const;
  QString root_;
};

/// The URL's last path segment, percent-decoded, made safe as a file name ("download" when empty).
QString fileNameOfUrl(const QString& url);
/// True for http:, https: and ftp: URLs (what the cache downloads); file: URLs and paths are local.
bool isRemoteLocation(const QString& location);

}  // namespace xsky::archive
