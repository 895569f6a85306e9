#include "gui/FitWorkbench.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

#include "fits/FitsError.h"
#include "gui/ContourDialog.h"
#include "products/Extraction.h"
#include "spectral/ConfidenceContour.h"
#include "spectral/ConfidenceIntervals.h"
#include "spectral/FitPlotData.h"
#include "spectral/Grouping.h"
#include "spectral/ContourPlot.h"
#include "spectral/SpectralFit.h"
#include "spectral/SpectrumFitPlot.h"
#include "tasks/TaskManager.h"

namespace xsky::app {

namespace {

enum Column { kName, kValue, kError, kFrozen, kMin, kMax };

const std::pair<spectral::StatisticKind, const char*> kStatistics[] = {
    {spectral::StatisticKind::Chi2Gehrels, "chi2gehrels"},
    {spectral::StatisticKind::Chi2DataVar, "chi2datavar"},
    {spectral::StatisticKind::Cstat, "cstat"},
    {spectral::StatisticKind::Wstat, "wstat"},
};

struct FitOutcome {
  std::vector<spectral::Parameter> parameters;
  std::vector<double> errors;
  std::vector<spectral::FoldedPlot> plots;
  std::vector<spectral::UnfoldedPlot> unfolded;
  double statistic = 0;
  int dof = 0;
  bool converged = false;
  QStringList warnings;
  std::vector<spectral::ConfidenceInterval> intervals;
  spectral::ContourGrid grid;
};

}  // namespace

struct FitWorkbench::Setup {
  QStringList paths, labels;
  QString expression;
  spectral::StatisticKind statistic = spectral::StatisticKind::Chi2Gehrels;
  int group = 0;
  double emin = 0, emax = 0;
  std::vector<spectral::Parameter> parameters;
};

namespace {

// The checked spectra, grouped and filtered as the dock says.
std::vector<spectral::SpectralData> loadAll(const QStringList& paths, int group, double emin, double emax,
                                            QStringList* warnings) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<spectral::SpectralData> data;
  for (const QString& path : paths) {
    spectral::SpectralData d = spectral::SpectralData::load(path, {}, warnings);
    if (group > 0) d.setGrouped(false);
    d.ignoreEnergy(-kInf, emin);
    d.ignoreEnergy(emax, kInf);
    if (group > 0) {
      spectral::GroupingScheme scheme;
      scheme.minimum = group;
      d.group(scheme);
    }
    data.push_back(std::move(d));
  }
  return data;
}

}  // namespace

