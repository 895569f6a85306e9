#include "catalog/VoTableBinary.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "fits/FitsError.h"

namespace xsky::catalog::votable {

namespace {

/// Reads big-endian values from the decoded stream; the caller checks room first.
class Cursor {
 public:
  explicit Cursor(const QByteArray& bytes)
      : p_(reinterpret_cast<const uint8_t*>(bytes.constData())),
        n_(static_cast<size_t>(bytes.size())) {}

  size_t remaining() const { return n_ - pos_; }
  bool has(size_t k) const { return remaining() >= k; }
  const uint8_t* take(size_t k) {
    const uint8_t* at = p_ + pos_;
    pos_ += k;
    return at;
  }
  uint64_t be(int bytes) {
    uint64_t v = 0;
    const uint8_t* at = take(static_cast<size_t>(bytes));
    for (int i = 0; i < bytes; ++i) v = (v << 8) | at[i];
    return v;
  }

 private:
  const uint8_t* p_;
  size_t n_;
  size_t pos_ = 0;
};

int64_t integerElement(VoType t, Cursor& c) {
  switch (t) {
    case VoType::UnsignedByte:
      return static_cast<int64_t>(c.be(1));
    case VoType::Short:
      return static_cast<int16_t>(c.be(2));
    case VoType::Int:
      return static_cast<int32_t>(c.be(4));
    default:
      return static_cast<int64_t>(c.be(8));
  }
}

double realElement(VoType t, Cursor& c) {
  if (t == VoType::Float)
    return static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(c.be(4))));
  return std::bit_cast<double>(c.be(8));
}

// 1 true, 0 false, -1 null.
int booleanByte(uint8_t b) {
  switch (b) {
    case 'T':
    case 't':
    case '1':
      return 1;
    case 'F':
    case 'f':
    case '0':
      return 0;
    default:
      return -1;
  }
}

QString decodeChars(VoType t, const uint8_t* at, size_t count) {
  if (t == VoType::Char) {
    size_t n = 0;
    while (n < count && at[n] != 0) ++n;
    return QString::fromUtf8(reinterpret_cast<const char*>(at), static_cast<qsizetype>(n));
  }
  QString s;
  s.reserve(static_cast<qsizetype>(count));
  for (size_t i = 0; i < count; ++i) {
    const char16_t u = static_cast<char16_t>((at[2 * i] << 8) | at[2 * i + 1]);
    if (u == 0) break;
    s.append(QChar(u));
  }
  return s;
}

QString arrayText(VoType t, size_t count, Cursor& c) {
  QStringList parts;
  parts.reserve(static_cast<qsizetype>(count));
  if (t == VoType::Bit) {
    const uint8_t* at = c.take((count + 7) / 8);
    for (size_t i = 0; i < count; ++i) {
      parts.append(((at[i / 8] >> (7 - i % 8)) & 1) != 0 ? QStringLiteral("1")
                                                         : QStringLiteral("0"));
    }
    return parts.join(QLatin1Char(' '));
  }
  for (size_t i = 0; i < count; ++i) {
    switch (t) {
      case VoType::Boolean: {
        const int b = booleanByte(c.be(1) & 0xff);
        parts.append(b < 0 ? QStringLiteral("?") : (b ? QStringLiteral("T") : QStringLiteral("F")));
        break;
      }
      case VoType::Float:
      case VoType::Double:
        parts.append(formatReal(realElement(t, c), t == VoType::Float));
        break;
      case VoType::FloatComplex:
      case VoType::DoubleComplex: {
        const VoType part = t == VoType::FloatComplex ? VoType::Float : VoType::Double;
        parts.append(formatReal(realElement(part, c), part == VoType::Float));
        parts.append(formatReal(realElement(part, c), part == VoType::Float));
        break;
      }
      default:
        parts.append(QString::number(integerElement(t, c)));
        break;
    }
  }
  return parts.join(QLatin1Char(' '));
}

size_t bytesFor(VoType t, size_t count) {
  if (t == VoType::Bit) return (count + 7) / 8;
  return count * static_cast<size_t>(elementBytes(t));
}

void putBe(QByteArray* out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out->append(static_cast<char>((v >> (8 * i)) & 0xff));
}

// An array column kept as text ("1 2 3"), written as its elements (the writer checked they
// parse and, for fixed sizes, that there are enough; missing elements of a null cell are 0).
void encodeArray(const FieldSpec& s, const QString& text, QByteArray* out) {
  const QStringList tokens = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
  const qsizetype count = s.variable ? tokens.size() : static_cast<qsizetype>(s.fixedCount);
  if (s.variable) putBe(out, static_cast<uint64_t>(count), 4);
  for (qsizetype i = 0; i < count; ++i) {
    const QStringView t = i < tokens.size() ? QStringView(tokens[i]) : QStringView();
    switch (s.type) {
      case VoType::Boolean:
        out->append(t == u"T" ? 'T' : (t == u"F" ? 'F' : '?'));
        break;
      case VoType::Float:
        putBe(out,
              std::bit_cast<uint32_t>(static_cast<float>(
                  realFromText(t).value_or(std::numeric_limits<double>::quiet_NaN()))),
              4);
        break;
      case VoType::Double:
        putBe(out,
              std::bit_cast<uint64_t>(
                  realFromText(t).value_or(std::numeric_limits<double>::quiet_NaN())),
              8);
        break;
      default:
        putBe(out, static_cast<uint64_t>(integerFromText(t).value_or(0)), elementBytes(s.type));
        break;
    }
  }
}

}  // namespace

