#include "catalog/FitsTableReader.h"

#include <fitsio.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>

#include "catalog/VoTableFields.h"
#include "fits/FitsFile.h"

namespace xsky::catalog {

namespace {

using fits::FitsFile;

fitsfile* F(const FitsFile& f) { return static_cast<fitsfile*>(f.handle()); }

void check(const FitsFile& f, int status, const char* doing) {
  if (status != 0) throw fits::FitsError(f.path(), status, QString::fromLatin1(doing));
}

void moveToTable(FitsFile& f, const FitsTableReadOptions& o) {
  if (o.hdu > 0) {
    if (o.hdu > f.hduCount()) {
      throw Error(QStringLiteral("%1: there is no HDU %2 (the file has %3)")
                      .arg(f.path())
                      .arg(o.hdu)
                      .arg(f.hduCount()));
    }
    f.moveTo(o.hdu);
  } else if (!o.extname.isEmpty()) {
    if (!f.moveToNamed(o.extname)) {
      throw Error(QStringLiteral("%1: there is no HDU named %2").arg(f.path(), o.extname));
    }
  } else {
    for (int h = 2; h <= f.hduCount(); ++h) {
      f.moveTo(h);
      if (f.hduType() == fits::HduType::BinaryTable) return;
    }
    throw Error(QStringLiteral("%1: the file holds no binary table").arg(f.path()));
  }
  if (f.hduType() == fits::HduType::Image) {
    throw Error(QStringLiteral("%1: HDU %2 (%3) is an image, not a table")
                    .arg(f.path())
                    .arg(f.currentHdu())
                    .arg(f.extName()));
  }
}

bool isIntegerCode(int t) {
  return t == TBYTE || t == TSBYTE || t == TSHORT || t == TUSHORT || t == TINT || t == TUINT ||
         t == TLONG || t == TULONG || t == TLONGLONG;
}

/// The VOTable datatype of a column from its equivalent CFITSIO type (scaling applied).
QString voDatatype(int eqType, int width) {
  switch (eqType) {
    case TLOGICAL:
      return QStringLiteral("boolean");
    case TBIT:
      return QStringLiteral("bit");
    case TBYTE:
      return QStringLiteral("unsignedByte");
    case TSBYTE:
    case TSHORT:
      return QStringLiteral("short");
    case TUSHORT:
    case TINT:
      return QStringLiteral("int");
    case TLONG:
      return width == 8 ? QStringLiteral("long") : QStringLiteral("int");
    case TUINT:
    case TULONG:
    case TLONGLONG:
    case TULONGLONG:
      return QStringLiteral("long");
    case TSTRING:
      return QStringLiteral("char");
    case TFLOAT:
      return QStringLiteral("float");
    case TCOMPLEX:
      return QStringLiteral("floatComplex");
    case TDBLCOMPLEX:
      return QStringLiteral("doubleComplex");
    default:
      return QStringLiteral("double");
  }
}

QString keywordComment(const FitsFile& f, const QString& key) {
  char value[FLEN_VALUE] = {0};
  char comment[FLEN_COMMENT] = {0};
  int status = 0;
  fits_read_keyword(F(f), key.toLatin1().constData(), value, comment, &status);
  return status == 0 ? QString::fromLatin1(comment).trimmed() : QString();
}

struct Pending {
  int fitsColumn = 0;
  int rawType = 0;
  int eqType = 0;
  long long repeat = 1;
  bool variable = false;
  bool hasTnull = false;
};

void readStrings(const FitsFile& f, const Pending& p, long long rows, Column* c) {
  const long long chunk = std::max<long long>(1, f.optimalRowChunk());
  const size_t width = static_cast<size_t>(std::max(1LL, p.repeat)) + 1;
  std::vector<char> storage(width * static_cast<size_t>(std::min(chunk, std::max(rows, 1LL))));
  std::vector<char*> pointers(static_cast<size_t>(std::min(chunk, std::max(rows, 1LL))));
  c->strings.reserve(static_cast<size_t>(rows));
  for (long long first = 0; first < rows; first += chunk) {
    const long long n = std::min(chunk, rows - first);
    for (long long i = 0; i < n; ++i) pointers[i] = storage.data() + i * width;
    int status = 0, anynul = 0;
    char empty[] = "";
    fits_read_col_str(F(f), p.fitsColumn, first + 1, 1, n, empty, pointers.data(), &anynul,
                      &status);
    check(f, status, "reading a string column");
    for (long long i = 0; i < n; ++i) {
      QString s = QString::fromUtf8(pointers[i]);
      while (s.endsWith(QLatin1Char(' '))) s.chop(1);
      if (s.isEmpty()) {
        c->appendNull();
      } else {
        c->strings.push_back(std::move(s));
      }
    }
  }
}

void readLogicals(const FitsFile& f, const Pending& p, long long rows, Column* c) {
  std::vector<char> values(static_cast<size_t>(rows)), nulls(static_cast<size_t>(rows));
  int status = 0, anynul = 0;
  if (rows > 0) {
    fits_read_colnull(F(f), TLOGICAL, p.fitsColumn, 1, 1, rows, values.data(), nulls.data(),
                      &anynul, &status);
  }
  check(f, status, "reading a logical column");
  c->booleans.resize(static_cast<size_t>(rows));
  for (size_t i = 0; i < values.size(); ++i) c->booleans[i] = values[i] != 0 ? 1 : 0;
  if (anynul) {
    for (size_t i = 0; i < nulls.size(); ++i) {
      if (nulls[i]) c->setNull(i);
    }
  }
}

// Reads a column with CFITSIO's null checking (TNULLn); returns the null flags (empty: none).
template <typename T>
std::vector<char> readWithNulls(const FitsFile& f, const Pending& p, long long rows, int type,
                                std::vector<T>* values) {
  values->resize(static_cast<size_t>(rows));
  std::vector<char> nulls(static_cast<size_t>(rows));
  const long long chunk = std::max<long long>(1, f.optimalRowChunk());
  bool any = false;
  for (long long first = 0; first < rows; first += chunk) {
    const long long n = std::min(chunk, rows - first);
    int status = 0, anynul = 0;
    fits_read_colnull(F(f), type, p.fitsColumn, first + 1, 1, n, values->data() + first,
                      nulls.data() + first, &anynul, &status);
    check(f, status, "reading a table column");
    any = any || anynul != 0;
  }
  if (!any) nulls.clear();
  return nulls;
}

void markNulls(const std::vector<char>& nulls, Column* c) {
  for (size_t i = 0; i < nulls.size(); ++i) {
    if (nulls[i]) c->setNull(i);
  }
}

// A vector (or variable-length) column: each cell's elements as text, separated by spaces.
void readVectors(const FitsFile& f, const Pending& p, long long rows, Column* c) {
  const bool integer = isIntegerCode(p.eqType);
  const bool complex = p.rawType == TCOMPLEX || p.rawType == TDBLCOMPLEX;
  const bool asFloat = p.eqType == TFLOAT || p.eqType == TCOMPLEX;
  std::vector<double> reals;
  std::vector<long long> ints;
  std::vector<char> bits;
  c->strings.reserve(static_cast<size_t>(rows));
  for (long long r = 1; r <= rows; ++r) {
    int status = 0;
    long long count = p.repeat;
    if (p.variable) {
      LONGLONG length = 0, offset = 0;
      fits_read_descriptll(F(f), p.fitsColumn, r, &length, &offset, &status);
      check(f, status, "reading a variable-length array descriptor");
      count = length;
    }
    QStringList parts;
    if (count > 0) {
      int anynul = 0;
      if (p.rawType == TBIT) {
        bits.resize(static_cast<size_t>(count));
        fits_read_col_bit(F(f), p.fitsColumn, r, 1, count, bits.data(), &status);
        for (char b : bits) parts.append(b ? QStringLiteral("1") : QStringLiteral("0"));
      } else if (p.rawType == TLOGICAL) {
        bits.resize(static_cast<size_t>(count));
        char nul = 0;
        fits_read_col(F(f), TLOGICAL, p.fitsColumn, r, 1, count, &nul, bits.data(), &anynul,
                      &status);
        for (char b : bits) parts.append(b ? QStringLiteral("T") : QStringLiteral("F"));
      } else if (integer) {
        ints.resize(static_cast<size_t>(count));
        fits_read_col(F(f), TLONGLONG, p.fitsColumn, r, 1, count, nullptr, ints.data(), &anynul,
                      &status);
        for (long long v : ints) parts.append(QString::number(v));
      } else {
        reals.resize(static_cast<size_t>(complex ? 2 * count : count));
        fits_read_col(F(f), complex ? TDBLCOMPLEX : TDOUBLE, p.fitsColumn, r, 1, count, nullptr,
                      reals.data(), &anynul, &status);
        for (double v : reals) parts.append(votable::formatReal(v, asFloat));
      }
      check(f, status, "reading a vector column");
    }
    if (parts.isEmpty()) {
      c->appendNull();
    } else {
      c->strings.push_back(parts.join(QLatin1Char(' ')));
    }
  }
}

}  // namespace

namespace {

SourceTable readTable(const QString& path, const FitsTableReadOptions& options) {
  FitsFile f = FitsFile::open(path);
  moveToTable(f, options);
  SourceTable table;
  table.source = path;
  table.name = f.extName();
  const long long rows = f.rowCount();
  const std::vector<fits::ColumnInfo> infos = f.columns();

  std::vector<Pending> pending;
  std::vector<FitsFile::ColumnRequest> batch;
  table.columns.reserve(infos.size());
  for (const fits::ColumnInfo& info : infos) {
    Pending p;
    p.fitsColumn = info.index;
    int status = 0, eq = 0;
    long repeat = 0, width = 0;
    fits_get_eqcoltype(F(f), info.index, &eq, &repeat, &width, &status);
    check(f, status, "reading a column type");
    p.rawType = std::abs(info.typeCode);
    p.eqType = std::abs(eq);
    p.variable = info.typeCode < 0;
    p.repeat = info.repeat;
    p.hasTnull = f.hasKey(QStringLiteral("TNULL%1").arg(info.index));

    ColumnMeta meta;
    meta.name = info.name.isEmpty() ? QStringLiteral("col%1").arg(info.index) : info.name;
    meta.unit = info.unit;
    meta.ucd = f.keyString(QStringLiteral("TUCD%1").arg(info.index)).value_or(QString()).trimmed();
    meta.description =
        f.keyString(QStringLiteral("TCOMM%1").arg(info.index)).value_or(QString()).trimmed();
    if (meta.description.isEmpty()) {
      meta.description = keywordComment(f, QStringLiteral("TTYPE%1").arg(info.index));
    }
    meta.datatype = voDatatype(p.eqType, p.rawType == TLONGLONG ? 8 : 4);

    ColumnKind kind = ColumnKind::String;
    if (p.rawType == TSTRING) {
      meta.arraysize = p.variable ? QStringLiteral("*") : QString::number(p.repeat);
    } else if (p.variable || p.repeat != 1) {
      meta.arraysize = p.variable ? QStringLiteral("*") : QString::number(p.repeat);
    } else if (p.rawType == TLOGICAL || p.rawType == TBIT) {
      kind = ColumnKind::Boolean;
    } else if (isIntegerCode(p.eqType)) {
      kind = ColumnKind::Integer;
    } else if (p.eqType == TFLOAT || p.eqType == TDOUBLE || p.eqType == TULONGLONG) {
      kind = ColumnKind::Real;
      if (p.eqType == TULONGLONG) meta.datatype = QStringLiteral("double");
    } else {
      meta.arraysize = QStringLiteral("1");  // complex scalars: "re im"
    }
    table.columns.emplace_back(std::move(meta), kind);
    pending.push_back(p);
  }

  // Scalar numbers without TNULLn: one pass over the table for all of them.
  for (size_t i = 0; i < table.columns.size(); ++i) {
    Column& c = table.columns[i];
    const Pending& p = pending[i];
    if (p.hasTnull) continue;
    if (c.kind() == ColumnKind::Real) {
      batch.push_back(FitsFile::columnInto<double>(p.fitsColumn, &c.reals));
    } else if (c.kind() == ColumnKind::Integer) {
      batch.push_back(FitsFile::columnInto<int64_t>(p.fitsColumn, &c.integers));
    }
  }
  if (!batch.empty() && rows > 0) f.readColumns(batch);

  for (size_t i = 0; i < table.columns.size(); ++i) {
    Column& c = table.columns[i];
    const Pending& p = pending[i];
    switch (c.kind()) {
      case ColumnKind::Real:
        if (p.hasTnull) {
          markNulls(readWithNulls(f, p, rows, TDOUBLE, &c.reals), &c);
        } else if (rows == 0) {
          c.reals.clear();
        }
        break;
      case ColumnKind::Integer:
        if (p.hasTnull) {
          std::vector<long long> values;
          const std::vector<char> nulls = readWithNulls(f, p, rows, TLONGLONG, &values);
          c.integers.assign(values.begin(), values.end());
          markNulls(nulls, &c);
        } else if (rows == 0) {
          c.integers.clear();
        }
        break;
      case ColumnKind::Boolean:
        if (p.rawType == TBIT) {
          Column text(c.meta, ColumnKind::String);
          readVectors(f, p, rows, &text);
          c.booleans.resize(static_cast<size_t>(rows));
          for (size_t r = 0; r < text.strings.size(); ++r) c.booleans[r] = text.strings[r] == u"1";
        } else {
          readLogicals(f, p, rows, &c);
        }
        break;
      case ColumnKind::String:
        if (p.rawType == TSTRING && !p.variable) {
          readStrings(f, p, rows, &c);
        } else if (p.rawType == TSTRING) {
          Pending longest = p;
          longest.repeat = 1;
          for (long long r = 1; r <= rows; ++r) {
            int status = 0;
            LONGLONG length = 0, offset = 0;
            fits_read_descriptll(F(f), p.fitsColumn, r, &length, &offset, &status);
            check(f, status, "reading a variable-length array descriptor");
            longest.repeat = std::max<long long>(longest.repeat, length);
          }
          readStrings(f, longest, rows, &c);
        } else {
          readVectors(f, p, rows, &c);
        }
        break;
    }
    c.squeezeNullMask();
  }
  table.checkConsistent();
  return table;
}

}  // namespace

SourceTable readFitsTable(const QString& path, const FitsTableReadOptions& options) {
  try {
    return readTable(path, options);
  } catch (const std::bad_alloc&) {
    throw Error(QStringLiteral("%1: not enough memory to read the table").arg(path));
  }
}

}  // namespace xsky::catalog
