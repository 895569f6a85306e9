#pragma once
// The catalogue dock: one source table (core/catalog) shown as a sortable table with a column
// chooser, a query box with history (the core/catalog query language), and markers on the sky
// (CatalogOverlay) for the rows the query keeps. Selection is linked both ways: selecting rows
// highlights their markers, clicking a marker selects its row. "Make Source Region Here" adds a
// circle source region at each selected row (radius: its positional error, else 10 arcsec) to the
// RegionDocument. "Select Sources in Regions" selects the rows inside the regions' source area
// (exclusions cut out; core/catalog/CrossMatch.h), computed on a worker. "Match With Table..."
// asks its owner (matchRequested(): the app shows the file and radius dialogs) and then
// matchWithFile() reads the other table and finds each row's nearest counterpart within the
// radius on a worker, selects the rows that have one and says how many in the status line.
//
// Threading: the GUI thread owns the panel. A query is compiled (which may resolve object names
// over the network) and evaluated on a QtConcurrent worker over the shared, immutable table; its
// result comes back through a QFutureWatcher and is applied only if no newer query or table was
// set meanwhile (a serial number). The resolver is called on that worker. Region selection and
// the table match follow the same pattern: inputs copied into the worker, result applied here only
// when the serial number is unchanged.

#include <QWidget>

#include <memory>
#include <vector>

#include "catalog/CrossMatch.h"
#include "catalog/SkyTarget.h"
#include "catalog/SourceTable.h"

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QTableView;
class QToolButton;

namespace xsky::widgets {

class CatalogOverlay;
class CatalogTableModel;
class RegionDocument;

class CatalogPanel : public QWidget {
  Q_OBJECT
 public:
  explicit CatalogPanel(QWidget* parent = nullptr);
  ~CatalogPanel() override;

  /// Shows a table (every row, no query, nothing selected). `label` names it in the dock.
  void setTable(std::shared_ptr<const catalog::SourceTable> table, const QString& label = {});
  const std::shared_ptr<const catalog::SourceTable>& table() const { return table_; }
  /// False when the table has no recognisable RA/Dec (no markers, no regions, no sky queries).
  bool hasPositions() const { return columns_.found(); }
  const catalog::PositionColumns& positionColumns() const { return columns_; }

  /// Names in cone('M31', ...) go through this (on the query's worker thread).
  void setNameResolver(catalog::NameResolver resolver) { resolver_ = std::move(resolver); }
  /// Where "Make Source Region Here" adds its circles (not owned).
  void setRegionDocument(RegionDocument* document);

  /// Runs a query on a worker (empty text: every row); queryFinished() reports the outcome.
  void runQuery(const QString& text);
  bool queryRunning() const;

  /// Table rows shown (the last query's matches, else all), ascending.
  std::vector<size_t> shownRows() const;
  /// Selected table rows, ascending.
  std::vector<size_t> selectedRows() const;
  /// Selects these table rows (those hidden by the query are ignored) and scrolls to the first.
  /// Does not emit selectionEdited().
  void selectRows(const std::vector<size_t>& rows);
  /// Adds a source circle per selected row to the region document; returns how many.
  int makeSourceRegions();
  /// Selects (on a worker, then here) the shown rows inside the region document's source area;
  /// regionSelectionFinished() follows.
  void selectSourcesInRegions();
  /// Reads the VOTable or FITS table at `path` and matches, on a worker, each row of this table
  /// with its nearest position there within `radiusDeg` (catalog/CrossMatch.h); then selects the
  /// rows that have a counterpart (rows hidden by the query stay unselected) and shows "N of M
  /// sources have a counterpart within R in FILE". matchFinished() follows (-1 on failure: an
  /// unreadable file, a table without positions).
  void matchWithFile(const QString& path, double radiusDeg);
  /// The last match, one entry per table row (index -1: no counterpart); empty before any match
  /// and after setTable().
  const std::vector<catalog::NeighbourMatch>& counterparts() const { return counterparts_; }

  CatalogOverlay* overlay() const { return overlay_; }
  QTableView* tableView() const { return view_; }
  QComboBox* queryBox() const { return query_; }
  QLabel* statusLabel() const { return status_; }
  QAction* makeRegionAction() const { return makeRegion_; }
  QAction* inRegionsAction() const { return inRegions_; }
  QAction* matchAction() const { return match_; }
  QMenu* columnsMenu() const { return columnsMenu_; }
  /// A few table lines high: docked under the sky, the sky keeps the room.
  QSize sizeHint() const override { return {640, 200}; }

 Q_SIGNALS:
  void tableChanged();
  /// A query finished: ok with the number of matching rows, or the error (with its column).
  void queryFinished(bool ok, const QString& message);
  /// The user changed the selection (in the table or on the sky); rows ascending.
  void selectionEdited(const std::vector<size_t>& rows);
  void message(const QString& line);
  /// selectSourcesInRegions() finished with this many rows inside (shown or not).
  void regionSelectionFinished(int inside);
  /// "Match With Table..." was triggered: the owner asks for a file and a radius, then calls
  /// matchWithFile().
  void matchRequested();
  /// matchWithFile() finished: this many rows have a counterpart (-1: it failed, see message()).
  void matchFinished(int matched);

 private:
  void onSelectionChanged();
  void onMarkerClicked(size_t row, bool extend);
  void rememberQuery(const QString& text);
  void rebuildColumnsMenu();
  void updateStatus();
  void showError(const QString& text);

  std::shared_ptr<const catalog::SourceTable> table_;
  /// The table with its indexes (catalog/TableIndex.h), built in the background by the first
  /// queries that need them and shared with the queries running.
  struct IndexedTable;
  std::shared_ptr<IndexedTable> indexed_;
  catalog::PositionColumns columns_;
  catalog::SkyPositions positions_;
  std::vector<double> errorsDeg_;
  std::vector<catalog::NeighbourMatch> counterparts_;
  catalog::NameResolver resolver_;
  RegionDocument* regions_ = nullptr;
  QString label_;

  CatalogTableModel* model_;
  CatalogOverlay* overlay_;
  QTableView* view_;
  QComboBox* query_;
  QLabel* title_;
  QLabel* status_;
  QToolButton* columnsButton_;
  QMenu* columnsMenu_;
  QAction* makeRegion_;
  QAction* inRegions_;
  QAction* match_;
  quint64 serial_ = 0;
  int running_ = 0;
  bool applyingSelection_ = false;
};

}  // namespace xsky::widgets
