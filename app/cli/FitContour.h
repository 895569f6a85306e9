#pragma once
// `xsky-cli fit --contour PAR1,PAR2[,N]`: parsing the request and writing the grid
// (core/spectral/ConfidenceContour.h) as JSON or text. Part of FitCommand.cpp.

#include <QJsonObject>
#include <QString>
#include <optional>

#include "spectral/ConfidenceContour.h"

namespace xsky::cli {

struct ContourRequest {
  QString x, y;     // parameters as given: a number (XSPEC's) or component.Param
  int points = 20;  // per axis
};

/// "PAR1,PAR2[,N]" (N >= 2); nullopt with *why on bad syntax.
std::optional<ContourRequest> parseContourRequest(const QString& text, QString* why);

/// {"x", "y", "x_values", "y_values", "statistic" (one row per y value), "levels", "best",
/// "deltas", "new_minimum"}.
QJsonObject contourJson(const spectral::ContourGrid& grid, const QString& xName,
                        const QString& yName);

/// The grid as text on stdout: a header line, then one row per y value.
void printContour(const spectral::ContourGrid& grid, const QString& xName, const QString& yName);

}  // namespace xsky::cli
