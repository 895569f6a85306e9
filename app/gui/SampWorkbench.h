#pragma once
// The main window's SAMP tools: the SAMP menu (connect: to the running hub, else start XSky's own
// as TOPCAT does; disconnect; start a hub), a status indicator, "Send To" submenus that list only
// the clients subscribed to each message (the current frame as image.load.fits, the regions' MOC
// as coverage.load.moc.fits, the cursor position as coord.pointAt.sky), and the handlers of what
// XSky receives (image.load.fits opens a frame, coord.pointAt.sky centres the view,
// coverage.load.moc.fits is drawn over the frames). Every message is logged.
// Wiring only: the protocol is core/samp.

#include <QObject>

#include <functional>

#include "moc/SpaceMoc.h"
#include "wcs/SkyWcs.h"

class QLabel;
class QMenu;
class QWidget;

namespace xsky::samp {
class SampClient;
class SampHub;
}  // namespace xsky::samp

namespace xsky::app {

class SampWorkbench : public QObject {
  Q_OBJECT
 public:
  /// What the window lends the workbench: the file of the current frame to send (written to a
  /// temporary FITS when it is an event list), the regions' MOC, where to centre.
  struct Hooks {
    std::function<QString(QString* error)> currentImageFile;
    std::function<moc::SpaceMoc()> regionMoc;
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

 Q_SIGNALS:
  void message(const QString& line);
  void connectionChanged(bool connected);

 private:
  void registerHandlers();
  void refreshStatus();
  void rebuildSendMenus();
  QString scratchFile(const QString& name) const;

  QWidget* window_;
  Hooks hooks_;
  samp::SampClient* client_;
  samp::SampHub* hub_;
  QMenu* menu_ = nullptr;
  QMenu* sendImage_ = nullptr;
  QMenu* sendMoc_ = nullptr;
  QLabel* status_ = nullptr;
};

}  // namespace xsky::app
