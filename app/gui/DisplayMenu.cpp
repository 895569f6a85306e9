#include "gui/DisplayMenu.h"

#include <QActionGroup>
#include <QInputDialog>
#include <QMenu>

#include "imaging/Colormaps.h"
#include "sky/SkyView.h"
#include "wcs/Angles.h"

namespace xsky::app {

namespace {

const QStringList kScales = {QStringLiteral("linear"), QStringLiteral("log"), QStringLiteral("sqrt"),
                             QStringLiteral("squared"), QStringLiteral("asinh"), QStringLiteral("histequ")};
const QStringList kLimits = {QStringLiteral("minmax"), QStringLiteral("zscale"), QStringLiteral("90"),
                             QStringLiteral("95"), QStringLiteral("99"), QStringLiteral("99.5"),
                             QStringLiteral("99.9"), QStringLiteral("user")};

QString limitsName(const imaging::DisplaySettings& s) {
  switch (s.limits) {
    case imaging::LimitMode::MinMax: return QStringLiteral("minmax");
    case imaging::LimitMode::ZScale: return QStringLiteral("zscale");
    case imaging::LimitMode::User: return QStringLiteral("user");
    case imaging::LimitMode::Percentile: return QString::number(s.percentile);
  }
  return {};
}

}  // namespace

DisplayMenu::DisplayMenu(QMenu* menu, std::function<widgets::SkyView*()> current, QWidget* dialogParent)
    : QObject(menu), current_(std::move(current)), dialogParent_(dialogParent) {
  scale_ = group(menu->addMenu(tr("&Scale")), kScales, QStringLiteral("log"));
  limits_ = group(menu->addMenu(tr("&Limits")), kLimits, QStringLiteral("minmax"));
  colormap_ = group(menu->addMenu(tr("&Colormap")), imaging::colormapNames(), QStringLiteral("heat"));
  invert_ = menu->addAction(tr("&Invert Colormap"));
  invert_->setCheckable(true);
  connect(invert_, &QAction::toggled, this, &DisplayMenu::applyDisplay);
  menu->addSeparator();

  auto zoomAction = [this, menu](const QString& text, const QKeySequence& key, std::function<void(widgets::SkyView*)> f) {
    QAction* a = menu->addAction(text);
    a->setShortcut(key);
    connect(a, &QAction::triggered, this, [this, f] {
      if (widgets::SkyView* v = current_()) f(v);
    });
  };
  zoomAction(tr("Zoom to &Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), [](widgets::SkyView* v) { v->zoomToFit(); });
  zoomAction(tr("Zoom &1:1"), QKeySequence(Qt::CTRL | Qt::Key_1), [](widgets::SkyView* v) { v->setView(v->centre(), 1.0); });
  zoomAction(tr("Zoom &In"), QKeySequence::ZoomIn, [](widgets::SkyView* v) { v->zoomBy(2.0); });
  zoomAction(tr("Zoom &Out"), QKeySequence::ZoomOut, [](widgets::SkyView* v) { v->zoomBy(0.5); });
  QMenu* fixed = menu->addMenu(tr("Zoom &Factor"));
  for (double z : {1.0 / 8, 1.0 / 4, 1.0 / 2, 2.0, 4.0, 8.0}) {
    const QString text = z < 1 ? QStringLiteral("1/%1").arg(1 / z) : QString::number(z);
    connect(fixed->addAction(text), &QAction::triggered, this, [this, z] {
      if (widgets::SkyView* v = current_()) v->setView(v->centre(), z);
    });
  }
  menu->addSeparator();
  grid_ = menu->addAction(tr("Coordinate &Grid"));
  grid_->setCheckable(true);
  grid_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
  galactic_ = menu->addAction(tr("Grid in &Galactic"));
  galactic_->setCheckable(true);
  compass_ = menu->addAction(tr("&Compass"));
  compass_->setCheckable(true);
  compass_->setChecked(true);
  auto overlays = [this] {
    if (syncing_) return;
    if (widgets::SkyView* v = current_()) {
      v->setGridVisible(grid_->isChecked());
      v->setGridFrame(galactic_->isChecked() ? wcs::CelestialFrame::Galactic : wcs::CelestialFrame::Icrs);
      v->setCompassVisible(compass_->isChecked());
    }
  };
  connect(grid_, &QAction::toggled, this, overlays);
  connect(galactic_, &QAction::toggled, this, overlays);
  connect(compass_, &QAction::toggled, this, overlays);
  QAction* centre = menu->addAction(tr("Centre on &Position..."));
  centre->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  connect(centre, &QAction::triggered, this, [this] {
    widgets::SkyView* v = current_();
    if (v == nullptr) return;
    bool ok = false;
    const QString text = QInputDialog::getText(dialogParent_, tr("Centre on position"),
                                               tr("RA Dec (ICRS; decimal degrees or sexagesimal):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok) return;
    const auto radec = wcs::parseRaDec(text);
    if (!radec) {
      Q_EMIT message(tr("not a position: '%1' (try '150.1 2.2' or '10:00:24 +02:12:00')").arg(text));
    } else if (!v->centreOnSky({radec->first, radec->second})) {
      Q_EMIT message(tr("this frame has no WCS, or the position is outside its projection"));
    }
  });
}

QActionGroup* DisplayMenu::group(QMenu* menu, const QStringList& names, const QString& checked) {
  auto* g = new QActionGroup(this);
  for (const QString& name : names) {
    QAction* a = menu->addAction(name);
    a->setCheckable(true);
    a->setChecked(name == checked);
    g->addAction(a);
  }
  connect(g, &QActionGroup::triggered, this, &DisplayMenu::applyDisplay);
  return g;
}

void DisplayMenu::applyDisplay() {
  widgets::SkyView* v = current_();
  if (syncing_ || v == nullptr) return;
  imaging::DisplaySettings s = v->display();
  imaging::parseScale(scale_->checkedAction()->text(), &s.scale);
  const QString limits = limits_->checkedAction()->text();
  if (limits == QLatin1String("user")) {
    bool ok = false;
    const imaging::Limits now = v->lut() ? v->lut()->limits() : imaging::Limits{};
    const QString text = QInputDialog::getText(dialogParent_, tr("User limits"), tr("low:high"), QLineEdit::Normal,
                                               QStringLiteral("%1:%2").arg(now.low).arg(now.high), &ok);
    if (ok && !imaging::parseLimits(text, &s)) Q_EMIT message(tr("limits must be 'low:high' with low < high"));
  } else {
    imaging::parseLimits(limits, &s);
  }
  s.colormap = colormap_->checkedAction()->text();
  s.invert = invert_->isChecked();
  v->setDisplay(s);
}

void DisplayMenu::syncFrom(widgets::SkyView* view) {
  if (view == nullptr) return;
  syncing_ = true;
  const imaging::DisplaySettings& s = view->display();
  const QString limits = limitsName(s);
  for (QAction* a : scale_->actions()) {
    imaging::ScaleFunction f;
    a->setChecked(imaging::parseScale(a->text(), &f) && f == s.scale);
  }
  for (QAction* a : limits_->actions()) a->setChecked(a->text() == limits);
  for (QAction* a : colormap_->actions()) a->setChecked(a->text() == s.colormap);
  invert_->setChecked(s.invert);
  grid_->setChecked(view->gridVisible());
  syncing_ = false;
}

}  // namespace xsky::app
