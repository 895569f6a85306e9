#pragma once
// Asks which two free parameters a confidence contour steps, and how many grid points per axis
// (the Fit dock's "Contour..." button).

#include <QDialog>

#include <vector>

#include "spectral/ModelExpression.h"

class QComboBox;
class QSpinBox;

namespace xsky::app {

class ContourDialog : public QDialog {
  Q_OBJECT
 public:
  /// Offers the free parameters of `parameters`; the first two are preselected.
  ContourDialog(const std::vector<spectral::Parameter>& parameters, QWidget* parent = nullptr);

  int xParameter() const;  // index in `parameters`
  int yParameter() const;
  int points() const;

 private:
  QComboBox* x_;
  QComboBox* y_;
  QSpinBox* points_;
};

}  // namespace xsky::app
