#include "regions/RegionStatsPanel.h"

#include <QFormLayout>
#include <QLabel>

#include "regions/LiveRegionStats.h"

namespace xsky::widgets {

RegionStatsPanel::RegionStatsPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("regionStatsPanel"));
  auto* form = new QFormLayout(this);
  sourceCounts_ = addRow(QStringLiteral("sourceCounts"), tr("Source counts"));
  sourceArea_ = addRow(QStringLiteral("sourceArea"), tr("Source area"));
  sourceBrightness_ = addRow(QStringLiteral("sourceBrightness"), tr("Surface brightness"));
  backgroundCounts_ = addRow(QStringLiteral("backgroundCounts"), tr("Background counts"));
  backgroundArea_ = addRow(QStringLiteral("backgroundArea"), tr("Background area"));
  backgroundBrightness_ = addRow(QStringLiteral("backgroundBrightness"), tr("Background brightness"));
  netCounts_ = addRow(QStringLiteral("netCounts"), tr("Net counts"));
  signalToNoise_ = addRow(QStringLiteral("signalToNoise"), tr("S/N"));
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("status"));
  status_->setWordWrap(true);
  form->addRow(status_);
  clear();
}

QLabel* RegionStatsPanel::addRow(const QString& name, const QString& title) {
  auto* label = new QLabel(this);
  label->setObjectName(name);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  static_cast<QFormLayout*>(layout())->addRow(title, label);
  return label;
}

void RegionStatsPanel::clear() {
  for (QLabel* l : {sourceCounts_, sourceArea_, sourceBrightness_, backgroundCounts_, backgroundArea_,
                    backgroundBrightness_, netCounts_, signalToNoise_}) {
    l->setText(QStringLiteral("-"));
  }
  status_->setText(tr("Select a source region."));
}

void RegionStatsPanel::showResult(const LiveStatsResult& result) {
  if (!result.ok) {
    clear();
    status_->setText(result.error);
    return;
  }
  const regions::RegionStatistics& s = result.stats;
  auto area = [](double a) { return QStringLiteral("%1 arcsec²").arg(a, 0, 'g', 6); };
  auto brightness = [](double b) { return QStringLiteral("%1 / arcsec²").arg(b, 0, 'g', 4); };
  sourceCounts_->setText(QString::number(s.source.counts));
  sourceArea_->setText(area(s.source.areaArcsec2));
  sourceBrightness_->setText(brightness(s.source.surfaceBrightness));
  if (s.hasBackground) {
    backgroundCounts_->setText(QString::number(s.background.counts));
    backgroundArea_->setText(area(s.background.areaArcsec2));
    backgroundBrightness_->setText(brightness(s.background.surfaceBrightness));
  } else {
    for (QLabel* l : {backgroundCounts_, backgroundArea_, backgroundBrightness_}) l->setText(QStringLiteral("-"));
  }
  netCounts_->setText(QStringLiteral("%1 ± %2").arg(s.netCounts, 0, 'f', 1).arg(s.netError, 0, 'f', 1));
  signalToNoise_->setText(QString::number(s.signalToNoise, 'f', 2));
  status_->setText(result.onEvents ? tr("On the event list.") : tr("On the image pixels."));
}

}  // namespace xsky::widgets
