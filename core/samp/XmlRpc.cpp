#include "samp/XmlRpc.h"

#include <QLocale>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <climits>
#include <functional>

namespace xsky::samp {
namespace {

constexpr int kMaxDepth = 64;

// Writes <name>text</name>, never the self-closed <name/> (DS9's Tcl parser refuses it).
void writeText(QXmlStreamWriter& w, const QString& name, const QString& text) {
  w.writeStartElement(name);
  w.writeCharacters(text);
  w.writeEndElement();
}

void writeValue(QXmlStreamWriter& w, const QVariant& v) {
  w.writeStartElement(QStringLiteral("value"));
  switch (v.typeId()) {
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
      w.writeStartElement(QStringLiteral("array"));
      w.writeStartElement(QStringLiteral("data"));
      w.writeCharacters(QString());
      for (const QVariant& item : v.toList()) writeValue(w, item);
      w.writeEndElement();
      w.writeEndElement();
      break;
    }
    case QMetaType::QVariantMap: {
      w.writeStartElement(QStringLiteral("struct"));
      w.writeCharacters(QString());
      const QVariantMap map = v.toMap();
      for (auto it = map.begin(); it != map.end(); ++it) {
        w.writeStartElement(QStringLiteral("member"));
        writeText(w, QStringLiteral("name"), it.key());
        writeValue(w, it.value());
        w.writeEndElement();
      }
      w.writeEndElement();
      break;
    }
    case QMetaType::Int:
      writeText(w, QStringLiteral("int"), QString::number(v.toInt()));
      break;
    case QMetaType::Bool:
      writeText(w, QStringLiteral("boolean"),
                v.toBool() ? QStringLiteral("1") : QStringLiteral("0"));
      break;
    case QMetaType::Double:
      writeText(w, QStringLiteral("double"),
                QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest));
      break;
    default:
      writeText(w, QStringLiteral("string"), v.toString());
      break;
  }
  w.writeEndElement();
}

QByteArray document(const std::function<void(QXmlStreamWriter&)>& body) {
  QByteArray out;
  QXmlStreamWriter w(&out);
  w.writeStartDocument(QStringLiteral("1.0"));
  body(w);
  w.writeEndDocument();
  return out;
}

// A small recursive-descent reader over QXmlStreamReader tokens, skipping whitespace and comments.
class Reader {
 public:
  explicit Reader(const QByteArray& xml) : xml_(xml), r_(xml) {}

  bool fail(const QString& why) {
    if (error_.isEmpty()) error_ = why;
    return false;
  }
  const QString& error() const { return error_; }

  bool checkInput() {
    if (xml_.size() > kMaxXmlRpcBytes) {
      return fail(QStringLiteral("XML-RPC document of %1 bytes exceeds the %2-byte limit")
                      .arg(xml_.size())
                      .arg(kMaxXmlRpcBytes));
    }
    if (xml_.trimmed().isEmpty()) return fail(QStringLiteral("empty XML-RPC document"));
    return true;
  }

  // Next start element, end element or non-blank text; false at end or on error.
  bool next() {
    while (!r_.atEnd()) {
      const auto token = r_.readNext();
      switch (token) {
        case QXmlStreamReader::DTD:
          return fail(QStringLiteral("DOCTYPE is not allowed in XML-RPC"));
        case QXmlStreamReader::EntityReference:
          return fail(QStringLiteral("entity references are not allowed in XML-RPC"));
        case QXmlStreamReader::Invalid:
          return fail(QStringLiteral("malformed XML: %1").arg(r_.errorString()));
        case QXmlStreamReader::StartElement:
        case QXmlStreamReader::EndElement:
          return true;
        case QXmlStreamReader::Characters:
          if (!r_.isWhitespace()) return true;
          break;
        default:
          break;  // StartDocument, comments, processing instructions
      }
    }
    if (r_.hasError()) return fail(QStringLiteral("malformed XML: %1").arg(r_.errorString()));
    return fail(QStringLiteral("unexpected end of XML-RPC document"));
  }

  bool isStart(QStringView name) const { return r_.isStartElement() && r_.name() == name; }
  bool isEnd(QStringView name) const { return r_.isEndElement() && r_.name() == name; }

  bool expectStart(QStringView name) {
    if (!next()) return false;
    if (!isStart(name)) return fail(QStringLiteral("expected <%1>, found %2").arg(name, where()));
    return true;
  }
  bool expectEnd(QStringView name) {
    if (!next()) return false;
    if (!isEnd(name)) return fail(QStringLiteral("expected </%1>, found %2").arg(name, where()));
    return true;
  }
  QString where() const {
    if (r_.isStartElement()) return QStringLiteral("<%1>").arg(r_.name());
    if (r_.isEndElement()) return QStringLiteral("</%1>").arg(r_.name());
    return QStringLiteral("text");
  }

