#include "sky/BinningPanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
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
  bin_->setValue(spec.binFactor);
  energyMin_->setText(spec.energyMin ? QString::number(*spec.energyMin) : QString());
  energyMax_->setText(spec.energyMax ? QString::number(*spec.energyMax) : QString());
  unit_->setText(unit);
  pattern_->setValue(spec.patternMax.value_or(-1));
  flagMask_ = flagMask;
  goodEvents_->setEnabled(flagMask.has_value());
  goodEvents_->setChecked(spec.flagReject.has_value());
  setEnabled(enabled);
}

imaging::BinningSpec BinningPanel::spec(const imaging::BinningSpec& base) const {
  imaging::BinningSpec s = base;
  // Keep the same sky area when the bin factor changes.
  const double factor = bin_->value();
  s.width = std::max(1, static_cast<int>(std::ceil(base.width * base.binFactor / factor)));
  s.height = std::max(1, static_cast<int>(std::ceil(base.height * base.binFactor / factor)));
  s.binFactor = factor;
  s.energyMin = number(energyMin_);
  s.energyMax = number(energyMax_);
  s.patternMax = pattern_->value() >= 0 ? std::optional<int>(pattern_->value()) : std::nullopt;
  s.flagReject = goodEvents_->isChecked() ? flagMask_ : std::nullopt;
  return s;
}

}  // namespace xsky::widgets
