#pragma once
// A summary of a FITS file for `xsky-cli info` and the GUI's file panel: every HDU with its
// dimensions, selected keywords and columns; the sky WCS of images (centre, pixel scale,
// projection); for event lists the columns, rows, GTI totals, time range and energy column.

#include <QJsonObject>
#include <QString>

namespace xsky::info {

/// Describes the file as a JSON object (the `--json` document). Throws xsky::Error with one
/// clear line for a missing, non-FITS or truncated file.
QJsonObject describeFile(const QString& path);

/// The human-readable form of describeFile's result.
QString formatText(const QJsonObject& description);

}  // namespace xsky::info