  // Text content of the current (just opened) element; it must hold no child elements.
  bool text(QString* out) {
    out->clear();
    while (!r_.atEnd()) {
      const auto token = r_.readNext();
      if (token == QXmlStreamReader::Characters) {
        out->append(r_.text());
      } else if (token == QXmlStreamReader::EndElement) {
        return true;
      } else if (token == QXmlStreamReader::EntityReference || token == QXmlStreamReader::DTD) {
        return fail(QStringLiteral("entity references are not allowed in XML-RPC"));
      } else if (token == QXmlStreamReader::StartElement) {
        return fail(QStringLiteral("unexpected <%1> inside a scalar").arg(r_.name()));
      } else if (token == QXmlStreamReader::Invalid) {
        return fail(QStringLiteral("malformed XML: %1").arg(r_.errorString()));
      }
    }
    return fail(QStringLiteral("unexpected end of XML-RPC document"));
  }

  // Reads a <value> whose start tag is current. Leaves </value> consumed.
  bool value(QVariant* out, int depth) {
    if (depth > kMaxDepth) return fail(QStringLiteral("XML-RPC values nested too deeply"));
    // <value>text</value> (no type element) is a string.
    QString loose;
    while (!r_.atEnd()) {
      const auto token = r_.readNext();
      if (token == QXmlStreamReader::Characters) {
        loose.append(r_.text());
        continue;
      }
      if (token == QXmlStreamReader::Comment) continue;
      if (token == QXmlStreamReader::EndElement) {  // </value>
        *out = loose;
        return true;
      }
      if (token == QXmlStreamReader::StartElement) break;
      if (token == QXmlStreamReader::EntityReference || token == QXmlStreamReader::DTD) {
        return fail(QStringLiteral("entity references are not allowed in XML-RPC"));
      }
      if (token == QXmlStreamReader::Invalid) {
        return fail(QStringLiteral("malformed XML: %1").arg(r_.errorString()));
      }
    }
    if (!r_.isStartElement()) return fail(QStringLiteral("unexpected end of XML-RPC document"));
    if (!loose.trimmed().isEmpty()) return fail(QStringLiteral("text mixed with a typed value"));
    const QString type = r_.name().toString();
    if (type == QLatin1String("string")) {
      QString s;
      if (!text(&s)) return false;
      *out = s;
    } else if (type == QLatin1String("int") || type == QLatin1String("i4") ||
               type == QLatin1String("i8")) {
      QString s;
      if (!text(&s)) return false;
      bool ok = false;
      const qlonglong n = s.trimmed().toLongLong(&ok);
      if (!ok) return fail(QStringLiteral("bad <%1> value '%2'").arg(type, s));
      *out = (n >= INT_MIN && n <= INT_MAX) ? QVariant(int(n)) : QVariant(n);
    } else if (type == QLatin1String("boolean")) {
      QString s;
      if (!text(&s)) return false;
      s = s.trimmed();
      if (s != QLatin1String("0") && s != QLatin1String("1")) {
        return fail(QStringLiteral("bad <boolean> value '%1'").arg(s));
      }
      *out = (s == QLatin1String("1"));
    } else if (type == QLatin1String("double")) {
      QString s;
      if (!text(&s)) return false;
      bool ok = false;
      const double d = s.trimmed().toDouble(&ok);
      if (!ok) return fail(QStringLiteral("bad <double> value '%1'").arg(s));
      *out = d;
    } else if (type == QLatin1String("nil")) {
      QString s;
      if (!text(&s)) return false;
      *out = QString();
    } else if (type == QLatin1String("array")) {
      if (!expectStart(u"data")) return false;
      QVariantList list;
      for (;;) {
        if (!next()) return false;
        if (isEnd(u"data")) break;
        if (!isStart(u"value"))
          return fail(QStringLiteral("expected <value> in <data>, found %1").arg(where()));
        QVariant item;
        if (!value(&item, depth + 1)) return false;
        list.append(item);
      }
      if (!expectEnd(u"array")) return false;
      *out = list;
    } else if (type == QLatin1String("struct")) {
      QVariantMap map;
      for (;;) {
        if (!next()) return false;
        if (isEnd(u"struct")) break;
        if (!isStart(u"member"))
          return fail(QStringLiteral("expected <member> in <struct>, found %1").arg(where()));
        if (!expectStart(u"name")) return false;
        QString name;
        if (!text(&name)) return false;
        if (!expectStart(u"value")) return false;
        QVariant item;
        if (!value(&item, depth + 1)) return false;
        if (!expectEnd(u"member")) return false;
        map.insert(name, item);
      }
      *out = map;
    } else {
      return fail(QStringLiteral("unsupported XML-RPC type <%1>").arg(type));
    }
    return expectEnd(u"value");
  }

