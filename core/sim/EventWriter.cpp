#include "sim/EventWriter.h"

#include <fitsio.h>

#include <cstring>

#include "sim/EventHeaders.h"

namespace xsky::sim {

namespace {

constexpr int kRowBytes = 34;  // D + 4 I + 2 J + 2 I + J + 2 B

// Big-endian (FITS) byte packing of one row field.
inline unsigned char* put(unsigned char* p, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) {
    p[i] = static_cast<unsigned char>(v & 0xff);
    v >>= 8;
  }
  return p + bytes;
}
inline unsigned char* putDouble(unsigned char* p, double d) {
  std::uint64_t v = 0;
  std::memcpy(&v, &d, sizeof v);
  return put(p, v, 8);
}
inline unsigned char* put16(unsigned char* p, std::int16_t v) {
  return put(p, static_cast<std::uint16_t>(v), 2);
}
inline unsigned char* put32(unsigned char* p, std::int32_t v) {
  return put(p, static_cast<std::uint32_t>(v), 4);
}

}  // namespace

EventWriter::EventWriter(const QString& path, const EventListModel& model)
    : file_(fits::FitsFile::create(path)), model_(model) {
  writePrimary();
  writeEventsHeader();
}

void EventWriter::writePrimary() {
  file_.createImage(8, {});
  writePrimaryKeywords(file_, model_);
}

void EventWriter::writeEventsHeader() {
  QStringList names, formats, units;
  for (const EventColumn& c : kEventColumns) {
    names << QString::fromLatin1(c.name);
    formats << QString::fromLatin1(c.format);
    units << QString::fromLatin1(c.unit);
  }
  file_.createTable(QStringLiteral("EVENTS"), names, formats, units);
  writeEventsKeywords(file_, model_);
}

void EventWriter::append(const EventChunk& chunk) {
  const std::size_t n = chunk.size();
  if (n == 0) return;
  buffer_.resize(n * kRowBytes);
  unsigned char* p = buffer_.data();
  for (std::size_t i = 0; i < n; ++i) {
    p = putDouble(p, chunk.time[i]);
    p = put16(p, chunk.rawx[i]);
    p = put16(p, chunk.rawy[i]);
    p = put16(p, chunk.detx[i]);
    p = put16(p, chunk.dety[i]);
    p = put32(p, chunk.x[i]);
    p = put32(p, chunk.y[i]);
    p = put16(p, chunk.pha[i]);
    p = put16(p, chunk.pi[i]);
    p = put32(p, chunk.flag[i]);
    *p++ = chunk.pattern[i];
    *p++ = chunk.ccdnr[i];
  }
  int status = 0;
  fits_insert_rows(static_cast<fitsfile*>(file_.handle()), rows_, static_cast<LONGLONG>(n),
                   &status);
  fits_write_tblbytes(static_cast<fitsfile*>(file_.handle()), rows_ + 1, 1,
                      static_cast<LONGLONG>(buffer_.size()), buffer_.data(), &status);
  if (status != 0) {
    fits_clear_errmsg();
    throw fits::FitsError(file_.path(), status, QStringLiteral("writing events"));
  }
  rows_ += static_cast<long long>(n);
}

void EventWriter::writeGtis() {
  for (const CcdLayout& ccd : model_.geometry().ccds()) {
    const std::vector<Interval>& gti = model_.exposure().gti(ccd.ccd);
    file_.createTable(QStringLiteral("STDGTI%1").arg(ccd.ccd, 2, 10, QLatin1Char('0')),
                      {QStringLiteral("START"), QStringLiteral("STOP")},
                      {QStringLiteral("D"), QStringLiteral("D")},
                      {QStringLiteral("s"), QStringLiteral("s")},
                      static_cast<long long>(gti.size()));
    writeGtiKeywords(file_, model_, ccd.ccd);
    std::vector<double> start, stop;
    for (const Interval& i : gti) {
      start.push_back(i.start);
      stop.push_back(i.stop);
    }
    if (!gti.empty()) {
      file_.writeColumn(1, start);
      file_.writeColumn(2, stop);
    }
  }
}

void EventWriter::finish() {
  writeGtis();
  int status = 0;
  fits_flush_file(static_cast<fitsfile*>(file_.handle()),
                  &status);  // report write errors here, not in the destructor
  if (status != 0) {
    fits_clear_errmsg();
    throw fits::FitsError(file_.path(), status, QStringLiteral("flushing the event list"));
  }
}

}  // namespace xsky::sim
