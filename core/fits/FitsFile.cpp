#include "fits/FitsFile.h"

#include "fits/DirectRead.h"
#include "fits/TableReader.h"

#include <fitsio.h>

#include <QFile>

#include <cstring>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace xsky::fits {

namespace {

fitsfile* F(void* p) { return static_cast<fitsfile*>(p); }

QString statusText(int status) {
  switch (status) {
    case FILE_NOT_OPENED:
      return QStringLiteral("cannot open the file (missing or unreadable)");
    case UNKNOWN_REC:
    case NO_SIMPLE:
    case BAD_SIMPLE:
      return QStringLiteral("not a FITS file");
    case END_OF_FILE:
    case READ_ERROR:
      return QStringLiteral("the file is truncated (it ends before the data its header declares)");
    case KEY_NO_EXIST:
      return QStringLiteral("a required keyword is missing");
    default:
      break;
  }
  char text[FLEN_STATUS] = {0};
  fits_get_errstatus(status, text);
  return QString::fromLatin1(text);
}

template <typename T>
constexpr int typeCodeOf() {
  if constexpr (std::is_same_v<T, double>) return TDOUBLE;
  if constexpr (std::is_same_v<T, float>) return TFLOAT;
  if constexpr (std::is_same_v<T, int32_t>) return TINT;
  if constexpr (std::is_same_v<T, int16_t>) return TSHORT;
  if constexpr (std::is_same_v<T, uint8_t>) return TBYTE;
  if constexpr (std::is_same_v<T, int64_t>) return TLONGLONG;
}

}  // namespace

FitsError::FitsError(const QString& path, int status, const QString& doing)
    : Error(QStringLiteral("%1: %2 (%3)").arg(path, statusText(status), doing)),
      status_(status) {}

FitsFile FitsFile::open(const QString& path, Mode mode) {
  int status = 0;
  fitsfile* fptr = nullptr;
  const QByteArray name = QFile::encodeName(path);
  fits_open_file(&fptr, name.constData(), mode == Mode::ReadOnly ? READONLY : READWRITE, &status);
  if (status != 0) {
    fits_clear_errmsg();
    throw FitsError(path, status, QStringLiteral("opening"));
  }
  FitsFile file(fptr, path);
  // Walk every header once so that a truncated or corrupt file fails here, with a clear message,
  // rather than later in the middle of an operation.
  int count = 0;
  fits_get_num_hdus(fptr, &count, &status);
  int type = 0;
  for (int hdu = 1; hdu <= count && status == 0; ++hdu) fits_movabs_hdu(fptr, hdu, &type, &status);
  if (status == 0) fits_movabs_hdu(fptr, 1, &type, &status);
  file.check(status, "reading the headers");
  return file;
}

FitsFile FitsFile::create(const QString& path) {
  int status = 0;
  fitsfile* fptr = nullptr;
  const QByteArray name = "!" + QFile::encodeName(path);  // '!' replaces an existing file
  fits_create_file(&fptr, name.constData(), &status);
  if (status != 0) {
    fits_clear_errmsg();
    throw FitsError(path, status, QStringLiteral("creating"));
  }
  return FitsFile(fptr, path);
}

FitsFile::FitsFile(FitsFile&& other) noexcept
    : fptr_(std::exchange(other.fptr_, nullptr)), path_(std::move(other.path_)) {}

FitsFile& FitsFile::operator=(FitsFile&& other) noexcept {
  if (this != &other) {
    std::swap(fptr_, other.fptr_);
    std::swap(path_, other.path_);
  }
  return *this;
}

FitsFile::~FitsFile() {
  if (fptr_ != nullptr) {
    int status = 0;
    fits_close_file(F(fptr_), &status);
    fits_clear_errmsg();
  }
}

void FitsFile::check(int status, const char* doing) const {
  if (status != 0) {
    fits_clear_errmsg();
    throw FitsError(path_, status, QString::fromLatin1(doing));
  }
}

int FitsFile::hduCount() const {
  int status = 0, count = 0;
  fits_get_num_hdus(F(fptr_), &count, &status);
  check(status, "counting HDUs");
  return count;
}

void FitsFile::moveTo(int hdu) {
  int status = 0, type = 0;
  fits_movabs_hdu(F(fptr_), hdu, &type, &status);
  check(status, "moving to an HDU");
}

