#include "samp/HttpClient.h"

#include <curl/curl.h>

#include <mutex>

namespace xsky::samp {
namespace {

struct Sink {
  QByteArray* data;
  qint64 maxBytes;
  bool overflow = false;
};

size_t writeBody(char* ptr, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t n = size * count;
  if (sink->data->size() + qint64(n) > sink->maxBytes) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->data->append(ptr, qsizetype(n));
  return n;
}

HttpResult perform(const QString& url, const QByteArray* postBody, int timeoutMs, qint64 maxBytes) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpResult result;
  CURL* curl = curl_easy_init();
  if (!curl) {
    result.error = QStringLiteral("libcurl initialisation failed");
    return result;
  }
  const QByteArray u = url.toUtf8();
  Sink sink{&result.body, maxBytes};
  char errbuf[CURL_ERROR_SIZE] = {};
  curl_slist* headers = nullptr;
  curl_easy_setopt(curl, CURLOPT_URL, u.constData());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(timeoutMs));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(std::min(timeoutMs, 10000)));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &writeBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "XSky-SAMP/1.0");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  if (postBody) {
    headers = curl_slist_append(headers, "Content-Type: text/xml");
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, postBody->constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(postBody->size()));
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  result.unreachable = code == CURLE_COULDNT_CONNECT;
  if (code != CURLE_OK) {
    result.error = sink.overflow ? QStringLiteral("response larger than %1 bytes").arg(maxBytes)
                   : errbuf[0]   ? QString::fromUtf8(errbuf)
                                 : QString::fromUtf8(curl_easy_strerror(code));
  } else if (result.status >= 200 && result.status < 300) {
    result.ok = true;
  } else if (result.status == 0 && !url.startsWith(QLatin1String("http"))) {
    result.ok = true;  // non-HTTP schemes have no status
  } else {
    result.error = QStringLiteral("HTTP status %1").arg(result.status);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return result;
}

}  // namespace

HttpResult httpPost(const QString& url, const QByteArray& body, int timeoutMs, qint64 maxBytes) {
  return perform(url, &body, timeoutMs, maxBytes);
}

HttpResult httpGet(const QString& url, int timeoutMs, qint64 maxBytes) {
  return perform(url, nullptr, timeoutMs, maxBytes);
}

}  // namespace xsky::samp
