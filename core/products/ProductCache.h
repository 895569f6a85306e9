#pragma once
// The cache and provenance of extraction products. A request is keyed by everything its bytes
// depend on: the XSky version, the event file (absolute path, size and SHA-256 of its bytes), the
// region set (as DS9 text in ICRS, and the region files' own text when they came from files),
// and every extraction parameter. Each completed extraction leaves a JSON record
// `<folder>/provenance/<key>.json` holding the full request and its result; asking again with
// the same key returns the recorded result at once when every product file it lists is still
// there unchanged in size. The record is also the product's provenance: every product carries
// HISTORY lines naming its key and its parameters (provenanceHistory), and `xsky-cli reproduce`
// re-runs the request from the record (optionsFromRequest) and compares the bytes.
//
// Threading: plain functions of their arguments; the record file is written atomically.

#include <QJsonObject>
#include <QString>

#include <optional>

#include "products/Extraction.h"

namespace xsky::products {

/// The text of the region files a request was read from (the CLI); empty for drawn regions.
struct RegionSources {
  QString regionText;            ///< the --region file's text
  QString backgroundRegionText;  ///< the --bkg-region file's text ("" when none)
};

/// "sha256:<hex>" of the event file, remembered per path, size and modification time for the
/// life of the process (a request is described many times while the user works).
QString eventsChecksum(const QString& eventsPath);

/// The canonical description of a request (what the key hashes), as JSON. options.provenance
/// and options.keywordFolder are not part of it.
QJsonObject describeRequest(const QString& eventsPath, const regions::RegionSet& regions,
                            const ExtractionOptions& options, const QString& xskyVersion,
                            const RegionSources& sources = {});
/// The parameters of a described request (product paths as recorded).
ExtractionOptions optionsFromRequest(const QJsonObject& request);
/// The HISTORY lines every product of the request carries: its key, where its record is, the
/// parameters and the regions.
QStringList provenanceHistory(const QJsonObject& request, const QString& key);
/// The key in a product's HISTORY (provenanceHistory), or empty. Throws xsky::Error when the
/// file cannot be read as FITS.
QString requestKeyOfProduct(const QString& productPath);
/// Where the record of `key` lives under `folder`.
QString provenanceRecordPath(const QString& folder, const QString& key);
/// SHA-256 of the canonical request, hex.
QString requestKey(const QJsonObject& request);

QJsonObject resultToJson(const ExtractionResult& result);
ExtractionResult resultFromJson(const QJsonObject& json);

/// The recorded result for `key` under `folder`, when its products are all still there.
std::optional<ExtractionResult> cachedResult(const QString& folder, const QString& key);
/// Records request + result (and each product's size) under `folder`.
void recordResult(const QString& folder, const QString& key, const QJsonObject& request,
                  const ExtractionResult& result);

}  // namespace xsky::products
