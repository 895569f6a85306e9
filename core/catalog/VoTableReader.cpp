#include "catalog/VoTableReader.h"

#include <algorithm>
#include <new>

#include <QBuffer>
#include <QFile>
#include <QXmlStreamReader>

#include "catalog/VoTableBinary.h"
#include "catalog/VoTableFields.h"
#include "fits/FitsError.h"

namespace xsky::catalog {

namespace {

using votable::FieldSpec;

// Cells reserved from a TABLE's nrows hint, at most (a wrong nrows must not exhaust memory).
constexpr size_t kMaxReservedCells = 1u << 24;

class Parser {
 public:
  Parser(QIODevice* device, QString source, const VoTableReadOptions& options,
         VoTableReadReport* report)
      : xml_(device), source_(std::move(source)), options_(options), report_(report) {}

  SourceTable run() {
    if (options_.tableIndex < 0) {
      throw Error(
          QStringLiteral("%1: table index %2 is negative").arg(source_).arg(options_.tableIndex));
    }
    while (!xml_.atEnd() && xml_.readNext() != QXmlStreamReader::StartElement) {
    }
    if (!xml_.isStartElement() &&
        (!xml_.hasError() || xml_.error() == QXmlStreamReader::PrematureEndOfDocumentError)) {
      fail(QStringLiteral("not a VOTable: the document has no element (empty file?)"));
    }
    checkXml();
    if (xml_.name() != u"VOTABLE") {
      fail(QStringLiteral("not a VOTable: the root element is <%1>").arg(xml_.name()));
    }
    report_->version = xml_.attributes().value(QLatin1StringView("version")).toString();
    if (walkChildren()) return std::move(table_);
    checkXml();
    if (tablesSeen_ == 0)
      throw Error(QStringLiteral("%1: the VOTable holds no TABLE").arg(source_));
    throw Error(QStringLiteral("%1: the VOTable holds %2 TABLE(s); there is no table number %3")
                    .arg(source_)
                    .arg(tablesSeen_)
                    .arg(options_.tableIndex + 1));
  }

 private:
  [[noreturn]] void fail(const QString& message) const {
    throw Error(QStringLiteral("%1:%2:%3: %4")
                    .arg(source_)
                    .arg(xml_.lineNumber())
                    .arg(xml_.columnNumber())
                    .arg(message));
  }

  void checkXml() const {
    if (!xml_.hasError()) return;
    if (xml_.error() == QXmlStreamReader::PrematureEndOfDocumentError) {
      fail(
          QStringLiteral("the XML ends prematurely (truncated file?): %1").arg(xml_.errorString()));
    }
    fail(QStringLiteral("malformed XML: %1").arg(xml_.errorString()));
  }

  void warn(const QString& message) {
    if (report_->warnings.size() < 50) report_->warnings.append(message);
  }

  // Current element: VOTABLE or RESOURCE. True once the wanted TABLE has been read.
  bool walkChildren() {
    while (xml_.readNextStartElement()) {
      if (xml_.name() == u"RESOURCE") {
        if (walkChildren()) return true;
      } else if (xml_.name() == u"TABLE") {
        report_->tablesSeen = ++tablesSeen_;
        if (tablesSeen_ - 1 == options_.tableIndex) {
          readTable();
          return true;
        }
        xml_.skipCurrentElement();
      } else {
        xml_.skipCurrentElement();
      }
    }
    checkXml();
    return false;
  }

  void readTable() {
    const QXmlStreamAttributes a = xml_.attributes();
    table_.source = source_;
    table_.name = a.value(QLatin1StringView("name")).toString();
    if (table_.name.isEmpty()) table_.name = a.value(QLatin1StringView("ID")).toString();
    bool ok = false;
    const qlonglong nrows = a.value(QLatin1StringView("nrows")).toLongLong(&ok);
    if (ok && nrows > 0) rowsHint_ = static_cast<size_t>(nrows);
    bool haveData = false;
    while (xml_.readNextStartElement()) {
      const QStringView n = xml_.name();
      if (n == u"DESCRIPTION") {
        table_.description = xml_.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
      } else if (n == u"FIELD") {
        if (haveData) {
          warn(QStringLiteral("a FIELD after DATA is ignored"));
          xml_.skipCurrentElement();
        } else {
          readField();
        }
      } else if (n == u"DATA") {
        if (haveData) fail(QStringLiteral("the TABLE has two DATA elements"));
        haveData = true;
        makeColumns();
        readData();
      } else {
        xml_.skipCurrentElement();
      }
    }
    checkXml();
    if (!haveData) makeColumns();
    for (Column& c : columns_) c.squeezeNullMask();
    table_.columns = std::move(columns_);
    table_.checkConsistent();
  }

