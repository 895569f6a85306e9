#pragma once
// The main window's catalogue tools (issue 10): File > Open Catalogue (a VOTable or a FITS binary
// table, read on a worker) into the Catalogue dock (widgets/catalog/CatalogPanel), its markers on
// every frame, "Make Source Region Here" into the shared RegionDocument, and object names in the
// query box (cone('M31', ...), a bare name) resolved through CDS Sesame with the local cache
// (core/catalog/NameResolver) on the query's worker thread, and "Match With Table..." (the file and
// radius dialogs here, then CatalogPanel::matchWithFile, which tests call directly). Wiring only:
// tables, queries, cross-matching and name resolution are core/catalog.

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

#include "catalog/SourceTable.h"

class QAction;
class QWidget;

namespace xsky::catalog {
class SesameResolver;
}

namespace xsky::widgets {
class CatalogPanel;
class RegionDocument;
class SkyView;
}  // namespace xsky::widgets

namespace xsky::app {

class CatalogWorkbench : public QObject {
  Q_OBJECT
 public:
  CatalogWorkbench(QWidget* window, widgets::RegionDocument* regions);
  ~CatalogWorkbench() override;

  /// The Catalogue dock's content.
  widgets::CatalogPanel* panel() const { return panel_; }
  /// File > Open Catalogue...
  QAction* openAction() const { return open_; }
  /// Draws the catalogue's markers on this frame.
  void attach(widgets::SkyView* view);

  /// Reads a VOTable or FITS table on a worker and shows it (opened() or failed() after).
  void openCatalogue(const QString& path);
  /// Shows a table already read (e.g. received over SAMP).
  void showTable(std::shared_ptr<const catalog::SourceTable> table, const QString& label);
  /// The file of the table shown ("" when none, or when it came over SAMP).
  const QString& cataloguePath() const { return path_; }
  /// Sessions: opens `path`, runs `query` (when not empty) and selects `rows`; `done(ok)` after.
  void restore(const QString& path, const QString& query, const std::vector<size_t>& rows,
               std::function<void(bool)> done);
  /// "Match With Table...": asks for a table file and a radius (default 5 arcsec, then the last
  /// one used), then runs CatalogPanel::matchWithFile(path, radius).
  void askTableToMatch();

 Q_SIGNALS:
  void opened(const QString& path);
  void failed(const QString& path, const QString& message);
  void message(const QString& line);
  /// The table, its query or its selection changed (sessions save it).
  void changed();

 private:
  QWidget* window_;
  widgets::CatalogPanel* panel_;
  QAction* open_;
  std::shared_ptr<catalog::SesameResolver> resolver_;
  QString path_;
};

}  // namespace xsky::app
