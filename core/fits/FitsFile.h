#pragma once
// RAII access to one FITS file through CFITSIO: HDU navigation, header keywords, image planes and
// table columns read in chunks of fits_get_rowsize rows. Not thread-safe: one FitsFile per thread.
// gzip-compressed files open transparently (CFITSIO decompresses into memory).

#include <cstdint>
#include <optional>
#include <functional>
#include <span>
#include <vector>

#include <QString>
#include <QStringList>

#include "fits/FitsError.h"
#include "util/DefaultInitAllocator.h"

namespace xsky::fits {

enum class HduType { Image, AsciiTable, BinaryTable };

/// One table column as the header declares it. index is 1-based (CFITSIO's numbering).
struct ColumnInfo {
  int index = 0;
  QString name;
  QString unit;
  QString format;     // TFORMn as written
  int typeCode = 0;   // CFITSIO type code (TINT, TDOUBLE, ...)
  long repeat = 1;    // elements per row
};

class FitsFile {
 public:
  enum class Mode { ReadOnly, ReadWrite };

  /// Opens an existing file (plain or gzip); throws FitsError with a clear message when it is
  /// missing, not FITS, or truncated.
  static FitsFile open(const QString& path, Mode mode = Mode::ReadOnly);
  /// Creates a new file, replacing any file of that name.
  static FitsFile create(const QString& path);

  FitsFile(FitsFile&& other) noexcept;
  FitsFile& operator=(FitsFile&& other) noexcept;
  FitsFile(const FitsFile&) = delete;
  FitsFile& operator=(const FitsFile&) = delete;
  ~FitsFile();

  const QString& path() const { return path_; }
  /// CFITSIO's fitsfile* (as void* so this header needs no fitsio.h): static_cast it.
  void* handle() const { return fptr_; }

  // --- HDUs (1-based; HDU 1 is the primary array) ---
  int hduCount() const;
  void moveTo(int hdu);
  /// Moves to the HDU with this EXTNAME (case-insensitive); false, and position unchanged, if none.
  bool moveToNamed(const QString& extname);
  int currentHdu() const;
  HduType hduType() const;
  QString extName() const;  // EXTNAME, or "PRIMARY" for HDU 1 without one

  // --- keywords of the current HDU ---
  bool hasKey(const QString& name) const;
  std::optional<QString> keyString(const QString& name) const;
  std::optional<double> keyDouble(const QString& name) const;
  std::optional<long long> keyInt(const QString& name) const;
  std::optional<bool> keyBool(const QString& name) const;
  /// The value field exactly as written (strings keep their quotes), or nullopt when absent.
  std::optional<QString> keyRawValue(const QString& name) const;
  /// The whole header as one string of 80-character cards (for WCSLIB's header parsers).
  QByteArray headerCards(int* nCards) const;

  // --- images ---
  /// NAXISn of the current image HDU, fastest axis first; empty when it holds no data.
  std::vector<long> imageShape() const;
  /// Plane `plane` (0-based) of a 2-D or 3-D image as floats, BSCALE/BZERO applied, blanks -> NaN.
  /// `onBlock(part, block, n)` (optional) sees every value once, in blocks, as they arrive; two
  /// parts (0 and 1) may run concurrently, blocks of one part never do.
  FloatBuffer readImagePlane(long plane = 0,
                             const std::function<void(int, const float*, size_t)>& onBlock = {}) const;

  // --- tables ---
  long long rowCount() const;
  std::vector<ColumnInfo> columns() const;
  /// 1-based index of the column with this name (case-insensitive), 0 when absent.
  int columnIndex(const QString& name) const;
  /// Rows CFITSIO reads most efficiently at once (fits_get_rowsize).
  long optimalRowChunk() const;
  /// Reads all rows of one scalar column, converting to T, in chunks of optimalRowChunk().
  template <typename T>
  std::vector<T> readColumn(int column) const;
  /// Several scalar columns in one pass over the table (plain files with unscaled numeric
  /// columns: fits/TableReader.h; anything else: readColumn for each).
  struct ColumnRequest {
    int column = 0;  // 1-based
    int type = 0;    // CFITSIO code of the output element type
    std::function<void*(size_t rows)> prepare;         // sizes the output, returns its data
    std::function<void(const FitsFile&)> readOneByOne;  // the CFITSIO way
  };
  template <typename T>
  static ColumnRequest columnInto(int column, std::vector<T>* out);
  void readColumns(const std::vector<ColumnRequest>& requests) const;

