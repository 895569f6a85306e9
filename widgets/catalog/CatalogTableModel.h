#pragma once
// A source table (core/catalog SourceTable) as a Qt table model: one model row per shown table
// row (the query's matching rows, else all), one model column per table column. Sorting reorders
// the shown rows (numbers numerically, nulls last; text case-insensitively) and keeps the view's
// selection on the same table rows. Headers show the column name and unit; tooltips the UCD and
// description. GUI thread only; the table is shared read-only with workers.

#include <QAbstractTableModel>

#include <memory>
#include <vector>

#include "catalog/SourceTable.h"

namespace xsky::widgets {

class CatalogTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  explicit CatalogTableModel(QObject* parent = nullptr);

  /// Shows every row of `table` (nullptr: empty).
  void setTable(std::shared_ptr<const catalog::SourceTable> table);
  const std::shared_ptr<const catalog::SourceTable>& table() const { return table_; }
  /// Shows only these table rows (ascending; kept in the current sort order).
  void setShownRows(std::vector<size_t> rows);
  /// The shown table rows in the model's (sorted) order.
  const std::vector<size_t>& shownRows() const { return shown_; }

  /// The table row of a model row, and back (-1 when that table row is not shown).
  size_t tableRow(int modelRow) const { return shown_.at(static_cast<size_t>(modelRow)); }
  int modelRow(size_t tableRow) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

 private:
  void applySort();
  void rebuildLookup();

  std::shared_ptr<const catalog::SourceTable> table_;
  std::vector<size_t> shown_;
  std::vector<int> modelRowOf_;  // table row -> model row, -1 when hidden
  int sortColumn_ = -1;
  Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
};

}  // namespace xsky::widgets