bool FitsFile::moveToNamed(const QString& extname) {
  const int here = currentHdu();
  const int count = hduCount();
  for (int hdu = 1; hdu <= count; ++hdu) {
    moveTo(hdu);
    if (extName().compare(extname, Qt::CaseInsensitive) == 0) return true;
  }
  moveTo(here);
  return false;
}

int FitsFile::currentHdu() const {
  int hdu = 0;
  fits_get_hdu_num(F(fptr_), &hdu);
  return hdu;
}

HduType FitsFile::hduType() const {
  int status = 0, type = 0;
  fits_get_hdu_type(F(fptr_), &type, &status);
  check(status, "reading the HDU type");
  if (type == ASCII_TBL) return HduType::AsciiTable;
  if (type == BINARY_TBL) return HduType::BinaryTable;
  return HduType::Image;
}

QString FitsFile::extName() const {
  if (auto name = keyString(QStringLiteral("EXTNAME"))) return name->trimmed();
  return currentHdu() == 1 ? QStringLiteral("PRIMARY") : QString();
}

bool FitsFile::hasKey(const QString& name) const {
  int status = 0;
  char card[FLEN_CARD] = {0};
  fits_read_card(F(fptr_), name.toLatin1().constData(), card, &status);
  fits_clear_errmsg();
  return status == 0;
}

std::optional<QString> FitsFile::keyString(const QString& name) const {
  int status = 0;
  char* value = nullptr;
  fits_read_key_longstr(F(fptr_), name.toLatin1().constData(), &value, nullptr, &status);
  if (status != 0) {
    fits_clear_errmsg();
    return std::nullopt;
  }
  QString result = QString::fromLatin1(value);
  fits_free_memory(value, &status);
  return result;
}

std::optional<double> FitsFile::keyDouble(const QString& name) const {
  int status = 0;
  double value = 0;
  fits_read_key(F(fptr_), TDOUBLE, name.toLatin1().constData(), &value, nullptr, &status);
  if (status != 0) {
    fits_clear_errmsg();
    return std::nullopt;
  }
  return value;
}

std::optional<long long> FitsFile::keyInt(const QString& name) const {
  int status = 0;
  LONGLONG value = 0;
  fits_read_key(F(fptr_), TLONGLONG, name.toLatin1().constData(), &value, nullptr, &status);
  if (status != 0) {
    fits_clear_errmsg();
    return std::nullopt;
  }
  return static_cast<long long>(value);
}

std::optional<bool> FitsFile::keyBool(const QString& name) const {
  int status = 0;
  int value = 0;
  fits_read_key(F(fptr_), TLOGICAL, name.toLatin1().constData(), &value, nullptr, &status);
  if (status != 0) {
    fits_clear_errmsg();
    return std::nullopt;
  }
  return value != 0;
}

std::optional<QString> FitsFile::keyRawValue(const QString& name) const {
  int status = 0;
  char value[FLEN_VALUE] = {0};
  fits_read_keyword(F(fptr_), name.toLatin1().constData(), value, nullptr, &status);
  if (status != 0) {
    fits_clear_errmsg();
    return std::nullopt;
  }
  return QString::fromLatin1(value).trimmed();
}

QByteArray FitsFile::headerCards(int* nCards) const {
  int status = 0, n = 0;
  char* header = nullptr;
  fits_hdr2str(F(fptr_), 0, nullptr, 0, &header, &n, &status);
  check(status, "reading the header");
  QByteArray cards(header, static_cast<qsizetype>(n) * 80);
  fits_free_memory(header, &status);
  if (nCards != nullptr) *nCards = n;
  return cards;
}

std::vector<long> FitsFile::imageShape() const {
  if (hduType() != HduType::Image) return {};
  int status = 0, naxis = 0;
  fits_get_img_dim(F(fptr_), &naxis, &status);
  check(status, "reading NAXIS");
  std::vector<long> shape(static_cast<size_t>(naxis));
  if (naxis > 0) fits_get_img_size(F(fptr_), naxis, shape.data(), &status);
  check(status, "reading NAXISn");
  return shape;
}

