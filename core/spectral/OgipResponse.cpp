#include "spectral/OgipResponse.h"

#include <fitsio.h>

#include <algorithm>

#include "fits/FitsFile.h"

namespace xsky::spectral {

namespace {

using fits::FitsFile;

/// Reads the elements of one cell of a column that may be fixed-width or variable-length
/// (TFORM 'PI(2)', '1PE(81)', 'QJ...'). At most `limit` elements are read (all when < 0).
class CellReader {
 public:
  CellReader(const FitsFile& file, int column) : file_(file), column_(column) {
    int status = 0;
    int type = 0;
    long width = 0;
    fits_get_coltype(fptr(), column, &type, &repeat_, &width, &status);
    check(status, "reading a column type");
    variable_ = type < 0;
    if (variable_) {
      LONGLONG pcount = 0;  // heap size in bytes
      fits_read_key_lnglng(fptr(), "PCOUNT", &pcount, nullptr, &status);
      check(status, "reading PCOUNT");
      heapBytes_ = pcount;
    }
  }

  void read(long long row, long limit, std::vector<double>* out) const {
    int status = 0;
    long n = repeat_;
    if (variable_) {
      long offset = 0;
      fits_read_descript(fptr(), column_, row, &n, &offset, &status);
      check(status, "reading a variable-length descriptor");
      // A corrupt descriptor must not make us allocate gigabytes: each element takes a byte or
      // more of the heap (found by tests/fuzz).
      if (n < 0 || offset < 0 || offset + (long long)n > heapBytes_) {
        throw Error(QStringLiteral("%1: row %2 of a response column points outside the heap")
                        .arg(file_.path())
                        .arg(row));
      }
    }
    if (limit >= 0 && limit < n) n = limit;
    out->resize(size_t(n));
    if (n == 0) return;
    int anynul = 0;
    fits_read_col(fptr(), TDOUBLE, column_, row, 1, n, nullptr, out->data(), &anynul, &status);
    check(status, "reading a response matrix cell");
  }

