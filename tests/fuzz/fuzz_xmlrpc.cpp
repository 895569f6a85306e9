// Fuzz target: the SAMP XML-RPC codec (core/samp/XmlRpc.h). The bytes are decoded as a call and
// as a response (refusals come back as false, never as exceptions); whatever decodes is encoded
// again and must decode again.
#include "FuzzTargets.h"
#include "samp/XmlRpc.h"

namespace xsky::fuzz {

int fuzzXmlRpc(const uint8_t* data, size_t size) {
  using namespace xsky::samp;
  const QByteArray xml = toBytes(data, size);
  QString error;
  XmlRpcCall call;
  if (decodeCall(xml, &call, &error)) {
    XmlRpcCall again;
    QString why;
    fuzzCheck(decodeCall(encodeCall(call.method, call.params), &again, &why),
              "an encoded call does not decode", why);
    fuzzCheck(again.method == call.method, "the method name changed in a round trip", call.method);
  }
  XmlRpcResponse response;
  if (decodeResponse(xml, &response, &error)) {
    const QByteArray encoded = response.isFault
                                   ? encodeFault(response.fault.code, response.fault.message)
                                   : encodeResponse(response.value);
    XmlRpcResponse again;
    QString why;
    fuzzCheck(decodeResponse(encoded, &again, &why), "an encoded response does not decode", why);
    fuzzCheck(again.isFault == response.isFault, "a fault changed in a round trip");
  }
  return 0;
}

}  // namespace xsky::fuzz
