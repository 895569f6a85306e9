#pragma once
// The Fit dock (issue 7): the spectra to fit (every extracted source spectrum is added; "Add" opens
// any OGIP spectrum), checked ones fitted jointly with one model (parameters tied across data
// sets), the model expression, the statistic, grouping and energy range; a parameter table
// (value, error, frozen, min, max) that the next fit starts from; Fit and Errors (90 % profile
// intervals) run as tasks off the GUI thread and can be cancelled in the Tasks dock; the plot of
// data, model, components and residuals with PNG/PDF/text export. Wiring only: the fitting is
// core/spectral.

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <memory>

#include "spectral/ModelExpression.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QWidget;

namespace xsky::products {
struct ExtractionResult;
}
namespace xsky::tasks {
class TaskManager;
}
namespace xsky::widgets {
class SpectrumFitPlot;
}

namespace xsky::app {

class FitWorkbench : public QObject {
  Q_OBJECT
 public:
  FitWorkbench(QWidget* window, tasks::TaskManager* tasks);

  QWidget* panel() const { return panel_; }
  widgets::SpectrumFitPlot* plot() const { return plot_; }
  QListWidget* spectra() const { return spectra_; }
  QTableWidget* parameterTable() const { return table_; }
  QLabel* summary() const { return summary_; }

  /// Adds a spectrum file to the list (checked when `checked`); duplicates are ignored.
  void addSpectrum(const QString& path, const QString& label, bool checked = false);
  /// The spectrum the user points at: the selected one, else the first checked, else the first;
  /// "" when the list is empty. *label gets its label.
  QString currentSpectrum(QString* label) const;
  /// The source spectrum of an extraction.
  void addResult(const products::ExtractionResult& result);
  void setModel(const QString& expression);
  /// Fits the checked spectra jointly; returns the task id (0 and a message when nothing to fit).
  quint64 fit();
  /// 90 % profile errors at the current parameters; returns the task id.
  quint64 computeErrors();

  /// The parameters as the table holds them (values after the last fit).
  const std::vector<spectral::Parameter>& parameters() const { return parameters_; }
  bool lastFitConverged() const { return converged_; }
  /// The dock's set-up for sessions (core/session/Session.h "fit") and its restoration.
  QJsonObject state() const;
  void restoreState(const QJsonObject& state);

 Q_SIGNALS:
  void message(const QString& line);
  /// A fit or an error computation finished (successfully or not).
  void finished();

 private:
  struct Setup;
  Setup setup() const;
  void fillTable();
  void readTable();
  void exportPlot();

  QWidget* window_;
  tasks::TaskManager* tasks_;
  QWidget* panel_ = nullptr;
  QListWidget* spectra_ = nullptr;
  QLineEdit* model_ = nullptr;
  QComboBox* statistic_ = nullptr;
  QSpinBox* group_ = nullptr;
  QDoubleSpinBox* emin_ = nullptr;
  QDoubleSpinBox* emax_ = nullptr;
  QTableWidget* table_ = nullptr;
  QLabel* summary_ = nullptr;
  QPushButton* fitButton_ = nullptr;
  QPushButton* errorsButton_ = nullptr;
  widgets::SpectrumFitPlot* plot_ = nullptr;
  std::vector<spectral::Parameter> parameters_;
  std::vector<double> errors_;
  QString expression_;
  bool converged_ = false;
};

}  // namespace xsky::app
