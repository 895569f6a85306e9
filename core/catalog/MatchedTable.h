#pragma once
// The outcome of a cross-match (catalog/CrossMatch.h) as pairs and as one table.
//
//  - matchedPairs: nearestNeighbours' answer as pairs (rows without a counterpart left out).
//  - joinMatches: one row per pair: the first table's row, then the second table's columns for its
//    counterpart (a name already taken - compared case-insensitively, as columnIndex does - gets
//    `suffix`, repeated until free), then a `separation` column in arcsec (UCD pos.angDistance).
//    The first table's RA/Dec columns get the UCDs pos.eq.ra/dec;meta.main and the second's lose
//    meta.main, so that the joined table's position (catalog/PositionColumns.h) is the first's.
//    `xsky-cli crossmatch --votable` writes it.
//
// Pure functions over immutable tables: call from any thread.

#include <vector>

#include <QString>

#include "catalog/CrossMatch.h"
#include "catalog/SourceTable.h"

namespace xsky::catalog {

/// The rows of `nearest` that have a counterpart, as pairs (ascending first row).
std::vector<MatchPair> matchedPairs(const std::vector<NeighbourMatch>& nearest);

/// The distinct first-list rows of `pairs`, ascending.
std::vector<size_t> firstRows(const std::vector<MatchPair>& pairs);

/// The joined table described above. Throws xsky::Error when a pair's row is out of range.
SourceTable joinMatches(const SourceTable& first, const SourceTable& second,
                        const std::vector<MatchPair>& pairs,
                        const QString& suffix = QStringLiteral("_2"));

}  // namespace xsky::catalog
