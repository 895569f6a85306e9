#pragma once
// The observations that cover the user's region, grouped by camera, as the XCatDB selector shows
// them: a checkbox per observation and per camera (switch off one observation, or all of one
// camera), sortable columns (obsid, target, date, exposure, coverage), double-click opens the
// observation's file in a frame.

#include <QWidget>

#include <vector>

#include "archive/ObservationRecord.h"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace xsky::widgets {

class ObservationSelector : public QWidget {
  Q_OBJECT
 public:
  struct Row {
    archive::ObservationRecord record;
    double coveredFraction = 0;  // of the region, 0..1
  };

  explicit ObservationSelector(QWidget* parent = nullptr);

  /// Replaces the list (all rows start checked, except those the user switched off before: a
  /// location stays off until switched on again).
  void setRows(std::vector<Row> rows, const QString& summary = {});
  const std::vector<Row>& rows() const { return rows_; }
  /// Indices into rows() of the checked observations.
  std::vector<int> checkedRows() const;
  void setChecked(int row, bool checked);
  /// The locations the user switched off (kept across queries; saved in sessions).
  QStringList switchedOff() const { return QStringList(switchedOff_.begin(), switchedOff_.end()); }
  void setSwitchedOff(const QStringList& locations);
  /// The tree (for tests and for the main window's context actions).
  QTreeWidget* tree() const { return tree_; }

 Q_SIGNALS:
  /// The set of checked observations changed.
  void checkedChanged();
  /// The user double-clicked an observation.
  void openRequested(const QString& location);

 private:
  void onItemChanged(QTreeWidgetItem* item, int column);
  QTreeWidgetItem* itemOfRow(int row) const;

  QTreeWidget* tree_;
  QLabel* summary_;
  std::vector<Row> rows_;
  std::vector<QString> switchedOff_;
  bool updating_ = false;
};

}  // namespace xsky::widgets
