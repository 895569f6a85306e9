#include "gui/SampWorkbench.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QtConcurrent>

#include <algorithm>
#include <optional>

#include "archive/ObservationSelector.h"
#include "catalog/CatalogPanel.h"
#include "catalog/FitsTableReader.h"
#include "catalog/Query.h"
#include "catalog/VoTableReader.h"
#include "catalog/VoTableWriter.h"
#include "fits/FitsError.h"
#include "gui/CatalogWorkbench.h"
#include "gui/ObservationWorkbench.h"
#include "moc/MocIo.h"
#include "samp/HubConnector.h"
#include "samp/SampClient.h"
#include "samp/SampHub.h"
#include "samp/SpectrumMessage.h"
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
  registerTableHandlers();
  status_ = new QLabel(tr("SAMP: off"), window);
  status_->setObjectName(QStringLiteral("sampStatus"));
  menu_ = new QMenu(tr("&SAMP"), window);
  menu_->addAction(tr("&Connect (start a hub when none runs)"), this, &SampWorkbench::connectToHub);
  menu_->addAction(tr("&Disconnect"), this, &SampWorkbench::disconnectFromHub);
  menu_->addSeparator();
  sendImage_ = menu_->addMenu(tr("Send &Image To"));
  sendMoc_ = menu_->addMenu(tr("Send Region &MOC To"));
  sendSpectrum_ = menu_->addMenu(tr("Send &Spectrum To"));
  sendSpectrum_->setToolTip(tr("The spectrum selected in the Fit dock"));
  sendTable_ = menu_->addMenu(tr("Send Catalogue &Table To"));
  sendTable_->setToolTip(tr("The catalogue's selected rows, else the rows its query shows"));
  sendObservations_ = menu_->addMenu(tr("Send &Observation List To"));
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
  fill(sendSpectrum_, QStringLiteral("spectrum.load.ssa-generic"), [this](const QString& id) { sendSpectrum(id); });
  fill(sendTable_, QStringLiteral("table.load.votable"), [this](const QString& id) { sendCatalogueTable(id); });
  fill(sendObservations_, QStringLiteral("table.load.votable"), [this](const QString& id) { sendObservationList(id); });
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

