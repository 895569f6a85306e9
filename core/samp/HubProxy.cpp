#include "samp/HubProxy.h"

#include "samp/HttpClient.h"
#include "samp/XmlRpc.h"

namespace xsky::samp {

SampResult xmlRpcCall(const QString& url, const QString& method, const QVariantList& params,
                      int timeoutMs) {
  return xmlRpcPost(url, method, encodeCall(method, params), timeoutMs);
}

SampResult xmlRpcPost(const QString& url, const QString& method, const QByteArray& body, int timeoutMs) {
  const HttpResult http = httpPost(url, body, timeoutMs, kMaxXmlRpcBytes);
  if (!http.ok) {
    SampResult r = SampResult::failure(QStringLiteral("%1 at %2: %3").arg(method, url, http.error));
    r.unreachable = http.unreachable;
    return r;
  }
  XmlRpcResponse response;
  QString error;
  if (!decodeResponse(http.body, &response, &error)) {
    return SampResult::failure(
        QStringLiteral("%1: bad XML-RPC answer from %2: %3").arg(method, url, error));
  }
  if (response.isFault) {
    return SampResult::failure(
        QStringLiteral("%1 refused: %2").arg(method, response.fault.message));
  }
  return SampResult::success(response.value);
}

SampResult HubProxy::call(const QString& method, const QVariantList& params, int timeoutMs) const {
  QVariantList all;
  all.reserve(params.size() + 1);
  all << key_;
  all << params;
  return xmlRpcCall(url_, QStringLiteral("samp.hub.") + method, all, timeoutMs);
}

}  // namespace xsky::samp
