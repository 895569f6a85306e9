#include "catalog/VoTableFields.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace xsky::catalog::votable {

namespace {

struct TypeName {
  const char* name;
  VoType type;
  int bytes;
};

constexpr TypeName kTypes[] = {
    {"boolean", VoType::Boolean, 1},
    {"bit", VoType::Bit, 0},
    {"unsignedByte", VoType::UnsignedByte, 1},
    {"short", VoType::Short, 2},
    {"int", VoType::Int, 4},
    {"long", VoType::Long, 8},
    {"char", VoType::Char, 1},
    {"unicodeChar", VoType::UnicodeChar, 2},
    {"float", VoType::Float, 4},
    {"double", VoType::Double, 8},
    {"floatComplex", VoType::FloatComplex, 8},
    {"doubleComplex", VoType::DoubleComplex, 16},
};

constexpr long long kMaxElements = 1LL << 28;

bool isIntegerType(VoType t) {
  return t == VoType::UnsignedByte || t == VoType::Short || t == VoType::Int || t == VoType::Long;
}

std::optional<int64_t> parseInteger(QStringView t) {
  bool ok = false;
  const qlonglong v = t.toLongLong(&ok, 10);
  if (ok) return v;
  if (t.startsWith(u"0x") || t.startsWith(u"0X")) {
    const qulonglong u = t.mid(2).toULongLong(&ok, 16);
    if (ok) return static_cast<int64_t>(u);
  }
  if (t.startsWith(u'+')) {
    const qlonglong p = t.mid(1).toLongLong(&ok, 10);
    if (ok) return p;
  }
  return std::nullopt;
}

std::optional<double> parseReal(QStringView t) {
  if (t.compare(u"NaN", Qt::CaseInsensitive) == 0) return std::numeric_limits<double>::quiet_NaN();
  QStringView s = t;
  bool negative = false;
  if (s.startsWith(u'+') || s.startsWith(u'-')) {
    negative = s.front() == u'-';
    s = s.mid(1);
  }
  if (s.compare(u"Inf", Qt::CaseInsensitive) == 0 ||
      s.compare(u"Infinity", Qt::CaseInsensitive) == 0) {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  bool ok = false;
  const double v = t.toDouble(&ok);
  if (ok) return v;
  return std::nullopt;
}

// 1 true, 0 false, -1 null, -2 not a boolean.
int parseBoolean(QStringView t) {
  if (t.isEmpty() || t == u"?") return -1;
  if (t.compare(u"true", Qt::CaseInsensitive) == 0) return 1;
  if (t.compare(u"false", Qt::CaseInsensitive) == 0) return 0;
  if (t.size() == 1) {
    switch (t.front().unicode()) {
      case 'T':
      case 't':
      case '1':
        return 1;
      case 'F':
      case 'f':
      case '0':
        return 0;
      case ' ':
      case '\0':
        return -1;
      default:
        break;
    }
  }
  return -2;
}

void appendValue(Column* c, double v) { c->reals.push_back(v); }

}  // namespace

std::optional<double> realFromText(QStringView text) { return parseReal(text.trimmed()); }

std::optional<int64_t> integerFromText(QStringView text) { return parseInteger(text.trimmed()); }

std::optional<VoType> voTypeFromName(QStringView name) {
  for (const TypeName& t : kTypes) {
    if (name == QLatin1StringView(t.name)) return t.type;
  }
  return std::nullopt;
}

QString voTypeName(VoType type) {
  for (const TypeName& t : kTypes) {
    if (t.type == type) return QString::fromLatin1(t.name);
  }
  return {};
}

int elementBytes(VoType type) {
  for (const TypeName& t : kTypes) {
    if (t.type == type) return t.bytes;
  }
  return 0;
}

ColumnKind FieldSpec::kind() const {
  if (type == VoType::Char || type == VoType::UnicodeChar) return ColumnKind::String;
  if (array || type == VoType::FloatComplex || type == VoType::DoubleComplex) {
    return ColumnKind::String;
  }
  if (type == VoType::Boolean || type == VoType::Bit) return ColumnKind::Boolean;
  if (isIntegerType(type)) return ColumnKind::Integer;
  return ColumnKind::Real;
}

std::optional<QString> makeFieldSpec(const QString& datatype, const QString& arraysize,
                                     FieldSpec* spec) {
  const std::optional<VoType> type = voTypeFromName(QStringView(datatype).trimmed());
  if (!type) {
    return datatype.isEmpty() ? QStringLiteral("has no datatype")
                              : QStringLiteral("has an unknown datatype \"%1\"").arg(datatype);
  }
  spec->type = *type;
  spec->variable = false;
  spec->fixedCount = 1;
  spec->array = false;
  const QString size = arraysize.trimmed();
  if (size.isEmpty()) return std::nullopt;
  const QStringList dims = size.split(QLatin1Char('x'));
  long long product = 1;
  for (qsizetype i = 0; i < dims.size(); ++i) {
    QString d = dims[i].trimmed();
    if (d.endsWith(QLatin1Char('*'))) {
      if (i != dims.size() - 1) return QStringLiteral("has a bad arraysize \"%1\"").arg(arraysize);
      spec->variable = true;
      continue;  // "N*" gives a maximum only; the count in the data says how many
    }
    bool ok = false;
    const long long n = d.toLongLong(&ok);
    if (!ok || n < 0 || n > kMaxElements || product * std::max(n, 1LL) > kMaxElements) {
      return QStringLiteral("has a bad arraysize \"%1\"").arg(arraysize);
    }
    product *= n;
  }
  spec->fixedCount = product;
  spec->array = spec->variable || product != 1;
  return std::nullopt;
}

void setNullValue(const QString& text, FieldSpec* spec) {
  const QString t = text.trimmed();
  spec->nullText = text;
  if (isIntegerType(spec->type)) {
    if (const auto v = parseInteger(t)) spec->nullInteger = *v;
  } else if (spec->type == VoType::Float || spec->type == VoType::Double) {
    if (const auto v = parseReal(t); v && !std::isnan(*v)) {
      spec->nullReal =
          spec->type == VoType::Float ? static_cast<double>(static_cast<float>(*v)) : *v;
    }
  }
}

std::optional<QString> appendText(const FieldSpec& spec, QStringView raw, Column* column) {
  switch (column->kind()) {
    case ColumnKind::Real: {
      const QStringView t = raw.trimmed();
      if (t.isEmpty() || (spec.nullText && t == *spec.nullText)) {
        column->appendNull();
        return std::nullopt;
      }
      const std::optional<double> v = parseReal(t);
      if (!v) return QStringLiteral("\"%1\" is not a number").arg(t.left(40));
      // A float field holds single-precision values: "0.1" is the float nearest 0.1.
      const double value =
          spec.type == VoType::Float ? static_cast<double>(static_cast<float>(*v)) : *v;
      appendValue(column, spec.nullReal && value == *spec.nullReal
                              ? std::numeric_limits<double>::quiet_NaN()
                              : value);
      return std::nullopt;
    }
    case ColumnKind::Integer: {
      const QStringView t = raw.trimmed();
      if (t.isEmpty() || (spec.nullText && t == *spec.nullText) ||
          t.compare(u"NaN", Qt::CaseInsensitive) == 0) {
        column->appendNull();
        return std::nullopt;
      }
      const std::optional<int64_t> v = parseInteger(t);
      if (!v) return QStringLiteral("\"%1\" is not an integer").arg(t.left(40));
      if (spec.nullInteger && *v == *spec.nullInteger) {
        column->appendNull();
      } else {
        column->integers.push_back(*v);
      }
      return std::nullopt;
    }
    case ColumnKind::Boolean: {
      const int b = parseBoolean(raw.trimmed());
      if (b == -2) return QStringLiteral("\"%1\" is not a boolean").arg(raw.trimmed().left(40));
      if (b < 0) {
        column->appendNull();
      } else {
        column->booleans.push_back(static_cast<uint8_t>(b));
      }
      return std::nullopt;
    }
    case ColumnKind::String: {
      if (spec.type == VoType::Char || spec.type == VoType::UnicodeChar) {
        if (raw.isEmpty() || (spec.nullText && raw == *spec.nullText)) {
          column->appendNull();
        } else {
          column->strings.push_back(raw.toString());
        }
        return std::nullopt;
      }
      // An array of numbers or booleans: its elements separated by single spaces.
      const QString joined = raw.toString().simplified();
      if (joined.isEmpty()) {
        column->appendNull();
      } else {
        column->strings.push_back(joined);
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

QString formatReal(double value, bool asFloat) {
  if (std::isnan(value)) return QStringLiteral("NaN");
  if (std::isinf(value)) return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
  char buffer[64];
  std::to_chars_result r =
      asFloat ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value))
              : std::to_chars(buffer, buffer + sizeof buffer, value);
  return QString::fromLatin1(buffer, r.ptr - buffer);
}

}  // namespace xsky::catalog::votable