 private:
  fitsfile* fptr() const { return static_cast<fitsfile*>(file_.handle()); }
  void check(int status, const char* doing) const {
    if (status != 0) throw fits::FitsError(file_.path(), status, QString::fromUtf8(doing));
  }
  const FitsFile& file_;
  int column_;
  long repeat_ = 1;
  bool variable_ = false;
  long long heapBytes_ = 0;
};

int requireColumn(const FitsFile& file, const char* name) {
  const int col = file.columnIndex(QString::fromLatin1(name));
  if (col <= 0) {
    throw Error(QStringLiteral("%1: extension %2 has no %3 column")
                    .arg(file.path(), file.extName(), QString::fromLatin1(name)));
  }
  return col;
}

/// The first binary table with HDUCLAS2 = RSP_MATRIX (e.g. EXTNAME 'RSP_MATRIX' in CSC files).
bool moveToMatrixByClass(FitsFile& file) {
  for (int hdu = 2; hdu <= file.hduCount(); ++hdu) {
    file.moveTo(hdu);
    if (file.hduType() != fits::HduType::BinaryTable) continue;
    const auto klass = file.keyString(QStringLiteral("HDUCLAS2")).value_or(QString()).trimmed();
    if (klass.compare(QLatin1String("RSP_MATRIX"), Qt::CaseInsensitive) == 0) return true;
  }
  return false;
}

void readEbounds(FitsFile& file, Rmf* rmf) {
  if (!file.moveToNamed(QStringLiteral("EBOUNDS"))) {
    throw Error(QStringLiteral("%1: no EBOUNDS extension").arg(file.path()));
  }
  rmf->channelEmin = file.readColumn<double>(requireColumn(file, "E_MIN"));
  rmf->channelEmax = file.readColumn<double>(requireColumn(file, "E_MAX"));
}

}  // namespace

Rmf readRmf(const QString& path, QStringList* warnings) {
  FitsFile file = FitsFile::open(path);
  Rmf rmf;
  rmf.path = path;
  if (!file.moveToNamed(QStringLiteral("MATRIX"))) {
    if (file.moveToNamed(QStringLiteral("SPECRESP MATRIX"))) {
      rmf.includesArea = true;
    } else if (!moveToMatrixByClass(file)) {
      throw Error(QStringLiteral("%1: no MATRIX or SPECRESP MATRIX extension").arg(path));
    }
  }
  const auto klass3 = file.keyString(QStringLiteral("HDUCLAS3")).value_or(QString()).trimmed();
  if (klass3.compare(QLatin1String("FULL"), Qt::CaseInsensitive) == 0 ||
      klass3.compare(QLatin1String("SPECRESP MATRIX"), Qt::CaseInsensitive) == 0) {
    rmf.includesArea = true;
  }
  rmf.energyLo = file.readColumn<double>(requireColumn(file, "ENERG_LO"));
  rmf.energyHi = file.readColumn<double>(requireColumn(file, "ENERG_HI"));
  const int nGrpCol = requireColumn(file, "N_GRP");
  const int fChanCol = requireColumn(file, "F_CHAN");
  const int nChanCol = requireColumn(file, "N_CHAN");
  const int matrixCol = requireColumn(file, "MATRIX");
  const auto nGrp = file.readColumn<int32_t>(nGrpCol);
  const auto tlmin = file.keyInt(QStringLiteral("TLMIN%1").arg(fChanCol));
  if (tlmin) {
    rmf.firstChannel = int(*tlmin);
  } else {
    rmf.firstChannel = 0;
    if (warnings) {
      warnings->append(
          QStringLiteral("%1: no TLMIN%2 for F_CHAN; the first channel is assumed to be 0")
              .arg(path)
              .arg(fChanCol));
    }
  }
  rmf.channelCount = int(file.keyInt(QStringLiteral("DETCHANS")).value_or(0));

  const CellReader fChan(file, fChanCol), nChan(file, nChanCol), matrix(file, matrixCol);
  std::vector<double> f, c, m;
  const long long rows = file.rowCount();
  rmf.runStart.reserve(size_t(rows) + 1);
  for (long long row = 1; row <= rows; ++row) {
    rmf.runStart.push_back(int(rmf.runs.size()));
    const long groups = nGrp[size_t(row - 1)];
    if (groups <= 0) continue;
    fChan.read(row, groups, &f);
    nChan.read(row, groups, &c);
    if (f.size() != c.size()) {
      throw Error(QStringLiteral("%1: matrix row %2 has %3 F_CHAN but %4 N_CHAN values")
                      .arg(path)
                      .arg(row)
                      .arg(f.size())
                      .arg(c.size()));
    }
    long total = 0;
    for (const double n : c) total += n > 0 ? long(std::min(n, 1e12)) : 0;  // no overflow
    matrix.read(row, -1, &m);
    if (long(m.size()) < total) {
      throw Error(QStringLiteral("%1: matrix row %2 holds %3 values, its groups need %4")
                      .arg(path)
                      .arg(row)
                      .arg(m.size())
                      .arg(total));
    }
    // A fixed-width MATRIX column holding the full channel range: values are indexed by channel.
    const bool fullRow = long(m.size()) == rmf.channelCount && total < long(m.size()) && groups > 0;
    long used = 0;
    for (size_t g = 0; g < f.size(); ++g) {
      Rmf::Run run;
      if (!(c[g] >= 1)) continue;
      // Every group must lie inside its row's values (checked in 64 bits: found by tests/fuzz).
      const double first = f[g] - double(rmf.firstChannel);
      const long from = fullRow ? long(std::clamp(first, -1.0, 1e12)) : used;
      if (!(first >= 0 && first < 1e9) || from < 0 || double(from) + c[g] > double(m.size())) {
        throw Error(QStringLiteral("%1: matrix row %2: group %3 (F_CHAN %4, N_CHAN %5) reaches "
                                   "outside the row's %6 values")
                        .arg(path)
                        .arg(row)
                        .arg(g + 1)
                        .arg(f[g])
                        .arg(c[g])
                        .arg(m.size()));
      }
      run.firstChannel = int(first);
      run.count = int(c[g]);
      run.valueOffset = int(rmf.values.size());
      rmf.values.insert(rmf.values.end(), m.begin() + from, m.begin() + from + run.count);
      used += run.count;
      rmf.runs.push_back(run);
    }
  }
  rmf.runStart.push_back(int(rmf.runs.size()));
  readEbounds(file, &rmf);
  if (rmf.channelCount <= 0) rmf.channelCount = int(rmf.channelEmin.size());
  for (const auto& run : rmf.runs) {
    if (run.firstChannel < 0 || qint64(run.firstChannel) + run.count > rmf.channelCount) {
      throw Error(QStringLiteral("%1: a matrix group reaches outside channels %2..%3")
                      .arg(path)
                      .arg(rmf.firstChannel)
                      .arg(qint64(rmf.firstChannel) + rmf.channelCount - 1));
    }
  }
  return rmf;
}

Arf readArf(const QString& path, QStringList* warnings) {
  Q_UNUSED(warnings);
  FitsFile file = FitsFile::open(path);
  if (!file.moveToNamed(QStringLiteral("SPECRESP"))) {
    throw Error(QStringLiteral("%1: no SPECRESP extension").arg(path));
  }
  Arf arf;
  arf.path = path;
  arf.energyLo = file.readColumn<double>(requireColumn(file, "ENERG_LO"));
  arf.energyHi = file.readColumn<double>(requireColumn(file, "ENERG_HI"));
  arf.area = file.readColumn<double>(requireColumn(file, "SPECRESP"));
  return arf;
}

}  // namespace xsky::spectral
