#include "gui/SampWorkbench.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QtConcurrent>

#include "fits/FitsError.h"
#include "moc/MocIo.h"
#include "samp/HubConnector.h"
#include "samp/SampClient.h"
#include "samp/SampHub.h"
#include "samp/UrlFetch.h"

namespace xsky::app {

namespace {
QString fileUrl(const QString& path) { return QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(); }
QString nameOf(const samp::ClientInfo& c) {
  const QString name = c.metadata.value(QStringLiteral("samp.name")).toString();
  return name.isEmpty() ? c.id : name;
}
}  // namespace

SampWorkbench::SampWorkbench(QWidget* window, Hooks hooks)
    : QObject(window), window_(window), hooks_(std::move(hooks)), client_(new samp::SampClient(this)), hub_(new samp::SampHub(this)) {
  samp::ClientMetadata meta;
  meta.documentationUrl = QStringLiteral("https://xsky.invalid/docs");
  client_->setMetadata(meta);
  registerHandlers();
  status_ = new QLabel(tr("SAMP: off"), window);
  status_->setObjectName(QStringLiteral("sampStatus"));
  menu_ = new QMenu(tr("&SAMP"), window);
  menu_->addAction(tr("&Connect (start a hub when none runs)"), this, &SampWorkbench::connectToHub);
  menu_->addAction(tr("&Disconnect"), this, &SampWorkbench::disconnectFromHub);
  menu_->addSeparator();
  sendImage_ = menu_->addMenu(tr("Send &Image To"));
  sendMoc_ = menu_->addMenu(tr("Send Region &MOC To"));
  connect(client_, &samp::SampClient::connected, this, [this] {
    refreshStatus();
    Q_EMIT connectionChanged(true);
  });
  connect(client_, &samp::SampClient::disconnected, this, [this](const QString& reason) {
    Q_EMIT message(tr("SAMP: disconnected (%1)").arg(reason));
    refreshStatus();
    Q_EMIT connectionChanged(false);
  });
  connect(client_, &samp::SampClient::clientsChanged, this, [this] {
    refreshStatus();
    rebuildSendMenus();
  });
  connect(client_, &samp::SampClient::warning, this, [this](const QString& w) { Q_EMIT message(tr("SAMP: %1").arg(w)); });
  connect(client_, &samp::SampClient::messageReceived, this, [this](const samp::IncomingMessage& m) {
    Q_EMIT message(tr("SAMP: received %1 from %2").arg(m.message.mtype, m.senderId));
  });
  rebuildSendMenus();
}

SampWorkbench::~SampWorkbench() = default;

QString SampWorkbench::scratchFile(const QString& name) const {
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::TempLocation) + QStringLiteral("/xsky-samp");
  QDir().mkpath(dir);
  return dir + QLatin1Char('/') + name;
}

void SampWorkbench::registerHandlers() {
  samp::MessageDispatch& d = client_->dispatch();
  d.addSync(QStringLiteral("coord.pointAt.sky"), [this](const samp::IncomingMessage& m) {
    QString error;
    const auto ra = samp::floatParam(m.message.params, QStringLiteral("ra"), &error);
    const auto dec = samp::floatParam(m.message.params, QStringLiteral("dec"), &error);
    if (!ra || !dec) return samp::SampResponse::error(error);
    if (!hooks_.centreOn || !hooks_.centreOn({*ra, *dec})) {
      return samp::SampResponse::error(tr("no frame with a sky WCS covers %1, %2").arg(*ra).arg(*dec));
    }
    return samp::SampResponse::ok();
  });
  d.add(QStringLiteral("image.load.fits"), [this](const samp::IncomingMessage& m, const samp::MessageDispatch::Replier& reply) {
    if (const auto missing = samp::missingParams(m.message.params, {QStringLiteral("url")})) {
      reply(samp::SampResponse::error(*missing));
      return;
    }
    const QString url = m.message.params.value(QStringLiteral("url")).toString();
    const QString downloads = scratchFile(QStringLiteral("downloads"));
    auto* watcher = new QFutureWatcher<std::pair<QString, QString>>(this);
    connect(watcher, &QFutureWatcher<std::pair<QString, QString>>::finished, this, [this, watcher, reply, url] {
      const auto [path, error] = watcher->result();
      watcher->deleteLater();
      if (path.isEmpty()) {
        Q_EMIT message(tr("SAMP: cannot load %1: %2").arg(url, error));
        reply(samp::SampResponse::error(error));
        return;
      }
      if (hooks_.openFile) hooks_.openFile(path);
      reply(samp::SampResponse::ok());
    });
    watcher->setFuture(QtConcurrent::run([url, downloads]() -> std::pair<QString, QString> {
      QDir().mkpath(downloads);
      QString path, error;
      if (!samp::localFileForUrl(url, downloads, &path, &error)) return {QString(), error};
      return {path, QString()};
    }));
  });
  d.add(QStringLiteral("coverage.load.moc.fits"), [this](const samp::IncomingMessage& m, const samp::MessageDispatch::Replier& reply) {
    if (const auto missing = samp::missingParams(m.message.params, {QStringLiteral("url")})) {
      reply(samp::SampResponse::error(*missing));
      return;
    }
    const QString url = m.message.params.value(QStringLiteral("url")).toString();
    const QString name = m.message.params.value(QStringLiteral("name")).toString();
    const QString downloads = scratchFile(QStringLiteral("downloads"));
    struct Loaded {
      moc::SpaceMoc coverage;
      QString name, error;
    };
    // Fetching (maybe over HTTP) and reading run on a worker, never on the GUI thread.
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, reply] {
      const Loaded loaded = watcher->result();
      watcher->deleteLater();
      if (!loaded.error.isEmpty()) {
        reply(samp::SampResponse::error(loaded.error));
        return;
      }
      if (hooks_.showCoverage) hooks_.showCoverage(loaded.coverage, loaded.name);
      reply(samp::SampResponse::ok());
    });
    watcher->setFuture(QtConcurrent::run([url, name, downloads]() {
      Loaded out;
      QString path;
      try {
        QDir().mkpath(downloads);
        if (!samp::localFileForUrl(url, downloads, &path, &out.error)) return out;
        out.coverage = moc::readSpaceMocFits(path);
        out.name = name.isEmpty() ? QFileInfo(path).fileName() : name;
      } catch (const Error& e) {
        out.error = e.message();
      }
      return out;
    }));
  });
}

