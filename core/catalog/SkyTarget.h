#pragma once
// The sky positions and angles a query names: cone('M31', '1deg'), box('202.48 47.21', '10arcmin').
//
// Coordinates (ICRS degrees out): "202.48 47.21", "202.48, 47.21", "13:29:55.2 +47:12:36",
// "13h29m55.2s +47d12m36s", "13 29 55.2 +47 12 36" (RA sexagesimal is hours, Dec degrees; decimal
// numbers are degrees). Angles: a number with a unit - deg, d, degree(s), °, arcmin, amin, ', arcsec,
// asec, ", mas, rad - or a bare number in degrees; the result is in degrees.
// Anything else is a name, resolved through a NameResolver (catalog/NameResolver.h).

#include <functional>
#include <optional>

#include <QString>

#include "wcs/SkyFrames.h"

namespace xsky::catalog {

/// Resolves an object name ("M31", "NGC 4151") to ICRS degrees. On failure returns nullopt and
/// puts a one-line reason in *error. Called on the thread that compiles the query (may block on
/// the network: never call it from the GUI thread).
using NameResolver = std::function<std::optional<wcs::SkyPoint>(const QString& name, QString* error)>;

/// Parses coordinates; nullopt when the text is not a coordinate pair (it may be a name).
std::optional<wcs::SkyPoint> parseSkyCoordinates(const QString& text);

/// Parses an angle with a unit into degrees; nullopt (and *error) when malformed or negative.
std::optional<double> parseAngle(const QString& text, QString* error = nullptr);

}  // namespace xsky::catalog