  void readField() {
    const QXmlStreamAttributes a = xml_.attributes();
    ColumnMeta meta;
    meta.name = a.value(QLatin1StringView("name")).toString();
    meta.id = a.value(QLatin1StringView("ID")).toString();
    if (meta.name.isEmpty()) meta.name = meta.id;
    if (meta.name.isEmpty()) meta.name = QStringLiteral("col%1").arg(metas_.size() + 1);
    meta.unit = a.value(QLatin1StringView("unit")).toString();
    meta.ucd = a.value(QLatin1StringView("ucd")).toString();
    meta.utype = a.value(QLatin1StringView("utype")).toString();
    meta.datatype = a.value(QLatin1StringView("datatype")).toString();
    meta.arraysize = a.value(QLatin1StringView("arraysize")).toString();
    FieldSpec spec;
    if (const auto error = votable::makeFieldSpec(meta.datatype, meta.arraysize, &spec)) {
      fail(QStringLiteral("FIELD \"%1\" %2").arg(meta.name, *error));
    }
    while (xml_.readNextStartElement()) {
      if (xml_.name() == u"DESCRIPTION") {
        meta.description = xml_.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
      } else if (xml_.name() == u"VALUES") {
        if (xml_.attributes().hasAttribute(QLatin1StringView("null"))) {
          votable::setNullValue(xml_.attributes().value(QLatin1StringView("null")).toString(),
                                &spec);
        }
        xml_.skipCurrentElement();
      } else {
        xml_.skipCurrentElement();
      }
    }
    checkXml();
    metas_.push_back(std::move(meta));
    specs_.push_back(spec);
  }

  void makeColumns() {
    columns_.clear();
    const size_t reserve =
        std::min(rowsHint_, kMaxReservedCells / std::max<size_t>(1, metas_.size()));
    for (size_t i = 0; i < metas_.size(); ++i) {
      columns_.emplace_back(metas_[i], specs_[i].kind());
      columns_.back().reserve(reserve);
    }
  }

  void readData() {
    while (xml_.readNextStartElement()) {
      const QStringView n = xml_.name();
      if (n == u"TABLEDATA") {
        report_->serialisation = QStringLiteral("TABLEDATA");
        readTableData();
      } else if (n == u"BINARY" || n == u"BINARY2") {
        report_->serialisation = n.toString();
        readBinary(n == u"BINARY2");
      } else if (n == u"FITS") {
        fail(QStringLiteral("FITS serialisation inside a VOTable is not supported"));
      } else {
        xml_.skipCurrentElement();
      }
    }
    checkXml();
  }

  void readTableData() {
    const size_t nFields = specs_.size();
    size_t row = 0;
    QString cell;
    while (xml_.readNextStartElement()) {
      if (xml_.name() != u"TR") {
        xml_.skipCurrentElement();
        continue;
      }
      size_t field = 0;
      while (xml_.readNextStartElement()) {
        if (xml_.name() != u"TD") {
          xml_.skipCurrentElement();
          continue;
        }
        readCellText(&cell);
        if (field < nFields) {
          if (const auto error = votable::appendText(specs_[field], cell, &columns_[field])) {
            fail(QStringLiteral("row %1, field \"%2\": %3")
                     .arg(row + 1)
                     .arg(metas_[field].name, *error));
          }
        } else if (field == nFields) {
          warn(QStringLiteral("row %1 has more TD than the %2 FIELDs; the extra cells are ignored")
                   .arg(row + 1)
                   .arg(nFields));
        }
        ++field;
      }
      checkXml();
      if (field < nFields) {
        warn(QStringLiteral("row %1 has %2 TD for %3 FIELDs; the missing cells are null")
                 .arg(row + 1)
                 .arg(field)
                 .arg(nFields));
        for (; field < nFields; ++field) columns_[field].appendNull();
      }
      ++row;
    }
    checkXml();
    if (nFields == 0) table_.setRowCountHint(row);
  }

