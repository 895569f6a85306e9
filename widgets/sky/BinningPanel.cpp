#include "sky/BinningPanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace xsky::widgets {

namespace {

std::optional<double> number(const QLineEdit* edit) {
  bool ok = false;
  const double v = edit->text().trimmed().toDouble(&ok);
  return ok ? std::optional<double>(v) : std::nullopt;
}

}  // namespace

BinningPanel::BinningPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("binningPanel"));
  auto* form = new QFormLayout(this);
  bin_ = new QDoubleSpinBox(this);
  bin_->setObjectName(QStringLiteral("binFactor"));
  bin_->setRange(1, 4096);
  bin_->setDecimals(0);
  buffer_ = new QSpinBox(this);
  buffer_->setObjectName(QStringLiteral("bufferSize"));
  buffer_->setRange(16, 8192);
  buffer_->setSingleStep(256);
  buffer_->setToolTip(tr("Image pixels on a side (DS9's buffer size)"));
  centreX_ = new QLineEdit(this);
  centreX_->setObjectName(QStringLiteral("centreX"));
  centreY_ = new QLineEdit(this);
  centreY_->setObjectName(QStringLiteral("centreY"));
  auto* centreRow = new QWidget(this);
  auto* centreLayout = new QHBoxLayout(centreRow);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->addWidget(centreX_);
  centreLayout->addWidget(centreY_);
  auto* onView = new QPushButton(tr("View"), centreRow);
  onView->setObjectName(QStringLiteral("centreOnView"));
  onView->setToolTip(tr("Bin about the centre of the view"));
  centreLayout->addWidget(onView);
  connect(onView, &QPushButton::clicked, this, &BinningPanel::centreOnViewRequested);
  energyMin_ = new QLineEdit(this);
  energyMin_->setObjectName(QStringLiteral("energyMin"));
  energyMin_->setPlaceholderText(tr("all"));
  energyMax_ = new QLineEdit(this);
  energyMax_->setObjectName(QStringLiteral("energyMax"));
  energyMax_->setPlaceholderText(tr("all"));
  unit_ = new QLabel(this);
  pattern_ = new QSpinBox(this);
  pattern_->setObjectName(QStringLiteral("patternMax"));
  pattern_->setRange(-1, 31);
  pattern_->setSpecialValueText(tr("any"));
  goodEvents_ = new QCheckBox(tr("good events only (mission FLAG selection)"), this);
  goodEvents_->setObjectName(QStringLiteral("goodEvents"));
  apply_ = new QPushButton(tr("Apply"), this);
  apply_->setObjectName(QStringLiteral("applyBinning"));
  form->addRow(tr("Bin factor"), bin_);
  form->addRow(tr("Buffer size"), buffer_);
  form->addRow(tr("Centre X, Y"), centreRow);
  form->addRow(tr("Energy from"), energyMin_);
  form->addRow(tr("Energy to"), energyMax_);
  form->addRow(QString(), unit_);
  form->addRow(tr("PATTERN ≤"), pattern_);
  form->addRow(goodEvents_);
  form->addRow(apply_);
  connect(apply_, &QPushButton::clicked, this, &BinningPanel::applyRequested);
  connect(energyMin_, &QLineEdit::returnPressed, this, &BinningPanel::applyRequested);
  connect(energyMax_, &QLineEdit::returnPressed, this, &BinningPanel::applyRequested);
  setEnabled(false);
}

void BinningPanel::setSpec(const imaging::BinningSpec& spec, const QString& unit,
                           std::optional<uint32_t> flagMask, bool enabled) {
  shown_ = spec;
  bin_->setValue(spec.binFactor);
  buffer_->setValue(std::max(spec.width, spec.height));
  centreX_->setText(spec.centre ? QString::number(spec.centre->x, 'f', 1) : QString());
  centreY_->setText(spec.centre ? QString::number(spec.centre->y, 'f', 1) : QString());
  energyMin_->setText(spec.energyMin ? QString::number(*spec.energyMin) : QString());
  energyMax_->setText(spec.energyMax ? QString::number(*spec.energyMax) : QString());
  unit_->setText(unit);
  pattern_->setValue(spec.patternMax.value_or(-1));
  flagMask_ = flagMask;
  goodEvents_->setEnabled(flagMask.has_value());
  goodEvents_->setChecked(spec.flagReject.has_value());
  setEnabled(enabled);
}

void BinningPanel::setCentre(double x, double y) {
  centreX_->setText(QString::number(x, 'f', 1));
  centreY_->setText(QString::number(y, 'f', 1));
}

imaging::BinningSpec BinningPanel::spec(const imaging::BinningSpec& base) const {
  imaging::BinningSpec s = base;
  const double factor = bin_->value();
  if (buffer_->value() != std::max(shown_.width, shown_.height)) {
    // The user chose the buffer: that many image pixels on a side.
    s.width = s.height = buffer_->value();
  } else {
    // Keep the same sky area when the bin factor changes.
    s.width = std::max(1, static_cast<int>(std::ceil(base.width * base.binFactor / factor)));
    s.height = std::max(1, static_cast<int>(std::ceil(base.height * base.binFactor / factor)));
  }
  // Never more than DS9's largest buffer: a fine bin factor then shows less sky about the centre.
  s.width = std::min(s.width, 8192);
  s.height = std::min(s.height, 8192);
  s.binFactor = factor;
  if (const auto x = number(centreX_), y = number(centreY_); x && y) s.centre = wcs::PixelPoint{*x, *y};
  s.energyMin = number(energyMin_);
  s.energyMax = number(energyMax_);
  s.patternMax = pattern_->value() >= 0 ? std::optional<int>(pattern_->value()) : std::nullopt;
  s.flagReject = goodEvents_->isChecked() ? flagMask_ : std::nullopt;
  return s;
}

}  // namespace xsky::widgets
