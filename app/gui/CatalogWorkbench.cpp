#include "gui/CatalogWorkbench.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QWidget>
#include <QtConcurrent>

#include "catalog/CatalogOverlay.h"
#include "catalog/CatalogPanel.h"
#include "catalog/FitsTableReader.h"
#include "catalog/NameResolver.h"
#include "catalog/VoTableReader.h"
#include "fits/FitsError.h"
#include "sky/SkyView.h"

namespace xsky::app {

catalog::SourceTable readSourceTable(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly))
    throw Error(QStringLiteral("%1: %2").arg(path, f.errorString()));
  const QByteArray head = f.read(4096);
  f.close();
  if (catalog::looksLikeVoTable(head)) return catalog::readVoTable(path);
  if (head.startsWith("SIMPLE  =") || head.startsWith("\x1f\x8b"))
    return catalog::readFitsTable(path);
  throw Error(QStringLiteral("%1: neither a VOTable nor a FITS file").arg(path));
}

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
    Q_EMIT message(
        tr("Catalogue %1: %n row(s)", nullptr, static_cast<int>(loaded.table->rowCount()))
            .arg(path));
    Q_EMIT opened(path);
  });
  watcher->setFuture(QtConcurrent::run([path] {
    Loaded out;
    try {
      out.table = std::make_shared<catalog::SourceTable>(readSourceTable(path));
    } catch (const std::exception& e) {
      out.error = QString::fromUtf8(e.what());
    }
    return out;
  }));
}

void CatalogWorkbench::showTable(std::shared_ptr<const catalog::SourceTable> table,
                                 const QString& label) {
  panel_->setTable(std::move(table), label);
  if (!panel_->hasPositions()) {
    Q_EMIT message(
        tr("Catalogue %1: no RA/Dec columns recognised; the table is shown without sky markers")
            .arg(label));
  }
}

}  // namespace xsky::app
