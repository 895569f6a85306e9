// Fuzz target: the remote archive listing (core/archive/ArchiveListing.h), resolved against an
// http:// URL; "moc_url" entries get an empty coverage instead of a download.
#include "FuzzTargets.h"
#include "archive/ArchiveListing.h"

namespace xsky::fuzz {

int fuzzArchiveListing(const uint8_t* data, size_t size) {
  const auto noDownload = [](const QString& url) -> moc::SpaceMoc {
    if (url.contains(QLatin1String("fail"))) throw Error(QStringLiteral("%1: not fetched").arg(url));
    return moc::SpaceMoc();
  };
  try {
    const archive::ListingEntries entries = archive::parseArchiveListing(
        toBytes(data, size), QStringLiteral("http://archive.example.org/xsky/listing.json"), noDownload);
    if (!entries.records.empty()) {
      const QByteArray written = archive::writeArchiveListing(entries.records, QStringLiteral("/nonexistent"));
      (void)archive::parseArchiveListing(written, QStringLiteral("http://archive.example.org/listing.json"),
                                         noDownload);
    }
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
