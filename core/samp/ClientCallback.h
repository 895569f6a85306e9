#pragma once
// What a hub sends to a client's callback server (Standard Profile): receiveNotification,
// receiveCall and receiveResponse, each with the client's private key as first argument.

#include <QString>

#include "samp/SampMessage.h"
#include "samp/XmlRpc.h"

namespace xsky::samp {

struct ClientCallback {
  enum class Kind { Notification, Call, Response };
  Kind kind = Kind::Notification;
  QString senderId;       // sender (notification, call) or responder (response)
  QString msgId;          // call: the hub's message id, to reply with
  QString msgTag;         // response: the tag we gave to call()
  SampMessage message;    // notification, call
  SampResponse response;  // response
};

/// Checks the private key (an empty expected key refuses everything) and the arguments.
/// False with *error (the XML-RPC fault text) when the call must be refused.
bool parseClientCallback(const XmlRpcCall& call, const QString& privateKey, ClientCallback* out,
                         QString* error);

}  // namespace xsky::samp
