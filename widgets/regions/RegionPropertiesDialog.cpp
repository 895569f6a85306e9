#include "regions/RegionPropertiesDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>

#include <cmath>
#include <type_traits>

#include "regions/CoordinateMapper.h"
#include "regions/RegionDocument.h"
#include "regions/ShapeEdit.h"
#include "wcs/Angles.h"

namespace xsky::widgets {

namespace {

using regions::CoordSystem;
using regions::Region;
using regions::Vec2;

enum Unit { Arcsec, Arcmin, Degrees, Pixels };

double degreesPer(int unit) { return unit == Arcsec ? 1.0 / 3600 : unit == Arcmin ? 1.0 / 60 : 1.0; }

// The angle of shapes that have one (nullptr otherwise).
template <class S>
double* angleOf(S& shape) {
  return std::visit(
      [](auto& s) -> double* {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, regions::Ellipse> || std::is_same_v<T, regions::Box> ||
                      std::is_same_v<T, regions::EllipseAnnulus> || std::is_same_v<T, regions::BoxAnnulus> ||
                      std::is_same_v<T, regions::Epanda> || std::is_same_v<T, regions::Bpanda> ||
                      std::is_same_v<T, regions::Vector>) {
          return &s.angle;
        } else {
          return nullptr;
        }
      },
      shape);
}

// Pointers to the sizes the two size fields edit.
std::vector<double*> sizesOf(regions::Shape& shape) {
  return std::visit(
      [](auto& s) -> std::vector<double*> {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, regions::Circle>) {
          return {&s.radius};
        } else if constexpr (std::is_same_v<T, regions::Ellipse>) {
          return {&s.radii.x, &s.radii.y};
        } else if constexpr (std::is_same_v<T, regions::Box>) {
          return {&s.size.x, &s.size.y};
        } else if constexpr (std::is_same_v<T, regions::Annulus>) {
          if (s.radii.size() != 2) return {};
          return {&s.radii[0], &s.radii[1]};
        } else if constexpr (std::is_same_v<T, regions::Vector>) {
          return {&s.length};
        } else {
          return {};
        }
      },
      shape);
}

}  // namespace

