#include "catalog/VoTableWriter.h"

#include <algorithm>
#include <limits>
#include <set>

#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QXmlStreamWriter>

#include "catalog/VoTableBinary.h"
#include "catalog/VoTableFields.h"
#include "fits/FitsError.h"
#include "util/AtomicFile.h"

namespace xsky::catalog {

namespace {

using votable::FieldSpec;
using votable::VoType;

// XML 1.0 cannot hold most control characters: they become '?'.
QString xmlSafe(const QString& s) {
  QString out = s;
  for (QChar& ch : out) {
    const char16_t u = ch.unicode();
    if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0xfffe || u == 0xffff) {
      ch = QLatin1Char('?');
    }
  }
  return out;
}

bool isAscii(const QString& s) {
  return std::all_of(s.begin(), s.end(), [](QChar c) { return c.unicode() < 0x80; });
}

struct Declared {
  QString datatype;
  QString arraysize;
  FieldSpec spec;                 // how BINARY2 encodes it
  bool numericArrayText = false;  // a String column holding a numeric array, written as such
};

// Whether a String column holding an array of numbers (or booleans) can be written back as that
// array: TABLEDATA takes the text as it is; BINARY2 needs every element to parse and fixed-size
// arrays to have their size.
bool arrayTextFits(const Column& c, const FieldSpec& spec, bool binary2) {
  switch (spec.type) {
    case VoType::Char:
    case VoType::UnicodeChar:
      return false;
    case VoType::Bit:
    case VoType::FloatComplex:
    case VoType::DoubleComplex:
      return !binary2;
    default:
      break;
  }
  if (!binary2) return true;
  for (size_t r = 0; r < c.strings.size(); ++r) {
    if (c.isNull(r)) continue;
    const QStringList tokens = c.strings[r].split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!spec.variable && tokens.size() != spec.fixedCount) return false;
    for (const QString& t : tokens) {
      const bool ok = spec.type == VoType::Boolean ? (t == u"T" || t == u"F" || t == u"?")
                      : spec.type == VoType::Float || spec.type == VoType::Double
                          ? votable::realFromText(t).has_value()
                          : votable::integerFromText(t).has_value();
      if (!ok) return false;
    }
  }
  return true;
}

Declared declare(const Column& c, bool binary2) {
  Declared d;
  switch (c.kind()) {
    case ColumnKind::Real:
      d.datatype = c.meta.datatype == u"float" ? QStringLiteral("float") : QStringLiteral("double");
      d.spec.type = d.datatype == u"float" ? VoType::Float : VoType::Double;
      break;
    case ColumnKind::Integer: {
      struct Range {
        const char* name;
        VoType type;
        int64_t lo, hi;
      };
      static constexpr Range kRanges[] = {
          {"unsignedByte", VoType::UnsignedByte, 0, 255},
          {"short", VoType::Short, std::numeric_limits<int16_t>::min(),
           std::numeric_limits<int16_t>::max()},
          {"int", VoType::Int, std::numeric_limits<int32_t>::min(),
           std::numeric_limits<int32_t>::max()},
      };
      d.datatype = QStringLiteral("long");
      d.spec.type = VoType::Long;
      for (const Range& r : kRanges) {
        if (c.meta.datatype != QLatin1StringView(r.name)) continue;
        bool fits = true;
        for (size_t i = 0; i < c.integers.size() && fits; ++i) {
          fits = c.isNull(i) || (c.integers[i] >= r.lo && c.integers[i] <= r.hi);
        }
        if (fits) {
          d.datatype = QString::fromLatin1(r.name);
          d.spec.type = r.type;
        }
      }
      break;
    }
    case ColumnKind::Boolean:
      d.datatype = QStringLiteral("boolean");
      d.spec.type = VoType::Boolean;
      break;
    case ColumnKind::String: {
      FieldSpec probe;
      if (!c.meta.arraysize.isEmpty() &&
          !votable::makeFieldSpec(c.meta.datatype, c.meta.arraysize, &probe) &&
          arrayTextFits(c, probe, binary2)) {
        d.datatype = c.meta.datatype;
        d.arraysize = c.meta.arraysize;
        d.spec = probe;
        d.numericArrayText = true;
        break;
      }
      const bool ascii = std::all_of(c.strings.begin(), c.strings.end(), isAscii);
      d.datatype = ascii ? QStringLiteral("char") : QStringLiteral("unicodeChar");
      d.spec.type = ascii ? VoType::Char : VoType::UnicodeChar;
      d.spec.variable = true;
      d.arraysize = QStringLiteral("*");
      break;
    }
  }
  return d;
}