FloatBuffer FitsFile::readImagePlane(long plane, const std::function<void(int, const float*, size_t)>& onBlock) const {
  const std::vector<long> shape = imageShape();
  if (shape.size() < 2) throw Error(path_ + QStringLiteral(": HDU %1 is not a 2-D image").arg(currentHdu()));
  long planes = 1;
  for (size_t i = 2; i < shape.size(); ++i) planes *= shape[i];
  if (plane < 0 || plane >= planes) {
    throw Error(path_ + QStringLiteral(": plane %1 does not exist (the cube has %2)").arg(plane).arg(planes));
  }
  const long long n = static_cast<long long>(shape[0]) * shape[1];
  FloatBuffer pixels;
  pixels.reserve(static_cast<size_t>(n));
  adviseHugePages(pixels.data(), static_cast<size_t>(n) * sizeof(float));
  pixels.resize(static_cast<size_t>(n));
  int status = 0, anynul = 0;
  // Fast lane: unscaled float32 in a plain file (not compressed, not gzipped) is read directly.
  int bitpix = 0, equivalent = 0;
  char urlType[FLEN_FILENAME] = {0};
  LONGLONG headStart = 0, dataStart = 0, dataEnd = 0;
  fits_get_img_type(F(fptr_), &bitpix, &status);
  fits_get_img_equivtype(F(fptr_), &equivalent, &status);
  fits_url_type(F(fptr_), urlType, &status);
  fits_get_hduaddrll(F(fptr_), &headStart, &dataStart, &dataEnd, &status);
  if (status == 0 && bitpix == FLOAT_IMG && equivalent == FLOAT_IMG && std::strcmp(urlType, "file://") == 0 &&
      !fits_is_compressed_image(F(fptr_), &status) && status == 0 &&
      readBigEndian32(path_, dataStart + plane * n * 4, static_cast<size_t>(n),
                      reinterpret_cast<uint32_t*>(pixels.data()),
                      [&](int part, const uint32_t* block, size_t count) {
                        if (onBlock) onBlock(part, reinterpret_cast<const float*>(block), count);
                      })) {
    return pixels;
  }
  status = 0;
  float nulval = std::numeric_limits<float>::quiet_NaN();
  fits_read_img(F(fptr_), TFLOAT, 1 + plane * n, n, &nulval, pixels.data(), &anynul, &status);
  check(status, "reading the image");
  if (onBlock) onBlock(0, pixels.data(), pixels.size());
  return pixels;
}

long long FitsFile::rowCount() const {
  int status = 0;
  LONGLONG rows = 0;
  fits_get_num_rowsll(F(fptr_), &rows, &status);
  check(status, "reading NAXIS2");
  return rows;
}

std::vector<ColumnInfo> FitsFile::columns() const {
  int status = 0, ncols = 0;
  fits_get_num_cols(F(fptr_), &ncols, &status);
  check(status, "reading TFIELDS");
  std::vector<ColumnInfo> result;
  for (int c = 1; c <= ncols; ++c) {
    ColumnInfo info;
    info.index = c;
    info.name = keyString(QStringLiteral("TTYPE%1").arg(c)).value_or(QString()).trimmed();
    info.unit = keyString(QStringLiteral("TUNIT%1").arg(c)).value_or(QString()).trimmed();
    info.format = keyString(QStringLiteral("TFORM%1").arg(c)).value_or(QString()).trimmed();
    int type = 0;
    long repeat = 0, width = 0;
    fits_get_coltype(F(fptr_), c, &type, &repeat, &width, &status);
    check(status, "reading a column type");
    info.typeCode = type;
    info.repeat = repeat;
    result.push_back(info);
  }
  return result;
}

int FitsFile::columnIndex(const QString& name) const {
  for (const ColumnInfo& c : columns()) {
    if (c.name.compare(name, Qt::CaseInsensitive) == 0) return c.index;
  }
  return 0;
}

long FitsFile::optimalRowChunk() const {
  int status = 0;
  long rows = 0;
  fits_get_rowsize(F(fptr_), &rows, &status);
  check(status, "asking the optimal row chunk");
  return std::max(1L, rows);
}

template <typename T>
std::vector<T> FitsFile::readColumn(int column) const {
  const long long rows = rowCount();
  std::vector<T> values(static_cast<size_t>(rows));
  const long long chunk = optimalRowChunk();
  int status = 0;
  for (long long first = 0; first < rows && status == 0; first += chunk) {
    const long long n = std::min(chunk, rows - first);
    fits_read_col(F(fptr_), typeCodeOf<T>(), column, first + 1, 1, n, nullptr, values.data() + first,
                  nullptr, &status);
  }
  check(status, "reading a table column");
  return values;
}