RegionPropertiesDialog::RegionPropertiesDialog(const Region& region, const regions::ReferenceImage* image,
                                               QWidget* parent)
    : QDialog(parent), region_(region), image_(image) {
  setObjectName(QStringLiteral("regionPropertiesDialog"));
  setWindowTitle(tr("%1 region").arg(QString::fromLatin1(regions::shapeName(region.shape))));
  auto* form = new QFormLayout(this);
  auto named = [](QWidget* w, const char* name) {
    w->setObjectName(QString::fromLatin1(name));
    return w;
  };

  system_ = new QComboBox(this);
  named(system_, "system");
  const std::pair<QString, CoordSystem> systems[] = {{QStringLiteral("fk5"), CoordSystem::Fk5},
                                                     {QStringLiteral("icrs"), CoordSystem::Icrs},
                                                     {QStringLiteral("galactic"), CoordSystem::Galactic},
                                                     {QStringLiteral("image"), CoordSystem::Image}};
  for (const auto& [name, sys] : systems) {
    const bool usable = region.frame == regions::Frame::Sky ? (regions::isSkySystem(sys) || image_ != nullptr)
                                                            : (!regions::isSkySystem(sys) || image_ != nullptr);
    if (usable) system_->addItem(name, static_cast<int>(sys));
  }
  format_ = new QComboBox(this);
  named(format_, "format");
  format_->addItem(tr("degrees"));
  format_->addItem(tr("sexagesimal"));
  auto* systemRow = new QHBoxLayout;
  systemRow->addWidget(system_);
  systemRow->addWidget(format_);
  form->addRow(tr("System"), systemRow);
  centreX_ = static_cast<QLineEdit*>(named(new QLineEdit(this), "centreX"));
  centreY_ = static_cast<QLineEdit*>(named(new QLineEdit(this), "centreY"));
  form->addRow(tr("Centre"), centreX_);
  form->addRow(QString(), centreY_);

  sizeUnit_ = new QComboBox(this);
  named(sizeUnit_, "sizeUnit");
  sizeUnit_->addItem(QStringLiteral("arcsec"), Arcsec);
  sizeUnit_->addItem(QStringLiteral("arcmin"), Arcmin);
  sizeUnit_->addItem(QStringLiteral("deg"), Degrees);
  sizeUnit_->addItem(QStringLiteral("pixels"), Pixels);
  if (region.frame != regions::Frame::Sky && image_ == nullptr) sizeUnit_->setCurrentIndex(Pixels);
  size1_ = static_cast<QLineEdit*>(named(new QLineEdit(this), "size1"));
  size2_ = static_cast<QLineEdit*>(named(new QLineEdit(this), "size2"));
  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(size1_);
  sizeRow->addWidget(size2_);
  sizeRow->addWidget(sizeUnit_);
  form->addRow(tr("Size"), sizeRow);

  angle_ = new QDoubleSpinBox(this);
  named(angle_, "angle");
  angle_->setRange(-360, 720);
  angle_->setDecimals(3);
  angle_->setSuffix(QStringLiteral("°"));
  angle_->setToolTip(tr("Degrees counter-clockwise from West (sky) or +x (pixels)"));
  if (const double* a = angleOf(region_.shape)) {
    angle_->setValue(*a);
  } else {
    angle_->setEnabled(false);
  }
  form->addRow(tr("Angle"), angle_);

  role_ = new QComboBox(this);
  named(role_, "role");
  role_->addItem(tr("source"));
  role_->addItem(tr("background"));
  role_->setCurrentIndex(region.role == regions::Role::Background ? 1 : 0);
  form->addRow(tr("Role"), role_);
  exclude_ = new QCheckBox(tr("Exclude this area"), this);
  named(exclude_, "exclude");
  exclude_->setChecked(!region.include);
  form->addRow(QString(), exclude_);
  color_ = new QComboBox(this);
  named(color_, "color");
  color_->setEditable(true);
  color_->addItems({QStringLiteral("green"), QStringLiteral("red"), QStringLiteral("blue"), QStringLiteral("cyan"),
                    QStringLiteral("magenta"), QStringLiteral("yellow"), QStringLiteral("white"),
                    QStringLiteral("black")});
  color_->setCurrentText(region.style.color);
  form->addRow(tr("Colour"), color_);
  text_ = static_cast<QLineEdit*>(named(new QLineEdit(region.style.text, this), "text"));
  form->addRow(tr("Text"), text_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    QString error;
    if (editedRegion(&error)) {
      accept();
    } else {
      QMessageBox::warning(this, windowTitle(), error);
    }
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);

  connect(system_, &QComboBox::currentIndexChanged, this, &RegionPropertiesDialog::showCentre);
  connect(format_, &QComboBox::currentIndexChanged, this, &RegionPropertiesDialog::showCentre);
  connect(sizeUnit_, &QComboBox::currentIndexChanged, this, &RegionPropertiesDialog::showSizes);
  showCentre();
  showSizes();
}

CoordSystem RegionPropertiesDialog::chosenSystem() const {
  return static_cast<CoordSystem>(system_->currentData().toInt());
}

bool RegionPropertiesDialog::sexagesimal() const {
  const CoordSystem s = chosenSystem();
  return format_->currentIndex() == 1 && (s == CoordSystem::Fk5 || s == CoordSystem::Icrs);
}

void RegionPropertiesDialog::showCentre() {
  format_->setEnabled(regions::isSkySystem(chosenSystem()));
  QString error;
  const auto p = regions::CoordinateMapper(image_).position(regions::anchorOf(region_.shape),
                                                            regions::systemOf(region_.frame), chosenSystem(), &error);
  centreX_->setEnabled(p.has_value());
  centreY_->setEnabled(p.has_value());
  if (!p) {
    centreX_->setText(error);
    centreY_->clear();
  } else if (sexagesimal()) {
    centreX_->setText(wcs::formatRaHms(p->x, 3));
    centreY_->setText(wcs::formatDecDms(p->y, 2));
  } else if (regions::isSkySystem(chosenSystem())) {
    centreX_->setText(wcs::formatDegrees(p->x, 7));
    centreY_->setText(wcs::formatDegrees(p->y, 7));
  } else {
    centreX_->setText(QString::number(p->x, 'f', 3));
    centreY_->setText(QString::number(p->y, 'f', 3));
  }
}

std::optional<double> RegionPropertiesDialog::sizeToUnit(double value, int axis) const {
  const int unit = sizeUnit_->currentData().toInt();
  QString error;
  const regions::CoordinateMapper mapper(image_);
  const CoordSystem target = unit == Pixels ? CoordSystem::Image : CoordSystem::Icrs;
  const auto v = mapper.length(value, regions::systemOf(region_.frame), target, axis, &error);
  if (!v) return std::nullopt;
  return unit == Pixels ? *v : *v / degreesPer(unit);
}

