#pragma once
// The main window's SAMP tools: the SAMP menu (connect: to the running hub, else start XSky's own
// as TOPCAT does; disconnect; start a hub), a status indicator, "Send To" submenus that list only
// the clients subscribed to each message (the current frame as image.load.fits, the regions' MOC
// as coverage.load.moc.fits, the Fit dock's spectrum as spectrum.load.ssa-generic, the cursor
// position as coord.pointAt.sky), and the handlers of what
// XSky receives (image.load.fits opens a frame, coord.pointAt.sky centres the view,
// coverage.load.moc.fits is drawn over the frames). Every message is logged.
// Tables (attachTables): "Send Table To" sends the catalogue's selection (else its shown rows) and
// "Send Observation List To" the Observations dock's list as table.load.votable (a VOTable in a
// temporary file, file:// URL); table.load.votable / table.load.fits received are fetched on a
// worker (samp::UrlFetch) and shown in the catalogue dock. For a table XSky sent or received
// (its table-id and url kept, with the map from the sent rows to the dock's rows) a selection
// made by the user goes out as table.highlight.row (one row) or table.select.rowList, and those
// messages received select the rows in the dock.
// Wiring only: the protocol is core/samp.

#include <QObject>
#include <QVariantMap>

#include <functional>
#include <vector>

#include "moc/SpaceMoc.h"
#include "wcs/SkyWcs.h"

class QLabel;
class QMenu;
class QWidget;

namespace xsky::samp {
class SampClient;
class SampHub;
}  // namespace xsky::samp

namespace xsky::catalog {
class SourceTable;
}

namespace xsky::app {

class CatalogWorkbench;
class ObservationWorkbench;

class SampWorkbench : public QObject {
  Q_OBJECT
 public:
  /// What the window lends the workbench: the file of the current frame to send (written to a
  /// temporary FITS when it is an event list), the regions' MOC, where to centre.
  struct Hooks {
    std::function<QString(QString* error)> currentImageFile;
    std::function<moc::SpaceMoc()> regionMoc;
    /// The spectrum to send (the Fit dock's current one): its file and a name, or "" and *error.
    std::function<QString(QString* name, QString* error)> currentSpectrum;
    std::function<void(const QString& path)> openFile;
    std::function<bool(wcs::SkyPoint icrs)> centreOn;
    std::function<void(const moc::SpaceMoc& moc, const QString& name)> showCoverage;
  };

  SampWorkbench(QWidget* window, Hooks hooks);
  ~SampWorkbench() override;

  QMenu* menu() const { return menu_; }
  QLabel* statusLabel() const { return status_; }
  samp::SampClient* client() const { return client_; }
  bool isConnected() const;

  void connectToHub();
  void disconnectFromHub();
  /// Sends the current frame / region MOC / a position to the client with this public id.
  void sendImage(const QString& clientId);
  void sendRegionMoc(const QString& clientId);
  void sendPosition(const QString& clientId, wcs::SkyPoint icrs);
  /// Sends the Fit dock's current spectrum as spectrum.load.ssa-generic; returns its spectrum-id.
  QString sendSpectrum(const QString& clientId);

  /// Tables: the catalogue dock (sent, received, selections) and the observation list.
  void attachTables(CatalogWorkbench* catalogue, ObservationWorkbench* observations);
  /// Sends the catalogue's selected rows (else its shown rows) as table.load.votable; an empty
  /// clientId sends to every subscribed client. Returns the table-id ("" when nothing was sent).
  QString sendCatalogueTable(const QString& clientId);
  /// Sends the Observations dock's list as table.load.votable.
  QString sendObservationList(const QString& clientId);
  /// Sends the catalogue's selection to every client, for each SAMP table it is known as.
  void sendSelection(const std::vector<size_t>& rows);

 Q_SIGNALS:
  void message(const QString& line);
  void connectionChanged(bool connected);

 private:
  void registerHandlers();
  void refreshStatus();
  void rebuildSendMenus();
  QString scratchFile(const QString& name) const;
  void registerTableHandlers();
  /// Writes `table` to a temporary VOTable and sends it; returns its table-id (and *url).
  QString sendTable(const catalog::SourceTable& table, const QString& name, const QString& clientId, QString* url);
  /// How the catalogue's current table is known over SAMP: one entry per table sent or received.
  struct TableIdentity {
    QString tableId;
    QString url;
    std::vector<size_t> rows;  // row of the SAMP table -> row of the dock's table; empty: the same
  };
  const TableIdentity* findIdentity(const QVariantMap& params) const;

  QWidget* window_;
  Hooks hooks_;
  samp::SampClient* client_;
  samp::SampHub* hub_;
  QMenu* menu_ = nullptr;
  QMenu* sendImage_ = nullptr;
  QMenu* sendMoc_ = nullptr;
  QMenu* sendSpectrum_ = nullptr;
  QMenu* sendTable_ = nullptr;
  QMenu* sendObservations_ = nullptr;
  CatalogWorkbench* catalogue_ = nullptr;
  ObservationWorkbench* observations_ = nullptr;
  std::vector<TableIdentity> identities_;
  int tablesSent_ = 0;
  int spectraSent_ = 0;
  QLabel* status_ = nullptr;
};

}  // namespace xsky::app
