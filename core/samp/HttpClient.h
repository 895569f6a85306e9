#pragma once
// Outgoing HTTP for SAMP, over libcurl: XML-RPC POSTs to a hub or a client, and GETs for URLs
// sent in messages. Blocking and thread-safe (one curl easy handle per request): call it from a
// worker thread, never from the GUI thread. Proxies are never used (SAMP is loopback traffic).

#include <QByteArray>
#include <QString>

namespace xsky::samp {

struct HttpResult {
  bool ok = false;  // transport succeeded and status is 2xx
  long status = 0;  // HTTP status (0 when no response)
  QByteArray body;
  QString error;  // why it failed (curl's message or the HTTP status)
  bool unreachable = false;  // nothing listens there (connection refused)
};

/// POSTs `body` (text/xml) to `url`; at most `maxBytes` of response are kept (more is an error).
HttpResult httpPost(const QString& url, const QByteArray& body, int timeoutMs,
                    qint64 maxBytes = 10 * 1024 * 1024);

/// GETs `url` (http, https or anything libcurl supports).
HttpResult httpGet(const QString& url, int timeoutMs, qint64 maxBytes);

}  // namespace xsky::samp
