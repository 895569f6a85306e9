#pragma once
// The listing a remote archive publishes so that XSky can index it without downloading its event
// files: one JSON document (UTF-8) with one entry per observation and camera.
//
//   { "format": "xsky-archive-listing", "version": 1,
//     "observations": [
//       { "obsid": "0123456789", "mission": "XMM", "instrument": "EMOS1", "filter": "Medium",
//         "mode": "PrimeFullWindow", "target": "A1795", "observer": "...",
//         "ra_pnt": 207.22, "dec_pnt": 26.59,                 (degrees ICRS)
//         "date_obs": "2001-12-01T10:00:00", "date_end": "...", "mjd_start": 52244.4, "mjd_end": ...,
//         "exposure": 40000.0,                                 (seconds)
//         "kind": "events" | "image",
//         "url": "events/0123456789_m1.fits",                  (relative to the listing's URL, or absolute)
//         "size": 52428800, "checksum": "sha256:<hex>",        (optional; checked on download)
//         "moc_order": 14,
//         "moc": "14/123-130 13/40 ...",                       (IVOA MOC 2.0 ASCII, inline)
//         "moc_url": "mocs/0123456789_m1.fits" } ] }          (or a MOC FITS file instead of "moc")
//
// Keys other than these are ignored (later versions may add some); an entry without "url" or
// without a footprint is skipped with a warning naming it and the import goes on. `xsky-cli index
// export` writes such a listing from a local index, so any folder of event files can be published
// with a plain HTTP server.

#include <functional>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "archive/ObservationRecord.h"
#include "util/Progress.h"

namespace xsky::archive {

class ObservationIndex;

struct ListingEntries {
  std::vector<ObservationRecord> records;  ///< locations are absolute URLs
  QStringList warnings;                    ///< entries skipped, and why
};

/// Reads the MOC FITS at an absolute URL (used for "moc_url" entries). Throws xsky::Error.
using MocFetcher = std::function<moc::SpaceMoc(const QString& url)>;

/// Parses a listing fetched from `listingUrl` (relative URLs resolve against it). Throws
/// xsky::Error when the document is not a listing at all (not JSON, wrong format, newer version).
ListingEntries parseArchiveListing(const QByteArray& json, const QString& listingUrl,
                                   const MocFetcher& fetchMoc = {});

/// The listing of `records` (with their footprints) as JSON. A location under `baseDir` is written
/// relative to it (so the folder can be served as it is); others are written as given.
QByteArray writeArchiveListing(const std::vector<ObservationRecord>& records, const QString& baseDir);

struct ListingImportReport {
  int added = 0, replaced = 0;
  QStringList warnings;
};

/// Downloads the listing at `url` (http(s):// or file://), reads the MOCs it names and stores its
/// entries in `index` in one transaction (entries with the same URL are replaced). Throws
/// xsky::Error naming the URL when it cannot be fetched or read; progress may cancel.
ListingImportReport importArchiveListing(ObservationIndex& index, const QString& url,
                                         const ProgressFn& progress = {}, int timeoutMs = 60000);

}  // namespace xsky::archive
