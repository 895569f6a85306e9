#include "catalog/CatalogTableModel.h"

#include <algorithm>
#include <cmath>

namespace xsky::widgets {

CatalogTableModel::CatalogTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void CatalogTableModel::setTable(std::shared_ptr<const catalog::SourceTable> table) {
  beginResetModel();
  table_ = std::move(table);
  shown_.clear();
  if (table_) {
    shown_.resize(table_->rowCount());
    for (size_t i = 0; i < shown_.size(); ++i) shown_[i] = i;
  }
  sortColumn_ = -1;
  rebuildLookup();
  endResetModel();
}

void CatalogTableModel::setShownRows(std::vector<size_t> rows) {
  beginResetModel();
  shown_ = std::move(rows);
  applySort();
  rebuildLookup();
  endResetModel();
}

int CatalogTableModel::modelRow(size_t tableRow) const {
  return tableRow < modelRowOf_.size() ? modelRowOf_[tableRow] : -1;
}

void CatalogTableModel::rebuildLookup() {
  modelRowOf_.assign(table_ ? table_->rowCount() : 0, -1);
  for (size_t m = 0; m < shown_.size(); ++m) modelRowOf_[shown_[m]] = static_cast<int>(m);
}

int CatalogTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(shown_.size());
}

int CatalogTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() || !table_ ? 0 : static_cast<int>(table_->columnCount());
}

QVariant CatalogTableModel::data(const QModelIndex& index, int role) const {
  if (!table_ || !index.isValid()) return {};
  const catalog::Column& c = table_->columns[static_cast<size_t>(index.column())];
  const size_t row = shown_[static_cast<size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      if (c.kind() == catalog::ColumnKind::Real && !c.isNull(row)) {
        return QString::number(c.reals[row], 'g', 10);
      }
      return c.text(row);
    case Qt::ToolTipRole:
      return c.text(row);
    case Qt::TextAlignmentRole:
      return static_cast<int>(c.isNumeric() ? (Qt::AlignRight | Qt::AlignVCenter)
                                            : (Qt::AlignLeft | Qt::AlignVCenter));
    default:
      return {};
  }
}

QVariant CatalogTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Vertical) {
    if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
      return QString::number(shown_[static_cast<size_t>(section)] + 1);
    return {};
  }
  if (!table_ || section < 0 || section >= columnCount()) return {};
  const catalog::ColumnMeta& m = table_->columns[static_cast<size_t>(section)].meta;
  if (role == Qt::DisplayRole)
    return m.unit.isEmpty() ? m.name : QStringLiteral("%1 [%2]").arg(m.name, m.unit);
  if (role == Qt::ToolTipRole) {
    QStringList lines{m.name};
    if (!m.ucd.isEmpty()) lines << tr("UCD: %1").arg(m.ucd);
    if (!m.unit.isEmpty()) lines << tr("unit: %1").arg(m.unit);
    if (!m.description.isEmpty()) lines << m.description;
    return lines.join(QLatin1Char('\n'));
  }
  return {};
}

void CatalogTableModel::sort(int column, Qt::SortOrder order) {
  if (!table_ || column < 0 || column >= columnCount()) return;
  Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
  const QModelIndexList before = persistentIndexList();
  std::vector<size_t> tableRows;
  tableRows.reserve(static_cast<size_t>(before.size()));
  for (const QModelIndex& i : before) tableRows.push_back(shown_[static_cast<size_t>(i.row())]);
  sortColumn_ = column;
  sortOrder_ = order;
  applySort();
  rebuildLookup();
  QModelIndexList after;
  after.reserve(before.size());
  for (qsizetype k = 0; k < before.size(); ++k) {
    after << index(modelRowOf_[tableRows[static_cast<size_t>(k)]], before[k].column());
  }
  changePersistentIndexList(before, after);
  Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void CatalogTableModel::applySort() {
  if (!table_ || sortColumn_ < 0 || sortColumn_ >= columnCount()) {
    std::sort(shown_.begin(), shown_.end());
    return;
  }
  const catalog::Column& c = table_->columns[static_cast<size_t>(sortColumn_)];
  const bool descending = sortOrder_ == Qt::DescendingOrder;
  if (c.kind() == catalog::ColumnKind::String) {
    std::stable_sort(shown_.begin(), shown_.end(), [&](size_t a, size_t b) {
      const int cmp = QString::compare(c.strings[a], c.strings[b], Qt::CaseInsensitive);
      return descending ? cmp > 0 : cmp < 0;
    });
    return;
  }
  std::stable_sort(shown_.begin(), shown_.end(), [&](size_t a, size_t b) {
    const double x = c.number(a), y = c.number(b);
    if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);  // nulls last
    return descending ? x > y : x < y;
  });
}

}  // namespace xsky::widgets