void decodeBinary(const QByteArray& stream, bool binary2, const std::vector<FieldSpec>& specs,
                  std::vector<Column>* columns, const QString& where) {
  Cursor c(stream);
  const size_t nFields = specs.size();
  const size_t flagBytes = binary2 ? (nFields + 7) / 8 : 0;
  if (nFields == 0) return;
  size_t row = 0;
  auto truncated = [&](size_t field) {
    throw Error(QStringLiteral("%1: the %2 stream ends inside row %3 (field %4, %5 bytes left)")
                    .arg(where, binary2 ? QStringLiteral("BINARY2") : QStringLiteral("BINARY"))
                    .arg(row + 1)
                    .arg((*columns)[field].meta.name)
                    .arg(c.remaining()));
  };
  while (c.remaining() > 0) {
    const uint8_t* flags = nullptr;
    if (binary2) {
      if (!c.has(flagBytes)) truncated(0);
      flags = c.take(flagBytes);
    }
    for (size_t f = 0; f < nFields; ++f) {
      const FieldSpec& s = specs[f];
      Column& col = (*columns)[f];
      const bool flaggedNull = flags != nullptr && ((flags[f / 8] >> (7 - f % 8)) & 1) != 0;
      size_t count = static_cast<size_t>(s.fixedCount);
      if (s.variable) {
        if (!c.has(4)) truncated(f);
        const int32_t n = static_cast<int32_t>(c.be(4));
        if (n < 0) {
          throw Error(QStringLiteral("%1: row %2, field %3: negative array length %4")
                          .arg(where)
                          .arg(row + 1)
                          .arg(col.meta.name)
                          .arg(n));
        }
        count = static_cast<size_t>(n);
      }
      const size_t bytes = bytesFor(s.type, count);
      if (!c.has(bytes)) truncated(f);
      switch (col.kind()) {
        case ColumnKind::Real: {
          const double v = realElement(s.type, c);
          if (flaggedNull || (s.nullReal && v == *s.nullReal)) {
            col.appendNull();
          } else {
            col.reals.push_back(v);
          }
          break;
        }
        case ColumnKind::Integer: {
          const int64_t v = integerElement(s.type, c);
          if (flaggedNull || (s.nullInteger && v == *s.nullInteger)) {
            col.appendNull();
          } else {
            col.integers.push_back(v);
          }
          break;
        }
        case ColumnKind::Boolean: {
          const uint8_t b = c.take(1)[0];
          const int v = s.type == VoType::Bit ? (b >> 7) & 1 : booleanByte(b);
          if (flaggedNull || v < 0) {
            col.appendNull();
          } else {
            col.booleans.push_back(static_cast<uint8_t>(v));
          }
          break;
        }
        case ColumnKind::String: {
          QString text;
          if (s.type == VoType::Char || s.type == VoType::UnicodeChar) {
            text = decodeChars(s.type, c.take(bytes), count);
          } else {
            text = arrayText(s.type, count, c);
          }
          if (flaggedNull || text.isEmpty() || (s.nullText && text == *s.nullText)) {
            col.appendNull();
          } else {
            col.strings.push_back(std::move(text));
          }
          break;
        }
      }
    }
    ++row;
  }
}

void encodeBinary2Row(const std::vector<FieldSpec>& specs, const std::vector<Column>& columns,
                      size_t row, QByteArray* out) {
  const size_t nFields = specs.size();
  const qsizetype flagAt = out->size();
  out->append(static_cast<qsizetype>((nFields + 7) / 8), '\0');
  for (size_t f = 0; f < nFields; ++f) {
    const FieldSpec& s = specs[f];
    const Column& col = columns[f];
    const bool isNull = col.isNull(row);
    if (isNull)
      (*out)[flagAt + static_cast<qsizetype>(f / 8)] |= static_cast<char>(0x80 >> (f % 8));
    if (s.array && col.kind() == ColumnKind::String) {
      encodeArray(s, isNull ? QString() : col.strings[row], out);
      continue;
    }
    switch (s.type) {
      case VoType::Double:
        putBe(out, std::bit_cast<uint64_t>(col.number(row)), 8);
        break;
      case VoType::Float:
        putBe(out, std::bit_cast<uint32_t>(static_cast<float>(col.number(row))), 4);
        break;
      case VoType::UnsignedByte:
      case VoType::Short:
      case VoType::Int:
      case VoType::Long: {
        const int64_t v = isNull ? 0 : col.integers[row];
        putBe(out, static_cast<uint64_t>(v), elementBytes(s.type));
        break;
      }
      case VoType::Boolean:
        out->append(isNull ? '?' : (col.booleans[row] != 0 ? 'T' : 'F'));
        break;
      case VoType::Char: {
        const QByteArray bytes = col.text(row).toUtf8();
        putBe(out, static_cast<uint64_t>(bytes.size()), 4);
        out->append(bytes);
        break;
      }
      case VoType::UnicodeChar: {
        const QString text = col.text(row);
        putBe(out, static_cast<uint64_t>(text.size()), 4);
        for (QChar ch : text) putBe(out, ch.unicode(), 2);
        break;
      }
      default:  // the writer declares no other type
        break;
    }
  }
}

}  // namespace xsky::catalog::votable
