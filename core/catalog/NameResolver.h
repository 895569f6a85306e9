#pragma once
// Object names to ICRS positions through CDS Sesame (SIMBAD, NED, VizieR), with a persistent local
// cache, for the query language (catalog/Query.h QueryOptions::resolver) and the GUI's search box.
//
// Request: GET <baseUrl>?<percent-encoded name>, where baseUrl is SesameOptions::baseUrl, by
// default $XSKY_SESAME_URL or https://cds.unistra.fr/cgi-bin/nph-sesame/-oxp/SNV (XML output,
// SIMBAD then NED then VizieR). Answer: the <jradeg>/<jdedeg> of the first <Resolver> that has
// them (J2000/ICRS degrees).
// Cache: a JSON file, $XSKY_CACHE_DIR/names.json or ~/.cache/xsky/names.json:
//   {"version": 1, "names": {"m 31": {"name": "M 31", "ra": 10.68, "dec": 41.27,
//                                     "resolver": "S=Simbad", "oname": "M  31"}}}
// keyed by the name lower-cased with blanks collapsed; consulted before the network and written
// after each successful resolution (read-merge-write through util/AtomicFile.h, so concurrent
// programs never see a half-written file).
//
// Threading: resolve() blocks on the network for up to timeoutMs: call it from a worker (or the
// command line), never the GUI thread. One SesameResolver may be used from several threads.

#include <memory>
#include <optional>

#include <QByteArray>
#include <QString>

#include "catalog/SkyTarget.h"
#include "wcs/SkyFrames.h"

namespace xsky::catalog {

struct SesameOptions {
  QString baseUrl;         // without the "?name" part
  QString cachePath;       // empty: no cache
  int timeoutMs = 10000;   // whole request
  bool useNetwork = true;  // false: the cache only
};

struct SesameAnswer {
  wcs::SkyPoint position;  // ICRS degrees
  QString resolver;        // e.g. "S=Simbad"
  QString objectName;      // the resolver's <oname>
};

/// The position in a Sesame XML answer; nullopt when no resolver found the name.
std::optional<SesameAnswer> parseSesameXml(const QByteArray& xml);

class SesameResolver {
 public:
  /// baseUrl from $XSKY_SESAME_URL (else CDS), cachePath from $XSKY_CACHE_DIR (else ~/.cache/xsky).
  static SesameOptions defaultOptions();

  explicit SesameResolver(SesameOptions options = defaultOptions());
  ~SesameResolver();

  /// Cache first, then Sesame. On failure nullopt and a one-line *error, e.g.
  /// cannot resolve "M31": the name service is unreachable (offline?) and the name is not in the
  /// local cache.
  std::optional<wcs::SkyPoint> resolve(const QString& name, QString* error);
  /// resolve() as a NameResolver (shares this object's state; keep it alive meanwhile).
  NameResolver function();

  const SesameOptions& options() const { return options_; }

 private:
  struct Cache;
  SesameOptions options_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace xsky::catalog