  // --- writing (used by the simulator and the product writers) ---
  void writeKey(const QString& name, const QString& value, const QString& comment = {});
  void writeKey(const QString& name, const char* value, const QString& comment = {}) {
    writeKey(name, QString::fromUtf8(value), comment);
  }
  void writeKey(const QString& name, double value, const QString& comment = {});
  void writeKey(const QString& name, long long value, const QString& comment = {});
  void writeKey(const QString& name, int value, const QString& comment = {}) {
    writeKey(name, static_cast<long long>(value), comment);
  }
  void writeBoolKey(const QString& name, bool value, const QString& comment = {});
  void writeComment(const QString& text);
  /// DATE = `iso` (UTC "yyyy-MM-ddThh:mm:ss"), or the current time when empty.
  void writeDate(const QString& iso = {});
  /// Appends an empty primary array (when the file is new) or image extension.
  void createImage(int bitpix, const std::vector<long>& shape);
  void writeImage(std::span<const float> pixels);
  /// Appends a binary table with these column names, TFORMs and units, and `rows` rows.
  void createTable(const QString& extname, const QStringList& names, const QStringList& formats,
                   const QStringList& units, long long rows = 0);
  template <typename T>
  void writeColumn(int column, const std::vector<T>& values, long long firstRow = 1);
  /// Writes the checksum keywords of the current HDU.
  /// CHECKSUM and DATASUM of the current HDU. Their comments are fixed text (not CFITSIO's
  /// "updated <now>"), so a file written twice with the same content has the same bytes.
  void writeChecksum();

 private:
  FitsFile(void* fptr, QString path) : fptr_(fptr), path_(std::move(path)) {}
  void check(int status, const char* doing) const;

  void* fptr_ = nullptr;  // fitsfile*
  QString path_;
};

extern template FitsFile::ColumnRequest FitsFile::columnInto<double>(int, std::vector<double>*);
extern template FitsFile::ColumnRequest FitsFile::columnInto<float>(int, std::vector<float>*);
extern template FitsFile::ColumnRequest FitsFile::columnInto<int32_t>(int, std::vector<int32_t>*);
extern template FitsFile::ColumnRequest FitsFile::columnInto<int16_t>(int, std::vector<int16_t>*);
extern template FitsFile::ColumnRequest FitsFile::columnInto<uint8_t>(int, std::vector<uint8_t>*);
extern template FitsFile::ColumnRequest FitsFile::columnInto<int64_t>(int, std::vector<int64_t>*);
extern template std::vector<double> FitsFile::readColumn<double>(int) const;
extern template std::vector<float> FitsFile::readColumn<float>(int) const;
extern template std::vector<int32_t> FitsFile::readColumn<int32_t>(int) const;
extern template std::vector<int16_t> FitsFile::readColumn<int16_t>(int) const;
extern template std::vector<uint8_t> FitsFile::readColumn<uint8_t>(int) const;
extern template std::vector<int64_t> FitsFile::readColumn<int64_t>(int) const;
extern template void FitsFile::writeColumn<double>(int, const std::vector<double>&, long long);
extern template void FitsFile::writeColumn<float>(int, const std::vector<float>&, long long);
extern template void FitsFile::writeColumn<int32_t>(int, const std::vector<int32_t>&, long long);
extern template void FitsFile::writeColumn<int16_t>(int, const std::vector<int16_t>&, long long);
extern template void FitsFile::writeColumn<uint8_t>(int, const std::vector<uint8_t>&, long long);
extern template void FitsFile::writeColumn<int64_t>(int, const std::vector<int64_t>&, long long);

}  // namespace xsky::fits
