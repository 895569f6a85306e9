#include "cli/FitContour.h"

#include <QJsonArray>
#include <QStringList>

#include <cmath>
#include <cstdio>

namespace xsky::cli {

namespace {

QJsonValue finite(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

QJsonArray array(const std::vector<double>& values) {
  QJsonArray a;
  for (double v : values) a.append(finite(v));
  return a;
}

}  // namespace

std::optional<ContourRequest> parseContourRequest(const QString& text, QString* why) {
  const QStringList parts = text.split(QLatin1Char(','));
  if (parts.size() < 2 || parts.size() > 3 || parts[0].trimmed().isEmpty() ||
      parts[1].trimmed().isEmpty()) {
    *why = QStringLiteral("'%1': give PAR1,PAR2[,N]").arg(text);
    return std::nullopt;
  }
  ContourRequest request;
  request.x = parts[0].trimmed();
  request.y = parts[1].trimmed();
  if (parts.size() == 3) {
    bool ok = false;
    request.points = parts[2].trimmed().toInt(&ok);
    if (!ok || request.points < 2 || request.points > 500) {
      *why = QStringLiteral("'%1': N must be an integer from 2 to 500").arg(parts[2]);
      return std::nullopt;
    }
  }
  return request;
}

QJsonObject contourJson(const spectral::ContourGrid& grid, const QString& xName,
                        const QString& yName) {
  QJsonArray rows;
  for (int j = 0; j < grid.ny(); ++j) {
    QJsonArray row;
    for (int i = 0; i < grid.nx(); ++i) row.append(finite(grid.at(i, j)));
    rows.append(row);
  }
  std::vector<double> deltas;
  for (double level : grid.levels) deltas.push_back(level - grid.bestStatistic);
  return QJsonObject{{QStringLiteral("x"), xName},
                     {QStringLiteral("y"), yName},
                     {QStringLiteral("x_values"), array(grid.xValues)},
                     {QStringLiteral("y_values"), array(grid.yValues)},
                     {QStringLiteral("statistic"), rows},
                     {QStringLiteral("levels"), array(grid.levels)},
                     {QStringLiteral("deltas"), array(deltas)},
                     {QStringLiteral("best"), QJsonArray{grid.bestX, grid.bestY}},
                     {QStringLiteral("new_minimum"), grid.newMinimum}};
}

void printContour(const spectral::ContourGrid& grid, const QString& xName, const QString& yName) {
  std::printf(
      "contour of %s (columns) and %s (rows), %d x %d grid; best %.10g at (%.6g, %.6g);"
      " grid minimum %.10g%s\n",
      qPrintable(xName), qPrintable(yName), grid.nx(), grid.ny(), grid.bestStatistic, grid.bestX,
      grid.bestY, grid.lowest, grid.newMinimum ? "  NEW MINIMUM: the fit was not at the best" : "");
  std::printf("levels (68, 90, 99 %%):");
  for (double level : grid.levels) std::printf(" %.10g", level);
  std::printf("\n%14s", "");
  for (double x : grid.xValues) std::printf(" %12.6g", x);
  std::printf("\n");
  for (int j = 0; j < grid.ny(); ++j) {
    std::printf("%14.6g", grid.yValues[size_t(j)]);
    for (int i = 0; i < grid.nx(); ++i) std::printf(" %12.6g", grid.at(i, j));
    std::printf("\n");
  }
}

}  // namespace xsky::cli