  // <params><param><value>..</value></param>...</params>; the <params> start tag is current.
  bool params(QVariantList* out) {
    for (;;) {
      if (!next()) return false;
      if (isEnd(u"params")) return true;
      if (!isStart(u"param"))
        return fail(QStringLiteral("expected <param>, found %1").arg(where()));
      if (!expectStart(u"value")) return false;
      QVariant v;
      if (!value(&v, 0)) return false;
      out->append(v);
      if (!expectEnd(u"param")) return false;
    }
  }

  // After the root element closed, only whitespace, comments and PIs may follow.
  bool finish() {
    while (!r_.atEnd()) {
      const auto token = r_.readNext();
      if (token == QXmlStreamReader::StartElement || token == QXmlStreamReader::DTD ||
          (token == QXmlStreamReader::Characters && !r_.isWhitespace())) {
        return fail(QStringLiteral("content after the XML-RPC document element"));
      }
      if (token == QXmlStreamReader::Invalid) {
        return fail(QStringLiteral("malformed XML: %1").arg(r_.errorString()));
      }
    }
    return true;
  }

 private:
  const QByteArray& xml_;
  QXmlStreamReader r_;
  QString error_;
};

}  // namespace

QByteArray encodeCall(const QString& method, const QVariantList& params) {
  return document([&](QXmlStreamWriter& w) {
    w.writeStartElement(QStringLiteral("methodCall"));
    writeText(w, QStringLiteral("methodName"), method);
    w.writeStartElement(QStringLiteral("params"));
    w.writeCharacters(QString());
    for (const QVariant& p : params) {
      w.writeStartElement(QStringLiteral("param"));
      writeValue(w, p);
      w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndElement();
  });
}

QByteArray encodeResponse(const QVariant& value) {
  return document([&](QXmlStreamWriter& w) {
    w.writeStartElement(QStringLiteral("methodResponse"));
    w.writeStartElement(QStringLiteral("params"));
    w.writeStartElement(QStringLiteral("param"));
    writeValue(w, value);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
  });
}

QByteArray encodeFault(int code, const QString& message) {
  return document([&](QXmlStreamWriter& w) {
    w.writeStartElement(QStringLiteral("methodResponse"));
    w.writeStartElement(QStringLiteral("fault"));
    writeValue(w, QVariantMap{{QStringLiteral("faultCode"), code},
                              {QStringLiteral("faultString"), message}});
    w.writeEndElement();
    w.writeEndElement();
  });
}

bool decodeCall(const QByteArray& xml, XmlRpcCall* call, QString* error) {
  Reader r(xml);
  *call = {};
  const bool ok = r.checkInput() && r.expectStart(u"methodCall") && r.expectStart(u"methodName") &&
                  r.text(&call->method) &&
                  [&] {
                    call->method = call->method.trimmed();
                    if (call->method.isEmpty()) return r.fail(QStringLiteral("empty methodName"));
                    if (!r.next()) return false;
                    if (r.isEnd(u"methodCall")) return true;  // no <params>
                    if (!r.isStart(u"params")) {
                      return r.fail(QStringLiteral("expected <params>, found %1").arg(r.where()));
                    }
                    return r.params(&call->params) && r.expectEnd(u"methodCall");
                  }() &&
                  r.finish();
  if (!ok && error) *error = r.error();
  return ok;
}

bool decodeResponse(const QByteArray& xml, XmlRpcResponse* response, QString* error) {
  Reader r(xml);
  *response = {};
  const bool ok =
      r.checkInput() && r.expectStart(u"methodResponse") && r.next() &&
      [&] {
        if (r.isStart(u"fault")) {
          QVariant v;
          if (!r.expectStart(u"value") || !r.value(&v, 0) || !r.expectEnd(u"fault")) return false;
          const QVariantMap m = v.toMap();
          response->isFault = true;
          response->fault.code = m.value(QStringLiteral("faultCode")).toInt();
          response->fault.message = m.value(QStringLiteral("faultString")).toString();
          return true;
        }
        if (!r.isStart(u"params"))
          return r.fail(QStringLiteral("expected <params> or <fault>, found %1").arg(r.where()));
        QVariantList values;
        if (!r.params(&values)) return false;
        if (values.size() != 1) {
          return r.fail(
              QStringLiteral("a methodResponse holds one value, found %1").arg(values.size()));
        }
        response->value = values.front();
        return true;
      }() &&
      r.expectEnd(u"methodResponse") && r.finish();
  if (!ok && error) *error = r.error();
  return ok;
}

}  // namespace xsky::samp
