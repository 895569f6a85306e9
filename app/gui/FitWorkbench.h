#pragma once
// The Fit dock (issue 7): the spectra to fit (every extracted source spectrum is added; "Add" opens
// any OGIP spectrum), checked ones fitted jointly with one model (parameters tied across data
// sets), the model expression, the statistic, grouping and energy range; a parameter table
// (value, error, frozen, min, max) that the next fit starts from; Fit, Errors (90 % profile
// intervals) and Contour (the statistic on a grid over two parameters, the others refitted) run
// as tasks off the GUI thread and can be cancelled in the Tasks dock; two plot tabs: the data,
// model, components and residuals (folded counts/s/keV or unfolded E^2 F_E) with PNG/PDF/text
// export, and the confidence contour. Wiring only: the fitting is core/spectral.

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
class QTabWidget;
class QWidget;

namespace xsky::products {
struct ExtractionResult;
}
namespace xsky::tasks {
class TaskManager;
}
namespace xsky::widgets {
class ContourPlot;
class SpectrumFitPlot;
}

namespace xsky::app {

class FitWorkbench : public QObject {
  Q_OBJECT
 public:
  FitWorkbench(QWidget* window, tasks::TaskManager* tasks);

  QWidget* panel() const { return panel_; }
  widgets::SpectrumFitPlot* plot() const { return plot_; }
  widgets::ContourPlot* contourPlot() const { return contourPlot_; }
  QTabWidget* plotTabs() const { return plotTabs_; }
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
  /// The confidence contour of parameters x and y (model indices, both free) on a points x points
  /// grid over the best fit +- 3 covariance sigmas, shown in the Contour tab; returns the task id
  /// (0 and a message when there is no fit or the parameters do not fit).
  quint64 computeContour(int x, int y, int points = 20);

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
  void askContour();

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
  QPushButton* contourButton_ = nullptr;
  QTabWidget* plotTabs_ = nullptr;
  widgets::SpectrumFitPlot* plot_ = nullptr;
  widgets::ContourPlot* contourPlot_ = nullptr;
  std::vector<spectral::Parameter> parameters_;
  std::vector<double> errors_;
  QString expression_;
  bool converged_ = false;
  bool fitted_ = false;  // parameters_ hold a fit of the current model
  QString fitSummary_;   // the last fit's summary line
};

}  // namespace xsky::app