template <typename T>
FitsFile::ColumnRequest FitsFile::columnInto(int column, std::vector<T>* out) {
  ColumnRequest r;
  r.column = column;
  r.type = typeCodeOf<T>();
  r.prepare = [out](size_t rows) -> void* {
    out->resize(rows);
    return out->data();
  };
  r.readOneByOne = [out, column](const FitsFile& f) { *out = f.readColumn<T>(column); };
  return r;
}

void FitsFile::readColumns(const std::vector<ColumnRequest>& requests) const {
  int status = 0;
  char urlType[FLEN_FILENAME] = {0};
  fits_url_type(F(fptr_), urlType, &status);
  LONGLONG headStart = 0, dataStart = 0, dataEnd = 0;
  fits_get_hduaddrll(F(fptr_), &headStart, &dataStart, &dataEnd, &status);
  int hduType = 0;
  fits_get_hdu_type(F(fptr_), &hduType, &status);
  const long long rows = rowCount();
  bool direct = status == 0 && hduType == BINARY_TBL && std::strcmp(urlType, "file://") == 0;
  const FITSfile* shared = F(fptr_)->Fptr;
  std::vector<DirectColumn> columns;
  for (const ColumnRequest& r : requests) {
    if (!direct) break;
    if (r.column < 1 || r.column > shared->tfield) {
      direct = false;
      break;
    }
    const tcolumn& c = shared->tableptr[r.column - 1];
    if (c.trepeat != 1 || c.tscale != 1.0 || c.tzero != 0.0 || !directTypeSupported(c.tdatatype)) {
      direct = false;
      break;
    }
    columns.push_back({c.tbcol, c.tdatatype, r.type, nullptr});
  }
  if (direct) {
    for (size_t i = 0; i < requests.size(); ++i) columns[i].out = requests[i].prepare(static_cast<size_t>(rows));
    if (readColumnsDirect(path_, dataStart, shared->rowlength, rows, columns)) return;
  }
  for (const ColumnRequest& r : requests) r.readOneByOne(*this);
}

template FitsFile::ColumnRequest FitsFile::columnInto<double>(int, std::vector<double>*);
template FitsFile::ColumnRequest FitsFile::columnInto<float>(int, std::vector<float>*);
template FitsFile::ColumnRequest FitsFile::columnInto<int32_t>(int, std::vector<int32_t>*);
template FitsFile::ColumnRequest FitsFile::columnInto<int16_t>(int, std::vector<int16_t>*);
template FitsFile::ColumnRequest FitsFile::columnInto<uint8_t>(int, std::vector<uint8_t>*);
template FitsFile::ColumnRequest FitsFile::columnInto<int64_t>(int, std::vector<int64_t>*);

void FitsFile::writeKey(const QString& name, const QString& value, const QString& comment) {
  int status = 0;
  fits_update_key_longstr(F(fptr_), name.toLatin1().constData(), value.toLatin1().constData(),
                          comment.isEmpty() ? nullptr : comment.toLatin1().constData(), &status);
  check(status, "writing a keyword");
}

void FitsFile::writeKey(const QString& name, double value, const QString& comment) {
  int status = 0;
  fits_update_key_dbl(F(fptr_), name.toLatin1().constData(), value, -15,
                      comment.isEmpty() ? nullptr : comment.toLatin1().constData(), &status);
  check(status, "writing a keyword");
}

void FitsFile::writeKey(const QString& name, long long value, const QString& comment) {
  int status = 0;
  LONGLONG v = value;
  fits_update_key(F(fptr_), TLONGLONG, name.toLatin1().constData(), &v,
                  comment.isEmpty() ? nullptr : comment.toLatin1().constData(), &status);
  check(status, "writing a keyword");
}

void FitsFile::writeBoolKey(const QString& name, bool value, const QString& comment) {
  int status = 0;
  int v = value ? 1 : 0;
  fits_update_key(F(fptr_), TLOGICAL, name.toLatin1().constData(), &v,
                  comment.isEmpty() ? nullptr : comment.toLatin1().constData(), &status);
  check(status, "writing a keyword");
}

