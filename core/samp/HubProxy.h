#pragma once
// Blocking XML-RPC calls to a SAMP hub (or to any XML-RPC endpoint) over libcurl. A HubProxy is a
// small value (URL + private key); copies may be used from any thread at once. Never call it on
// the GUI thread: SampClient runs it on its worker pool.

#include <QString>
#include <QVariant>
#include <QVariantList>

namespace xsky::samp {

/// The outcome of one XML-RPC call: a value, or an error (transport, HTTP, decoding or fault).
struct SampResult {
  bool ok = false;
  QVariant value;
  QString error;
  bool unreachable = false;  // the endpoint refused the connection (its process is gone)
  static SampResult success(const QVariant& v) { return {true, v, {}}; }
  static SampResult failure(const QString& e) { return {false, {}, e}; }
};

/// One XML-RPC request/response round trip to `url`.
SampResult xmlRpcCall(const QString& url, const QString& method, const QVariantList& params,
                      int timeoutMs);
/// The same with the call already encoded (encodeCall): for workers handed a call made on
/// another thread.
SampResult xmlRpcPost(const QString& url, const QString& method, const QByteArray& body, int timeoutMs);

class HubProxy {
 public:
  HubProxy() = default;
  HubProxy(QString url, QString privateKey) : url_(std::move(url)), key_(std::move(privateKey)) {}

  const QString& url() const { return url_; }
  const QString& privateKey() const { return key_; }

  /// samp.hub.<method>(private-key, params...). `method` without the "samp.hub." prefix.
  SampResult call(const QString& method, const QVariantList& params, int timeoutMs = 10000) const;

 private:
  QString url_;
  QString key_;
};

}  // namespace xsky::samp
