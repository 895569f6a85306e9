#include "gui/CatalogWorkbench.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QSettings>
#include <QWidget>
#include <QtConcurrent>

#include "catalog/CatalogOverlay.h"
#include "catalog/CatalogPanel.h"
#include "catalog/NameResolver.h"
#include "catalog/SourceTableFile.h"
#include "sky/SkyView.h"

namespace xsky::app {

namespace {

const QString kMatchRadiusKey = QStringLiteral("catalog/matchRadiusArcsec");
constexpr double kDefaultMatchRadiusArcsec = 5.0;

}  // namespace

CatalogWorkbench::CatalogWorkbench(QWidget* window, widgets::RegionDocument* regions)
    : QObject(window),
      window_(window),
      panel_(new widgets::CatalogPanel(window)),
      resolver_(std::make_shared<catalog::SesameResolver>()) {
  panel_->setRegionDocument(regions);
  // The resolver blocks on the network: the panel calls it on its query worker only.
  panel_->setNameResolver([resolver = resolver_](const QString& name, QString* error) {
    return resolver->resolve(name, error);
  });
  connect(panel_, &widgets::CatalogPanel::message, this, &CatalogWorkbench::message);
  connect(panel_, &widgets::CatalogPanel::queryFinished, this,
          [this](bool ok, const QString& text) {
            Q_EMIT message(ok ? tr("Catalogue query: %1").arg(text)
                              : tr("Catalogue query failed: %1").arg(text));
          });
  open_ = new QAction(tr("Open &Catalogue..."), this);
  open_->setObjectName(QStringLiteral("openCatalogueAction"));
  connect(open_, &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        window_, tr("Open a source catalogue"), QString(),
        tr("Tables (*.vot *.votable *.xml *.fits *.fit *.fts);;All files (*)"));
    if (!path.isEmpty()) openCatalogue(path);
  });
  connect(panel_, &widgets::CatalogPanel::matchRequested, this, &CatalogWorkbench::askTableToMatch);
  connect(panel_, &widgets::CatalogPanel::queryFinished, this, [this] { Q_EMIT changed(); });
  connect(panel_, &widgets::CatalogPanel::selectionEdited, this, [this] { Q_EMIT changed(); });
}

void CatalogWorkbench::askTableToMatch() {
  const QString path = QFileDialog::getOpenFileName(
      window_, tr("Match the catalogue with a table"), QString(),
      tr("Tables (*.vot *.votable *.xml *.fits *.fit *.fts);;All files (*)"));
  if (path.isEmpty()) return;
  QSettings settings;
  bool ok = false;
  const double arcsec = QInputDialog::getDouble(
      window_, tr("Match With Table"),
      tr("Radius around each catalogue source, arcsec:\n(the nearest source of %1 within it is "
         "its counterpart)")
          .arg(QFileInfo(path).fileName()),
      settings.value(kMatchRadiusKey, kDefaultMatchRadiusArcsec).toDouble(), 0.001, 36000.0, 3,
      &ok);
  if (!ok) return;
  settings.setValue(kMatchRadiusKey, arcsec);
  panel_->matchWithFile(path, arcsec / 3600.0);
}

CatalogWorkbench::~CatalogWorkbench() = default;

void CatalogWorkbench::attach(widgets::SkyView* view) { view->addOverlay(panel_->overlay()); }

void CatalogWorkbench::openCatalogue(const QString& path) {
  struct Loaded {
    std::shared_ptr<catalog::SourceTable> table;
    QString error;
  };
  auto* watcher = new QFutureWatcher<Loaded>(this);
  connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, path] {
    const Loaded loaded = watcher->result();
    watcher->deleteLater();
    if (!loaded.table) {
      Q_EMIT message(tr("Cannot open the catalogue %1").arg(loaded.error));
      Q_EMIT failed(path, loaded.error);
      return;
    }
    showTable(loaded.table, QFileInfo(path).fileName());
    path_ = QFileInfo(path).absoluteFilePath();
    Q_EMIT message(
        tr("Catalogue %1: %n row(s)", nullptr, static_cast<int>(loaded.table->rowCount()))
            .arg(path));
    Q_EMIT opened(path);
  });
  watcher->setFuture(QtConcurrent::run([path] {
    Loaded out;
    try {
      out.table = std::make_shared<catalog::SourceTable>(catalog::readSourceTableFile(path));
    } catch (const std::exception& e) {
      out.error = QString::fromUtf8(e.what());
    }
    return out;
  }));
}

void CatalogWorkbench::showTable(std::shared_ptr<const catalog::SourceTable> table,
                                 const QString& label) {
  path_.clear();  // openCatalogue() sets it again for a file
  panel_->setTable(std::move(table), label);
  Q_EMIT changed();
  if (!panel_->hasPositions()) {
    Q_EMIT message(
        tr("Catalogue %1: no RA/Dec columns recognised; the table is shown without sky markers")
            .arg(label));
  }
}

void CatalogWorkbench::restore(const QString& path, const QString& query, const std::vector<size_t>& rows,
                               std::function<void(bool)> done) {
  // One-shot connections, gone once the restore has finished (or failed).
  auto context = new QObject(this);
  auto finish = [this, context, rows, done](bool ok) {
    if (ok) {
      std::vector<size_t> present;
      const size_t count = panel_->table() ? panel_->table()->rowCount() : 0;
      for (const size_t r : rows) {
        if (r < count) present.push_back(r);
      }
      panel_->selectRows(present);
    }
    context->deleteLater();
    if (done) done(ok);
  };
  connect(this, &CatalogWorkbench::failed, context, [finish](const QString&, const QString&) { finish(false); });
  connect(this, &CatalogWorkbench::opened, context, [this, context, query, finish](const QString&) {
    if (query.trimmed().isEmpty()) {
      finish(true);
      return;
    }
    connect(panel_, &widgets::CatalogPanel::queryFinished, context, [finish](bool ok, const QString&) { finish(ok); });
    panel_->queryBox()->setEditText(query);
    panel_->runQuery(query);
  });
  openCatalogue(path);
}

}  // namespace xsky::app
