#pragma once
// Turning a URL received in a SAMP message into bytes or a local file. Handles file:// URLs in
// all the spellings peers use (file:///tmp/x, file:/tmp/x, DS9's file://localhost//tmp/x) and
// http(s):// (STILTS serves tables over HTTP) through libcurl. Blocking: run on a worker thread.

#include <QByteArray>
#include <QString>

namespace xsky::samp {

/// The local path of a file URL (percent-decoded); empty when `url` is not a local file URL.
QString localPathForFileUrl(const QString& url);

/// Reads the whole resource into *data (at most maxBytes). Returns false with a message naming
/// the URL and the reason.
bool fetchUrl(const QString& url, QByteArray* data, QString* error, qint64 maxBytes = 2LL << 30,
              int timeoutMs = 60000);

/// A local file holding the resource: the file itself for file URLs; for http URLs a download
/// into `downloadDir` (named after the URL's last path segment). False with *error on failure.
bool localFileForUrl(const QString& url, const QString& downloadDir, QString* path, QString* error,
                     int timeoutMs = 60000);

}  // namespace xsky::samp