QString SampWorkbench::sendSpectrum(const QString& clientId) {
  QString name, error;
  const QString path = hooks_.currentSpectrum ? hooks_.currentSpectrum(&name, &error) : QString();
  if (path.isEmpty()) {
    Q_EMIT message(tr("SAMP: no spectrum to send: %1").arg(error));
    return {};
  }
  samp::SampMessage m;
  const QString id = QStringLiteral("xsky-spectrum-%1").arg(++spectraSent_);
  try {
    m = samp::spectrumLoadMessage(path, name, id);
  } catch (const Error& e) {
    Q_EMIT message(tr("SAMP: %1").arg(e.message()));
    return {};
  }
  client_->notify(clientId, m, [this, clientId, name](const samp::SampResult& r) {
    Q_EMIT message(r.ok ? tr("SAMP: spectrum %1 sent to %2").arg(name, clientId) : tr("SAMP: sending failed: %1").arg(r.error));
  });
  return id;
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

namespace {

// The Observations dock's list as a table: one row per observation and camera, positions the
// pointing (ICRS degrees) so that TOPCAT and Aladin plot it.
catalog::SourceTable observationTable(const widgets::ObservationSelector& selector) {
  catalog::SourceTable t;
  t.name = QStringLiteral("XSky observations");
  t.description = QStringLiteral("Observations covering the XSky regions");
  const auto& rows = selector.rows();
  const std::vector<int> checked = selector.checkedRows();
  t.columns.reserve(16);  // room for every column below: the references stay valid
  auto column = [&t](const QString& name, catalog::ColumnKind kind, const QString& unit = {}, const QString& ucd = {}) -> catalog::Column& {
    catalog::ColumnMeta m;
    m.name = name;
    m.unit = unit;
    m.ucd = ucd;
    t.columns.emplace_back(m, kind);
    return t.columns.back();
  };
  catalog::Column& obsId = column(QStringLiteral("obsid"), catalog::ColumnKind::String, {}, QStringLiteral("meta.id;obs"));
  catalog::Column& mission = column(QStringLiteral("mission"), catalog::ColumnKind::String);
  catalog::Column& instrument = column(QStringLiteral("instrument"), catalog::ColumnKind::String, {}, QStringLiteral("meta.id;instr"));
  catalog::Column& filter = column(QStringLiteral("filter"), catalog::ColumnKind::String);
  catalog::Column& target = column(QStringLiteral("target"), catalog::ColumnKind::String, {}, QStringLiteral("meta.id;src"));
  catalog::Column& ra = column(QStringLiteral("ra"), catalog::ColumnKind::Real, QStringLiteral("deg"), QStringLiteral("pos.eq.ra;meta.main"));
  catalog::Column& dec = column(QStringLiteral("dec"), catalog::ColumnKind::Real, QStringLiteral("deg"), QStringLiteral("pos.eq.dec;meta.main"));
  catalog::Column& date = column(QStringLiteral("date_obs"), catalog::ColumnKind::String, {}, QStringLiteral("time.start"));
  catalog::Column& exposure = column(QStringLiteral("exposure"), catalog::ColumnKind::Real, QStringLiteral("s"), QStringLiteral("time.duration;obs.exposure"));
  catalog::Column& covered = column(QStringLiteral("region_covered"), catalog::ColumnKind::Real, {}, QStringLiteral("arith.ratio"));
  catalog::Column& selected = column(QStringLiteral("checked"), catalog::ColumnKind::Boolean);
  catalog::Column& location = column(QStringLiteral("location"), catalog::ColumnKind::String, {}, QStringLiteral("meta.ref.url"));
  for (size_t i = 0; i < rows.size(); ++i) {
    const archive::ObservationRecord& r = rows[i].record;
    obsId.strings.push_back(r.obsId);
    mission.strings.push_back(r.mission);
    instrument.strings.push_back(r.instrument);
    filter.strings.push_back(r.filter);
    target.strings.push_back(r.target);
    ra.reals.push_back(r.raPointing);
    dec.reals.push_back(r.decPointing);
    date.strings.push_back(r.dateStart);
    exposure.reals.push_back(r.exposure);
    covered.reals.push_back(rows[i].coveredFraction);
    selected.booleans.push_back(std::find(checked.begin(), checked.end(), static_cast<int>(i)) != checked.end() ? 1 : 0);
    location.strings.push_back(r.location);
  }
  t.setRowCountHint(rows.size());
  return t;
}

// A SAMP row index ("3") as a number; nullopt when it is not a non-negative integer.
std::optional<size_t> rowIndex(const QVariant& v) {
  bool ok = false;
  const qlonglong row = v.toString().trimmed().toLongLong(&ok);
  if (!ok || row < 0) return std::nullopt;
  return static_cast<size_t>(row);
}

}  // namespace

void SampWorkbench::attachTables(CatalogWorkbench* catalogue, ObservationWorkbench* observations) {
  catalogue_ = catalogue;
  observations_ = observations;
  if (!catalogue_) return;
  // A new table in the dock is not the table other clients know any more.
  connect(catalogue_->panel(), &widgets::CatalogPanel::tableChanged, this, [this] { identities_.clear(); });
  connect(catalogue_->panel(), &widgets::CatalogPanel::selectionEdited, this, &SampWorkbench::sendSelection);
}

const SampWorkbench::TableIdentity* SampWorkbench::findIdentity(const QVariantMap& params) const {
  const QString tableId = params.value(QStringLiteral("table-id")).toString();
  const QString url = params.value(QStringLiteral("url")).toString();
  for (const TableIdentity& t : identities_) {
    if (!tableId.isEmpty() ? t.tableId == tableId : (!url.isEmpty() && t.url == url)) return &t;
  }
  return nullptr;
}

void SampWorkbench::registerTableHandlers() {
  samp::MessageDispatch& d = client_->dispatch();
  for (const bool fits : {false, true}) {
    const QString mtype = fits ? QStringLiteral("table.load.fits") : QStringLiteral("table.load.votable");
    d.add(mtype, [this, fits](const samp::IncomingMessage& m, const samp::MessageDispatch::Replier& reply) {
      if (const auto missing = samp::missingParams(m.message.params, {QStringLiteral("url")})) {
        reply(samp::SampResponse::error(*missing));
        return;
      }
      if (!catalogue_) {
        reply(samp::SampResponse::error(tr("XSky has no catalogue dock")));
        return;
      }
      const QString url = m.message.params.value(QStringLiteral("url")).toString();
      const QString tableId = m.message.params.value(QStringLiteral("table-id")).toString();
      QString name = m.message.params.value(QStringLiteral("name")).toString();
      const QString downloads = scratchFile(QStringLiteral("downloads"));
      struct Loaded {
        std::shared_ptr<catalog::SourceTable> table;
        QString error;
      };
      // Fetching (maybe over HTTP) and parsing run on a worker, never on the GUI thread.
      auto* watcher = new QFutureWatcher<Loaded>(this);
      connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, reply, url, tableId, name] {
        const Loaded loaded = watcher->result();
        watcher->deleteLater();
        if (!loaded.table) {
          Q_EMIT message(tr("SAMP: cannot load the table %1: %2").arg(url, loaded.error));
          reply(samp::SampResponse::error(loaded.error));
          return;
        }
        const QString label = !name.isEmpty() ? name : !loaded.table->name.isEmpty() ? loaded.table->name : QUrl(url).fileName();
        catalogue_->showTable(loaded.table, label);
        identities_.push_back({tableId.isEmpty() ? url : tableId, url, {}});
        Q_EMIT message(tr("SAMP: table %1 (%n row(s)) in the catalogue dock", nullptr, static_cast<int>(loaded.table->rowCount())).arg(label));
        reply(samp::SampResponse::ok());
      });
      watcher->setFuture(QtConcurrent::run([url, downloads, fits] {
        Loaded out;
        try {
          if (fits) {
            QDir().mkpath(downloads);
            QString path;
            if (!samp::localFileForUrl(url, downloads, &path, &out.error)) return out;
            out.table = std::make_shared<catalog::SourceTable>(catalog::readFitsTable(path));
          } else {
            QByteArray bytes;
            if (!samp::fetchUrl(url, &bytes, &out.error)) return out;
            out.table = std::make_shared<catalog::SourceTable>(catalog::parseVoTable(bytes, url));
          }
        } catch (const std::exception& e) {
          out.table.reset();
          out.error = QString::fromUtf8(e.what());
        }
        return out;
      }));
    });
  }
  // Row indices of a table XSky sent or received select rows in the dock.
  const auto selectHandler = [this](bool list) {
    return [this, list](const samp::IncomingMessage& m) {
      const QVariantMap& params = m.message.params;
      const QString what = list ? QStringLiteral("row-list") : QStringLiteral("row");
      if (const auto missing = samp::missingParams(params, {what})) {
        if (!list || !params.contains(what)) return samp::SampResponse::error(*missing);  // an empty list is fine
      }
      const TableIdentity* table = findIdentity(params);
      if (!catalogue_ || !table) {
        return samp::SampResponse::error(tr("XSky does not show a table with table-id \"%1\" or url \"%2\"")
                                             .arg(params.value(QStringLiteral("table-id")).toString(),
                                                  params.value(QStringLiteral("url")).toString()));
      }
      const size_t count = table->rows.empty() ? catalogue_->panel()->table()->rowCount() : table->rows.size();
      const QVariantList values = list ? params.value(what).toList() : QVariantList{params.value(what)};
      std::vector<size_t> rows;
      for (const QVariant& v : values) {
        const auto row = rowIndex(v);
        if (!row || *row >= count) {
          return samp::SampResponse::error(tr("%1: \"%2\" is not a row of the table (0..%3)").arg(what, v.toString()).arg(count - 1));
        }
        rows.push_back(table->rows.empty() ? *row : table->rows[*row]);
      }
      catalogue_->panel()->selectRows(rows);
      return samp::SampResponse::ok();
    };
  };
  d.addSync(QStringLiteral("table.highlight.row"), selectHandler(false));
  d.addSync(QStringLiteral("table.select.rowList"), selectHandler(true));
}

