#include "products/ResponseWriter.h"

#include <algorithm>
#include <cstdint>

#include <fitsio.h>

#include "fits/FitsFile.h"

namespace xsky::products {

namespace {

void checkGrid(const QString& path, const EnergyGrid& g) {
  if (g.lo.empty() || g.lo.size() != g.hi.size()) {
    throw Error(path + QStringLiteral(": the energy grid is empty or its LO/HI sizes differ"));
  }
  for (size_t i = 0; i < g.lo.size(); ++i) {
    if (!(g.lo[i] >= 0 && g.hi[i] > g.lo[i]) || (i > 0 && g.lo[i] < g.hi[i - 1])) {
      throw Error(path + QStringLiteral(": energy bin %1 is not increasing and positive").arg(i));
    }
  }
}

void checkMatrix(const QString& path, const RedistributionMatrix& m) {
  checkGrid(path, m.energies);
  const ChannelGrid& c = m.channels;
  if (c.eMin.empty() || c.eMin.size() != c.eMax.size()) {
    throw Error(path +
                QStringLiteral(": the channel grid is empty or its E_MIN/E_MAX sizes differ"));
  }
  if (m.rows.size() != m.energies.lo.size()) {
    throw Error(path + QStringLiteral(": %1 matrix rows for %2 energy bins")
                           .arg(m.rows.size())
                           .arg(m.energies.lo.size()));
  }
  const int first = c.firstChannel, last = c.firstChannel + c.size() - 1;
  for (size_t i = 0; i < m.rows.size(); ++i) {
    const ResponseRow& r = m.rows[i];
    size_t total = 0;
    if (r.firstChannel.size() != r.channelCount.size()) {
      throw Error(path + QStringLiteral(": row %1 has mismatched F_CHAN and N_CHAN").arg(i));
    }
    for (size_t g = 0; g < r.firstChannel.size(); ++g) {
      if (r.channelCount[g] <= 0 || r.firstChannel[g] < first ||
          r.firstChannel[g] + r.channelCount[g] - 1 > last) {
        throw Error(path + QStringLiteral(": row %1 has a group outside channels %2-%3")
                               .arg(i)
                               .arg(first)
                               .arg(last));
      }
      total += static_cast<size_t>(r.channelCount[g]);
    }
    if (total != r.values.size()) {
      throw Error(path + QStringLiteral(": row %1 has %2 values for %3 channels")
                             .arg(i)
                             .arg(r.values.size())
                             .arg(total));
    }
  }
}

void writeCommonKeys(fits::FitsFile& f, const ResponseHeader& h) {
  f.writeKey(QStringLiteral("TELESCOP"), h.telescope, QStringLiteral("mission or telescope name"));
  f.writeKey(QStringLiteral("INSTRUME"), h.instrument, QStringLiteral("instrument name"));
  if (!h.detectorName.isEmpty()) {
    f.writeKey(QStringLiteral("DETNAM"), h.detectorName, QStringLiteral("detector name"));
  }
  f.writeKey(QStringLiteral("FILTER"), h.filter, QStringLiteral("filter name"));
  f.writeKey(QStringLiteral("HDUCLASS"), "OGIP",
             QStringLiteral("format conforms to OGIP standard"));
  f.writeKey(QStringLiteral("HDUCLAS1"), "RESPONSE",
             QStringLiteral("dataset relates to spectral response"));
}

void createPrimary(fits::FitsFile& f, const ResponseHeader& h) {
  f.createImage(8, {});
  f.writeKey(QStringLiteral("TELESCOP"), h.telescope, QStringLiteral("mission or telescope name"));
  f.writeKey(QStringLiteral("INSTRUME"), h.instrument, QStringLiteral("instrument name"));
  if (!h.creator.isEmpty()) {
    f.writeKey(QStringLiteral("CREATOR"), h.creator, QStringLiteral("program that wrote the file"));
  }
}

// Flushes with a status check, so that a failed write is reported rather than lost in the
// destructor's close.
void flush(fits::FitsFile& f) {
  int status = 0;
  fits_flush_file(static_cast<fitsfile*>(f.handle()), &status);
  if (status != 0) {
    fits_clear_errmsg();
    throw fits::FitsError(f.path(), status, QStringLiteral("flushing the file"));
  }
}

}  // namespace

ResponseRow ResponseRow::fromDense(const std::vector<double>& p, int firstChannel,
                                   double threshold) {
  ResponseRow row;
  const int n = static_cast<int>(p.size());
  for (int i = 0; i < n;) {
    if (!(p[static_cast<size_t>(i)] > threshold)) {
      ++i;
      continue;
    }
    int j = i;
    while (j < n && p[static_cast<size_t>(j)] > threshold) {
      row.values.push_back(static_cast<float>(p[static_cast<size_t>(j)]));
      ++j;
    }
    row.firstChannel.push_back(firstChannel + i);
    row.channelCount.push_back(j - i);
    i = j;
  }
  return row;
}

double ResponseRow::sum() const {
  double s = 0;
  for (float v : values) s += v;
  return s;
}

void writeRmf(const QString& path, const ResponseHeader& header, const RedistributionMatrix& m) {
  checkMatrix(path, m);
  fits::FitsFile f = fits::FitsFile::create(path);
  createPrimary(f, header);

  const long long nRows = m.energies.size();
  f.createTable(
      QStringLiteral("MATRIX"),
      {QStringLiteral("ENERG_LO"), QStringLiteral("ENERG_HI"), QStringLiteral("N_GRP"),
       QStringLiteral("F_CHAN"), QStringLiteral("N_CHAN"), QStringLiteral("MATRIX")},
      {QStringLiteral("E"), QStringLiteral("E"), QStringLiteral("I"), QStringLiteral("PJ"),
       QStringLiteral("PJ"), QStringLiteral("PE")},
      {QStringLiteral("keV"), QStringLiteral("keV"), QString(), QString(), QString(), QString()},
      nRows);
  writeCommonKeys(f, header);
  f.writeKey(QStringLiteral("HDUCLAS2"), "RSP_MATRIX",
             QStringLiteral("dataset is a spectral response matrix"));
  f.writeKey(QStringLiteral("HDUCLAS3"), "REDIST",
             QStringLiteral("photon redistribution only (no effective area)"));
  f.writeKey(QStringLiteral("HDUVERS"), "1.3.0", QStringLiteral("version of the format"));
  f.writeKey(QStringLiteral("CHANTYPE"), header.channelType,
             QStringLiteral("channel type (PHA or PI)"));
  f.writeKey(QStringLiteral("DETCHANS"), m.channels.size(),
             QStringLiteral("total number of detector channels"));
  f.writeKey(QStringLiteral("TLMIN4"), m.channels.firstChannel, QStringLiteral("first channel"));
  f.writeKey(QStringLiteral("TLMAX4"), m.channels.firstChannel + m.channels.size() - 1,
             QStringLiteral("last channel"));
  f.writeKey(QStringLiteral("LO_THRES"), m.threshold,
             QStringLiteral("lower threshold of stored values"));
  long long groups = 0, elements = 0;
  for (const ResponseRow& r : m.rows) {
    groups += static_cast<long long>(r.firstChannel.size());
    elements += static_cast<long long>(r.values.size());
  }
  f.writeKey(QStringLiteral("NUMGRP"), groups, QStringLiteral("total number of channel groups"));
  f.writeKey(QStringLiteral("NUMELT"), elements, QStringLiteral("total number of matrix elements"));
  for (const QString& c : header.comments) f.writeComment(c);

  f.writeColumn(1, m.energies.lo);
  f.writeColumn(2, m.energies.hi);
  std::vector<int16_t> nGrp(static_cast<size_t>(nRows));
  for (size_t i = 0; i < m.rows.size(); ++i) {
    nGrp[i] = static_cast<int16_t>(m.rows[i].firstChannel.size());
  }
  f.writeColumn(3, nGrp);
  for (size_t i = 0; i < m.rows.size(); ++i) {
    const ResponseRow& r = m.rows[i];
    if (r.values.empty()) continue;  // an empty variable-length array: N_GRP = 0
    const long long row = static_cast<long long>(i) + 1;
    f.writeColumn(4, std::vector<int32_t>(r.firstChannel.begin(), r.firstChannel.end()), row);
    f.writeColumn(5, std::vector<int32_t>(r.channelCount.begin(), r.channelCount.end()), row);
    f.writeColumn(6, r.values, row);
  }

  const ChannelGrid& c = m.channels;
  f.createTable(QStringLiteral("EBOUNDS"),
                {QStringLiteral("CHANNEL"), QStringLiteral("E_MIN"), QStringLiteral("E_MAX")},
                {QStringLiteral("J"), QStringLiteral("E"), QStringLiteral("E")},
                {QString(), QStringLiteral("keV"), QStringLiteral("keV")}, c.size());
  writeCommonKeys(f, header);
  f.writeKey(QStringLiteral("HDUCLAS2"), "EBOUNDS",
             QStringLiteral("nominal energies of PHA channel boundaries"));
  f.writeKey(QStringLiteral("HDUVERS"), "1.2.0", QStringLiteral("version of the format"));
  f.writeKey(QStringLiteral("CHANTYPE"), header.channelType,
             QStringLiteral("channel type (PHA or PI)"));
  f.writeKey(QStringLiteral("DETCHANS"), c.size(),
             QStringLiteral("total number of detector channels"));
  f.writeKey(QStringLiteral("TLMIN1"), c.firstChannel, QStringLiteral("first channel"));
  f.writeKey(QStringLiteral("TLMAX1"), c.firstChannel + c.size() - 1,
             QStringLiteral("last channel"));
  std::vector<int32_t> channels(static_cast<size_t>(c.size()));
  for (int i = 0; i < c.size(); ++i) channels[static_cast<size_t>(i)] = c.firstChannel + i;
  f.writeColumn(1, channels);
  f.writeColumn(2, c.eMin);
  f.writeColumn(3, c.eMax);
  flush(f);
}

void writeArf(const QString& path, const ResponseHeader& header, const EnergyGrid& energies,
              const std::vector<double>& specrespCm2) {
  checkGrid(path, energies);
  if (specrespCm2.size() != energies.lo.size()) {
    throw Error(path + QStringLiteral(": %1 SPECRESP values for %2 energy bins")
                           .arg(specrespCm2.size())
                           .arg(energies.lo.size()));
  }
  if (std::any_of(specrespCm2.begin(), specrespCm2.end(), [](double a) { return !(a >= 0); })) {
    throw Error(path + QStringLiteral(": SPECRESP has a negative or undefined value"));
  }
  fits::FitsFile f = fits::FitsFile::create(path);
  createPrimary(f, header);
  f.createTable(
      QStringLiteral("SPECRESP"),
      {QStringLiteral("ENERG_LO"), QStringLiteral("ENERG_HI"), QStringLiteral("SPECRESP")},
      {QStringLiteral("E"), QStringLiteral("E"), QStringLiteral("E")},
      {QStringLiteral("keV"), QStringLiteral("keV"), QStringLiteral("cm**2")}, energies.size());
  writeCommonKeys(f, header);
  f.writeKey(QStringLiteral("HDUCLAS2"), "SPECRESP",
             QStringLiteral("dataset is an effective area"));
  f.writeKey(QStringLiteral("HDUVERS"), "1.1.0", QStringLiteral("version of the format"));
  for (const QString& c : header.comments) f.writeComment(c);
  f.writeColumn(1, energies.lo);
  f.writeColumn(2, energies.hi);
  f.writeColumn(3, specrespCm2);
  flush(f);
}

}  // namespace xsky::products
