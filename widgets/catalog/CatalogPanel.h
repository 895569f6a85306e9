#pragma once
// The catalogue dock: one source table (core/catalog) shown as a sortable table with a column
// chooser, a query box with history (the core/catalog query language), and markers on the sky
// (CatalogOverlay) for the rows the query keeps. Selection is linked both ways: selecting rows
// highlights their markers, clicking a marker selects its row. "Make Source Region Here" adds a
// circle source region at each selected row (radius: its positional error, else 10 arcsec) to the
// RegionDocument. "Select Sources in Regions" selects the rows inside the regions' source area
// (exclusions cut out; core/catalog/CrossMatch.h), computed on a worker.
//
// Threading: the GUI thread owns the panel. A query is compiled (which may resolve object names
// over the network) and evaluated on a QtConcurrent worker over the shared, immutable table; its
// result comes back through a QFutureWatcher and is applied only if no newer query or table was
// set meanwhile (a serial number). The resolver is called on that worker.

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

  CatalogOverlay* overlay() const { return overlay_; }
  QTableView* tableView() const { return view_; }
  QComboBox* queryBox() const { return query_; }
  QLabel* statusLabel() const { return status_; }
  QAction* makeRegionAction() const { return makeRegion_; }
  QAction* inRegionsAction() const { return inRegions_; }
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

 private:
  void onSelectionChanged();
  void onMarkerClicked(size_t row, bool extend);
  void rememberQuery(const QString& text);
  void rebuildColumnsMenu();
  void updateStatus();

  std::shared_ptr<const catalog::SourceTable> table_;
  catalog::PositionColumns columns_;
  catalog::SkyPositions positions_;
  std::vector<double> errorsDeg_;
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
  quint64 serial_ = 0;
  int running_ = 0;
  bool applyingSelection_ = false;
};

}  // namespace xsky::widgets