std::optional<double> RegionPropertiesDialog::sizeFromUnit(double value, int axis) const {
  const int unit = sizeUnit_->currentData().toInt();
  QString error;
  const regions::CoordinateMapper mapper(image_);
  const CoordSystem source = unit == Pixels ? CoordSystem::Image : CoordSystem::Icrs;
  const double v = unit == Pixels ? value : value * degreesPer(unit);
  return mapper.length(v, source, regions::systemOf(region_.frame), axis, &error);
}

std::vector<double> RegionPropertiesDialog::editableSizes() const {
  regions::Shape copy = region_.shape;
  std::vector<double> out;
  for (double* p : sizesOf(copy)) out.push_back(*p);
  return out;
}

void RegionPropertiesDialog::showSizes() {
  const std::vector<double> sizes = editableSizes();
  QLineEdit* fields[] = {size1_, size2_};
  for (size_t k = 0; k < 2; ++k) {
    const auto v = k < sizes.size() ? sizeToUnit(sizes[k], static_cast<int>(k)) : std::nullopt;
    fields[k]->setEnabled(v.has_value());
    fields[k]->setText(v ? QString::number(*v, 'g', 10) : QString());
  }
}

std::optional<Region> RegionPropertiesDialog::editedRegion(QString* error) const {
  Region r = region_;
  auto fail = [error](const QString& why) -> std::optional<Region> {
    if (error != nullptr) *error = why;
    return std::nullopt;
  };
  // Centre.
  if (centreX_->isEnabled()) {
    auto number = [](const QString& text) -> std::optional<double> {
      bool ok = false;
      const double v = text.trimmed().toDouble(&ok);
      return ok ? std::optional<double>(v) : std::nullopt;
    };
    const bool sexa = sexagesimal();
    const std::optional<double> x = sexa ? wcs::parseRa(centreX_->text()) : number(centreX_->text());
    const std::optional<double> y = sexa ? wcs::parseDec(centreY_->text()) : number(centreY_->text());
    if (!x || !y) return fail(tr("The centre is not a position: %1 %2").arg(centreX_->text(), centreY_->text()));
    QString why;
    const auto p = regions::CoordinateMapper(image_).position({*x, *y}, chosenSystem(), regions::systemOf(r.frame), &why);
    if (!p) return fail(why);
    const Vec2 old = regions::anchorOf(r.shape);
    const bool sky = r.frame == regions::Frame::Sky;
    const Vec2 delta{sky ? std::remainder(p->x - old.x, 360.0) : p->x - old.x, p->y - old.y};
    if (std::abs(delta.x) > 1e-12 || std::abs(delta.y) > 1e-12) {
      // Positions shift by the change of the anchor (in longitude/latitude on the sky).
      r.shape = regions::translated(r.shape, delta);
    }
  }
  // Sizes.
  const std::vector<double*> sizes = sizesOf(r.shape);
  QLineEdit* const fields[] = {size1_, size2_};
  for (size_t k = 0; k < sizes.size() && k < 2; ++k) {
    if (!fields[k]->isEnabled()) continue;
    bool ok = false;
    const double v = fields[k]->text().trimmed().toDouble(&ok);
    if (!ok || v < 0) return fail(tr("Not a size: %1").arg(fields[k]->text()));
    const auto inFrame = sizeFromUnit(v, static_cast<int>(k));
    if (!inFrame) return fail(tr("The size cannot be converted to the region's frame"));
    *sizes[k] = *inFrame;
  }
  if (std::holds_alternative<regions::Annulus>(r.shape)) {
    const auto& radii = std::get<regions::Annulus>(r.shape).radii;
    if (radii.size() == 2 && !(radii[0] < radii[1])) return fail(tr("The inner radius must be below the outer one"));
  }
  if (double* a = angleOf(r.shape)) *a = angle_->value();
  r.role = role_->currentIndex() == 1 ? regions::Role::Background : regions::Role::Source;
  r.include = !exclude_->isChecked();
  r.style.color = color_->currentText().trimmed();
  r.style.text = text_->text();
  return r;
}

bool RegionPropertiesDialog::applyTo(RegionDocument& document, int index, QString* error) const {
  const auto r = editedRegion(error);
  if (!r) return false;
  document.replace(index, *r, tr("Edit region properties"));
  return true;
}

bool RegionPropertiesDialog::edit(RegionDocument& document, int index, const regions::ReferenceImage* image,
                                  QWidget* parent) {
  if (index < 0 || index >= document.count()) return false;
  RegionPropertiesDialog dialog(document.at(index), image, parent);
  if (dialog.exec() != QDialog::Accepted) return false;
  return dialog.applyTo(document, index, nullptr);
}

}  // namespace xsky::widgets
