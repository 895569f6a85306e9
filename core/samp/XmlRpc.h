#pragma once
// XML-RPC as SAMP uses it: values are strings, lists (arrays) and maps (structs); ints, booleans
// and doubles are read (other applications send them) but SAMP itself carries numbers as strings.
//
// The decoder is deliberately strict about what it will not do: no DOCTYPE (hence no entity
// declarations, no entity expansion, no external references), only the five predefined XML
// entities and character references, a maximum document size and nesting depth. Any violation is
// a decode error, never an exception.
//
// Values map to QVariant: QString, int (i4/int), bool (boolean), double, QVariantList (array),
// QVariantMap (struct). Encoding accepts the same types; anything else is written as its string.

#include <QByteArray>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace xsky::samp {

/// Largest XML-RPC document accepted (requests and responses): 10 MB.
inline constexpr qint64 kMaxXmlRpcBytes = 10 * 1024 * 1024;

struct XmlRpcCall {
  QString method;
  QVariantList params;
};

struct XmlRpcFault {
  int code = 0;
  QString message;
};

/// A decoded methodResponse: either a value or a fault.
struct XmlRpcResponse {
  bool isFault = false;
  QVariant value;
  XmlRpcFault fault;
};

QByteArray encodeCall(const QString& method, const QVariantList& params);
QByteArray encodeResponse(const QVariant& value);
QByteArray encodeFault(int code, const QString& message);

/// Decodes a methodCall. Returns false and sets *error (what is wrong) on bad input.
bool decodeCall(const QByteArray& xml, XmlRpcCall* call, QString* error);
/// Decodes a methodResponse (value or fault). Returns false and sets *error on bad input.
bool decodeResponse(const QByteArray& xml, XmlRpcResponse* response, QString* error);

}  // namespace xsky::samp
