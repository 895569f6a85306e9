#include "samp/ClientCallback.h"

namespace xsky::samp {

bool parseClientCallback(const XmlRpcCall& call, const QString& privateKey, ClientCallback* out,
                         QString* error) {
  const auto refuse = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  const QVariantList& p = call.params;
  if (privateKey.isEmpty()) return refuse(QStringLiteral("client not registered"));
  if (p.isEmpty() || p[0].typeId() != QMetaType::QString || p[0].toString() != privateKey) {
    return refuse(QStringLiteral("wrong or missing private key"));
  }
  const auto needMap = [&](int index) {
    return p.size() > index && p[index].typeId() == QMetaType::QVariantMap;
  };
  *out = {};
  if (call.method == QLatin1String("samp.client.receiveNotification")) {
    if (p.size() != 3 || !needMap(2))
      return refuse(
          QStringLiteral("receiveNotification(private-key, sender-id, message) expected"));
    out->kind = ClientCallback::Kind::Notification;
    out->senderId = p[1].toString();
    out->message = SampMessage::fromMap(p[2].toMap());
  } else if (call.method == QLatin1String("samp.client.receiveCall")) {
    if (p.size() != 4 || !needMap(3))
      return refuse(
          QStringLiteral("receiveCall(private-key, sender-id, msg-id, message) expected"));
    out->kind = ClientCallback::Kind::Call;
    out->senderId = p[1].toString();
    out->msgId = p[2].toString();
    out->message = SampMessage::fromMap(p[3].toMap());
    if (out->msgId.isEmpty()) return refuse(QStringLiteral("receiveCall without a msg-id"));
  } else if (call.method == QLatin1String("samp.client.receiveResponse")) {
    if (p.size() != 4 || !needMap(3))
      return refuse(
          QStringLiteral("receiveResponse(private-key, responder-id, msg-tag, response) expected"));
    out->kind = ClientCallback::Kind::Response;
    out->senderId = p[1].toString();
    out->msgTag = p[2].toString();
    out->response = SampResponse::fromMap(p[3].toMap());
    return true;
  } else {
    return refuse(QStringLiteral("unknown method %1").arg(call.method));
  }
  if (out->message.mtype.isEmpty()) return refuse(QStringLiteral("message without samp.mtype"));
  return true;
}

}  // namespace xsky::samp
