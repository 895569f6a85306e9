#include "products/PhaWriter.h"

#include <numeric>

#include "fits/FitsFile.h"
#include "products/ProductKeywords.h"
#include "util/AtomicFile.h"

namespace xsky::products {

namespace {
QString fileOrNone(const QString& s) { return s.isEmpty() ? QStringLiteral("none") : s; }
}  // namespace

long long totalCounts(const std::vector<int32_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), 0LL);
}

void writePha(const QString& path, const PhaSpectrum& s) {
  if (static_cast<int>(s.counts.size()) != s.channels.channels) {
    throw Error(path + QStringLiteral(": %1 counts for %2 channels")
                           .arg(s.counts.size())
                           .arg(s.channels.channels));
  }
  AtomicFile out(path);
  {
    fits::FitsFile f = fits::FitsFile::create(out.temporaryPath());
    f.createImage(8, {});
    writeIdentityKeywords(f, s.observation);
    f.writeKey(QStringLiteral("HDUCLASS"), "OGIP",
               QStringLiteral("format conforms to OGIP standard"));
    f.writeChecksum();

    const int n = s.channels.channels;
    f.createTable(QStringLiteral("SPECTRUM"), {QStringLiteral("CHANNEL"), QStringLiteral("COUNTS")},
                  {QStringLiteral("J"), QStringLiteral("J")}, {QString(), QStringLiteral("count")},
                  n);
    std::vector<int32_t> channel(static_cast<size_t>(n));
    std::iota(channel.begin(), channel.end(), s.channels.firstChannel);
    f.writeColumn(1, channel);
    f.writeColumn(2, s.counts);
    f.writeKey(QStringLiteral("TLMIN1"), s.channels.firstChannel,
               QStringLiteral("first legal channel"));
    f.writeKey(QStringLiteral("TLMAX1"), s.channels.firstChannel + n - 1,
               QStringLiteral("last legal channel"));
    writeIdentityKeywords(f, s.observation);
    f.writeKey(QStringLiteral("HDUCLASS"), "OGIP",
               QStringLiteral("format conforms to OGIP standard"));
    f.writeKey(QStringLiteral("HDUCLAS1"), "SPECTRUM", QStringLiteral("PHA dataset (OGIP/92-007)"));
    f.writeKey(QStringLiteral("HDUCLAS2"), s.isBackground ? "BKG" : "TOTAL",
               s.isBackground ? QStringLiteral("background spectrum")
                              : QStringLiteral("source + background"));
    f.writeKey(QStringLiteral("HDUCLAS3"), "COUNT", QStringLiteral("PHA data stored as counts"));
    f.writeKey(QStringLiteral("HDUCLAS4"), "TYPE:I", QStringLiteral("single spectrum (type I)"));
    f.writeKey(QStringLiteral("HDUVERS"), "1.2.1", QStringLiteral("version of the format"));
    f.writeKey(QStringLiteral("HDUVERS1"), "1.2.1", QStringLiteral("obsolete version keyword"));
    f.writeKey(QStringLiteral("CHANTYPE"), "PI", QStringLiteral("channels are PI"));
    f.writeKey(QStringLiteral("DETCHANS"), n, QStringLiteral("number of detector channels"));
    f.writeKey(QStringLiteral("EXPOSURE"), s.exposureS, QStringLiteral("[s] exposure time"));
    f.writeKey(QStringLiteral("AREASCAL"), s.areascal, QStringLiteral("area scaling factor"));
    f.writeKey(QStringLiteral("BACKSCAL"), s.backscal,
               QStringLiteral("[sky pixel^2] region area on the detector"));
    f.writeKey(QStringLiteral("CORRSCAL"), 0.0, QStringLiteral("correction scaling factor"));
    f.writeKey(QStringLiteral("BACKFILE"), fileOrNone(s.backFile),
               QStringLiteral("background spectrum"));
    f.writeKey(QStringLiteral("CORRFILE"), QStringLiteral("none"),
               QStringLiteral("correction file"));
    f.writeKey(QStringLiteral("RESPFILE"), fileOrNone(s.respFile),
               QStringLiteral("redistribution matrix"));
    f.writeKey(QStringLiteral("ANCRFILE"), fileOrNone(s.ancrFile),
               QStringLiteral("ancillary response"));
    f.writeBoolKey(QStringLiteral("POISSERR"), true, QStringLiteral("Poisson errors apply"));
    f.writeKey(QStringLiteral("SYS_ERR"), 0, QStringLiteral("no systematic error"));
    f.writeKey(QStringLiteral("QUALITY"), 0, QStringLiteral("all channels good"));
    f.writeKey(QStringLiteral("GROUPING"), 0, QStringLiteral("no grouping"));
    f.writeKey(QStringLiteral("TOTCTS"), totalCounts(s.counts), QStringLiteral("total counts"));
    f.writeKey(QStringLiteral("SPECBIN"), s.channels.description,
               QStringLiteral("how channels were made"));
    writeHistory(f, s.history);
    f.writeDate(s.observation.productDate);
    f.writeChecksum();
  }
  out.commit();
}

}  // namespace xsky::products