  // The text of the current TD (characters and CDATA; comments skipped; no child elements).
  void readCellText(QString* cell) {
    cell->clear();
    for (;;) {
      switch (xml_.readNext()) {
        case QXmlStreamReader::Characters:
          cell->append(xml_.text());
          break;
        case QXmlStreamReader::EndElement:
          return;
        case QXmlStreamReader::StartElement:
          fail(QStringLiteral("unexpected <%1> inside a TD").arg(xml_.name()));
        case QXmlStreamReader::EntityReference:
          fail(QStringLiteral("unresolved entity &%1; inside a TD").arg(xml_.name()));
        case QXmlStreamReader::Invalid:
        case QXmlStreamReader::EndDocument:
          checkXml();
          fail(QStringLiteral("the document ends inside a TD"));
        default:
          break;
      }
    }
  }

  void readBinary(bool binary2) {
    const QString what = binary2 ? QStringLiteral("BINARY2") : QStringLiteral("BINARY");
    bool haveStream = false;
    while (xml_.readNextStartElement()) {
      if (xml_.name() != u"STREAM") {
        xml_.skipCurrentElement();
        continue;
      }
      if (haveStream) fail(QStringLiteral("%1 has more than one STREAM").arg(what));
      haveStream = true;
      const QXmlStreamAttributes a = xml_.attributes();
      const QString href = a.value(QLatin1StringView("href")).toString();
      if (!href.isEmpty()) {
        fail(QStringLiteral("%1 data in an external STREAM (href=\"%2\") is not supported")
                 .arg(what, href));
      }
      const QString encoding = a.value(QLatin1StringView("encoding")).toString();
      if (encoding != u"base64") {
        fail(QStringLiteral("%1 STREAM encoding \"%2\" is not supported (only base64)")
                 .arg(what, encoding));
      }
      const QString where =
          QStringLiteral("%1:%2:%3").arg(source_).arg(xml_.lineNumber()).arg(xml_.columnNumber());
      const QString text = xml_.readElementText();
      checkXml();
      QByteArray compact;
      compact.reserve(text.size());
      for (QChar ch : text) {
        const char16_t u = ch.unicode();
        if (u == ' ' || u == '\n' || u == '\r' || u == '\t') continue;
        if (u > 0x7f) fail(QStringLiteral("the %1 STREAM is not valid base64").arg(what));
        compact.append(static_cast<char>(u));
      }
      const QByteArray::FromBase64Result decoded =
          QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
      if (!decoded || (compact.size() % 4) == 1) {
        fail(QStringLiteral("the %1 STREAM is not valid base64").arg(what));
      }
      votable::decodeBinary(*decoded, binary2, specs_, &columns_, where);
    }
    checkXml();
  }

  QXmlStreamReader xml_;
  QString source_;
  VoTableReadOptions options_;
  VoTableReadReport* report_;
  int tablesSeen_ = 0;
  size_t rowsHint_ = 0;
  SourceTable table_;
  std::vector<ColumnMeta> metas_;
  std::vector<FieldSpec> specs_;
  std::vector<Column> columns_;
};

}  // namespace

SourceTable readVoTable(QIODevice* device, const QString& sourceName,
                        const VoTableReadOptions& options, VoTableReadReport* report) {
  VoTableReadReport local;
  Parser parser(device, sourceName, options, report != nullptr ? report : &local);
  try {
    return parser.run();
  } catch (const std::bad_alloc&) {
    throw Error(QStringLiteral("%1: not enough memory to read the table").arg(sourceName));
  }
}

SourceTable readVoTable(const QString& path, const VoTableReadOptions& options,
                        VoTableReadReport* report) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    throw Error(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
  }
  return readVoTable(&file, path, options, report);
}

SourceTable parseVoTable(const QByteArray& xml, const QString& sourceName,
                         const VoTableReadOptions& options, VoTableReadReport* report) {
  QByteArray copy = xml;
  QBuffer buffer(&copy);
  buffer.open(QIODevice::ReadOnly);
  return readVoTable(&buffer, sourceName, options, report);
}

bool looksLikeVoTable(const QByteArray& head) {
  QXmlStreamReader xml(head);
  while (!xml.atEnd()) {
    if (xml.readNext() == QXmlStreamReader::StartElement) return xml.name() == u"VOTABLE";
  }
  return false;
}

}  // namespace xsky::catalog