QString SampWorkbench::sendTable(const catalog::SourceTable& table, const QString& name, const QString& clientId, QString* url) {
  const QString tableId = QStringLiteral("xsky-%1-table-%2").arg(QCoreApplication::applicationPid()).arg(++tablesSent_);
  const QString path = scratchFile(tableId + QStringLiteral(".vot"));
  try {
    catalog::writeVoTable(table, path);
  } catch (const Error& e) {
    Q_EMIT message(tr("SAMP: %1").arg(e.message()));
    return {};
  }
  *url = fileUrl(path);
  samp::SampMessage m;
  m.mtype = QStringLiteral("table.load.votable");
  m.params = {{QStringLiteral("url"), *url}, {QStringLiteral("table-id"), tableId}, {QStringLiteral("name"), name}};
  const auto done = [this, name](const samp::SampResult& r) {
    Q_EMIT message(r.ok ? tr("SAMP: table %1 sent").arg(name) : tr("SAMP: sending failed: %1").arg(r.error));
  };
  if (clientId.isEmpty()) {
    client_->notifyAll(m, done);
  } else {
    client_->notify(clientId, m, done);
  }
  return tableId;
}

QString SampWorkbench::sendCatalogueTable(const QString& clientId) {
  const auto table = catalogue_ ? catalogue_->panel()->table() : nullptr;
  if (!table) {
    Q_EMIT message(tr("SAMP: open a catalogue first"));
    return {};
  }
  std::vector<size_t> rows = catalogue_->panel()->selectedRows();
  const bool selection = !rows.empty();
  if (!selection) rows = catalogue_->panel()->shownRows();
  const QString base = table->name.isEmpty() ? QStringLiteral("XSky catalogue") : table->name;
  const QString name = selection ? tr("%1 (selection, %n row(s))", nullptr, static_cast<int>(rows.size())).arg(base)
                                 : tr("%1 (%n row(s))", nullptr, static_cast<int>(rows.size())).arg(base);
  QString url;
  const QString tableId = sendTable(catalog::selectRows(*table, rows), name, clientId, &url);
  if (!tableId.isEmpty()) identities_.push_back({tableId, url, rows});
  return tableId;
}

