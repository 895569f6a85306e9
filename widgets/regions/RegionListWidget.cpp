#include "regions/RegionListWidget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <type_traits>

#include "regions/RegionDocument.h"
#include "regions/RegionGeometry.h"
#include "regions/RegionProjection.h"
#include "regions/RegionPropertiesDialog.h"
#include "wcs/Angles.h"

namespace xsky::widgets {

namespace {

using regions::Region;

QString length(double v, regions::Frame frame) {
  if (frame == regions::Frame::Sky) {
    const double arcsec = v * 3600;
    return arcsec < 120 ? QStringLiteral("%1\"").arg(arcsec, 0, 'f', 2)
                        : QStringLiteral("%1'").arg(arcsec / 60, 0, 'f', 3);
  }
  return QStringLiteral("%1 px").arg(v, 0, 'f', 2);
}

}  // namespace

RegionListWidget::RegionListWidget(RegionDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
  setObjectName(QStringLiteral("regionList"));
  table_ = new QTableWidget(0, 4, this);
  table_->setObjectName(QStringLiteral("regionTable"));
  table_->setHorizontalHeaderLabels({tr("Shape"), tr("Centre"), tr("Size"), tr("Role")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  delete_ = new QPushButton(tr("Delete"), this);
  delete_->setObjectName(QStringLiteral("deleteButton"));
  source_ = new QPushButton(tr("Source"), this);
  source_->setObjectName(QStringLiteral("sourceButton"));
  background_ = new QPushButton(tr("Background"), this);
  background_->setObjectName(QStringLiteral("backgroundButton"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(delete_);
  buttons->addWidget(source_);
  buttons->addWidget(background_);
  buttons->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
  layout->addLayout(buttons);

  connect(document_, &RegionDocument::changed, this, &RegionListWidget::rebuild);
  connect(document_, &RegionDocument::selectionChanged, this, &RegionListWidget::pullSelection);
  connect(table_, &QTableWidget::itemSelectionChanged, this, &RegionListWidget::pushSelection);
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { openProperties(row); });
  connect(delete_, &QPushButton::clicked, this, [this] { document_->remove(document_->selection()); });
  connect(source_, &QPushButton::clicked, this, [this] { setSelectedRole(false); });
  connect(background_, &QPushButton::clicked, this, [this] { setSelectedRole(true); });
  rebuild();
}

void RegionListWidget::setImage(std::shared_ptr<const imaging::Image2D> image) {
  image_ = std::move(image);
  reference_ = image_ ? referenceImageOf(*image_) : std::nullopt;
}

void RegionListWidget::openProperties(int index) {
  RegionPropertiesDialog::edit(*document_, index, reference_ ? &*reference_ : nullptr, this);
}

void RegionListWidget::setSelectedRole(bool background) {
  const regions::Role role = background ? regions::Role::Background : regions::Role::Source;
  std::vector<std::pair<int, Region>> changes;
  for (int i : document_->selection()) {
    Region r = document_->at(i);
    if (r.role == role) continue;
    r.role = role;
    changes.emplace_back(i, r);
  }
  document_->replaceAll(changes, background ? tr("Make background") : tr("Make source"));
}

QString RegionListWidget::centreText(const Region& r) {
  const regions::Vec2 c = regions::centroid(r);
  if (r.frame == regions::Frame::Sky) return wcs::formatRaHms(c.x, 2) + QLatin1Char(' ') + wcs::formatDecDms(c.y, 1);
  return QStringLiteral("%1, %2 (%3)").arg(c.x, 0, 'f', 2).arg(c.y, 0, 'f', 2).arg(regions::frameName(r.frame));
}

QString RegionListWidget::sizeText(const Region& r) {
  const regions::Frame f = r.frame;
  return std::visit(
      [f](const auto& s) -> QString {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, regions::Circle>) {
          return QStringLiteral("r = %1").arg(length(s.radius, f));
        } else if constexpr (std::is_same_v<T, regions::Ellipse>) {
          return QStringLiteral("%1 × %2").arg(length(s.radii.x, f), length(s.radii.y, f));
        } else if constexpr (std::is_same_v<T, regions::Box>) {
          return QStringLiteral("%1 × %2").arg(length(s.size.x, f), length(s.size.y, f));
        } else if constexpr (std::is_same_v<T, regions::Annulus> || std::is_same_v<T, regions::Panda>) {
          return s.radii.empty() ? QString()
                                 : QStringLiteral("%1 – %2").arg(length(s.radii.front(), f), length(s.radii.back(), f));
        } else if constexpr (std::is_same_v<T, regions::Polygon>) {
          return tr("%n vertices", nullptr, static_cast<int>(s.vertices.size()));
        } else {
          return QString();
        }
      },
      r.shape);
}

void RegionListWidget::rebuild() {
  syncing_ = true;
  const auto& all = document_->regions();
  table_->setRowCount(static_cast<int>(all.size()));
  for (int row = 0; row < static_cast<int>(all.size()); ++row) {
    const Region& r = all[static_cast<size_t>(row)];
    QString shape = QString::fromLatin1(regions::shapeName(r.shape));
    if (!r.include) shape.prepend(QLatin1Char('-'));
    const QString texts[] = {shape, centreText(r), sizeText(r),
                             r.role == regions::Role::Background ? tr("background") : tr("source")};
    for (int col = 0; col < 4; ++col) {
      auto* item = table_->item(row, col);
      if (item == nullptr) {
        item = new QTableWidgetItem;
        table_->setItem(row, col, item);
      }
      item->setText(texts[col]);
    }
  }
  syncing_ = false;
  pullSelection();
}

void RegionListWidget::pullSelection() {
  syncing_ = true;
  table_->clearSelection();
  for (int i : document_->selection()) {
    if (i < table_->rowCount()) {
      table_->selectionModel()->select(table_->model()->index(i, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
  }
  const bool any = !document_->selection().empty();
  delete_->setEnabled(any);
  source_->setEnabled(any);
  background_->setEnabled(any);
  syncing_ = false;
}

void RegionListWidget::pushSelection() {
  if (syncing_) return;
  std::vector<int> rows;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows()) rows.push_back(index.row());
  document_->setSelection(rows);
}

}  // namespace xsky::widgets
