#include "gui/ContourDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace xsky::app {

ContourDialog::ContourDialog(const std::vector<spectral::Parameter>& parameters, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Confidence contour"));
  auto* form = new QFormLayout(this);
  x_ = new QComboBox(this);
  y_ = new QComboBox(this);
  x_->setObjectName(QStringLiteral("contourX"));
  y_->setObjectName(QStringLiteral("contourY"));
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (parameters[i].frozen) continue;
    for (QComboBox* box : {x_, y_}) box->addItem(parameters[i].fullName(), int(i));
  }
  if (y_->count() > 1) y_->setCurrentIndex(1);
  points_ = new QSpinBox(this);
  points_->setObjectName(QStringLiteral("contourPoints"));
  points_->setRange(5, 100);
  points_->setValue(20);
  points_->setToolTip(tr("Grid points per axis; each is a fit of the other free parameters"));
  auto* about =
      new QLabel(tr("The statistic on a grid over two parameters (best fit ± 3σ), the "
                    "others refitted at each point; lines at the 68, 90 and 99 % levels."),
                 this);
  about->setWordWrap(true);
  form->addRow(about);
  form->addRow(tr("x"), x_);
  form->addRow(tr("y"), y_);
  form->addRow(tr("Grid"), points_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto check = [this, buttons] {
    buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(x_->count() > 1 && xParameter() != yParameter());
  };
  connect(x_, &QComboBox::currentIndexChanged, this, check);
  connect(y_, &QComboBox::currentIndexChanged, this, check);
  check();
}

int ContourDialog::xParameter() const { return x_->currentData().toInt(); }
int ContourDialog::yParameter() const { return y_->currentData().toInt(); }
int ContourDialog::points() const { return points_->value(); }

}  // namespace xsky::app