QString cellText(const Column& c, const Declared& d, size_t row) {
  if (c.isNull(row)) return {};
  if (c.kind() == ColumnKind::Real)
    return votable::formatReal(c.reals[row], d.spec.type == VoType::Float);
  if (c.kind() == ColumnKind::String) return xmlSafe(c.strings[row]);
  return c.text(row);
}

class Writer {
 public:
  Writer(QIODevice* device, const SourceTable& table, const VoTableWriteOptions& options)
      : xml_(device), table_(table), options_(options) {}

  void run() {
    const bool binary2 = options_.serialisation == VoTableSerialisation::Binary2;
    xml_.setAutoFormatting(false);
    xml_.writeStartDocument();
    newline(0);
    xml_.writeStartElement(QStringLiteral("VOTABLE"));
    xml_.writeAttribute(QStringLiteral("version"), QStringLiteral("1.4"));
    xml_.writeDefaultNamespace(QStringLiteral("http://www.ivoa.net/xml/VOTable/v1.3"));
    xml_.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"),
                        QStringLiteral("xsi"));
    xml_.writeAttribute(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"),
                        QStringLiteral("schemaLocation"),
                        QStringLiteral("http://www.ivoa.net/xml/VOTable/v1.3 "
                                       "http://www.ivoa.net/xml/VOTable/VOTable-1.4.xsd"));
    newline(1);
    xml_.writeStartElement(QStringLiteral("RESOURCE"));
    xml_.writeAttribute(QStringLiteral("type"), QStringLiteral("results"));
    if (!options_.resourceName.isEmpty()) {
      xml_.writeAttribute(QStringLiteral("name"), xmlSafe(options_.resourceName));
    }
    newline(2);
    xml_.writeStartElement(QStringLiteral("TABLE"));
    if (!table_.name.isEmpty()) xml_.writeAttribute(QStringLiteral("name"), xmlSafe(table_.name));
    xml_.writeAttribute(QStringLiteral("nrows"), QString::number(table_.rowCount()));
    if (!table_.description.isEmpty()) {
      newline(3);
      xml_.writeTextElement(QStringLiteral("DESCRIPTION"), xmlSafe(table_.description));
    }
    std::vector<Declared> declared;
    std::set<QString> ids;
    static const QRegularExpression ncname(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    for (const Column& c : table_.columns) {
      declared.push_back(declare(c, binary2));
      const Declared& d = declared.back();
      newline(3);
      xml_.writeStartElement(QStringLiteral("FIELD"));
      xml_.writeAttribute(QStringLiteral("name"), xmlSafe(c.meta.name));
      if (ncname.match(c.meta.id).hasMatch() && ids.insert(c.meta.id).second) {
        xml_.writeAttribute(QStringLiteral("ID"), c.meta.id);
      }
      xml_.writeAttribute(QStringLiteral("datatype"), d.datatype);
      if (!d.arraysize.isEmpty()) xml_.writeAttribute(QStringLiteral("arraysize"), d.arraysize);
      if (!c.meta.unit.isEmpty()) xml_.writeAttribute(QStringLiteral("unit"), xmlSafe(c.meta.unit));
      if (!c.meta.ucd.isEmpty()) xml_.writeAttribute(QStringLiteral("ucd"), xmlSafe(c.meta.ucd));
      if (!c.meta.utype.isEmpty()) {
        xml_.writeAttribute(QStringLiteral("utype"), xmlSafe(c.meta.utype));
      }
      if (!c.meta.description.isEmpty()) {
        xml_.writeTextElement(QStringLiteral("DESCRIPTION"), xmlSafe(c.meta.description));
      }
      xml_.writeEndElement();
    }
    newline(3);
    xml_.writeStartElement(QStringLiteral("DATA"));
    newline(4);
    if (binary2) {
      writeBinary2(declared);
    } else {
      writeTableData(declared);
    }
    newline(3);
    xml_.writeEndElement();  // DATA
    newline(2);
    xml_.writeEndElement();  // TABLE
    newline(1);
    xml_.writeEndElement();  // RESOURCE
    newline(0);
    xml_.writeEndElement();  // VOTABLE
    xml_.writeEndDocument();
  }