void FitsFile::writeComment(const QString& text) {
  int status = 0;
  fits_write_comment(F(fptr_), text.toLatin1().constData(), &status);
  check(status, "writing a comment");
}

void FitsFile::writeDate(const QString& iso) {
  if (!iso.isEmpty()) {
    writeKey(QStringLiteral("DATE"), iso, QStringLiteral("file creation date (YYYY-MM-DDThh:mm:ss UT)"));
    return;
  }
  int status = 0;
  fits_write_date(F(fptr_), &status);
  check(status, "writing DATE");
}

void FitsFile::createImage(int bitpix, const std::vector<long>& shape) {
  int status = 0;
  std::vector<long> axes = shape;
  fits_create_img(F(fptr_), bitpix, static_cast<int>(axes.size()), axes.data(), &status);
  check(status, "creating an image HDU");
}

void FitsFile::writeImage(std::span<const float> pixels) {
  int status = 0;
  fits_write_img(F(fptr_), TFLOAT, 1, static_cast<LONGLONG>(pixels.size()),
                 const_cast<float*>(pixels.data()), &status);
  check(status, "writing the image");
}

void FitsFile::createTable(const QString& extname, const QStringList& names,
                           const QStringList& formats, const QStringList& units, long long rows) {
  std::vector<QByteArray> storage;
  std::vector<char*> ttype, tform, tunit;
  auto keep = [&storage](const QString& s) {
    storage.push_back(s.toLatin1());
    return storage.back().data();
  };
  storage.reserve(static_cast<size_t>(names.size() * 3 + 1));
  for (qsizetype i = 0; i < names.size(); ++i) {
    ttype.push_back(keep(names[i]));
    tform.push_back(keep(formats.value(i)));
    tunit.push_back(keep(units.value(i)));
  }
  int status = 0;
  fits_create_tbl(F(fptr_), BINARY_TBL, rows, static_cast<int>(names.size()), ttype.data(),
                  tform.data(), tunit.data(), keep(extname), &status);
  check(status, "creating a binary table");
}

template <typename T>
void FitsFile::writeColumn(int column, const std::vector<T>& values, long long firstRow) {
  int status = 0;
  fits_write_col(F(fptr_), typeCodeOf<T>(), column, firstRow, 1, static_cast<LONGLONG>(values.size()),
                 const_cast<T*>(values.data()), &status);
  check(status, "writing a table column");
}

void FitsFile::writeChecksum() {
  int status = 0;
  if (!hasKey(QStringLiteral("CHECKSUM"))) {
    // CFITSIO stamps "updated <now>" into the comment of a keyword it creates or changes; with
    // both present and DATASUM already right, it changes CHECKSUM's value only.
    unsigned long dataSum = 0, hduSum = 0;
    fits_get_chksum(F(fptr_), &dataSum, &hduSum, &status);
    const QByteArray data = QByteArray::number(static_cast<qulonglong>(dataSum));
    fits_write_key_str(F(fptr_), "CHECKSUM", "0000000000000000", "HDU checksum", &status);
    fits_write_key_str(F(fptr_), "DATASUM", data.constData(), "data unit checksum", &status);
    check(status, "writing the checksum");
  }
  fits_write_chksum(F(fptr_), &status);
  check(status, "writing the checksum");
}

template std::vector<double> FitsFile::readColumn<double>(int) const;
template std::vector<float> FitsFile::readColumn<float>(int) const;
template std::vector<int32_t> FitsFile::readColumn<int32_t>(int) const;
template std::vector<int16_t> FitsFile::readColumn<int16_t>(int) const;
template std::vector<uint8_t> FitsFile::readColumn<uint8_t>(int) const;
template std::vector<int64_t> FitsFile::readColumn<int64_t>(int) const;
template void FitsFile::writeColumn<double>(int, const std::vector<double>&, long long);
template void FitsFile::writeColumn<float>(int, const std::vector<float>&, long long);
template void FitsFile::writeColumn<int32_t>(int, const std::vector<int32_t>&, long long);
template void FitsFile::writeColumn<int16_t>(int, const std::vector<int16_t>&, long long);
template void FitsFile::writeColumn<uint8_t>(int, const std::vector<uint8_t>&, long long);
template void FitsFile::writeColumn<int64_t>(int, const std::vector<int64_t>&, long long);

}  // namespace xsky::fits
