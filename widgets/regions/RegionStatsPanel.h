#pragma once
// Shows a LiveRegionStats result: source and background counts, areas, surface brightness, net
// counts with their error and the signal-to-noise ratio. Child labels are named for tests
// ("sourceCounts", "netCounts", ...).

#include <QWidget>

class QLabel;

namespace xsky::widgets {

struct LiveStatsResult;

class RegionStatsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit RegionStatsPanel(QWidget* parent = nullptr);

  void showResult(const LiveStatsResult& result);
  /// Nothing selected: dashes everywhere.
  void clear();

 private:
  QLabel* addRow(const QString& name, const QString& title);

  QLabel* sourceCounts_ = nullptr;
  QLabel* sourceArea_ = nullptr;
  QLabel* sourceBrightness_ = nullptr;
  QLabel* backgroundCounts_ = nullptr;
  QLabel* backgroundArea_ = nullptr;
  QLabel* backgroundBrightness_ = nullptr;
  QLabel* netCounts_ = nullptr;
  QLabel* signalToNoise_ = nullptr;
  QLabel* status_ = nullptr;
};

}  // namespace xsky::widgets