FitWorkbench::FitWorkbench(QWidget* window, tasks::TaskManager* tasks) : QObject(window), window_(window), tasks_(tasks) {
  panel_ = new QWidget(window);
  panel_->setObjectName(QStringLiteral("fitPanel"));
  auto* layout = new QVBoxLayout(panel_);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* top = new QWidget(panel_);
  auto* form = new QFormLayout(top);
  form->setContentsMargins(0, 0, 0, 0);
  spectra_ = new QListWidget(top);
  spectra_->setObjectName(QStringLiteral("fitSpectra"));
  spectra_->setMaximumHeight(110);
  auto* add = new QPushButton(tr("Add..."), top);
  connect(add, &QPushButton::clicked, this, [this] {
    for (const QString& path : QFileDialog::getOpenFileNames(window_, tr("Add spectra"), QString(),
                                                             tr("OGIP spectra (*.pha *.pi *.fits *.ds);;All files (*)"))) {
      addSpectrum(path, QFileInfo(path).fileName(), true);
    }
  });
  auto* spectraRow = new QHBoxLayout;
  spectraRow->addWidget(spectra_, 1);
  spectraRow->addWidget(add, 0, Qt::AlignTop);
  form->addRow(tr("Spectra"), spectraRow);
  model_ = new QLineEdit(QStringLiteral("wabs*powerlaw"), top);
  model_->setObjectName(QStringLiteral("fitModel"));
  form->addRow(tr("Model"), model_);
  auto* options = new QHBoxLayout;
  statistic_ = new QComboBox(top);
  for (const auto& [kind, name] : kStatistics) statistic_->addItem(QString::fromLatin1(name));
  group_ = new QSpinBox(top);
  group_->setRange(0, 10000);
  group_->setValue(20);
  group_->setToolTip(tr("Group to at least N counts inside the energy range (0: as the file groups)"));
  emin_ = new QDoubleSpinBox(top);
  emax_ = new QDoubleSpinBox(top);
  for (QDoubleSpinBox* e : {emin_, emax_}) {
    e->setRange(0.0, 100.0);
    e->setDecimals(2);
    e->setSuffix(tr(" keV"));
  }
  emin_->setValue(0.3);
  emax_->setValue(10.0);
  options->addWidget(statistic_);
  options->addWidget(new QLabel(tr("group ≥"), top));
  options->addWidget(group_);
  options->addWidget(emin_);
  options->addWidget(new QLabel(QStringLiteral("–"), top));
  options->addWidget(emax_);
  form->addRow(tr("Fit"), options);
  table_ = new QTableWidget(0, 6, top);
  table_->setObjectName(QStringLiteral("fitParameters"));
  table_->setHorizontalHeaderLabels({tr("Parameter"), tr("Value"), tr("Error"), tr("Frozen"), tr("Min"), tr("Max")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->verticalHeader()->setVisible(false);
  table_->setMaximumHeight(150);
  form->addRow(table_);
  auto* buttons = new QHBoxLayout;
  fitButton_ = new QPushButton(tr("Fit"), top);
  fitButton_->setObjectName(QStringLiteral("fitButton"));
  errorsButton_ = new QPushButton(tr("Errors (90 %)"), top);
  contourButton_ = new QPushButton(tr("Contour..."), top);
  contourButton_->setObjectName(QStringLiteral("contourButton"));
  contourButton_->setToolTip(tr("68/90/99 % confidence contours of two parameters"));
  auto* exportButton = new QPushButton(tr("Export Plot..."), top);
  buttons->addWidget(fitButton_);
  buttons->addWidget(errorsButton_);
  buttons->addWidget(contourButton_);
  buttons->addStretch(1);
  buttons->addWidget(exportButton);
  form->addRow(buttons);
  summary_ = new QLabel(tr("Extract spectra (Region > Extract) or add OGIP spectra, then Fit."), top);
  summary_->setObjectName(QStringLiteral("fitSummary"));
  summary_->setWordWrap(true);
  form->addRow(summary_);
  plotTabs_ = new QTabWidget(panel_);
  plotTabs_->setObjectName(QStringLiteral("fitPlotTabs"));
  plot_ = new widgets::SpectrumFitPlot(plotTabs_);
  contourPlot_ = new widgets::ContourPlot(plotTabs_);
  plotTabs_->addTab(plot_, tr("Spectrum"));
  plotTabs_->addTab(contourPlot_, tr("Contour"));
  // The folded/unfolded selector sits in the tab bar: the plot keeps its height in a full window.
  QComboBox* mode = plot_->takeModeSelector();
  plotTabs_->setCornerWidget(mode, Qt::TopRightCorner);
  mode->show();
  connect(plotTabs_, &QTabWidget::currentChanged, mode,
          [this, mode] { mode->setVisible(plotTabs_->currentWidget() == plot_); });
  auto* split = new QSplitter(Qt::Vertical, panel_);
  split->addWidget(top);
  split->addWidget(plotTabs_);
  split->setStretchFactor(1, 1);
  layout->addWidget(split);
  connect(fitButton_, &QPushButton::clicked, this, [this] { fit(); });
  connect(errorsButton_, &QPushButton::clicked, this, [this] { computeErrors(); });
  connect(contourButton_, &QPushButton::clicked, this, &FitWorkbench::askContour);
  connect(exportButton, &QPushButton::clicked, this, &FitWorkbench::exportPlot);
  connect(model_, &QLineEdit::editingFinished, this, [this] { setModel(model_->text()); });
  setModel(model_->text());
}

void FitWorkbench::addSpectrum(const QString& path, const QString& label, bool checked) {
  for (int i = 0; i < spectra_->count(); ++i) {
    if (spectra_->item(i)->data(Qt::UserRole).toString() == path) return;
  }
  auto* item = new QListWidgetItem(label, spectra_);
  item->setData(Qt::UserRole, path);
  item->setToolTip(path);
  item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
  item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

QString FitWorkbench::currentSpectrum(QString* label) const {
  QListWidgetItem* chosen = spectra_->currentItem();
  for (int i = 0; !chosen && i < spectra_->count(); ++i) {
    if (spectra_->item(i)->checkState() == Qt::Checked) chosen = spectra_->item(i);
  }
  if (!chosen && spectra_->count() > 0) chosen = spectra_->item(0);
  if (!chosen) return {};
  if (label) *label = chosen->text();
  return chosen->data(Qt::UserRole).toString();
}

void FitWorkbench::addResult(const products::ExtractionResult& result) {
  for (const products::ProductRecord& p : result.products) {
    if (p.kind == QLatin1String("spectrum")) {
      addSpectrum(p.path, QStringLiteral("%1 %2 (%3 counts)").arg(result.obsId, result.instrument).arg(p.counts));
    }
  }
}

void FitWorkbench::setModel(const QString& expression) {
  if (expression == expression_ && !parameters_.empty()) return;
  try {
    const spectral::Model m = spectral::Model::parse(expression);
    model_->setText(expression);
    expression_ = expression;
    parameters_ = m.parameters();
    errors_.assign(parameters_.size(), std::nan(""));
    fitted_ = false;
    contourPlot_->clear();
    fillTable();
    summary_->setText(tr("Model %1: %n parameter(s).", nullptr, int(parameters_.size())).arg(expression));
  } catch (const Error& e) {
    summary_->setText(e.message());
    Q_EMIT message(tr("fit: %1").arg(e.message()));
  }
}

void FitWorkbench::fillTable() {
  table_->setRowCount(int(parameters_.size()));
  for (int i = 0; i < int(parameters_.size()); ++i) {
    const spectral::Parameter& p = parameters_[size_t(i)];
    auto* name = new QTableWidgetItem(p.unit.isEmpty() ? p.fullName() : QStringLiteral("%1 [%2]").arg(p.fullName(), p.unit));
    name->setFlags(name->flags() & ~Qt::ItemIsEditable);
    table_->setItem(i, kName, name);
    table_->setItem(i, kValue, new QTableWidgetItem(QString::number(p.value, 'g', 6)));
    const double e = size_t(i) < errors_.size() ? errors_[size_t(i)] : std::nan("");
    auto* error = new QTableWidgetItem(std::isnan(e) ? QString() : QString::number(e, 'g', 3));
    error->setFlags(error->flags() & ~Qt::ItemIsEditable);
    table_->setItem(i, kError, error);
    auto* frozen = new QTableWidgetItem;
    frozen->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
    frozen->setCheckState(p.frozen ? Qt::Checked : Qt::Unchecked);
    table_->setItem(i, kFrozen, frozen);
    table_->setItem(i, kMin, new QTableWidgetItem(QString::number(p.min, 'g', 6)));
    table_->setItem(i, kMax, new QTableWidgetItem(QString::number(p.max, 'g', 6)));
  }
}

void FitWorkbench::readTable() {
  for (int i = 0; i < table_->rowCount() && size_t(i) < parameters_.size(); ++i) {
    spectral::Parameter& p = parameters_[size_t(i)];
    bool ok = false;
    const double v = table_->item(i, kValue)->text().toDouble(&ok);
    if (ok) p.value = v;
    const double lo = table_->item(i, kMin)->text().toDouble(&ok);
    if (ok) p.min = lo;
    const double hi = table_->item(i, kMax)->text().toDouble(&ok);
    if (ok) p.max = hi;
    p.frozen = table_->item(i, kFrozen)->checkState() == Qt::Checked;
    p.value = std::clamp(p.value, p.min, p.max);
  }
}

FitWorkbench::Setup FitWorkbench::setup() const {
  Setup s;
  for (int i = 0; i < spectra_->count(); ++i) {
    if (spectra_->item(i)->checkState() != Qt::Checked) continue;
    s.paths << spectra_->item(i)->data(Qt::UserRole).toString();
    s.labels << spectra_->item(i)->text();
  }
  s.expression = expression_;
  s.statistic = kStatistics[statistic_->currentIndex()].first;
  s.group = group_->value();
  s.emin = emin_->value();
  s.emax = emax_->value();
  s.parameters = parameters_;
  return s;
}

quint64 FitWorkbench::fit() {
  setModel(model_->text());
  readTable();
  const Setup s = setup();
  if (s.paths.isEmpty() || parameters_.empty()) {
    summary_->setText(tr("Check the spectra to fit (and give a model)."));
    return 0;
  }
  auto out = std::make_shared<FitOutcome>();
  return tasks_->start(
      tr("Fit %1 to %n spectrum/spectra", nullptr, int(s.paths.size())).arg(s.expression),
      [s, out](tasks::TaskContext& ctx) -> QVariant {
        ctx.stage(QStringLiteral("reading the spectra"));
        std::vector<spectral::SpectralData> data = loadAll(s.paths, s.group, s.emin, s.emax, &out->warnings);
        std::vector<const spectral::SpectralData*> ptrs;
        for (const auto& d : data) ptrs.push_back(&d);
        spectral::Model m = spectral::Model::parse(s.expression);
        m.parameters() = s.parameters;
        const spectral::FitProblem problem(ptrs, &m, {s.statistic, false});
        ctx.stage(QStringLiteral("fitting"));
        ctx.checkCancelled();
        const spectral::FitResult r = spectral::fitModel(problem, &m);
        out->parameters = m.parameters();
        out->errors = r.errors;
        out->statistic = r.statistic;
        out->dof = r.dof;
        out->converged = r.converged;
        const std::vector<double> values = spectral::parameterValues(m.parameters());
        for (size_t d = 0; d < data.size(); ++d) {
          const std::vector<double> own = problem.modelValues(int(d), values);
          out->plots.push_back(spectral::foldedPlot(data[d], m, own));
          out->unfolded.push_back(spectral::unfoldedPlot(out->plots.back(), m, own));
        }
        for (const QString& w : out->warnings) ctx.log(QStringLiteral("warning: ") + w);
        return r.statistic;
      },
      [this, s, out](const tasks::TaskInfo& info) {
        if (info.state == tasks::TaskState::Failed) {
          summary_->setText(info.error);
          Q_EMIT message(tr("fit: %1").arg(info.error));
        }
        if (info.state == tasks::TaskState::Succeeded) {
          parameters_ = out->parameters;
          errors_ = out->errors;
          converged_ = out->converged;
          fitted_ = true;
          fillTable();
          plot_->setPlots(out->plots, out->unfolded, s.labels);
          plotTabs_->setCurrentWidget(plot_);
          summary_->setText(tr("%1: statistic %2 with %3 degrees of freedom (%4 = %5)%6")
                                .arg(kStatistics[statistic_->currentIndex()].second)
                                .arg(out->statistic, 0, 'f', 2)
                                .arg(out->dof)
                                .arg(out->dof > 0 ? tr("reduced") : QString())
                                .arg(out->dof > 0 ? out->statistic / out->dof : 0.0, 0, 'f', 3)
                                .arg(out->converged ? QString() : tr(" — DID NOT CONVERGE: the parameters shown are the last tried")));
          fitSummary_ = summary_->text();
          Q_EMIT message(summary_->text());
        }
        Q_EMIT finished();
      });
}

quint64 FitWorkbench::computeErrors() {
  readTable();
  const Setup s = setup();
  if (s.paths.isEmpty() || parameters_.empty()) return 0;
  auto out = std::make_shared<FitOutcome>();
  return tasks_->start(
      tr("Errors (90 %) of %1").arg(s.expression),
      [s, out](tasks::TaskContext& ctx) -> QVariant {
        std::vector<spectral::SpectralData> data = loadAll(s.paths, s.group, s.emin, s.emax, &out->warnings);
        std::vector<const spectral::SpectralData*> ptrs;
        for (const auto& d : data) ptrs.push_back(&d);
        spectral::Model m = spectral::Model::parse(s.expression);
        m.parameters() = s.parameters;
        const spectral::FitProblem problem(ptrs, &m, {s.statistic, false});
        ctx.stage(QStringLiteral("profiling the statistic"));
        out->intervals = spectral::confidenceIntervals(problem, m.parameters(), spectral::covarianceErrors(problem, m));
        out->parameters = m.parameters();
        return int(out->intervals.size());
      },
      [this, out](const tasks::TaskInfo& info) {
        if (info.state == tasks::TaskState::Failed) Q_EMIT message(tr("errors: %1").arg(info.error));
        if (info.state == tasks::TaskState::Succeeded) {
          for (const spectral::ConfidenceInterval& c : out->intervals) {
            if (c.parameter < 0 || c.parameter >= table_->rowCount()) continue;
            const QString low = c.lowerFound ? QString::number(c.lower - c.value, 'g', 3) : QStringLiteral("?");
            const QString high = c.upperFound ? QString::number(c.upper - c.value, 'g', 3) : QStringLiteral("?");
            table_->item(c.parameter, kError)->setText(QStringLiteral("%1, +%2%3").arg(low, high.startsWith(QLatin1Char('-')) ? high.mid(1) : high,
                                                                                       c.lowerAtBound || c.upperAtBound ? tr(" (at a limit)") : QString()));
          }
          Q_EMIT message(tr("90 % intervals of %n parameter(s) computed", nullptr, int(out->intervals.size())));
        }
        Q_EMIT finished();
      });
}

void FitWorkbench::askContour() {
  readTable();
  ContourDialog dialog(parameters_, window_);
  if (dialog.exec() == QDialog::Accepted) {
    computeContour(dialog.xParameter(), dialog.yParameter(), dialog.points());
  }
}

quint64 FitWorkbench::computeContour(int x, int y, int points) {
  readTable();
  const Setup s = setup();
  const int n = int(parameters_.size());
  QString refusal;
  if (s.paths.isEmpty() || !fitted_) {
    refusal = tr("Fit first: a contour is drawn around the best fit.");
  } else if (x < 0 || y < 0 || x >= n || y >= n || x == y || parameters_[size_t(x)].frozen ||
             parameters_[size_t(y)].frozen) {
    refusal = tr("A contour needs two different free parameters.");
  }
  if (!refusal.isEmpty()) {
    summary_->setText(refusal);
    Q_EMIT message(tr("contour: %1").arg(refusal));
    return 0;
  }
  const QString xName = parameters_[size_t(x)].fullName();
  const QString yName = parameters_[size_t(y)].fullName();
  auto out = std::make_shared<FitOutcome>();
  return tasks_->start(
      tr("Contour of %1 and %2 (%3 x %3)").arg(xName, yName).arg(points),
      [s, x, y, points, out](tasks::TaskContext& ctx) -> QVariant {
        ctx.stage(QStringLiteral("reading the spectra"));
        std::vector<spectral::SpectralData> data =
            loadAll(s.paths, s.group, s.emin, s.emax, &out->warnings);
        std::vector<const spectral::SpectralData*> ptrs;
        for (const auto& d : data) ptrs.push_back(&d);
        spectral::Model m = spectral::Model::parse(s.expression);
        m.parameters() = s.parameters;
        const spectral::FitProblem problem(ptrs, &m, {s.statistic, false});
        ctx.stage(QStringLiteral("covariance errors"));
        // Errors per parameter (the free ones' covariance sigmas) for the default ranges.
        std::vector<double> errors(m.parameters().size(), std::nan(""));
        const std::vector<int> free = spectral::freeIndices(m.parameters());
        const std::vector<double> sigma = spectral::covarianceErrors(problem, m);
        for (size_t k = 0; k < free.size(); ++k) errors[size_t(free[k])] = sigma[k];
        ctx.stage(QStringLiteral("stepping the grid"));
        spectral::ContourOptions options;
        options.xPoints = options.yPoints = points;
        out->grid = spectral::confidenceContour(problem, m.parameters(), x, y, errors, options,
                                                ctx.progressFn());
        return out->grid.nx() * out->grid.ny();
      },
      [this, out, xName, yName](const tasks::TaskInfo& info) {
        if (info.state == tasks::TaskState::Failed) {
          summary_->setText(info.error);
          Q_EMIT message(tr("contour: %1").arg(info.error));
        }
        if (info.state == tasks::TaskState::Succeeded) {
          contourPlot_->setGrid(out->grid, xName, yName);
          plotTabs_->setCurrentWidget(contourPlot_);
          summary_->setText(fitSummary_);
          const spectral::ContourGrid& g = out->grid;
          Q_EMIT message(g.newMinimum ? tr("contour of %1 and %2: a grid point lies below the best "
                                           "fit (%3 < %4): fit again from there")
                                            .arg(xName, yName)
                                            .arg(g.lowest, 0, 'f', 3)
                                            .arg(g.bestStatistic, 0, 'f', 3)
                                      : tr("contour of %1 and %2 on a %3 x %4 grid")
                                            .arg(xName, yName)
                                            .arg(g.nx())
                                            .arg(g.ny()));
        }
        Q_EMIT finished();
      });
}

void FitWorkbench::exportPlot() {
  const QString path = QFileDialog::getSaveFileName(window_, tr("Export the fit plot"), QString(),
                                                    tr("PNG image (*.png);;PDF (*.pdf);;Text table (*.txt)"));
  if (path.isEmpty()) return;
  const bool ok = path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)   ? plot_->savePdf(path)
                  : path.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive) ? plot_->saveText(path)
                                                                              : plot_->savePng(path);
  Q_EMIT message(ok ? tr("fit plot written to %1").arg(path) : tr("could not write %1").arg(path));
}

QJsonObject FitWorkbench::state() const {
  QJsonArray spectra;
  for (int i = 0; i < spectra_->count(); ++i) {
    const QListWidgetItem* item = spectra_->item(i);
    spectra.append(QJsonObject{{QStringLiteral("path"), item->data(Qt::UserRole).toString()},
                               {QStringLiteral("label"), item->text()},
                               {QStringLiteral("checked"), item->checkState() == Qt::Checked}});
  }
  QJsonArray params;
  for (const spectral::Parameter& p : parameters_) {
    params.append(QJsonObject{{QStringLiteral("name"), p.fullName()},
                              {QStringLiteral("value"), p.value},
                              {QStringLiteral("frozen"), p.frozen},
                              {QStringLiteral("min"), p.min},
                              {QStringLiteral("max"), p.max}});
  }
  return QJsonObject{{QStringLiteral("model"), expression_},
                     {QStringLiteral("statistic"), statistic_->currentText()},
                     {QStringLiteral("group"), group_->value()},
                     {QStringLiteral("emin"), emin_->value()},
                     {QStringLiteral("emax"), emax_->value()},
                     {QStringLiteral("spectra"), spectra},
                     {QStringLiteral("parameters"), params}};
}

void FitWorkbench::restoreState(const QJsonObject& state) {
  if (state.isEmpty()) return;
  spectra_->clear();
  for (const QJsonValue& v : state.value(QStringLiteral("spectra")).toArray()) {
    const QJsonObject o = v.toObject();
    addSpectrum(o.value(QStringLiteral("path")).toString(), o.value(QStringLiteral("label")).toString(),
                o.value(QStringLiteral("checked")).toBool());
  }
  const int stat = statistic_->findText(state.value(QStringLiteral("statistic")).toString());
  if (stat >= 0) statistic_->setCurrentIndex(stat);
  group_->setValue(state.value(QStringLiteral("group")).toInt(group_->value()));
  emin_->setValue(state.value(QStringLiteral("emin")).toDouble(emin_->value()));
  emax_->setValue(state.value(QStringLiteral("emax")).toDouble(emax_->value()));
  expression_.clear();
  setModel(state.value(QStringLiteral("model")).toString(model_->text()));
  const QJsonArray params = state.value(QStringLiteral("parameters")).toArray();
  for (qsizetype i = 0; i < params.size() && size_t(i) < parameters_.size(); ++i) {
    const QJsonObject o = params[i].toObject();
    spectral::Parameter& p = parameters_[size_t(i)];
    if (o.value(QStringLiteral("name")).toString() != p.fullName()) continue;
    p.value = o.value(QStringLiteral("value")).toDouble(p.value);
    p.frozen = o.value(QStringLiteral("frozen")).toBool(p.frozen);
    p.min = o.value(QStringLiteral("min")).toDouble(p.min);
    p.max = o.value(QStringLiteral("max")).toDouble(p.max);
  }
  fillTable();
}

}  // namespace xsky::app