  bool hasError() const { return xml_.hasError(); }

 private:
  void newline(int depth) {
    xml_.writeCharacters(QStringLiteral("\n") + QString(depth, QLatin1Char(' ')));
  }

  void writeTableData(const std::vector<Declared>& declared) {
    xml_.writeStartElement(QStringLiteral("TABLEDATA"));
    const size_t rows = table_.rowCount();
    for (size_t r = 0; r < rows; ++r) {
      newline(5);
      xml_.writeStartElement(QStringLiteral("TR"));
      for (size_t c = 0; c < table_.columns.size(); ++c) {
        const QString text = cellText(table_.columns[c], declared[c], r);
        if (text.isEmpty()) {
          xml_.writeEmptyElement(QStringLiteral("TD"));
        } else {
          xml_.writeTextElement(QStringLiteral("TD"), text);
        }
      }
      xml_.writeEndElement();
    }
    newline(4);
    xml_.writeEndElement();
  }

  void writeBinary2(const std::vector<Declared>& declared) {
    std::vector<FieldSpec> specs;
    for (const Declared& d : declared) specs.push_back(d.spec);
    xml_.writeStartElement(QStringLiteral("BINARY2"));
    newline(5);
    xml_.writeStartElement(QStringLiteral("STREAM"));
    xml_.writeAttribute(QStringLiteral("encoding"), QStringLiteral("base64"));
    constexpr qsizetype kChunk = 57 * 1024;  // a multiple of 57 bytes: whole 76-character lines
    QByteArray pending;
    const size_t rows = table_.rowCount();
    for (size_t r = 0; r < rows; ++r) {
      votable::encodeBinary2Row(specs, table_.columns, r, &pending);
      if (pending.size() >= kChunk) {
        const qsizetype whole = pending.size() - pending.size() % 57;
        writeBase64(pending.left(whole));
        pending.remove(0, whole);
      }
    }
    writeBase64(pending);
    newline(5);
    xml_.writeEndElement();
    newline(4);
    xml_.writeEndElement();
  }

  void writeBase64(const QByteArray& bytes) {
    const QByteArray text = bytes.toBase64();
    for (qsizetype i = 0; i < text.size(); i += 76) {
      xml_.writeCharacters(QStringLiteral("\n") + QString::fromLatin1(text.mid(i, 76)));
    }
  }

  QXmlStreamWriter xml_;
  const SourceTable& table_;
  VoTableWriteOptions options_;
};

void writeTo(QIODevice* device, const SourceTable& table, const VoTableWriteOptions& options,
             const QString& where) {
  table.checkConsistent();
  Writer writer(device, table, options);
  writer.run();
  if (writer.hasError()) throw Error(QStringLiteral("%1: cannot write the VOTable").arg(where));
}

}  // namespace

void writeVoTable(const SourceTable& table, const QString& path,
                  const VoTableWriteOptions& options) {
  AtomicFile atomic(path);
  {
    QFile file(atomic.temporaryPath());
    if (!file.open(QIODevice::WriteOnly)) {
      throw Error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    }
    writeTo(&file, table, options, path);
    if (!file.flush() || file.error() != QFileDevice::NoError) {
      throw Error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    }
    file.close();
  }
  atomic.commit();
}

QByteArray voTableBytes(const SourceTable& table, const VoTableWriteOptions& options) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  writeTo(&buffer, table, options, QStringLiteral("VOTable in memory"));
  buffer.close();
  return bytes;
}

}  // namespace xsky::catalog