void SampWorkbench::connectToHub() {
  status_->setText(tr("SAMP: connecting ..."));
  samp::connectOrStartHub(client_, hub_, [this](const samp::SampResult& result, bool startedHub) {
    if (!result.ok) {
      Q_EMIT message(tr("SAMP: cannot connect: %1").arg(result.error));
    } else {
      Q_EMIT message(startedHub ? tr("SAMP: no hub was running; started XSky's hub and registered")
                                : tr("SAMP: registered with the hub"));
    }
    refreshStatus();
  });
}

void SampWorkbench::disconnectFromHub() {
  client_->disconnectFromHub();
  if (hub_->isRunning()) hub_->stop();
  refreshStatus();
}

void SampWorkbench::refreshStatus() {
  if (!client_->isConnected()) {
    status_->setText(tr("SAMP: off"));
    return;
  }
  status_->setText(tr("SAMP: %1%2, %n other client(s)", nullptr, std::max(0, client_->clients().size() - 1))
                       .arg(hub_->isRunning() ? tr("own hub") : tr("hub"), QString()));
}

void SampWorkbench::rebuildSendMenus() {
  const auto fill = [this](QMenu* menu, const QString& mtype, std::function<void(const QString&)> send) {
    menu->clear();
    const QList<samp::ClientInfo> targets =
        client_->isConnected() ? client_->clients().subscribedTo(mtype, client_->selfId()) : QList<samp::ClientInfo>{};
    if (targets.isEmpty()) {
      menu->addAction(client_->isConnected() ? tr("(no client accepts %1)").arg(mtype) : tr("(not connected)"))->setEnabled(false);
      return;
    }
    for (const samp::ClientInfo& c : targets) {
      const QString id = c.id;
      menu->addAction(nameOf(c), this, [send, id] { send(id); });
    }
  };
  fill(sendImage_, QStringLiteral("image.load.fits"), [this](const QString& id) { sendImage(id); });
  fill(sendMoc_, QStringLiteral("coverage.load.moc.fits"), [this](const QString& id) { sendRegionMoc(id); });
}

void SampWorkbench::sendImage(const QString& clientId) {
  QString error;
  const QString path = hooks_.currentImageFile ? hooks_.currentImageFile(&error) : QString();
  if (path.isEmpty()) {
    Q_EMIT message(tr("SAMP: nothing to send: %1").arg(error));
    return;
  }
  samp::SampMessage m;
  m.mtype = QStringLiteral("image.load.fits");
  m.params = {{QStringLiteral("url"), fileUrl(path)}, {QStringLiteral("name"), QFileInfo(path).fileName()}};
  client_->notify(clientId, m, [this, clientId](const samp::SampResult& r) {
    Q_EMIT message(r.ok ? tr("SAMP: image sent to %1").arg(clientId) : tr("SAMP: sending failed: %1").arg(r.error));
  });
}

void SampWorkbench::sendRegionMoc(const QString& clientId) {
  const moc::SpaceMoc coverage = hooks_.regionMoc ? hooks_.regionMoc() : moc::SpaceMoc{};
  if (coverage.empty()) {
    Q_EMIT message(tr("SAMP: draw a region first"));
    return;
  }
  const QString path = scratchFile(QStringLiteral("xsky-region-moc.fits"));
  try {
    moc::writeMocFits(path, coverage);
  } catch (const Error& e) {
    Q_EMIT message(tr("SAMP: %1").arg(e.message()));
    return;
  }
  samp::SampMessage m;
  m.mtype = QStringLiteral("coverage.load.moc.fits");
  m.params = {{QStringLiteral("url"), fileUrl(path)}, {QStringLiteral("name"), QStringLiteral("XSky region")}};
  client_->notify(clientId, m, [this, clientId](const samp::SampResult& r) {
    Q_EMIT message(r.ok ? tr("SAMP: region MOC sent to %1").arg(clientId) : tr("SAMP: sending failed: %1").arg(r.error));
  });
}

void SampWorkbench::sendPosition(const QString& clientId, wcs::SkyPoint icrs) {
  samp::SampMessage m;
  m.mtype = QStringLiteral("coord.pointAt.sky");
  m.params = {{QStringLiteral("ra"), samp::sampFloat(icrs.lon)}, {QStringLiteral("dec"), samp::sampFloat(icrs.lat)}};
  if (clientId.isEmpty()) {
    client_->notifyAll(m);
  } else {
    client_->notify(clientId, m);
  }
}

bool SampWorkbench::isConnected() const { return client_ != nullptr && client_->isConnected(); }

}  // namespace xsky::app
