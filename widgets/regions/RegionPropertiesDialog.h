#pragma once
// Edits one region's properties: centre in a chosen system (fk5, icrs, galactic or image) and
// format (degrees or sexagesimal), sizes in arcsec, arcmin, degrees or image pixels, angle,
// source/background, include/exclude, colour and text. Conversions between the region's frame
// and the chosen system or unit go through a CoordinateMapper on the image's ReferenceImage
// (DS9's convention); a choice that needs an image the view does not have is disabled.
// OK applies every change as one undoable document change. Child widgets are named for tests
// ("system", "format", "centreX", "centreY", "sizeUnit", "size1", "size2", "angle", "role",
// "exclude", "color", "text").

#include <QDialog>

#include <optional>

#include "regions/ReferenceImage.h"
#include "regions/Region.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;

namespace xsky::widgets {

class RegionDocument;

class RegionPropertiesDialog : public QDialog {
  Q_OBJECT
 public:
  /// `image` (not owned, may be null) converts between the sky and image pixels.
  RegionPropertiesDialog(const regions::Region& region, const regions::ReferenceImage* image,
                         QWidget* parent = nullptr);

  /// The region with the dialog's values; nullopt and *error when a field cannot be read.
  std::optional<regions::Region> editedRegion(QString* error) const;
  /// Replaces region `index` of `document` with editedRegion() (one undo step).
  bool applyTo(RegionDocument& document, int index, QString* error) const;

  /// Opens the dialog on region `index`; OK applies it. Returns true when applied.
  static bool edit(RegionDocument& document, int index, const regions::ReferenceImage* image,
                   QWidget* parent = nullptr);

 private:
  regions::CoordSystem chosenSystem() const;
  bool sexagesimal() const;
  void showCentre();
  void showSizes();
  /// A size of the region (its frame's units) in the chosen unit, and back.
  std::optional<double> sizeToUnit(double value, int axis) const;
  std::optional<double> sizeFromUnit(double value, int axis) const;
  /// The region's sizes that the two size fields edit (0, 1 or 2 of them).
  std::vector<double> editableSizes() const;

  regions::Region region_;
  const regions::ReferenceImage* image_;
  QComboBox* system_ = nullptr;
  QComboBox* format_ = nullptr;
  QLineEdit* centreX_ = nullptr;
  QLineEdit* centreY_ = nullptr;
  QComboBox* sizeUnit_ = nullptr;
  QLineEdit* size1_ = nullptr;
  QLineEdit* size2_ = nullptr;
  QDoubleSpinBox* angle_ = nullptr;
  QComboBox* role_ = nullptr;
  QCheckBox* exclude_ = nullptr;
  QComboBox* color_ = nullptr;
  QLineEdit* text_ = nullptr;
};

}  // namespace xsky::widgets
