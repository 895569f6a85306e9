#pragma once
// The cache and provenance of extraction products. A request is keyed by everything its bytes
// depend on: the XSky version, the event file (absolute path, size, modification time), the
// region set (as DS9 text in ICRS), and every extraction parameter. Each completed extraction
// leaves a JSON record `<folder>/provenance/<key>.json` holding the full request and its result;
// asking again with the same key returns the recorded result at once when every product file
// it lists is still there unchanged in size. The record is also the product's provenance.
//
// Threading: plain functions of their arguments; the record file is written atomically.

#include <QJsonObject>
#include <QString>

#include <optional>

#include "products/Extraction.h"

namespace xsky::products {

/// The canonical description of a request (what the key hashes), as JSON.
QJsonObject describeRequest(const QString& eventsPath, const regions::RegionSet& regions,
                            const ExtractionOptions& options, const QString& xskyVersion);
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