QString SampWorkbench::sendObservationList(const QString& clientId) {
  if (!observations_ || observations_->selector()->rows().empty()) {
    Q_EMIT message(tr("SAMP: the observation list is empty (open an index and draw a region)"));
    return {};
  }
  QString url;
  return sendTable(observationTable(*observations_->selector()), tr("XSky observations"), clientId, &url);
}

void SampWorkbench::sendSelection(const std::vector<size_t>& rows) {
  if (!client_->isConnected() || identities_.empty()) return;
  for (const TableIdentity& t : identities_) {
    QVariantList list;
    for (const size_t r : rows) {
      if (t.rows.empty()) {
        list << QString::number(r);
      } else if (const auto it = std::lower_bound(t.rows.begin(), t.rows.end(), r); it != t.rows.end() && *it == r) {
        list << QString::number(it - t.rows.begin());
      }
    }
    samp::SampMessage m;
    m.params = {{QStringLiteral("table-id"), t.tableId}, {QStringLiteral("url"), t.url}};
    if (list.size() == 1) {
      m.mtype = QStringLiteral("table.highlight.row");
      m.params.insert(QStringLiteral("row"), list.front());
    } else {
      m.mtype = QStringLiteral("table.select.rowList");
      m.params.insert(QStringLiteral("row-list"), list);
    }
    client_->notifyAll(m);
  }
}

}  // namespace xsky::app
